import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AetherServer, seedStore, startAether } from './support/aether-process.ts';

/**
 * Seeds a fresh file store with the demo dataset (`aether seed`) and serves it with writes enabled,
 * plus a second server on an empty store. Tests read the URLs from the environment, which Playwright
 * passes on to its workers.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = await mkdtemp(path.join(tmpdir(), 'aether-admin-e2e-'));
  const servers: AetherServer[] = [];
  const teardown = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await rm(root, { recursive: true, force: true });
  };
  try {
    const token = `e2e-${process.pid}-${Date.now()}`;
    const seeded = `fs:${path.join(root, 'seeded')}`;
    const started = Date.now();
    await seedStore(seeded);
    console.log(`e2e: seeded the demo store in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const main = await startAether({ store: seeded, token });
    servers.push(main);
    const empty = await startAether({ store: `fs:${path.join(root, 'empty')}` });
    servers.push(empty);
    process.env.AETHER_E2E_URL = main.url;
    process.env.AETHER_E2E_TOKEN = token;
    process.env.AETHER_E2E_EMPTY_URL = empty.url;
    process.env.AETHER_E2E_ROOT = root;
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
