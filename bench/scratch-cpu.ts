import { readFileSync } from 'node:fs';
import { appendContender } from './src/contenders.ts';
import { openAetherPostgres } from './src/postgres/aether-postgres-driver.ts';
import { startEmbeddedPostgres } from './src/postgres/embedded-server.ts';
import { openRawPostgres } from './src/postgres/raw-postgres-driver.ts';

const cpu = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const idle = f[3]! + f[4]!;
  const total = f.reduce((a, b) => a + b, 0);
  return { idle, total };
};
const pg = await startEmbeddedPostgres();
const writers = Number(process.argv[2] ?? 16);
const cs = [
  appendContender({ subject: 'raw', role: 'floor', open: () => openRawPostgres(pg.url) }, writers, 'version'),
  appendContender(
    { subject: 'saveEvent', role: 'ours', open: () => openAetherPostgres(pg.url) },
    writers,
    'version',
  ),
  appendContender(
    { subject: 'appendEvents', role: 'ours', open: () => openAetherPostgres(pg.url) },
    writers,
    'expected',
  ),
];
for (const c of cs) await c.setup();
for (let r = 0; r < 4; r++)
  for (const c of cs) {
    const a = cpu();
    const u0 = process.cpuUsage();
    const s = await c.sample(1500);
    const b = cpu();
    const u = process.cpuUsage(u0);
    const busy = 1 - (b.idle - a.idle) / (b.total - a.total);
    const nodeCpu = (u.user + u.system) / 1000 / s.elapsedMs;
    console.log(
      c.subject.padEnd(14),
      Math.round((s.events / s.elapsedMs) * 1000),
      'ev/s',
      'machine busy',
      (busy * 100).toFixed(0) + '%',
      'node cpu',
      (nodeCpu * 100).toFixed(0) + '%',
      'node ms/event',
      ((u.user + u.system) / 1000 / s.events).toFixed(3),
    );
  }
for (const c of cs) await c.teardown();
await pg.stop();
