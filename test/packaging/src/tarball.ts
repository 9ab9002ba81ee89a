import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChecked } from './run-command.ts';

export interface PackedManifest {
  name: string;
  version: string;
  type?: string;
  sideEffects?: unknown;
  exports?: Record<string, unknown>;
  files?: string[];
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  publishConfig?: Record<string, unknown>;
}

export interface TarballContents {
  /** `package.json` as packed (publishConfig applied). */
  manifest: PackedManifest;
  /** Its raw text, to search for leftovers such as `workspace:`. */
  manifestText: string;
  /** Paths inside the package, without the leading `package/`. */
  files: string[];
}

/** Lists a package tarball and reads its manifest. */
export async function readTarball(tarball: string): Promise<TarballContents> {
  const listing = await runChecked('tar', ['-tzf', tarball], { cwd: tmpdir() });
  const files = listing.stdout
    .split('\n')
    .filter((line) => line.length > 0 && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();
  const dir = mkdtempSync(join(tmpdir(), 'aether-tarball-'));
  try {
    await runChecked('tar', ['-xzf', tarball, '-C', dir, 'package/package.json'], { cwd: dir });
    const manifestText = readFileSync(join(dir, 'package', 'package.json'), 'utf8');
    return { manifest: JSON.parse(manifestText) as PackedManifest, manifestText, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
