/**
 * What a rerun of `goldboard build` over the same `--out` can keep. The manifest records each
 * source file (name, size, modification time, SHA-256 of its bytes, the months of its valid rows,
 * its rows read and rejected) and each Silver month (events, duplicates removed). A rerun reads only the sources
 * that are new or changed, plus any unchanged source with rows in a month they touch (exact
 * duplicates are rows of one month, so a month's Silver depends on the rows of that month
 * alone); the other months' Silver files are kept as they are (hard-linked into the new
 * version), with their aggregates (per user, user session, day and product). Everything made from
 * all months (the pre-aggregates merged from the months' aggregates, user features, K-Means,
 * Gold) is always recomputed. The result is the same as a full build of the same files.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DUCKDB, MONTH_AGGREGATES, type MonthAggregate, duckdbMonthAggregateSql, duckdbSilver, silverMonthFolder } from '@goldboard/gold-sql';
import { MANIFEST_FORMAT, type Manifest, type SourceRecord } from './manifest.js';
import type { SourceFile } from './sources.js';

/**
 * SHA-256 of a file's bytes, streamed (1 MB chunks, flat memory). It runs beside DuckDB in a
 * full build; an incremental build needs the hashes before it reads any source, which costs one
 * read of each new or touched file (~0.6 GB/s on one core of the benchmark machine; the bytes
 * are then in the page cache for DuckDB). An unchanged file is not read (`hashSources`).
 */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

/**
 * How far (ms) a file's modification time must be before the listing of the build that hashed
 * it for a rerun to take that hash as it is. Within it, the file may have been written again in
 * the same tick of a coarse clock (FAT keeps 2 s, some network file systems 1 s) with the same
 * size, after it was hashed: such a file is hashed again (git's "racily clean" entries).
 */
export const SETTLED_MS = 2_000;

/** The hashes of the sources, keyed by path, and the sources whose bytes were read to get them. */
export interface SourceHashes {
  hashes: Map<string, string>;
  hashed: SourceFile[];
}

/**
 * The hashes of the sources, one file after the other. A source that `previous` (the manifest
 * at `--out`, read as it is) records with the same name, format, size and modification time,
 * modified well before that build listed it (`SETTLED_MS`), keeps its recorded hash without
 * being read: on a rerun only new and touched files are read. Like make or rsync's quick check, a
 * file rewritten with the same size and its old modification time put back is not seen (git
 * would also compare the inode's change time); `--full` reads all.
 */
export async function hashSources(sources: readonly SourceFile[], previous?: Manifest): Promise<SourceHashes> {
  const hashes = new Map<string, string>();
  const hashed: SourceFile[] = [];
  const usable = previous?.format === MANIFEST_FORMAT && Array.isArray(previous.sources);
  const records = new Map((usable ? previous.sources : []).map((s) => [s.name, s]));
  const listed = previous ? Date.parse(previous.builtAt) - previous.buildSeconds * 1000 : Number.NaN;
  for (const source of sources) {
    const record = records.get(basename(source.path));
    const same =
      record !== undefined &&
      typeof record.sha256 === 'string' &&
      record.sha256.length === 64 &&
      record.format === source.format &&
      record.bytes === source.bytes &&
      record.modifiedMs === source.modifiedMs &&
      source.modifiedMs <= listed - SETTLED_MS;
    if (same) {
      hashes.set(source.path, record.sha256);
    } else {
      hashes.set(source.path, await hashFile(source.path));
      hashed.push(source);
    }
  }
  return { hashes, hashed };
}

