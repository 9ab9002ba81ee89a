export { buildCausationTree, type CausationTree, type TraceNode } from './causation-tree.ts';
export {
  type AppType,
  type CreateAppOptions,
  createApp,
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_TRACE_LIMIT,
} from './create-app.ts';
export {
  ApiError,
  ApiErrorCode,
  type ErrorBody,
  STATUS_BY_CODE,
  statusOf,
  toErrorResponse,
} from './error-status.ts';
export type { ActorSummaryJson, RecordedEventJson, SnapshotJson } from './serialize.ts';
