#!/usr/bin/env node
/** `goldboard-server`: the same as `goldboard serve`. */
import { runServeCommand } from './cli.js';

runServeCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
