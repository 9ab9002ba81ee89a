import { delimiter } from 'node:path';
import { REPO_ROOT } from './repository.ts';

/**
 * The environment of a process in the outside project: this process's, minus what the workspace's
 * tools put there (pnpm's npm_config_* settings, which npm would obey; vitest's and turbo's markers;
 * the workspace's node_modules/.bin on PATH), so that it sees only what it installed itself.
 */
export function outsideEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|VITEST|TURBO_|NODE_OPTIONS$|NODE_ENV$|TEST$)/.test(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.startsWith(REPO_ROOT))
    .join(delimiter);
  return { ...env, ...extra };
}
