import { createInterface } from 'node:readline';

/** Resolves with the first line the parent writes to this worker's stdin that starts with `word`. */
export function lineFromParent(word: string): Promise<string> {
  return new Promise((resolve) => {
    const input = createInterface({ input: process.stdin });
    input.on('line', (received) => {
      const line = received.trim();
      if (line === word || line.startsWith(`${word} `)) {
        input.close();
        resolve(line);
      }
    });
  });
}

export function say(value: unknown): void {
  process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
}
