import { AetherError, ErrorCode } from '@aether/core';
import postgres, { type Sql } from 'postgres';

export interface OpenedClient {
  client: Sql;
  /** Whether the store created the pool (and so ends it on `close()`). */
  owned: boolean;
}

function invalid(message: string): AetherError {
  return new AetherError(ErrorCode.INVALID_ARGUMENT, message, { path: 'connectionString' });
}

/** The caller's client, or a pool of our own from `connectionString` (default `DATABASE_URL`). */
export function openClient(options: { connectionString?: string; client?: Sql }): OpenedClient {
  if (options.client !== undefined) {
    if (options.connectionString !== undefined) throw invalid('give connectionString or client, not both');
    return { client: options.client, owned: false };
  }
  const url = options.connectionString ?? process.env.DATABASE_URL;
  if (typeof url !== 'string' || url === '') {
    throw invalid('a connectionString, a client or the DATABASE_URL environment variable is needed');
  }
  try {
    return {
      client: postgres(url, {
        onnotice: () => {},
        connect_timeout: 10,
        connection: { application_name: 'aether' },
      }),
      owned: true,
    };
  } catch (cause) {
    throw new AetherError(ErrorCode.INVALID_ARGUMENT, 'connectionString is not a valid Postgres URL', {
      path: 'connectionString',
      cause,
    });
  }
}
