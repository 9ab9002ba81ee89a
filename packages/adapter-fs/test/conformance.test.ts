import { runConformanceSuite } from '@aether/core/conformance';
import { conformanceHooks } from './temp-store.ts';

await runConformanceSuite({ name: 'fs', ...conformanceHooks() });
