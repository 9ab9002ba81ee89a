import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './repository.ts';
import { runChecked } from './run-command.ts';

/** Directories of every workspace package, from the globs of pnpm-workspace.yaml (`dir` or `dir/*`). */
export function workspacePackageDirs(): string[] {
  const yaml = readFileSync(join(REPO_ROOT, 'pnpm-workspace.yaml'), 'utf8');
  const globs: string[] = [];
  for (const line of yaml.slice(yaml.indexOf('packages:')).split('\n').slice(1)) {
    const glob = /^\s+-\s+['"]?([^'"\s]+)['"]?\s*$/.exec(line)?.[1];
    if (glob === undefined) break;
    globs.push(glob);
  }
  return globs.flatMap((glob) => {
    const base = join(REPO_ROOT, glob.replace(/\/\*$/, ''));
    const dirs = glob.endsWith('/*')
      ? existsSync(base)
        ? readdirSync(base, { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => join(base, entry.name))
        : []
      : [base];
    return dirs.filter((dir) => existsSync(join(dir, 'package.json')));
  });
}

export interface VersionedPackage {
  name: string;
  private: boolean;
  /** The version in the workspace. */
  before: string;
  /** The version `changeset version` gave it. */
  after: string;
}

/**
 * Runs `changeset version` on a copy of the workspace's manifests and changeset config, with one
 * changeset bumping `bumped` by a patch, and returns every package's version before and after.
 */
export async function versionDryRun(bumped: string): Promise<VersionedPackage[]> {
  const copy = mkdtempSync(join(tmpdir(), 'aether-changeset-'));
  try {
    const manifests = workspacePackageDirs().map((dir) => join(relative(REPO_ROOT, dir), 'package.json'));
    for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json', ...manifests]) {
      mkdirSync(join(copy, file, '..'), { recursive: true });
      cpSync(join(REPO_ROOT, file), join(copy, file));
    }
    writeFileSync(join(copy, '.changeset', 'a-fix.md'), `---\n'${bumped}': patch\n---\n\nA fix.\n`);
    await runChecked('git', ['init', '-q'], { cwd: copy });
    await runChecked(join(REPO_ROOT, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: copy });
    return manifests.map((file) => {
      const before = readManifest(join(REPO_ROOT, file));
      const after = readManifest(join(copy, file));
      return {
        name: before.name,
        private: before.private === true,
        before: before.version,
        after: after.version,
      };
    });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function readManifest(file: string): { name: string; version: string; private?: boolean } {
  return JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string; private?: boolean };
}
