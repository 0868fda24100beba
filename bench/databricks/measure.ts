/**
 * What bench/databricks/README.md estimates a warehouse build from: on generated events, the
 * CSV bytes against the same rows as Parquet (Bronze as text, Silver typed, the user features),
 * snappy (Delta's default) and zstd, and a local DuckDB build's stage times.
 *
 *   node --conditions=source --import tsx bench/databricks/measure.ts [events=1000000]
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { sqlText } from '../../packages/gold-sql/src/index.js';
import { FEATURE_NAMES, buildGold, generateEvents } from '../../packages/pipeline/src/index.js';
import { scaling } from '../../packages/pipeline/src/segments/kmeans-driver.js';
import { DUCKDB_KMEANS, gridBits, logMomentsSql, scalePointsSql } from '../../packages/pipeline/src/segments/kmeans-sql.js';

// DuckDB as the pipeline has it (bench/ is no package of its own); what is used of it, typed here.
interface Connection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRowsJS(): unknown[][] }>;
  closeSync(): void;
}
const { DuckDBInstance } = (await import(createRequire(new URL('../../packages/pipeline/package.json', import.meta.url)).resolve('@duckdb/node-api'))) as {
  DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<Connection>; closeSync(): void }> };
};

const events = Number(process.argv[2] ?? 1_000_000);
// Beside the pipeline benchmark's data (ignored by git).
const root = join(import.meta.dirname, '..', 'pipeline', '.data', `databricks-${events}`);
const raw = join(root, 'raw');
if (!existsSync(raw)) await generateEvents({ out: raw, events, seed: 1 });
const gold = join(root, 'gold');
const manifest = await buildGold({ events: raw, out: gold, progress: false });
const csvBytes = readdirSync(raw).reduce((n, f) => n + statSync(join(raw, f)).size, 0);
const out = join(root, 'parquet');
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
const instance = await DuckDBInstance.create(':memory:');
const c = await instance.connect();
const silver = join(gold, 'silver', 'events', '*', '*.parquet');
await c.run(`CREATE VIEW events AS SELECT * FROM read_parquet('${silver}', hive_partitioning = true)`);
const sizes: Record<string, number> = {};
for (const codec of ['snappy', 'zstd']) {
  const bronze = join(out, `bronze-${codec}.parquet`);
  await c.run(`COPY (SELECT * FROM read_csv('${raw}/*.csv', all_varchar = true, header = true)) TO '${bronze}' (FORMAT parquet, COMPRESSION ${codec})`);
  sizes[`bronze (text) ${codec}`] = statSync(bronze).size;
  const typed = join(out, `silver-${codec}.parquet`);
  await c.run(`COPY (SELECT * EXCLUDE (month) FROM events) TO '${typed}' (FORMAT parquet, COMPRESSION ${codec})`);
  sizes[`silver ${codec}`] = statSync(typed).size;
  const features = join(out, `user_features-${codec}.parquet`);
  await c.run(`COPY (${sqlText('user_features').replace('$from', "'1900-01-01'").replace('$to', "'2999-12-31'")}) TO '${features}' (FORMAT parquet, COMPRESSION ${codec})`);
  sizes[`user_features ${codec}`] = statSync(features).size;
}
// What each Gold query and K-Means step reads: Parquet bytes by column (snappy).
const columnBytes = async (file: string) =>
  Object.fromEntries(
    (await c.runAndReadAll(`SELECT path_in_schema, sum(total_compressed_size) FROM parquet_metadata('${file}') GROUP BY 1 ORDER BY 1`)).getRowsJS().map(([k, v]) => [String(k), Number(v)]),
  );
const silverColumns = await columnBytes(join(out, 'silver-snappy.parquet'));
// The K-Means points table (raw and scaled features): Lloyd's iterations read only the scaled columns.
await c.run(`CREATE TABLE user_features AS SELECT * FROM read_parquet('${join(out, 'user_features-snappy.parquet')}')`);
const [n, ...moments] = (await c.runAndReadAll(logMomentsSql(DUCKDB_KMEANS, { source: 'user_features', features: FEATURE_NAMES }))).getRowsJS()[0]!;
const scaled = scaling(Number(n), moments);
await c.run(scalePointsSql(DUCKDB_KMEANS, { source: 'user_features', target: 'points', features: FEATURE_NAMES, means: scaled.means, stds: scaled.stds, gridBits: gridBits(Number(n)) }));
await c.run(`COPY points TO '${join(out, 'points-snappy.parquet')}' (FORMAT parquet, COMPRESSION snappy)`);
const pointsColumns = await columnBytes(join(out, 'points-snappy.parquet'));
const users = Number((await c.runAndReadAll('SELECT count(DISTINCT user_id) FROM events')).getRowsJS()[0]![0]);
console.log(JSON.stringify({ events, rowsRead: manifest.rows.read, silverRows: manifest.rows.silver, users, csvBytes, sizes, ratioToCsv: Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, +(v / csvBytes).toFixed(4)])), silverColumns, pointsColumns, stageSeconds: manifest.stageSeconds, buildSeconds: manifest.buildSeconds, segmentation: { iterations: manifest.segmentation.iterations, sampleUsers: manifest.segmentation.sampleUsers } }, null, 2));
c.closeSync();
instance.closeSync();