/** The manifest at `out` as it is (no check of its format), or undefined when there is none to read. */
export function readManifestAt(out: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    return manifest !== null && typeof manifest === 'object' ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A key of the Silver rules: the SHA-256 of DuckDB's Silver statements and of its months'
 * aggregates. A Gold built under other rules is never reused (its Silver would differ from a
 * full build's).
 */
export const SILVER_RULES = createHash('sha256')
  .update([...duckdbSilver(DUCKDB, { months: ['0000-00'] }), ...duckdbMonthAggregateSql(DUCKDB, 'month', monthAggregateFiles('0000-00'))].join(';\n'))
  .digest('hex')
  .slice(0, 16);

/**
 * The files of one Silver month's aggregates in a Gold folder (`silver/aggregates/month=…/`):
 * what the pre-aggregates are merged from, kept beside the month's events and reused with them.
 * Relative to the folder, or under `dir` when given.
 */
export function monthAggregateFiles(month: string, dir?: string): Record<MonthAggregate, string> {
  const path = (name: MonthAggregate) => `silver/aggregates/${silverMonthFolder(month)}/${name}.parquet`;
  return Object.fromEntries(MONTH_AGGREGATES.map((name) => [name, dir === undefined ? path(name) : join(dir, path(name))])) as Record<MonthAggregate, string>;
}

/** A previous build whose Silver can be reused: its manifest and real folder. */
export interface Previous {
  manifest: Manifest;
  dir: string;
}

/**
 * The Gold at `out`, when an incremental build may reuse it: same manifest format, Silver
 * rules and DuckDB version, a hash for every source, unique source names. Undefined otherwise
 * (no Gold, an older layout...), and the build is a full one.
 */
export function readPrevious(out: string, duckdbVersion: string): Previous | undefined {
  let dir: string;
  try {
    dir = realpathSync(out);
  } catch {
    return undefined;
  }
  const manifest = readManifestAt(dir);
  if (!manifest || manifest.format !== MANIFEST_FORMAT || manifest.silver?.rules !== SILVER_RULES || manifest.versions?.duckdb !== duckdbVersion) return undefined;
  const sources = manifest.sources ?? [];
  if (sources.some((s) => typeof s.sha256 !== 'string' || !Array.isArray(s.months))) return undefined;
  if (new Set(sources.map((s) => s.name)).size !== sources.length) return undefined;
  if (!manifest.silver.months.every((m) => typeof m.duplicates === 'number')) return undefined;
  // A month is reused with its aggregates: a folder without them is read again whole.
  if (!manifest.silver.months.every((m) => Object.values(monthAggregateFiles(m.month, dir)).every((file) => existsSync(file)))) return undefined;
  return { manifest, dir };
}

/** What an incremental build reads, keeps and rebuilds. */
export interface Plan {
  /** Sources to read (non-empty ones). */
  read: SourceFile[];
  /** Unchanged sources not read: their manifest records, by name. */
  kept: Map<string, SourceRecord>;
  /** Months whose Silver is rebuilt from what is read; undefined: all of them (a full build). */
  months?: Set<string>;
}

/**
 * First plan: read the new and changed sources; the months of changed and removed sources are
 * rebuilt. `widen` then adds the months the read sources turn out to have.
 */
export function planBuild(read: readonly SourceFile[], all: readonly SourceFile[], hashes: Map<string, string> | undefined, previous: Previous | undefined): Plan {
  const names = all.map((s) => basename(s.path));
  if (!previous || !hashes || new Set(names).size !== names.length) return { read: [...read], kept: new Map() };
  const before = new Map(previous.manifest.sources.map((s) => [s.name, s]));
  const kept = new Map<string, SourceRecord>();
  for (const source of all) {
    const old = before.get(basename(source.path));
    if (old && old.sha256 === hashes.get(source.path) && old.format === source.format) kept.set(old.name, old);
  }
  const months = new Set<string>();
  for (const old of previous.manifest.sources) if (!kept.has(old.name)) for (const month of old.months) months.add(month);
  return { read: read.filter((s) => !kept.has(basename(s.path))), kept, months };
}

/**
 * Adds to the plan's months those of the sources read (`readMonths`), then moves into `read`
 * every kept source with rows in a rebuilt month; true when it moved any (the sources must be
 * read again, those included).
 */
export function widen(plan: Plan, readMonths: Iterable<string>, all: readonly SourceFile[]): boolean {
  if (!plan.months) return false;
  for (const month of readMonths) plan.months.add(month);
  let moved = false;
  for (const source of all) {
    const record = plan.kept.get(basename(source.path));
    if (record && record.months.some((m) => plan.months!.has(m))) {
      plan.kept.delete(record.name);
      plan.read.push(source);
      moved = true;
    }
  }
  return moved;
}
