/**
 * The limit a build is measured against: DuckDB reading every column of the same raw files and
 * nothing else (no typing rules, no dedupe, no Gold). Used by the benchmark in bench/pipeline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DUCKDB, DUCKDB_SILVER_MONTHS, RAW_COLUMNS, duckdbSilver, duckdbSilverMonth, sqlString } from '@goldboard/gold-sql';
import { createBronze } from './bronze.js';
import { resolveSources } from './sources.js';

/** Reads all columns of the CSV files (as text, like the build, or with DuckDB's typed parser); resolves with the row count. */
export async function bareScan(events: string, options: { typed?: boolean; memoryLimit?: string } = {}): Promise<number> {
  const files = resolveSources(events).map((s) => sqlString(s.path));
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: options.memoryLimit ?? '1GB' });
  const connection = await instance.connect();
  try {
    const read = options.typed
      ? `header = true, timestampformat = '%Y-%m-%d %H:%M:%S UTC'`
      : `header = true, auto_detect = false, columns = {${RAW_COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
    const reader = await connection.runAndReadAll(
      `SELECT count(*), ${RAW_COLUMNS.map((c) => `max(${c})`).join(', ')} FROM read_csv([${files.join(', ')}], ${read})`,
    );
    return Number(reader.getRowsJS()[0]![0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * The steps no build of the contract can skip, each timed on its own (seconds), in one DuckDB
 * instance: the raw columns typed into DuckDB's own storage (one parse), exact duplicates found
 * through a hash of every column, Silver written once as Parquet, and one per-user aggregate
 * (what segmentation and top users need). Used by the benchmark to show the floor of a build.
 */
export async function floorSteps(events: string, options: { memoryLimit?: string } = {}): Promise<Record<string, number>> {
  const files = resolveSources(events).map((s) => sqlString(s.path));
  const work = mkdtempSync(join(tmpdir(), 'goldboard-floor-'));
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  const seconds: Record<string, number> = {};
  const step = async (name: string, sql: string) => {
    const started = performance.now();
    await connection!.run(sql);
    seconds[name] = (performance.now() - started) / 1000;
  };
  try {
    instance = await DuckDBInstance.create(':memory:', { memory_limit: options.memoryLimit ?? '1GB', temp_directory: join(work, 'tmp') });
    connection = await instance.connect();
    await connection.run('SET preserve_insertion_order = false');
    // The typing of sql/silver.sql (its fast REES46 time format first), without its quarantine
    // reasons and raw text: the least any typed load does.
    const text = `{${RAW_COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
    await step(
      'typedLoad',
      `CREATE TABLE staged AS SELECT coalesce(try_strptime(event_time, '%Y-%m-%d %H:%M:%S UTC'), TRY_CAST(event_time AS TIMESTAMP)) AS event_time, event_type,
        TRY_CAST(product_id AS BIGINT) AS product_id, TRY_CAST(category_id AS BIGINT) AS category_id, NULLIF(category_code, '') AS category_code,
        NULLIF(brand, '') AS brand, TRY_CAST(price AS DOUBLE) AS price, TRY_CAST(user_id AS BIGINT) AS user_id, NULLIF(user_session, '') AS user_session
       FROM read_csv([${files.join(', ')}], header = true, auto_detect = false, columns = ${text})`,
    );
    await step('duplicateHashes', `CREATE TABLE dup AS SELECT h FROM (SELECT hash(${RAW_COLUMNS.join(', ')}) AS h FROM staged) GROUP BY h HAVING count(*) > 1`);
    await step('silverParquet', `COPY staged TO ${sqlString(join(work, 'silver.parquet'))} (FORMAT parquet)`);
    await step(
      'perUser',
      `CREATE TABLE per_user AS SELECT user_id, max(event_time), count(*) FILTER (WHERE event_type = 'purchase'),
        sum(CAST(price AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase'), count(*), count(DISTINCT user_session) FROM staged GROUP BY user_id`,
    );
    return seconds;
  } finally {
    connection?.closeSync();
    instance?.closeSync();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Where the build's Silver stage spends its time (for bench/pipeline/profile-silver.ts): the
 * build's own Silver statements on `events`, each timed (wall and process CPU, every thread),
 * then the slowest table-making statement and the slowest month's query run again under
 * EXPLAIN ANALYZE. Lines go to `log` as they come.
 */
export async function profileSilver(events: string, log: (line: string) => void, options: { memoryLimit?: string } = {}): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'goldboard-profile-'));
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: options.memoryLimit ?? '1GB', temp_directory: join(work, 'tmp') });
  const connection = await instance.connect();
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const timed: Array<{ label: string; sql: string; seconds: number; cpuSeconds: number }> = [];
  const time = async (label: string, sql: string) => {
    const started = performance.now();
    const c = cpu();
    await connection.run(sql);
    timed.push({ label, sql, seconds: (performance.now() - started) / 1000, cpuSeconds: cpu() - c });
    log(`${label}: ${timed.at(-1)!.seconds.toFixed(2)} s wall, ${timed.at(-1)!.cpuSeconds.toFixed(2)} s CPU`);
  };
  const plan = async (sql: string) => (await connection.runAndReadAll(`EXPLAIN ANALYZE ${sql}`)).getRowsJS().map((r) => String(r[1])).join('\n');
  try {
    await createBronze(connection, resolveSources(events));
    await connection.run('SET preserve_insertion_order = false');
    const [staged, ...rest] = duckdbSilver(DUCKDB);
    await time('staged', staged!);
    const labels = ['quarantine', 'duplicate_hashes', 'silver_events'];
    for (const [i, sql] of rest.entries()) await time(labels[i] ?? `silver ${i}`, sql);
    await connection.run('SET preserve_insertion_order = true');
    const monthsStarted = performance.now();
    const monthsCpu = cpu();
    const months = (await connection.runAndReadAll(DUCKDB_SILVER_MONTHS)).getRowsJS().map((r) => String(r[0]));
    timed.push({ label: 'months', sql: DUCKDB_SILVER_MONTHS, seconds: (performance.now() - monthsStarted) / 1000, cpuSeconds: cpu() - monthsCpu });
    log(`months: ${timed.at(-1)!.seconds.toFixed(2)} s wall, ${timed.at(-1)!.cpuSeconds.toFixed(2)} s CPU`);
    for (const month of months) await time(`COPY ${month}`, duckdbSilverMonth(DUCKDB, month, join(work, `${month}.parquet`)));
    const copies = timed.filter((t) => t.label.startsWith('COPY'));
    log(`the ${copies.length} monthly COPYs together: ${copies.reduce((s, t) => s + t.seconds, 0).toFixed(2)} s wall, ${copies.reduce((s, t) => s + t.cpuSeconds, 0).toFixed(2)} s CPU`);
    const slowest = timed.filter((t) => labels.includes(t.label)).reduce((a, b) => (b.seconds > a.seconds ? b : a));
    // silver_events is a view (nothing to drop, it costs nothing until read): profiled as a table.
    await connection.run(`DROP ${slowest.label === 'silver_events' ? 'VIEW' : 'TABLE'} IF EXISTS ${slowest.label}`);
    log(`\nEXPLAIN ANALYZE ${slowest.label}:\n${await plan(slowest.sql.replace(/^(--.*\n)+/, '').replace('CREATE VIEW', 'CREATE TABLE'))}`);
    const copy = copies.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    log(`\nEXPLAIN ANALYZE of the slowest month's query (${copy.label}):\n${await plan(/COPY \(\n([\s\S]*)\n\) TO/.exec(copy.sql)![1]!)}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(work, { recursive: true, force: true });
  }
}
