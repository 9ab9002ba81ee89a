/**
 * Rough throughput check of the file store against its floor, in one run: a plain append +
 * fdatasync loop of a similar record, the store with one sequential writer, and with 16 concurrent
 * writers (group commit). `pnpm --filter @aether/adapter-fs measure [events]`. The formal benchmark
 * lives in bench/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEvent } from '@aether/core';
import { createFileEventStore } from '../src/index.ts';

const count = Number(process.argv[2] ?? 1000);
const payload = { orderId: 'order-123456', amount: 4200, currency: 'EUR', lines: [{ sku: 'ABC-1', qty: 2 }] };
const record = () =>
  `${JSON.stringify(createEvent({ actorId: 'order-1', eventType: 'OrderPlaced', version: 1, data: payload }))}\n`;

async function rawFloor(dir: string): Promise<number> {
  const handle = await open(join(dir, `raw-${Math.random()}.log`), 'a');
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    await handle.write(record());
    await handle.datasync();
  }
  const elapsed = performance.now() - started;
  await handle.close();
  return (count / elapsed) * 1000;
}

async function sequential(dir: string, round: number): Promise<number> {
  const store = await createFileEventStore({ directory: dir, namespace: `sequential-${round}` });
  const started = performance.now();
  for (let i = 1; i <= count; i++) {
    await store.saveEvent(
      createEvent({ actorId: 'order-1', eventType: 'OrderPlaced', version: i, data: payload }),
    );
  }
  const elapsed = performance.now() - started;
  await store.close();
  return (count / elapsed) * 1000;
}

async function concurrent(dir: string, writers: number, round: number): Promise<number> {
  const store = await createFileEventStore({ directory: dir, namespace: `concurrent-${round}` });
  const perWriter = Math.ceil(count / writers);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 1; i <= perWriter; i++) {
        await store.saveEvent(
          createEvent({ actorId: `order-${w}`, eventType: 'OrderPlaced', version: i, data: payload }),
        );
      }
    }),
  );
  const elapsed = performance.now() - started;
  await store.close();
  return ((perWriter * writers) / elapsed) * 1000;
}

const rounds = Number(process.argv[3] ?? 5);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] as number;
const dir = mkdtempSync(join(tmpdir(), 'aether-fs-measure-'));
try {
  const floors: number[] = [];
  const seqs: number[] = [];
  const concs: number[] = [];
  // Interleaved rounds, medians: the machine is shared, so one run of each is mostly noise.
  for (let round = 0; round < rounds; round++) {
    floors.push(await rawFloor(dir));
    seqs.push(await sequential(dir, round));
    concs.push(await concurrent(dir, 16, round));
  }
  const [floor, seq, conc] = [median(floors), median(seqs), median(concs)];
  const fmt = (n: number) => `${Math.round(n)}/s`;
  console.log(`${count} events x ${rounds} rounds, medians`);
  console.log(`raw append+fdatasync: ${fmt(floor)}`);
  console.log(`store, 1 sequential writer: ${fmt(seq)} (${(seq / floor).toFixed(2)}x floor)`);
  console.log(`store, 16 concurrent writers: ${fmt(conc)} (${(conc / floor).toFixed(2)}x floor)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
