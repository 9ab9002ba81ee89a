import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** The machine a run measured, in the words the README's Performance section uses. */
export function describeMachine(): string[] {
  let uname = `${process.platform} ${process.arch}`;
  try {
    uname = execFileSync('uname', ['-a'], { encoding: 'utf8' }).trim();
  } catch {
    // Not every system has uname; the platform is enough then.
  }
  const cpu = cpus();
  return [
    `machine: ${uname}`,
    `cpu: ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
    `node: ${process.version}`,
  ];
}
