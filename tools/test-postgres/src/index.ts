export {
  type EmbeddedPostgresOptions,
  freePort,
  type RunningPostgres,
  startEmbeddedPostgres,
} from './embedded-postgres.ts';
export { providePostgres } from './global-setup.ts';
