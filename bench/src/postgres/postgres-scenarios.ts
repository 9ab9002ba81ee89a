import type { Scenario } from '../bench-types.ts';
import {
  appendContender,
  batchContender,
  latestVersionContenders,
  readAllContender,
  streamReadContender,
} from '../contenders.ts';
import { OURS, TITLES, WORKLOAD } from '../workload.ts';
import { openAetherPostgres } from './aether-postgres-driver.ts';
import { openEmmett } from './emmett-driver.ts';
import { openRawPostgres } from './raw-postgres-driver.ts';

const INSERT = 'postgres.js INSERT';
const INSERT_AETHER_TABLE = 'postgres.js INSERT, Aether table';
const EMMETT = 'Emmett appendToStream';

/** Our adapter, plain postgres.js statements and Emmett 0.42 on one server, scenario by scenario. */
export function postgresScenarios(url: string): Scenario[] {
  const ours = () => openAetherPostgres(url);
  const raw = () => openRawPostgres(url);
  const rawAetherTable = () => openRawPostgres(url, 'aether');
  const emmett = () => openEmmett(url);

  const appends = (title: string, writers: number): Scenario => ({
    id: `postgres-${writers === 1 ? 'sequential' : 'concurrent'}`,
    backend: 'postgres',
    title,
    contenders: [
      appendContender({ subject: INSERT, role: 'floor', open: raw }, writers, 'version'),
      // Not a target: shows how much of the gap to the floor is the table (indexes) itself.
      appendContender(
        { subject: INSERT_AETHER_TABLE, role: 'floor', open: rawAetherTable },
        writers,
        'version',
      ),
      appendContender({ subject: OURS.saveEvent, role: 'ours', open: ours }, writers, 'version'),
      appendContender({ subject: OURS.appendEvents, role: 'ours', open: ours }, writers, 'expected'),
      appendContender({ subject: EMMETT, role: 'peer', open: emmett }, writers, 'expected'),
    ],
    targets: [
      { ours: OURS.saveEvent, reference: INSERT, min: 0.85, label: 'saveEvent >= 0.85x plain INSERT' },
      { ours: OURS.appendEvents, reference: INSERT, min: 0.85, label: 'appendEvents >= 0.85x plain INSERT' },
      { ours: OURS.appendEvents, reference: EMMETT, min: 2.5, label: 'appendEvents >= 2.5x Emmett' },
    ],
  });

  const latest = latestVersionContenders({ subject: OURS.latest, role: 'ours', open: ours });
  const [short, long] = WORKLOAD.latestVersionLengths;

  return [
    appends(TITLES.sequential, 1),
    appends(TITLES.concurrent, WORKLOAD.writers),
    {
      id: 'postgres-batches',
      backend: 'postgres',
      title: TITLES.batches,
      contenders: [
        batchContender(
          { subject: 'postgres.js multi-row INSERT', role: 'floor', open: raw },
          WORKLOAD.batchSize,
        ),
        batchContender({ subject: OURS.saveEvents, role: 'ours', open: ours }, WORKLOAD.batchSize),
        batchContender({ subject: EMMETT, role: 'peer', open: emmett }, WORKLOAD.batchSize),
      ],
      targets: [
        {
          ours: OURS.saveEvents,
          reference: 'postgres.js multi-row INSERT',
          min: 0.9,
          label: 'saveEvents(100) >= 0.9x multi-row INSERT',
        },
      ],
    },
    {
      id: 'postgres-stream-read',
      backend: 'postgres',
      title: TITLES.streamRead,
      contenders: [
        streamReadContender(
          { subject: 'postgres.js SELECT', role: 'floor', open: raw },
          WORKLOAD.streamLength,
        ),
        streamReadContender({ subject: OURS.getEvents, role: 'ours', open: ours }, WORKLOAD.streamLength),
        streamReadContender(
          { subject: 'Emmett readStream', role: 'peer', open: emmett },
          WORKLOAD.streamLength,
        ),
      ],
      targets: [
        {
          ours: OURS.getEvents,
          reference: 'postgres.js SELECT',
          min: 0.8,
          label: 'getEvents >= 0.8x plain SELECT',
        },
      ],
    },
    {
      id: 'postgres-latest-version',
      backend: 'postgres',
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
      id: 'postgres-read-all',
      backend: 'postgres',
      title: TITLES.readAll,
      contenders: [
        readAllContender({ subject: 'postgres.js SELECT pages', role: 'floor', open: raw }),
        readAllContender({ subject: OURS.readAll, role: 'ours', open: ours }),
      ],
      targets: [],
    },
  ];
}
