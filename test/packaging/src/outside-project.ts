import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './repository.ts';
import { runChecked } from './run-command.ts';

const FIXTURE = fileURLToPath(new URL('../fixture/', import.meta.url));
const EXAMPLE = join(REPO_ROOT, 'examples', 'sqlite-adapter');

/** What a project outside the workspace installs from the registry, besides the tarballs. */
export const REGISTRY_PACKAGES = {
  dependencies: { 'better-sqlite3': '12.11.1' },
  devDependencies: {
    '@types/better-sqlite3': '9.6.0',
    '@types/node': '20.19.43',
    'fast-check': '4.10.2',
    typescript: '5.9.3',
    vitest: '4.1.12',
  },
};

/**
 * Lays out a plain npm project in `dir` (outside the workspace): the consumer files of `fixture/`,
 * the example SQLite adapter's sources in `sqlite-adapter/`, and a package.json that depends on the
 * tarballs by path. Then installs it with npm.
 */
export async function createOutsideProject(
  dir: string,
  tarballs: ReadonlyMap<string, string>,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  cpSync(FIXTURE, dir, { recursive: true });
  const adapter = join(dir, 'sqlite-adapter');
  for (const entry of ['src', 'test', 'tsconfig.json']) {
    cpSync(join(EXAMPLE, entry), join(adapter, entry), { recursive: true });
  }
  const packed = Object.fromEntries([...tarballs].map(([name, tarball]) => [name, `file:${tarball}`]));
  const manifest = {
    name: 'aether-outside-project',
    private: true,
    type: 'module',
    dependencies: { ...packed, ...REGISTRY_PACKAGES.dependencies },
    devDependencies: REGISTRY_PACKAGES.devDependencies,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await runChecked('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    // better-sqlite3 compiles from source when no prebuilt binary can be downloaded: give it time.
    timeoutMs: 900_000,
  });
}
