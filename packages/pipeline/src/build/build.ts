/**
 * `goldboard build`: raw events → Bronze → Silver → Gold + segments, out of core on DuckDB
 * (a memory limit plus a temp folder it spills to). Everything is written into a staging
 * folder beside the target, which `--out` is then linked to in one rename (`publish.ts`), so a
 * failed or killed build leaves the previous Gold untouched and readable.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DATASETS, DATASET_NAMES } from '@goldboard/core';
import {
  DUCKDB,
  MONTH_AGGREGATES,
  type MonthAggregate,
  duckdbEventsView,
  duckdbMonthAggregateSql,
  duckdbPreaggregatesFromMonths,
  duckdbSilver,
  duckdbSilverMonth,
  preaggregateSql,
  silverMonthFolder,
  sqlString,
} from '@goldboard/gold-sql';
import { segmentUsers } from '../segments/segment-users.js';
import { createBronze, firstLine, quarantineMalformedLines } from './bronze.js';
import { PipelineError } from './errors.js';
import { writeGold } from './gold.js';
import { type Plan, type Previous, SILVER_RULES, hashSources, monthAggregateFiles, planBuild, readManifestAt, readPrevious, widen } from './incremental.js';
import { MANIFEST_FORMAT, type Manifest, QUARANTINE_RULES, type QuarantineRule, type SourceRecord } from './manifest.js';
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
  /**
   * Read every source again even when `out` holds a Gold whose Silver could be reused (by
   * default a rerun reads only new and changed sources and rebuilds only their months).
   */
  full?: boolean;
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
  // Hashed from the start, beside DuckDB when the build turns out to be a full one. Files the
  // manifest at `out` records with the same size and modification time keep their hash unread.
  const hashing = settle(hashSources(all, options.full ? undefined : readManifestAt(out)));
  const stopChecks = new AbortController();
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
      memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      temp_directory: join(staging, '.work.tmp'),
      ...(options.threads ? { threads: String(options.threads) } : {}),
    });
    connection = await instance.connect();
    if (options.progress ?? process.stderr.isTTY) {
      await enableQueryProgress(connection);
      progress = terminalProgress(connection);
    }
    const duckdbVersion = String((await connection.runAndReadAll('SELECT version()')).getRowsJS()[0]![0]);
    const previous = options.full ? undefined : readPrevious(out, duckdbVersion);
    let hashes: Map<string, string> | undefined;
    let hashSeconds: number | undefined;
    if (previous) {
      progress.stage('hashing sources');
      const hashStart = performance.now();
      hashes = unwrap(await hashing).hashes;
      hashSeconds = Math.round(performance.now() - hashStart) / 1000;
    }
    const read = all.filter((s) => !empty.has(s));
    const plan = planBuild(read, all, hashes, previous);
    const inputs: Inputs = { all, read, empty };
    const manifest = await runStages(connection, inputs, plan, previous, staging, out, options, progress, stopChecks.signal);
    const { hashes: sources, hashed } = unwrap(await hashing);
    for (const record of manifest.sources) record.sha256 = sources.get(all.find((s) => basename(s.path) === record.name)!.path)!;
    manifest.build.hashed = hashed.map((s) => basename(s.path));
    manifest.versions.duckdb = duckdbVersion;
    if (hashSeconds !== undefined) manifest.stageSeconds = { hash: hashSeconds, ...manifest.stageSeconds };
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

