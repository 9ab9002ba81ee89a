// The control: the correct memory store through the same harness must pass every test.
import { runMutant } from './run-mutant.ts';

await runMutant('unmutated', (store) => store);
