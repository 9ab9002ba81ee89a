export type { ConformanceOptions, CorruptTarget } from './options.ts';
