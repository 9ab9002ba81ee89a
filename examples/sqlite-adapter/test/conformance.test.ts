import { runConformanceSuite } from '@aether/core/conformance';
import Database from 'better-sqlite3';
import { fileOf, openStore, removeDatabase, tempDatabase } from './temp-files.ts';

/** Damages a record the way a bad disk or a careless manual edit would: through another connection. */
function damageRecord(filename: string, id: string): void {
  const db = new Database(filename);
  try {
    const { changes } = db
      .prepare('UPDATE aether_events SET record = ? WHERE id = ?')
      .run(`{"id":${JSON.stringify(id)},"truncated`, id);
    if (changes !== 1) throw new Error(`no record ${id} to damage`);
  } finally {
    db.close();
  }
}

await runConformanceSuite({
  name: 'sqlite',
  createStore: () => openStore({ filename: tempDatabase() }),
  reopen: (store) => openStore({ filename: fileOf(store) }),
  corrupt: (store, target) => damageRecord(fileOf(store), target.id),
  cleanup: (store) => removeDatabase(fileOf(store)),
});
