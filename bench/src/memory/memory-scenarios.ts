import type { Scenario } from '../bench-types.ts';
import {
  appendContender,
  batchContender,
  latestVersionContenders,
  readAllContender,
  streamReadContender,
} from '../contenders.ts';
import { OURS, TITLES, WORKLOAD } from '../workload.ts';
import { openAetherMemory } from './aether-memory-driver.ts';
import { openPlainMap } from './plain-map-driver.ts';

const MAP = 'plain Map';

/** Our in-memory reference adapter against a plain Map of arrays (no checks, no copies). */
export function memoryScenarios(): Scenario[] {
  const ours = openAetherMemory;
  const floor = openPlainMap;
  const latest = latestVersionContenders({ subject: OURS.latest, role: 'ours', open: ours });
  const [short, long] = WORKLOAD.latestVersionLengths;
  const appends = (id: string, title: string, writers: number): Scenario => ({
    id,
    backend: 'memory',
    title,
    contenders: [
      appendContender({ subject: MAP, role: 'floor', open: floor }, writers, 'version'),
      appendContender({ subject: OURS.saveEvent, role: 'ours', open: ours }, writers, 'version'),
      appendContender({ subject: OURS.appendEvents, role: 'ours', open: ours }, writers, 'expected'),
    ],
    targets: [],
  });

  return [
    appends('memory-sequential', TITLES.sequential, 1),
    appends('memory-concurrent', TITLES.concurrent, WORKLOAD.writers),
    {
      id: 'memory-batches',
      backend: 'memory',
      title: TITLES.batches,
      contenders: [
        batchContender({ subject: MAP, role: 'floor', open: floor }, WORKLOAD.batchSize),
        batchContender({ subject: OURS.saveEvents, role: 'ours', open: ours }, WORKLOAD.batchSize),
      ],
      targets: [],
    },
    {
      id: 'memory-stream-read',
      backend: 'memory',
      title: TITLES.streamRead,
      contenders: [
        streamReadContender({ subject: MAP, role: 'floor', open: floor }, WORKLOAD.streamLength),
        streamReadContender({ subject: OURS.getEvents, role: 'ours', open: ours }, WORKLOAD.streamLength),
      ],
      targets: [],
    },
    {
      id: 'memory-latest-version',
      backend: 'memory',
      title: TITLES.latestVersion,
      unit: 'calls',
      contenders: latest.contenders,
      targets: [
        {
          ours: latest.subjectOf(long),
          reference: latest.subjectOf(short),
          min: 0.5,
          label: 'getLatestVersion at 100,000 events within 2x of 10 events',
        },
      ],
    },
    {
      id: 'memory-read-all',
      backend: 'memory',
      title: TITLES.readAll,
      contenders: [
        readAllContender({ subject: MAP, role: 'floor', open: floor }),
        readAllContender({ subject: OURS.readAll, role: 'ours', open: ours }),
      ],
      targets: [],
    },
  ];
}
