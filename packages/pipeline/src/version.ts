/** The pipeline's version (package.json), in a module of its own: reading it loads no DuckDB. */
import { readFileSync } from 'node:fs';

export const PIPELINE_VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