/** DuckDB's memory limit when `--memory-limit` is not given. */
export const DEFAULT_MEMORY_LIMIT = '1GB';

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects (so never unhandled while the build runs), unwrapped later. */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function unwrap<T>(settled: Settled<T>): T {
  if (settled.ok) return settled.value;
  throw new PipelineError('unreadable', `Reading the sources failed: ${firstLine(settled.error)}`);
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

/** Silver statements: the first stages the rows read (`staged`), the others make quarantine and Silver of them. */
const STAGING_STATEMENTS = 1;

async function runStages(
  connection: DuckDBConnection,
  inputs: Inputs,
  plan: Plan,
  previous: Previous | undefined,
  staging: string,
  out: string,
  options: BuildOptions,
  progress: Progress,
  signal: AbortSignal,
): Promise<Manifest> {
  const stageSeconds: Record<string, number> = {};
  let stageStart = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    stageSeconds[name] = Math.round(now - stageStart) / 1000 + (stageSeconds[name] ?? 0);
    stageStart = now;
  };
  // The new and changed sources: the months of their rows are rebuilt.
  const changed = new Set(plan.read.map((s) => basename(s.path)));
  let stagedRows = 0;
  let validByMonth: Array<{ source: string; month: string | null; valid: number; rows: number }>;
  // A cut .csv.gz reads without error up to the cut: each one read is checked whole beside the
  // build (a kept one was checked when it was first read, with the same hash).
  const gzipChecked = checkGzipFiles(plan.read, inputs.empty, signal);
  for (;;) {
    progress.stage('checking sources');
    await createBronze(connection, plan.read);
    lap('setup');
    progress.stage('reading events → Silver');
    await connection.run('SET preserve_insertion_order = false');
    for (const statement of duckdbSilver(DUCKDB).slice(0, STAGING_STATEMENTS)) {
      await runReading(connection, statement, plan.read);
    }
    lap('silverRead');
    validByMonth = (await connection.runAndReadAll(`SELECT source, ${DUCKDB.month('month')}, count(*) FILTER (WHERE reason IS NULL), count(*) FROM staged GROUP BY source, month`)).getRowsJS().map(
      ([source, month, valid, rows]) => ({ source: String(source), month: month === null ? null : String(month), valid: Number(valid), rows: Number(rows) }),
    );
    stagedRows = validByMonth.reduce((sum, r) => sum + r.rows, 0);
    progress.rows(stagedRows);
    const readMonths = validByMonth.filter((r) => r.valid > 0 && r.month !== null && changed.has(r.source)).map((r) => r.month!);
    if (!widen(plan, readMonths, inputs.all)) break;
    // An unchanged source shares a rebuilt month: read again with it (its duplicates count).
    for (const sql of ['DROP TABLE staged', 'DROP VIEW bronze', 'DROP TABLE IF EXISTS csv_rejects', 'DROP TABLE IF EXISTS csv_reject_scans']) await connection.run(sql);
  }
  const rebuilt = plan.months ? [...plan.months].sort() : undefined;
  for (const statement of duckdbSilver(DUCKDB, rebuilt ? { months: rebuilt } : {}).slice(STAGING_STATEMENTS)) {
    await runReading(connection, statement, plan.read);
  }
  await connection.run('SET preserve_insertion_order = true');

  // One file per month, each sorted by time: a range query reads its months' files only, and
  // within them only the row groups of its days. Months no source read touches are kept as
  // they are (hard links to the previous version's files: never written to, only replaced).
  const valid = new Map<string, number>();
  for (const r of validByMonth) if (r.month !== null && (!plan.months || plan.months.has(r.month))) valid.set(r.month, (valid.get(r.month) ?? 0) + r.valid);
  const months: Manifest['silver']['months'] = [];
  // The months with a valid row are Silver's (duplicates leave one row each): no scan of Silver
  // to list them; each month's events are the rows its COPY wrote.
  for (const month of [...valid].filter(([, n]) => n > 0).map(([m]) => m).sort()) {
    const file = `silver/events/${silverMonthFolder(month)}/events.parquet`;
    mkdirSync(dirname(join(staging, file)), { recursive: true });
    progress.stage(`writing Silver ${month}`);
    const events = Number((await connection.runAndReadAll(duckdbSilverMonth(DUCKDB, month, join(staging, file)))).getRowsJS()[0]![0]);
    // The month's aggregates, from its file (sorted, and a fraction of staged): what every
    // build merges its pre-aggregates from, so a rerun aggregates only the months it rebuilds.
    const aggregates = monthAggregateFiles(month, staging);
    mkdirSync(dirname(aggregates.users), { recursive: true });
    for (const sql of duckdbMonthAggregateSql(DUCKDB, `read_parquet(${sqlString(join(staging, file))})`, aggregates)) await connection.run(sql);
    months.push({ month, events, duplicates: valid.get(month)! - events, file });
  }
  const kept = previous && plan.months ? previous.manifest.silver.months.filter((m) => !plan.months!.has(m.month)) : [];
  for (const month of kept) {
    for (const path of [month.file, ...Object.values(monthAggregateFiles(month.month))]) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      linkOrCopy(join(previous!.dir, path), join(staging, path));
    }
    months.push(month);
  }
  months.sort((a, b) => a.month.localeCompare(b.month));
  // silver_events is a view over staged: both go once every month's file is written.
  await connection.run('DROP VIEW silver_events');
  await connection.run('DROP TABLE staged');
  await connection.run(duckdbEventsView(DUCKDB, join(staging, 'silver', 'events'), months.map((m) => m.month)));
  lap('silverWrite');

  await quarantineMalformedLines(connection, plan.read);
  const sources = sourceRecords(inputs, plan, validByMonth, (await connection.runAndReadAll('SELECT source, reason, count(*) FROM quarantine GROUP BY ALL')).getRowsJS());
  const quarantine = Object.fromEntries(QUARANTINE_RULES.map((rule) => [rule, 0])) as Record<QuarantineRule, number>;
  for (const source of sources) for (const [rule, n] of Object.entries(source.quarantined)) quarantine[rule as QuarantineRule] += n;
  const quarantined = Object.values(quarantine).reduce((a, b) => a + b, 0);
  const silver = months.reduce((sum, m) => sum + m.events, 0);
  const duplicates = months.reduce((sum, m) => sum + m.duplicates, 0);
  const rowsRead = sources.reduce((sum, s) => sum + s.rows, 0);
  const gzipError = await gzipChecked;
  if (gzipError) throw gzipError;
  if (silver === 0 && !options.allowEmpty) refuseEmptyBuild(out, inputs, stagedRows + quarantine.malformed_line);
  // One file with a `month` column rather than a folder per month: rejected rows are few, and
  // a row with an unreadable time has no month. The kept sources' rows come from the previous one.
  const keptNames = [...plan.kept.keys()];
  const keptRows = previous && keptNames.length > 0
    ? ` UNION ALL SELECT * FROM read_parquet(${sqlString(join(previous.dir, previous.manifest.silver.quarantine))}) WHERE source IN (${keptNames.map(sqlString).join(', ')})`
    : '';
  await connection.run(`COPY (SELECT * FROM (SELECT * FROM quarantine${keptRows}) ORDER BY ALL) TO ${sqlString(join(staging, 'silver', 'quarantine.parquet'))} (FORMAT parquet)`);

  const [first, last] = (await connection.runAndReadAll(
    "SELECT strftime(min(event_time), '%Y-%m-%d'), strftime(max(event_time), '%Y-%m-%d') FROM events",
  )).getRowsJS()[0]! as [string | null, string | null];
  const period = { from: first ?? '1970-01-01', to: last ?? '1970-01-01' };

  // The pre-aggregates shared by the features and six Gold datasets, merged from the months'
  // aggregates (the period holds every month); with no month, from the empty view of Silver.
  progress.stage('pre-aggregating per user, day and product');
  if (months.length > 0) {
    const files = Object.fromEntries(MONTH_AGGREGATES.map((name) => [name, months.map((m) => monthAggregateFiles(m.month, staging)[name])])) as Record<MonthAggregate, string[]>;
    for (const sql of duckdbPreaggregatesFromMonths(DUCKDB, files)) await connection.run(sql);
  } else {
    for (const sql of preaggregateSql(DUCKDB)) await connection.run(sql, period);
  }
  lap('preaggregates');
  progress.stage('segmenting users (K-Means)');
  const segmentation = await segmentUsers(connection, { k: options.k ?? 3, seed: options.seed ?? 42, ...period, preaggregated: true });

  lap('segmentation');
  const written = await writeGold(connection, staging, period, (name) => progress.stage(`writing ${name}`));
  lap('gold');
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
    versions: { pipeline: PIPELINE_VERSION, duckdb: '', node: process.version },
    sources,
    period: { from: first, to: last },
    rows: { read: rowsRead, quarantined, duplicates, silver },
    quarantine,
    duplicates: { exact_duplicate: duplicates },
    silver: { events: 'silver/events', months, quarantine: 'silver/quarantine.parquet', rules: SILVER_RULES },
    build: {
      incremental: plan.months !== undefined,
      read: plan.read.map((s) => basename(s.path)),
      rebuiltMonths: months.filter((m) => !kept.includes(m)).map((m) => m.month),
      keptMonths: kept.map((m) => m.month),
      hashed: [],
    },
    datasets,
    segmentation,
    ...(options.extra ? { extra: options.extra } : {}),
  };
}

