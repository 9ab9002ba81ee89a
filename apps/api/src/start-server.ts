import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type CreateAppOptions, createApp } from './create-app.ts';
import { isLoopbackAddress, LOOPBACK_HOSTNAMES } from './host-guard.ts';

export interface StartServerOptions extends CreateAppOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /**
   * Default 127.0.0.1: the console is local unless you say otherwise. On a loopback address, requests
   * must name the server as `localhost`, `127.0.0.1` or `[::1]` (`allowedHostnames` overrides that).
   */
  host?: string;
}

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  port: number;
  /**
   * Stops accepting connections, closes the store (which ends live streams), then waits for the rest;
   * connections still open after 5 s (a client that stopped reading) are dropped.
   */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
/** How long `close()` lets open responses finish before it drops their connections. */
const FORCE_CLOSE_MS = 5000;

/** Serves the console API over HTTP until `close()`. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const app = createApp({
    ...options,
    allowedHostnames: options.allowedHostnames ?? (isLoopbackAddress(host) ? LOOPBACK_HOSTNAMES : undefined),
  });
  const server = serve({ fetch: app.fetch, port: options.port ?? DEFAULT_PORT, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        // Armed before the store closes: a subscription whose client stopped reading waits on a full
        // socket forever, and so would closing the store; dropping the connections ends that write.
        const force = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, FORCE_CLOSE_MS);
        // Keep-alive sockets would hold `close` open until they time out: drop each one as soon as its
        // last response (an SSE stream ends just after the store closes) is done.
        const dropIdle = () => {
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        };
        const sweep = setInterval(dropIdle, 25);
        try {
          // Closing the store ends every SSE subscription, so those responses finish.
          await options.store.close();
          dropIdle();
          await stopped;
        } finally {
          clearInterval(sweep);
          clearTimeout(force);
        }
      })();
      return closing;
    },
  };
}
