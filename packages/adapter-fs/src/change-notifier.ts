import { type FSWatcher, watch } from 'node:fs';

/** Every notifier of this process, by namespace directory: a commit here wakes them without the disk. */
const sameProcess = new Map<string, Set<ChangeNotifier>>();

/**
 * Wakes subscriptions when the log may have grown: at once for commits of this process, through
 * `fs.watch` for other processes (the subscription also polls, in case a notification is missed or
 * the platform has no watcher).
 */
export class ChangeNotifier {
  readonly #dir: string;
  readonly #listeners = new Set<() => void>();
  #watcher: FSWatcher | null = null;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Registers `listener`; returns the function that removes it. */
  add(listener: () => void): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#start();
    return () => {
      if (this.#listeners.delete(listener) && this.#listeners.size === 0) this.#stop();
    };
  }

  /** Tells every store of this process on the same directory (this one included) that the log grew. */
  notifyProcess(): void {
    for (const notifier of sameProcess.get(this.#dir) ?? []) notifier.#fire();
  }

  close(): void {
    this.#listeners.clear();
    this.#stop();
  }

  #fire(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  #start(): void {
    let peers = sameProcess.get(this.#dir);
    if (peers === undefined) {
      peers = new Set();
      sameProcess.set(this.#dir, peers);
    }
    peers.add(this);
    try {
      this.#watcher = watch(this.#dir, { persistent: false }, () => this.#fire());
      this.#watcher.on('error', () => this.#closeWatcher());
    } catch {
      // No watcher here (or out of inotify watches): polling still delivers every event.
      this.#watcher = null;
    }
  }

  #stop(): void {
    const peers = sameProcess.get(this.#dir);
    peers?.delete(this);
    if (peers?.size === 0) sameProcess.delete(this.#dir);
    this.#closeWatcher();
  }

  #closeWatcher(): void {
    this.#watcher?.close();
    this.#watcher = null;
  }
}
