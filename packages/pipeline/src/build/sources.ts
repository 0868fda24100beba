/**
 * Finds the raw event files of a build (a file, a folder, or a glob such as
 * `data/2019-*.csv.gz`) and checks each one before DuckDB reads it: a file that is not a
 * REES46 CSV or Parquet file is a clear error naming the file, never a half-built Gold.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { RAW_COLUMNS } from '@goldboard/gold-sql';
import { PipelineError } from './errors.js';

export type SourceFormat = 'csv' | 'csv.gz' | 'parquet';

export interface SourceFile {
  path: string;
  format: SourceFormat;
  bytes: number;
  /** Its modification time (ms since the epoch, as `stat` gives it), when the build listed it. */
  modifiedMs: number;
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
  return paths.map((path) => {
    const stat = statSync(path);
    return { path, format: formatOf(path), bytes: stat.size, modifiedMs: stat.mtimeMs };
  });
}

function formatOf(path: string): SourceFormat {
  if (/\.parquet$/i.test(path)) return 'parquet';
  if (/\.gz$/i.test(path)) return 'csv.gz';
  return 'csv';
}

/**
 * Checks a source before DuckDB reads it; true when it holds no events (0 bytes, or a CSV with
 * only its header), which the build reports and skips. A CSV must start with the REES46
 * header (all nine columns, in order; only its first few kilobytes are read) and, when it has
 * rows, end in a newline: a file cut short mid-line can leave a last line with the right
 * number of fields but a cut value, which no field count can catch. Parquet files are checked
 * by DuckDB's schema instead; gzipped CSV is checked whole by `checkGzip`.
 */
export function checkSource(source: SourceFile): boolean {
  if (source.bytes === 0) return true;
  if (source.format === 'parquet') return false;
  const { text, whole } = readHead(source);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
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
  if (whole && /^[\r\n]*$/.test(text.slice(firstLine.length))) return true;
  if (source.format === 'csv' && lastByte(source.path) !== NEWLINE) throw noFinalNewline(source.path);
  return false;
}

/**
 * Decompresses a `.csv.gz` whole (streamed, on libuv's thread pool, so it can run beside
 * DuckDB's read): a truncated or corrupt stream is an error naming the file; DuckDB itself
 * reads a cut gzip file up to the cut without complaint. `empty` is `checkSource`'s answer.
 */
export async function checkGzip(source: SourceFile, empty: boolean, signal?: AbortSignal): Promise<void> {
  let last = -1;
  try {
    await pipeline(
      createReadStream(source.path),
      createGunzip(),
      async (chunks: AsyncIterable<Buffer>) => {
        for await (const chunk of chunks) if (chunk.length > 0) last = chunk[chunk.length - 1]!;
      },
      signal ? { signal } : {},
    );
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'it ends before its compressed data does (truncated)' : (error as Error).message;
    throw new PipelineError('truncated', `${source.path} cannot be read whole: ${reason}. Nothing was replaced.`, source.path);
  }
  if (!empty && last !== NEWLINE) throw noFinalNewline(source.path);
}

const NEWLINE = 0x0a;

function noFinalNewline(path: string): PipelineError {
  return new PipelineError(
    'truncated',
    `${path} does not end in a newline, so its last line may be cut short (a complete REES46 file ends every line with one). If the file is complete, add a final newline. Nothing was replaced.`,
    path,
  );
}

function lastByte(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const byte = Buffer.alloc(1);
    return readSync(fd, byte, 0, 1, fstatSync(fd).size - 1) === 1 ? byte[0]! : -1;
  } finally {
    closeSync(fd);
  }
}

/** The first 64 KB of a file (decompressed for `.gz`), and whether that is all of it. */
function readHead(source: SourceFile): { text: string; whole: boolean } {
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
    return { text: bytes.toString('utf8').replace(/^\uFEFF/, ''), whole: length < buffer.length };
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
