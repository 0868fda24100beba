/** Command-line parsing for `goldboard`: pure, so it is tested without running anything. */
import { isCalendarDay } from '@goldboard/core';

export const USAGE = `goldboard — raw REES46 events → Silver → Gold + K-Means segments (DuckDB)

Usage:
  goldboard generate --out DIR --events N [--seed S] [--from 2019-10-01] [--to 2020-04-30]
  goldboard build --events PATH|GLOB [--events …] --out GOLD [--k 3] [--seed 42]
                  [--memory-limit 1GB] [--threads N] [--full] [--quiet] [--allow-empty]
  goldboard build --engine databricks --events TABLE|VOLUME_PATH [--events …]
                  --catalog C --schema S [--manifest FILE] [--k 3] [--seed 42] [--quiet] [--allow-empty]
  goldboard help

PATH is a CSV, gzipped CSV or Parquet file, or a folder of them; GLOB has * or ? in the file name.
Empty inputs (0 bytes, or a header only) are skipped. A build without valid events does not
replace a Gold that has some, unless --allow-empty.

A rerun over the same --out reads only the new and changed files (compared by SHA-256) and
rebuilds only their months of Silver; user segments and Gold are always recomputed from all of
Silver, so the result equals a full build. --full reads every file again. --memory-limit caps
DuckDB's memory (default 1GB; past it DuckDB spills to a temp folder beside --out).

With --engine databricks the build runs on a Databricks SQL warehouse (DATABRICKS_HOST,
DATABRICKS_WAREHOUSE_ID, DATABRICKS_TOKEN or DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET):
--events is a table or CSV paths in a volume (/Volumes/main/rees46/raw/*.csv), the tables go to
--catalog.--schema (default DATABRICKS_CATALOG, DATABRICKS_SCHEMA), the manifest to --manifest
(a JSON file; stdout without it) and to the table gold_manifest.`;

export type Command =
  | { command: 'help' }
  | { command: 'generate'; out: string; events: number; seed: string; from: string; to: string }
  | {
      command: 'build';
      events: string[];
      out: string;
      k: number;
      seed: string;
      memoryLimit?: string;
      threads?: number;
      full: boolean;
      quiet: boolean;
      allowEmpty: boolean;
      engine?: undefined;
    }
  | {
      command: 'build';
      engine: 'databricks';
      events: string[];
      /** Unset: DATABRICKS_CATALOG / DATABRICKS_SCHEMA from the environment. */
      catalog?: string;
      schema?: string;
      /** A JSON file for the manifest; unset: stdout. */
      manifest?: string;
      k: number;
      seed: string;
      quiet: boolean;
      allowEmpty: boolean;
    };

export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
}

const FLAGS: Record<string, readonly string[]> = {
  generate: ['out', 'events', 'seed', 'from', 'to'],
  build: ['events', 'out', 'k', 'seed', 'memory-limit', 'threads', 'full', 'quiet', 'allow-empty', 'engine', 'catalog', 'schema', 'manifest'],
};
/** Options of one engine's build only. */
const DUCKDB_ONLY = ['out', 'memory-limit', 'threads', 'full'];
const WAREHOUSE_ONLY = ['catalog', 'schema', 'manifest'];
const BOOLEAN = new Set(['quiet', 'allow-empty', 'full']);

/** Parses `argv` (without node and the script). Throws ArgumentError with a usable message. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  const allowed = FLAGS[command];
  if (!allowed) throw new ArgumentError(`unknown command "${command}" (expected generate, build or help)`);
  const values = new Map<string, string[]>();
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(token);
    if (!match) throw new ArgumentError(`unexpected argument "${token}"`);
    const name = match[1]!;
    if (!allowed.includes(name)) throw new ArgumentError(`${command} has no option --${name} (options: ${allowed.map((a) => `--${a}`).join(', ')})`);
    let value = match[2];
    if (BOOLEAN.has(name)) value ??= 'true';
    else if (value === undefined) {
      value = rest[++i];
      if (value === undefined || value.startsWith('--')) throw new ArgumentError(`--${name} needs a value`);
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const one = (name: string): string | undefined => values.get(name)?.at(-1);
  const required = (name: string): string => {
    const value = one(name);
    if (value === undefined) throw new ArgumentError(`${command} needs --${name}`);
    return value;
  };
  const whole = (name: string, text: string, min: number): number => {
    const n = Number(text.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) throw new ArgumentError(`--${name} must be a whole number ≥ ${min}, got "${text}"`);
    return n;
  };
  const day = (name: string, fallback: string): string => {
    const text = one(name) ?? fallback;
    if (!isCalendarDay(text)) throw new ArgumentError(`--${name} must be a date like 2019-10-01, got "${text}"`);
    return text;
  };

  if (command === 'generate') {
    return {
      command,
      out: required('out'),
      events: whole('events', required('events'), 0),
      seed: one('seed') ?? '42',
      from: day('from', '2019-10-01'),
      to: day('to', '2020-04-30'),
    };
  }
  const engine = one('engine') ?? 'duckdb';
  if (engine !== 'duckdb' && engine !== 'databricks') throw new ArgumentError(`--engine must be duckdb or databricks, got "${engine}"`);
  const misplaced = (engine === 'duckdb' ? WAREHOUSE_ONLY : DUCKDB_ONLY).find((name) => values.has(name));
  if (misplaced) throw new ArgumentError(`--${misplaced} does not apply to a build on ${engine === 'duckdb' ? 'DuckDB' : 'a warehouse'}`);
  if (engine === 'databricks') {
    const [catalog, schema, manifest] = [one('catalog'), one('schema'), one('manifest')];
    return {
      command: 'build',
      engine,
      events: values.get('events') ?? [required('events')],
      ...(catalog !== undefined ? { catalog } : {}),
      ...(schema !== undefined ? { schema } : {}),
      ...(manifest !== undefined ? { manifest } : {}),
      k: whole('k', one('k') ?? '3', 1),
      seed: one('seed') ?? '42',
      quiet: one('quiet') === 'true',
      allowEmpty: one('allow-empty') === 'true',
    };
  }
  const threads = one('threads');
  const memoryLimit = one('memory-limit');
  return {
    command: 'build',
    events: values.get('events') ?? [required('events')],
    out: required('out'),
    k: whole('k', one('k') ?? '3', 1),
    seed: one('seed') ?? '42',
    ...(memoryLimit !== undefined ? { memoryLimit } : {}),
    ...(threads !== undefined ? { threads: whole('threads', threads, 1) } : {}),
    full: one('full') === 'true',
    quiet: one('quiet') === 'true',
    allowEmpty: one('allow-empty') === 'true',
  };
}
