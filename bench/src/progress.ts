/** The one-line progress display on stderr (stdout carries only the results). */
export interface Progress {
  update(text: string): void;
  /** A line that stays (a repeat, a warning). */
  note(text: string): void;
  done(): void;
}

/**
 * On a terminal the line is rewritten in place; elsewhere (CI logs) each update is its own line,
 * at most one per `minIntervalMs` so a log stays readable.
 */
export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
  minIntervalMs = 2000,
): Progress {
  const started = performance.now();
  const tty = stream.isTTY === true;
  let lastPrinted = Number.NEGATIVE_INFINITY;
  let showing = false;
  const stamp = () => `[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s]`;
  return {
    update(text) {
      if (tty) {
        stream.write(`\r\x1b[K${stamp()} ${text}`);
        showing = true;
        return;
      }
      const now = performance.now();
      if (now - lastPrinted < minIntervalMs) return;
      lastPrinted = now;
      stream.write(`${stamp()} ${text}\n`);
    },
    note(text) {
      stream.write(`${tty && showing ? '\r\x1b[K' : ''}${stamp()} ${text}\n`);
      showing = false;
    },
    done() {
      if (tty && showing) stream.write('\r\x1b[K');
      showing = false;
    },
  };
}
