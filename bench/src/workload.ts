/** The sizes every backend is measured at (issue 7). */
export const WORKLOAD = {
  writers: 16,
  batchSize: 100,
  streamLength: 10_000,
  latestVersionLengths: [10, 100_000] as const,
  readAllActors: 10,
  readAllPerActor: 1_000,
  readAllPage: 1_000,
};

/** Scenario titles, shared by every backend so rows line up. */
export const TITLES = {
  sequential: 'sequential appends (1 writer)',
  concurrent: `${WORKLOAD.writers} concurrent writers`,
  batches: `batches of ${WORKLOAD.batchSize}`,
  streamRead: `read a ${WORKLOAD.streamLength.toLocaleString('en-US')}-event stream`,
  latestVersion: 'getLatestVersion (calls/s)',
  readAll: `readAll of ${(WORKLOAD.readAllActors * WORKLOAD.readAllPerActor).toLocaleString('en-US')} events`,
};

/** Subject names of our adapter's calls. */
export const OURS = {
  saveEvent: 'aether saveEvent',
  appendEvents: 'aether appendEvents',
  saveEvents: 'aether saveEvents',
  getEvents: 'aether getEvents',
  readAll: 'aether readAll',
  latest: 'aether',
};