/** Runs a statement that reads the sources; a failure names them. */
async function runReading(connection: DuckDBConnection, statement: string, sources: readonly SourceFile[]): Promise<void> {
  try {
    await connection.run(statement);
  } catch (error) {
    throw new PipelineError('unreadable', `Reading the events failed (${sources.map((s) => basename(s.path)).join(', ')}): ${firstLine(error)}`);
  }
}

/** Every source's record: read now (counted from `staged` and `quarantine`), kept from the previous manifest, or empty. */
function sourceRecords(
  inputs: Inputs,
  plan: Plan,
  staged: ReadonlyArray<{ source: string; month: string | null; valid: number; rows: number }>,
  rejected: unknown[][],
): SourceRecord[] {
  const readNames = new Set(plan.read.map((s) => basename(s.path)));
  return inputs.all.map((source): SourceRecord => {
    const name = basename(source.path);
    const base = { name, format: source.format, bytes: source.bytes, sha256: '', modifiedMs: source.modifiedMs };
    if (inputs.empty.has(source)) return { ...base, months: [], rows: 0, quarantined: {}, skipped: 'empty' };
    if (!readNames.has(name)) return { ...plan.kept.get(name)!, ...base, sha256: plan.kept.get(name)!.sha256 };
    const mine = staged.filter((r) => r.source === name);
    const quarantined: Partial<Record<QuarantineRule, number>> = {};
    for (const rule of QUARANTINE_RULES) {
      const n = rejected.filter(([s, reason]) => s === name && reason === rule).reduce((sum, row) => sum + Number(row[2]), 0);
      if (n > 0) quarantined[rule] = n;
    }
    return {
      ...base,
      months: [...new Set(mine.filter((r) => r.valid > 0 && r.month !== null).map((r) => r.month!))].sort(),
      rows: mine.reduce((sum, r) => sum + r.rows, 0) + (quarantined.malformed_line ?? 0),
      quarantined,
    };
  });
}

/** A kept Silver file in the new version: a hard link (same folder tree, same file system), else a copy. */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
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
