import type { Scenario } from '../bench-types.ts';
import {
  appendContender,
  batchContender,
  latestVersionContenders,
  readAllContender,
  streamReadContender,
} from '../contenders.ts';
import { OURS, TITLES, WORKLOAD } from '../workload.ts';
import { openAetherFs } from './aether-fs-driver.ts';
import { openRawFile } from './raw-file-driver.ts';

const FLOOR = 'append + fdatasync';
const FLOOR_ONE_WRITER = 'append + fdatasync (1 writer)';

/** Our file store against a plain append + fdatasync loop on the same disk. */
export function fsScenarios(): Scenario[] {
  const ours = openAetherFs;
  const raw = openRawFile;
  const latest = latestVersionContenders({ subject: OURS.latest, role: 'ours', open: ours });
  const [short, long] = WORKLOAD.latestVersionLengths;
  const readAll = (subject: string, role: 'ours' | 'floor', open: typeof ours) =>
    readAllContender({ subject, role, open });

  return [
    {
      id: 'fs-sequential',
      backend: 'fs',
      title: TITLES.sequential,
      contenders: [
        appendContender({ subject: FLOOR, role: 'floor', open: raw }, 1, 'version'),
        appendContender({ subject: OURS.saveEvent, role: 'ours', open: ours }, 1, 'version'),
        appendContender({ subject: OURS.appendEvents, role: 'ours', open: ours }, 1, 'expected'),
      ],
      targets: [
        { ours: OURS.saveEvent, reference: FLOOR, min: 0.9, label: 'saveEvent >= 0.9x append + fdatasync' },
        {
          ours: OURS.appendEvents,
          reference: FLOOR,
          min: 0.9,
          label: 'appendEvents >= 0.9x append + fdatasync',
        },
      ],
    },
    {
      id: 'fs-concurrent',
      backend: 'fs',
      title: TITLES.concurrent,
      contenders: [
        // The target is against the one-writer floor: group commit must make 16 writers share syncs.
        appendContender({ subject: FLOOR_ONE_WRITER, role: 'floor', open: raw }, 1, 'version'),
        appendContender({ subject: OURS.saveEvent, role: 'ours', open: ours }, WORKLOAD.writers, 'version'),
        appendContender(
          { subject: OURS.appendEvents, role: 'ours', open: ours },
          WORKLOAD.writers,
          'expected',
        ),
      ],
      targets: [
        {
          ours: OURS.saveEvent,
          reference: FLOOR_ONE_WRITER,
          min: 4,
          label: 'saveEvent x16 >= 4x append + fdatasync',
        },
        {
          ours: OURS.appendEvents,
          reference: FLOOR_ONE_WRITER,
          min: 4,
          label: 'appendEvents x16 >= 4x append + fdatasync',
        },
      ],
    },
    {
      id: 'fs-batches',
      backend: 'fs',
      title: TITLES.batches,
      contenders: [
        batchContender({ subject: 'append 100 + fdatasync', role: 'floor', open: raw }, WORKLOAD.batchSize),
        batchContender({ subject: OURS.saveEvents, role: 'ours', open: ours }, WORKLOAD.batchSize),
      ],
      targets: [],
    },
    {
      id: 'fs-stream-read',
      backend: 'fs',
      title: TITLES.streamRead,
      contenders: [
        streamReadContender(
          { subject: 'readFile + JSON.parse', role: 'floor', open: raw },
          WORKLOAD.streamLength,
        ),
        streamReadContender({ subject: OURS.getEvents, role: 'ours', open: ours }, WORKLOAD.streamLength),
      ],
      targets: [],
    },
    {
      id: 'fs-latest-version',
      backend: 'fs',
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
      id: 'fs-read-all',
      backend: 'fs',
      title: TITLES.readAll,
      contenders: [readAll('readFile + JSON.parse', 'floor', raw), readAll(OURS.readAll, 'ours', ours)],
      targets: [],
    },
  ];
}
