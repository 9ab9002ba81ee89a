/**
 * Throughput of the file store against its floor, measured side by side in one run: a plain
 * append + fdatasync loop of a record of the same size, the store with one sequential writer, and
 * with 16 concurrent writers (group commit). The machine is shared and noisy, so the sequential
 * comparison alternates one floor write and one store write, and the concurrent one alternates
 * short rounds; medians of per-round rates are reported.
 * `pnpm --filter @aether/adapter-fs measure [events-per-round] [rounds]`. The formal benchmark is in bench/.
 */
import { mkdtempSync, rmSync, writeSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEvent, type Event } from '@aether/core';
import { createFileEventStore, type FileEventStore } from '../src/index.ts';

const perRound = Number(process.argv[2] ?? 300);
const rounds = Number(process.argv[3] ?? 7);
const payload = { orderId: 'order-123456', amount: 4200, currency: 'EUR', lines: [{ sku: 'ABC-1', qty: 2 }] };
const eventFor = (actorId: string, version: number): Event =>
  createEvent({ actorId, eventType: 'OrderPlaced', version, data: payload });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] as number;

/** One floor write: the event's JSON and a newline, appended, then fdatasync. */
async function floorWrite(handle: FileHandle, version: number): Promise<void> {
  writeSync(handle.fd, `${JSON.stringify(eventFor('order-1', version))}\n`);
  await handle.datasync();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'aether-fs-measure-'));
  const floorFile = await open(join(dir, 'floor.log'), 'a');
  const stores: FileEventStore[] = [];
  try {
    // Sequential: floor and store alternate write by write, so both see the same disk and load.
    const sequential = await createFileEventStore({ directory: dir, namespace: 'sequential' });
    stores.push(sequential);
    const floorRates: number[] = [];
    const storeRates: number[] = [];
    let version = 0;
    for (let round = 0; round < rounds; round++) {
      let floorMs = 0;
      let storeMs = 0;
      for (let i = 0; i < perRound; i++) {
        version++;
        const t0 = performance.now();
        await floorWrite(floorFile, version);
        const t1 = performance.now();
        await sequential.saveEvent(eventFor('order-1', version));
        storeMs += performance.now() - t1;
        floorMs += t1 - t0;
      }
      floorRates.push((perRound / floorMs) * 1000);
      storeRates.push((perRound / storeMs) * 1000);
    }

    // 16 concurrent writers: rounds of the store alternate with rounds of the sequential floor.
    const concurrent = await createFileEventStore({ directory: dir, namespace: 'concurrent' });
    stores.push(concurrent);
    const concurrentRates: number[] = [];
    const floorRates2: number[] = [];
    const versions = new Array<number>(16).fill(0);
    for (let round = 0; round < rounds; round++) {
      const t0 = performance.now();
      for (let i = 0; i < perRound; i++) await floorWrite(floorFile, i);
      floorRates2.push((perRound / (performance.now() - t0)) * 1000);
      const perWriter = Math.ceil((perRound * 4) / 16);
      const t1 = performance.now();
      await Promise.all(
        versions.map(async (_, writer) => {
          for (let i = 0; i < perWriter; i++) {
            versions[writer] = (versions[writer] as number) + 1;
            await concurrent.saveEvent(eventFor(`order-${writer}`, versions[writer] as number));
          }
        }),
      );
      concurrentRates.push(((perWriter * 16) / (performance.now() - t1)) * 1000);
    }

    const fmt = (n: number) => `${Math.round(n)}/s`;
    const floor = median(floorRates);
    const seq = median(storeRates);
    const floor2 = median(floorRates2);
    const conc = median(concurrentRates);
    console.log(
      `${rounds} rounds, medians of per-round rates (event JSON ~${JSON.stringify(eventFor('order-1', 1)).length} bytes)`,
    );
    console.log(`floor, append + fdatasync (interleaved with the sequential store): ${fmt(floor)}`);
    console.log(`store, 1 sequential writer: ${fmt(seq)}  ratio ${(seq / floor).toFixed(2)} (target >= 0.9)`);
    console.log(`floor, append + fdatasync (rounds between the concurrent store): ${fmt(floor2)}`);
    console.log(
      `store, 16 concurrent writers: ${fmt(conc)}  ratio ${(conc / floor2).toFixed(2)} (target >= 4)`,
    );
  } finally {
    for (const store of stores) await store.close();
    await floorFile.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
