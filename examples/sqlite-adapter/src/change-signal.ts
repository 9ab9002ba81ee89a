import { resolve } from 'node:path';

type Watcher = () => void;

// Stores of this process on the same file and namespace wake each other's subscriptions at once;
// writes by other processes are found by the subscription's polling.
const watchers = new Map<string, Set<Watcher>>();

/** The key of one logical store: the absolute file path and the namespace. */
export function storageKey(filename: string, namespace: string): string {
  // Every ':memory:' connection is a database of its own, so it shares no key.
  const file = filename === ':memory:' ? `:memory:${Math.random()}` : resolve(filename);
  return `${file}\u0000${namespace}`;
}

export function watchStorage(key: string, watcher: Watcher): () => void {
  let set = watchers.get(key);
  if (set === undefined) {
    set = new Set();
    watchers.set(key, set);
  }
  set.add(watcher);
  return () => {
    set.delete(watcher);
    if (set.size === 0 && watchers.get(key) === set) watchers.delete(key);
  };
}

export function signalStorage(key: string): void {
  for (const watcher of watchers.get(key) ?? []) watcher();
}
