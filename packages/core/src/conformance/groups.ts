import { testAppends } from './groups/appends.ts';
import { testBatches } from './groups/batches.ts';
import { testClose } from './groups/close.ts';
import { testConcurrency } from './groups/concurrency.ts';
import { testDurability } from './groups/durability.ts';
import { testFidelity } from './groups/fidelity.ts';
import { testFindByMetadata } from './groups/find-by-metadata.ts';
import { testGetEventById } from './groups/get-event-by-id.ts';
import { testIdempotentRetry } from './groups/idempotent-retry.ts';
import { testImmutability } from './groups/immutability.ts';
import { testInputDomain } from './groups/input-domain.ts';
import { testIsolation } from './groups/isolation.ts';
import { testListActors } from './groups/list-actors.ts';
import { testModel } from './groups/model.ts';
import { testReadAll } from './groups/read-all.ts';
import { testReadStream } from './groups/read-stream.ts';
import { testReads } from './groups/reads.ts';
import { testReplayErrors } from './groups/replay-errors.ts';
import { testSnapshots } from './groups/snapshots.ts';
import { testSubscriptions } from './groups/subscriptions.ts';
import { testVersions } from './groups/versions.ts';
import type { StoreMethod } from './harness.ts';
import type { ConformanceOptions } from './options.ts';

/** A hook of `ConformanceOptions` a group needs besides the store's methods. */
export type ConformanceHook = 'reopen' | 'corrupt';

export interface ConformanceGroup {
  /** Stable name, used in test titles: `aether conformance: <store> / <name>`. */
  name: string;
  /** Store methods beyond `saveEvent`, `getEvents` and `getLatestVersion`. */
  methods: readonly StoreMethod[];
  hooks: readonly ConformanceHook[];
  /** Registers the group's tests (synchronously) in the current vitest file. */
  register: (options: ConformanceOptions) => void;
}

/** Every group of the suite, in the order `runConformanceSuite` registers them. */
export const conformanceGroups: readonly ConformanceGroup[] = [
  { name: 'versions', methods: [], hooks: [], register: testVersions },
  { name: 'reads', methods: [], hooks: [], register: testReads },
  { name: 'concurrency', methods: [], hooks: [], register: testConcurrency },
  { name: 'idempotent retry', methods: [], hooks: [], register: testIdempotentRetry },
  { name: 'immutability', methods: [], hooks: [], register: testImmutability },
  { name: 'fidelity', methods: [], hooks: [], register: testFidelity },
  { name: 'input domain', methods: [], hooks: [], register: testInputDomain },
  { name: 'isolation', methods: [], hooks: [], register: testIsolation },
  { name: 'model', methods: [], hooks: [], register: testModel },
  { name: 'snapshots', methods: ['getLatestSnapshot', 'saveSnapshot'], hooks: [], register: testSnapshots },
  { name: 'durability', methods: [], hooks: ['reopen'], register: testDurability },
  { name: 'replay errors', methods: ['getEventsWithErrors'], hooks: ['corrupt'], register: testReplayErrors },
  { name: 'batches', methods: ['saveEvents'], hooks: [], register: testBatches },
  { name: 'appends', methods: ['appendEvents'], hooks: [], register: testAppends },
  { name: 'getEventById', methods: ['getEventById'], hooks: [], register: testGetEventById },
  { name: 'readStream', methods: ['readStream'], hooks: [], register: testReadStream },
  { name: 'listActors', methods: ['listActors'], hooks: [], register: testListActors },
  { name: 'readAll', methods: ['readAll'], hooks: [], register: testReadAll },
  { name: 'findByMetadata', methods: ['findByMetadata'], hooks: [], register: testFindByMetadata },
  { name: 'subscriptions', methods: ['subscribe', 'close'], hooks: [], register: testSubscriptions },
  { name: 'close', methods: ['close'], hooks: [], register: testClose },
];
