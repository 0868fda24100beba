/**
 * `goldboard build`: raw events → Bronze → Silver → Gold + segments, out of core on DuckDB
 * (a memory limit plus a temp folder it spills to). Everything is written into a staging
 * folder beside the target, which `--out` is then linked to in one rename (`publish.ts`), so a
 * failed or killed build leaves the previous Gold untouched and readable.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DATASETS, DATASET_NAMES } from '@goldboard/core';
import { DUCKDB, DUCKDB_SILVER_MONTHS, duckdbEventsView, duckdbSilver, duckdbSilverMonth, silverMonthFolder, sqlString } from '@goldboard/gold-sql';
import { segmentUsers } from '../segments/segment-users.js';
import { createBronze, firstLine, quarantineMalformedLines } from './bronze.js';
import { PipelineError } from './errors.js';
import { writeGold } from './gold.js';
import { MANIFEST_FORMAT, type Manifest, QUARANTINE_RULES, type QuarantineRule } from './manifest.js';
import { type Progress, enableQueryProgress, silentProgress, terminalProgress } from './progress.js';
import { createStaging, publishGold, recoverOut } from './publish.js';
import { checkGzip, checkSource, resolveSources, type SourceFile } from './sources.js';
import { PIPELINE_VERSION } from '../version.js';


export interface BuildOptions {
  /** Files, folders or globs of raw events. */
  events: string | readonly string[];
  /** The Gold folder to (re)place. */
  out: string;
  /** Number of segments (default 3). */
  k?: number;
  /** K-Means seed (default 42). */
  seed?: number | string;
  /** DuckDB memory limit, e.g. `1GB` (default); beyond it DuckDB spills to disk. */
  memoryLimit?: string;
  /** DuckDB threads (default: all cores). */
  threads?: number;
  /** Show a progress line (default: when stderr is a TTY). */
  progress?: boolean;
  /** Extra fields recorded under `extra` in the manifest. */
  extra?: Record<string, unknown>;
  /**
   * Replace a Gold that has events with one that has none (default false: such a build is
   * refused, as it is most often a wrong or empty input rather than an empty period).
   */
  allowEmpty?: boolean;
}

/** The sources of a build, each checked: the ones DuckDB reads, and the empty ones it skips. */
interface Inputs {
  all: SourceFile[];
  read: SourceFile[];
  empty: Set<SourceFile>;
  /** Resolves when every `.csv.gz` has been decompressed whole, with the first error if any. */
  gzipChecked: Promise<PipelineError | undefined>;
}


/** Builds a Gold folder; resolves with its manifest. */
export async function buildGold(options: BuildOptions): Promise<Manifest> {
  const started = performance.now();
  const out = resolve(options.out);
  // First, so that even a build that fails restores a Gold a killed one left unlinked.
  recoverOut(out);
  const patterns = typeof options.events === 'string' ? [options.events] : options.events;
  const all = patterns.flatMap((pattern) => resolveSources(pattern));
  const empty = new Set(all.filter((source) => checkSource(source)));
  const stopChecks = new AbortController();
  const inputs: Inputs = { all, read: all.filter((s) => !empty.has(s)), empty, gzipChecked: checkGzipFiles(all, empty, stopChecks.signal) };
  const staging = createStaging(out);
  mkdirSync(join(staging, 'silver'), { recursive: true });
  mkdirSync(join(staging, '.work.tmp'), { recursive: true });
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  let progress: Progress = silentProgress;
  try {
    // In memory, spilling to the staging folder past the memory limit: faster than a database
    // file for tables written once and read a few times.
    instance = await DuckDBInstance.create(':memory:', {
      memory_limit: options.memoryLimit ?? '1GB',
      temp_directory: join(staging, '.work.tmp'),
      ...(options.threads ? { threads: String(options.threads) } : {}),
    });
    connection = await instance.connect();
    if (options.progress ?? process.stderr.isTTY) {
      await enableQueryProgress(connection);
      progress = terminalProgress(connection);
    }
    const manifest = await runStages(connection, inputs, staging, out, options, progress);
    manifest.buildSeconds = Math.round((performance.now() - started) / 10) / 100;
    writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    progress.done();
    connection.closeSync();
    instance.closeSync();
    connection = undefined;
    instance = undefined;
    rmSync(join(staging, '.work.tmp'), { recursive: true, force: true });
    publishGold(staging, out);
    return manifest;
  } catch (error) {
    progress.done();
    stopChecks.abort();
    connection?.closeSync();
    instance?.closeSync();
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof PipelineError) throw error;
    throw new PipelineError('build-failed', `Gold build failed, ${out} is unchanged: ${firstLine(error)}`);
  }
}

