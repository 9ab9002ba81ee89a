import { fileURLToPath } from 'node:url';
import type { AetherStore } from '@aether/core';
import { AetherError } from '@aether/core';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { createDocsRoutes } from './docs-ui.ts';
import { ApiError, ApiErrorCode, toErrorResponse } from './error-status.ts';
import { createHostGuard } from './host-guard.ts';
import { createActorRoutes } from './routes/actor-routes.ts';
import { createEventRoutes } from './routes/event-routes.ts';
import { createHealthRoutes } from './routes/health-routes.ts';
import type { RouteDeps } from './routes/route-helpers.ts';
import { createStreamRoutes } from './routes/stream-routes.ts';
import { createTraceRoutes } from './routes/trace-routes.ts';
import { createStaticAdmin } from './static-admin.ts';
import { validationHook } from './validation-hook.ts';
import { createWriteGuard } from './write-guard.ts';

export interface CreateAppOptions {
  store: AetherStore;
  /** Shown by `/api/health`; default `'store'`. */
  storeName?: string;
  /** Bearer token for writes. Without one the console is read-only: writes answer 403. */
  apiToken?: string | undefined;
  /** Origins allowed by CORS. Default: none (CORS off). */
  corsOrigins?: readonly string[] | undefined;
  /** The built admin app; default `apps/admin/dist` next to this package. */
  adminDir?: string | undefined;
  /** Largest request body; default 4 MiB. Larger bodies get 413. */
  bodyLimitBytes?: number | undefined;
  /** Most events a trace returns; default 5000. */
  traceLimit?: number | undefined;
  /** Interval of SSE heartbeat comments; default 15 s. */
  heartbeatMs?: number | undefined;
  /**
   * Hostnames the `Host` header may name (as `URL.hostname` spells them); others get 403. Default:
   * any. `startServer` on a loopback address allows only loopback names.
   */
  allowedHostnames?: readonly string[] | undefined;
  /** Where unexpected errors are reported; default `console.error`. */
  logError?: ((error: unknown) => void) | undefined;
}

export const DEFAULT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
export const DEFAULT_TRACE_LIMIT = 5000;
const DEFAULT_ADMIN_DIR = fileURLToPath(new URL('../../admin/dist', import.meta.url));

/** Turns what hono's own middleware throws (bad JSON, media type) into the API's error codes. */
function fromHttpException(error: HTTPException): unknown {
  switch (error.status) {
    case 400:
      return new AetherError('INVALID_ARGUMENT', `request body: ${error.message}`, { path: 'body' });
    case 404:
      return new ApiError(ApiErrorCode.NOT_FOUND, error.message);
    case 413:
      return new ApiError(ApiErrorCode.PAYLOAD_TOO_LARGE, 'request body is too large');
    case 415:
      return new ApiError(ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, 'the request body must be application/json');
    default:
      return error;
  }
}

function buildApp(options: CreateAppOptions) {
  const logError = options.logError ?? ((error: unknown) => console.error('aether api:', error));
  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const deps: RouteDeps = {
    store: options.store,
    storeName: options.storeName ?? 'store',
    writable: options.apiToken !== undefined && options.apiToken !== '',
    writeGuard: createWriteGuard(options.apiToken),
    traceLimit: options.traceLimit ?? DEFAULT_TRACE_LIMIT,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    logError,
  };

  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.onError((error, c: Context) => {
    const { status, body, known } = toErrorResponse(
      error instanceof HTTPException ? fromHttpException(error) : error,
    );
    if (!known) logError(error);
    return c.json(body, status);
  });
  app.notFound((c) =>
    c.json(
      { error: { code: ApiErrorCode.NOT_FOUND, message: `no route for ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );
  app.use('*', secureHeaders());
  if (options.allowedHostnames !== undefined) app.use('*', createHostGuard(options.allowedHostnames));
  if (options.corsOrigins !== undefined && options.corsOrigins.length > 0) {
    app.use(
      '/api/*',
      cors({
        origin: [...options.corsOrigins],
        allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        maxAge: 600,
      }),
    );
  }
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: bodyLimitBytes,
      onError: () => {
        throw new ApiError(ApiErrorCode.PAYLOAD_TOO_LARGE, `request body is over ${bodyLimitBytes} bytes`, {
          limit: bodyLimitBytes,
        });
      },
    }),
  );

  const routes = app
    .route('/', createHealthRoutes(deps))
    .route('/', createActorRoutes(deps))
    .route('/', createEventRoutes(deps))
    .route('/', createTraceRoutes(deps))
    .route('/', createStreamRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Aether console API',
      version: '0.1.0',
      description: 'Browse actor streams, the global log and metadata traces of an Aether event store.',
    },
  });
  app.route('/', createDocsRoutes({ specUrl: '/api/openapi.json', title: 'Aether console API' }));
  app.use('*', createStaticAdmin(options.adminDir ?? DEFAULT_ADMIN_DIR));
  return routes;
}

/** The console's HTTP API as a Hono app: serve it with `@hono/node-server`, or test it with `app.request`. */
export function createApp(options: CreateAppOptions) {
  return buildApp(options);
}

/** The API's route types, for a typed client: `hc<AppType>(baseUrl)`. */
export type AppType = ReturnType<typeof buildApp>;
