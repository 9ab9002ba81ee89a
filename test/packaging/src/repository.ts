import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo's root directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
}

/** The packages under `packages/` that are not private: what gets published. */
export function publishablePackages(): WorkspacePackage[] {
  const root = join(REPO_ROOT, 'packages');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, entry.name))
    .flatMap((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
        private?: boolean;
      };
      return manifest.private === true ? [] : [{ name: manifest.name, version: manifest.version, dir }];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
