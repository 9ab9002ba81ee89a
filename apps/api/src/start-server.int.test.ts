import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { createMemoryEventStore } from '@aether/adapter-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from './start-server.ts';

const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

describe('startServer close()', () => {
  it('finishes while an SSE client has stopped reading (its socket full), by dropping it', async () => {
    const store = createMemoryEventStore();
    // Far more than the socket buffers of both ends hold, so the server's write waits on the client.
    const big = 'x'.repeat(60_000);
    for (let n = 0; n < 400; n++)
      await store.appendEvents(`actor-${n % 10}`, [{ eventType: 'Big', data: { big } }]);
    const server = await startServer({ store, port: 0 });
    const socket = connect(server.port, '127.0.0.1');
    sockets.push(socket);
    socket.write('GET /api/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n');
    await new Promise((resolve) => socket.once('data', resolve));
    socket.pause();
    // Let the server fill the socket.
    await new Promise((resolve) => setTimeout(resolve, 500));

    await server.close();
    await expect(store.readAll()).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  }, 60_000);
});

/** GET `path` with the given `Host` header; the status and body. */
function getWithHost(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startServer on a loopback address', () => {
  it('answers loopback names only, so a rebound domain name cannot read the store', async () => {
    const store = createMemoryEventStore();
    await store.appendEvents('secret-actor', [{ eventType: 'Created', data: {} }]);
    const server = await startServer({ store, port: 0 });
    try {
      for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
        expect((await getWithHost(server.port, '/api/actors', host)).status, host).toBe(200);
      }
      for (const host of [`attacker.example:${server.port}`, 'attacker.example', '127.0.0.1.nip.io']) {
        const { status, body } = await getWithHost(server.port, '/api/actors', host);
        expect(status, host).toBe(403);
        expect(JSON.parse(body).error.code).toBe('FORBIDDEN');
        expect(body).not.toContain('secret-actor');
      }
    } finally {
      await server.close();
    }
  });

  it('answers any name when bound to a non-loopback address', async () => {
    const store = createMemoryEventStore();
    const server = await startServer({ store, port: 0, host: '0.0.0.0' });
    try {
      expect((await getWithHost(server.port, '/api/health', 'console.internal')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
