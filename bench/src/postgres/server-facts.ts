import postgres from 'postgres';

/** The server and the settings that decide commit cost, for the output header. */
export async function describeServer(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ version: string; fsync: string; sync: string; method: string }[]>`
      SELECT split_part(version(), ' on ', 1) AS version, current_setting('fsync') AS fsync,
        current_setting('synchronous_commit') AS sync, current_setting('wal_sync_method') AS method`;
    if (row === undefined) return 'PostgreSQL (unknown)';
    return `${row.version}, fsync=${row.fsync}, synchronous_commit=${row.sync}, wal_sync_method=${row.method}`;
  } finally {
    await sql.end();
  }
}
