import { runConformanceSuite } from '@aether/core/conformance';
import { conformanceHooks } from './temp-store.ts';

await runConformanceSuite({ name: 'fs', ...conformanceHooks() });

// Again with tiny segments and an awkward namespace: every rule must hold across segment boundaries.
await runConformanceSuite({
  name: 'fs (4 KiB segments, namespace "../Tenant é")',
  ...conformanceHooks({ segmentBytes: 4096, namespace: '../Tenant \u00e9' }),
});
