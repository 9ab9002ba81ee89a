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
