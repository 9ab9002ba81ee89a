import { createInterface } from 'node:readline';

/** Resolves when the parent writes `line` to this worker's stdin. */
export function lineFromParent(line: string): Promise<void> {
  return new Promise((resolve) => {
    const input = createInterface({ input: process.stdin });
    input.on('line', (received) => {
      if (received.trim() === line) {
        input.close();
        resolve();
      }
    });
  });
}

export function say(value: unknown): void {
  process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
}