/** Checks the gzipped sources one after the other, beside the build (a settled promise: never unhandled). */
async function checkGzipFiles(sources: SourceFile[], empty: Set<SourceFile>, signal: AbortSignal): Promise<PipelineError | undefined> {
  try {
    for (const source of sources) {
      if (source.format === 'csv.gz' && source.bytes > 0 && !signal.aborted) await checkGzip(source, empty.has(source), signal);
    }
    return undefined;
  } catch (error) {
    return error instanceof PipelineError ? error : new PipelineError('unreadable', firstLine(error));
  }
}

async function runStages(connection: DuckDBConnection, inputs: Inputs, staging: string, out: string, options: BuildOptions, progress: Progress): Promise<Manifest> {
  const sources = inputs.read;
  const stageSeconds: Record<string, number> = {};
  let stageStart = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    stageSeconds[name] = Math.round(now - stageStart) / 1000;
    stageStart = now;
  };
  progress.stage('checking sources');
  await createBronze(connection, sources);
  lap('setup');

  progress.stage('reading events → Silver');
  await connection.run('SET preserve_insertion_order = false');
  const silverSql = duckdbSilver(DUCKDB, { staged: join(staging, '.work.tmp', 'staged.parquet') });
  let stagedRows: number | undefined;
  for (const statement of silverSql) {
    try {
      await connection.run(statement);
    } catch (error) {
      throw new PipelineError('unreadable', `Reading the events failed (${sources.map((s) => basename(s.path)).join(', ')}): ${firstLine(error)}`);
    }
    if (statement.startsWith('CREATE VIEW staged ')) {
      lap('silverRead');
      stagedRows = await count(connection, 'staged');
      progress.rows(stagedRows);
    }
  }
  await connection.run('SET preserve_insertion_order = true');
  // One file per month, each sorted by time: a range query reads its months' files only, and
  // within them only the row groups of its days.
  const months: Array<{ month: string; events: number }> = [];
  for (const [month, n] of (await connection.runAndReadAll(DUCKDB_SILVER_MONTHS)).getRowsJS()) {
    const folder = join(staging, 'silver', 'events', silverMonthFolder(String(month)));
    mkdirSync(folder, { recursive: true });
    progress.stage(`writing Silver ${String(month)}`);
    await connection.run(duckdbSilverMonth(DUCKDB, String(month), join(folder, 'events.parquet')));
    months.push({ month: String(month), events: Number(n) });
  }
  await connection.run('DROP TABLE silver_events');
  await connection.run(duckdbEventsView(DUCKDB, join(staging, 'silver', 'events'), months.map((m) => m.month)));
  lap('silverWrite');

  await quarantineMalformedLines(connection, sources);
  const quarantine = Object.fromEntries(QUARANTINE_RULES.map((rule) => [rule, 0])) as Record<QuarantineRule, number>;
  for (const [reason, n] of (await connection.runAndReadAll('SELECT reason, count(*) FROM quarantine GROUP BY reason')).getRowsJS()) {
    quarantine[reason as QuarantineRule] = Number(n);
  }
  const malformed = quarantine.malformed_line;
  const staged = stagedRows ?? (await count(connection, 'staged'));
  const silver = await count(connection, 'events');
  const quarantined = Object.values(quarantine).reduce((a, b) => a + b, 0);
  const duplicates = staged - (quarantined - malformed) - silver;
  // A cut .csv.gz reads without error up to the cut: its whole-file check must pass first.
  const gzipError = await inputs.gzipChecked;
  if (gzipError) throw gzipError;
  if (silver === 0 && !options.allowEmpty) refuseEmptyBuild(out, inputs, staged + malformed);
  // One file with a `month` column rather than a folder per month: rejected rows are few, and
  // a row with an unreadable time has no month.
  await connection.run(`COPY quarantine TO ${sqlString(join(staging, 'silver', 'quarantine.parquet'))} (FORMAT parquet)`);

  const [first, last] = (await connection.runAndReadAll(
    "SELECT strftime(min(event_time), '%Y-%m-%d'), strftime(max(event_time), '%Y-%m-%d') FROM events",
  )).getRowsJS()[0]! as [string | null, string | null];
  const period = { from: first ?? '1970-01-01', to: last ?? '1970-01-01' };

  progress.stage('segmenting users (K-Means)');
  const segmentation = await segmentUsers(connection, { k: options.k ?? 3, seed: options.seed ?? 42, ...period });

  lap('segmentation');
  const written = await writeGold(connection, staging, period, (name) => progress.stage(`writing ${name}`));
  lap('gold');
  const duckdbVersion = String((await connection.runAndReadAll('SELECT version()')).getRowsJS()[0]![0]);
  const datasets = Object.fromEntries(
    DATASET_NAMES.map((name) => [
      name,
      {
        rows: written[name].rows,
        files: { arrow: `${name}.arrow`, parquet: `${name}.parquet` },
        columns: DATASETS[name].columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable ?? false })),
      },
    ]),
  ) as Manifest['datasets'];
  return {
    format: MANIFEST_FORMAT,
    builtAt: new Date().toISOString(),
    buildSeconds: 0,
    stageSeconds,
    versions: { pipeline: PIPELINE_VERSION, duckdb: duckdbVersion, node: process.version },
    sources: inputs.all.map((s) => ({ name: basename(s.path), format: s.format, bytes: s.bytes, ...(inputs.empty.has(s) ? { skipped: 'empty' as const } : {}) })),
    period: { from: first, to: last },
    rows: { read: staged + malformed, quarantined, duplicates, silver },
    quarantine,
    duplicates: { exact_duplicate: duplicates },
    silver: {
      events: 'silver/events',
      months: months.map(({ month, events }) => ({ month, events, file: `silver/events/${silverMonthFolder(month)}/events.parquet` })),
      quarantine: 'silver/quarantine.parquet',
    },
    datasets,
    segmentation,
    ...(options.extra ? { extra: options.extra } : {}),
  };
}

