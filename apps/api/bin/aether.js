#!/usr/bin/env node
// The `aether` command: registers tsx so the TypeScript sources run as they are, from any directory.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import(new URL('../src/cli.ts', import.meta.url).href);
process.exitCode = await runCli(process.argv.slice(2));
