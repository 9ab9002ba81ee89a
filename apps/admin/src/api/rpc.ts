import type { AppType } from '@aether/api';
import { hc } from 'hono/client';

/** The typed client of the console API (Hono RPC): routes, params, queries and bodies checked by tsc. */
export const createRpcClient = (baseUrl: string) => hc<AppType>(baseUrl);
export type RpcClient = ReturnType<typeof createRpcClient>;