async function count(connection: DuckDBConnection, table: string): Promise<number> {
  return Number((await connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRowsJS()[0]![0]);
}


/**
 * A build without a single valid event does not replace a Gold that has some (unless
 * `allowEmpty`): it is far more often empty or wrong input than an empty period.
 */
function refuseEmptyBuild(out: string, inputs: Inputs, rowsRead: number): void {
  if (!existsSync(out)) return;
  let events: number | undefined;
  try {
    events = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).rows?.silver;
  } catch {
    // Not a Gold folder we can read: treated as one with events, so it is kept.
  }
  if (events === 0) return;
  const names = (files: SourceFile[]) => files.map((s) => basename(s.path)).join(', ');
  const why =
    inputs.read.length === 0
      ? `every input is empty (${names(inputs.all)})`
      : `${rowsRead.toLocaleString('en-US')} rows read from ${names(inputs.read)}, none of them valid${inputs.empty.size > 0 ? `; empty and skipped: ${names([...inputs.empty])}` : ''}`;
  throw new PipelineError(
    'empty-build',
    `The build found no valid events: ${why}. ${out} holds ${events === undefined ? 'a folder that is not an empty Gold' : `a Gold of ${events.toLocaleString('en-US')} events`} and is left as it is; pass --allow-empty to replace it with an empty Gold.`,
  );
}
