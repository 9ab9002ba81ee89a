import { describe, expect, it } from 'vitest';
import { publishablePackages } from '../src/repository.ts';
import { versionDryRun } from '../src/version-dry-run.ts';

const nextPatch = (version: string) => version.replace(/\d+$/, (patch) => String(Number(patch) + 1));

describe('changesets', () => {
  it('bumps core and the three adapters together (one fixed group) and never versions a private package', async () => {
    const packages = await versionDryRun('@aether/core');

    const released = packages.filter((pkg) => pkg.before !== pkg.after);
    expect(released.map((pkg) => pkg.name).sort()).toEqual(publishablePackages().map((pkg) => pkg.name));
    for (const pkg of released) expect(pkg.after, pkg.name).toBe(nextPatch(pkg.before));
    // Everything else in the workspace is private, and changesets leaves it alone.
    const others = packages.filter((pkg) => pkg.before === pkg.after);
    expect(others.filter((pkg) => !pkg.private)).toEqual([]);
    expect(others.map((pkg) => pkg.name)).toEqual(
      expect.arrayContaining([
        '@aether/api',
        '@aether/admin',
        '@aether/packaging-tests',
        'aether-adapter-sqlite-example',
      ]),
    );
  });
});
