/**
 * Finds the raw event files of a build (a file, a folder, or a glob such as
 * `data/2019-*.csv.gz`) and checks each one before DuckDB reads it: a file that is not a
 * REES46 CSV or Parquet file is a clear error naming the file, never a half-built Gold.
 */
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PipelineError } from './errors.js';

/** The raw columns, in the order of the REES46 files. */
export const RAW_COLUMNS = [
  'event_time',
  'event_type',
  'product_id',
  'category_id',
  'category_code',
  'brand',
  'price',
  'user_id',
  'user_session',
] as const;

export type SourceFormat = 'csv' | 'csv.gz' | 'parquet';

export interface SourceFile {
  path: string;
  format: SourceFormat;
  bytes: number;
}

const EVENT_FILE = /\.(csv|csv\.gz|parquet)$/i;

/** Expands one `--events` argument into the files it names, sorted by name. */
export function resolveSources(pattern: string): SourceFile[] {
  let paths: string[];
  if (/[*?]/.test(pattern)) {
    const dir = dirname(pattern);
    if (/[*?]/.test(dir)) throw new PipelineError('bad-argument', `--events ${pattern}: wildcards are supported in the file name only, not in folders`);
    const matcher = globToRegExp(basename(pattern));
    paths = listDir(dir).filter((name) => matcher.test(name)).map((name) => join(dir, name));
  } else {
    const stat = statOrNull(pattern);
    if (!stat) throw new PipelineError('no-input', `--events ${pattern}: no such file or folder`, pattern);
    paths = stat.isDirectory() ? listDir(pattern).filter((name) => EVENT_FILE.test(name)).map((name) => join(pattern, name)) : [pattern];
  }
  paths = paths.filter((path) => statOrNull(path)?.isFile()).sort();
  if (paths.length === 0) throw new PipelineError('no-input', `--events ${pattern}: no CSV, CSV.gz or Parquet files found`);
  return paths.map((path) => ({ path, format: formatOf(path), bytes: statSync(path).size }));
}

function formatOf(path: string): SourceFormat {
  if (/\.parquet$/i.test(path)) return 'parquet';
  if (/\.gz$/i.test(path)) return 'csv.gz';
  return 'csv';
}

/**
 * Checks that a CSV file starts with the REES46 header (all nine columns, in order), reading
 * only its first few kilobytes. Parquet files are checked by DuckDB's schema instead.
 */
export function checkCsvHeader(source: SourceFile): void {
  if (source.format === 'parquet') return;
  const head = readHead(source);
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  // Binary files (zip, images, Parquet renamed .csv) have NUL or control bytes up front.
  if (/[\u0000-\u0008\u000e-\u001f]/.test(firstLine) || !firstLine.includes(',')) {
    throw new PipelineError('not-csv', `${source.path} is not a CSV file: its first line is not a comma-separated header (expected ${RAW_COLUMNS.join(',')})`, source.path);
  }
  const header = firstLine.split(',').map((name) => name.trim().replace(/^"|"$/g, ''));
  const missing = RAW_COLUMNS.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new PipelineError('missing-column', `${source.path} has no column ${missing.map((m) => `\`${m}\``).join(', ')} (columns: ${header.join(', ')})`, source.path);
  }
  if (header.length !== RAW_COLUMNS.length || header.some((name, i) => name !== RAW_COLUMNS[i])) {
    throw new PipelineError('missing-column', `${source.path}: columns must be ${RAW_COLUMNS.join(',')} in this order (found: ${header.join(',')})`, source.path);
  }
}

function readHead(source: SourceFile): string {
  const fd = openSync(source.path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    let bytes = buffer.subarray(0, length);
    if (source.format === 'csv.gz') {
      try {
        bytes = gunzipSync(bytes, { finishFlush: 2 /* Z_SYNC_FLUSH: a truncated stream is fine here */ });
      } catch {
        throw new PipelineError('not-csv', `${source.path} is not a gzip file (its name ends in .gz)`, source.path);
      }
    }
    return bytes.toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    throw new PipelineError('no-input', `--events: cannot read the folder ${dir}`, dir);
  }
}

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
