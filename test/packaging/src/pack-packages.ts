import { REPO_ROOT, type WorkspacePackage } from './repository.ts';
import { runChecked } from './run-command.ts';

/** The pnpm this repository pins (packageManager in the root package.json). */
export function pnpm(args: readonly string[], cwd: string) {
  return runChecked('npx', ['-y', 'pnpm@12.4.2', ...args], { cwd, timeoutMs: 300_000 });
}

/**
 * Builds the packages to `dist` (pnpm runs the build scripts in dependency order, core first) and
 * packs each with `pnpm pack`, which applies `publishConfig` and rewrites `workspace:` ranges as a
 * publish would. Returns the tarball path of each package by name.
 */
export async function buildAndPack(
  packages: readonly WorkspacePackage[],
  destination: string,
): Promise<Map<string, string>> {
  const filters = packages.flatMap((pkg) => ['--filter', pkg.name]);
  await pnpm([...filters, 'run', 'build'], REPO_ROOT);
  const tarballs = new Map<string, string>();
  for (const pkg of packages) {
    const { stdout } = await pnpm(['pack', '--pack-destination', destination, '--json'], pkg.dir);
    const { filename } = JSON.parse(stdout) as { filename: string };
    tarballs.set(pkg.name, filename);
  }
  return tarballs;
}
