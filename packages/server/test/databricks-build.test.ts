/**
 * `goldboard build --engine databricks` end to end against the stand-in of the Statement
 * Execution API, with a DuckDB twin behind it answering each Databricks statement by the DuckDB
 * rendering of the same step (`warehouse-twin.ts`): the statements in stage order and equal to
 * gold-sql's golden Databricks text, CREATE OR REPLACE for every table, the manifest against a
 * local DuckDB build of the same files, an idempotent rerun, a failed stage reported with its
 * statement id and nothing after it run, an abort cancelling the running statement; then the
 * server's databricks engine reading those Gold tables without a range and Silver with one.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DATASET_NAMES, type DatasetName } from '@goldboard/core';
import { DATABRICKS, GOLD_QUERIES, databricksSilver, goldTableSql } from '@goldboard/gold-sql';
import { DuckDBInstance } from '@duckdb/node-api';
import { type Manifest, WAREHOUSE_STAGES, WarehouseBuildError, type WarehouseManifest, buildGold, buildOnWarehouse, generateEvents } from '@goldboard/pipeline';
import { DatabricksEngine, type DatasetRequest, namedStatement, silentLogger, warehouseSession } from '../src/index.js';
import type { DatabricksConfig } from '../src/engines/databricks/config.js';
import { DatabricksStandIn, TOKEN, WAREHOUSE } from './databricks-standin.js';
import { rowsOf, tempDir } from './helpers.js';
import { WarehouseTwin } from './warehouse-twin.js';

/** The volume globs of gold-sql's golden Databricks files. */
const VOLUMES = ['/Volumes/shop/raw/events/2019-*.csv', '/Volumes/shop/raw/events/2020-*.csv'];
const goldenFile = (name: string) => readFileSync(fileURLToPath(new URL(`../../gold-sql/test/golden/databricks/${name}.sql`, import.meta.url)), 'utf8');
/** A golden file's statements, each `-- @include <query>.sql` line (gold_tables.sql) replaced by that query's golden text. */
const golden = (name: string) =>
  goldenFile(name)
    .replace(/^-- @include (\w+)\.sql$/gm, (_, query: string) => goldenFile(query).replace(/;\n$/, ''))
    .replace(/;\n$/, '')
    .split(';\n\n');

describe('goldboard build --engine databricks (stand-in + DuckDB twin)', () => {
  const standIn = new DatabricksStandIn();
  let twin: WarehouseTwin;
  let raw: string;
  let local: Manifest;
  let localGold: string;
  const config = (): DatabricksConfig => ({
    host: standIn.base,
    warehouseId: WAREHOUSE,
    token: TOKEN,
    allowLoopbackHttp: true,
    pollInitialMs: 2,
    pollMaxMs: 10,
    retryBaseMs: 2,
    catalog: 'main',
    schema: 'gold',
  });
  const build = (options: { signal?: AbortSignal; onProgress?: Parameters<typeof buildOnWarehouse>[1]['onProgress'] } = {}) =>
    buildOnWarehouse(warehouseSession(config()), { events: VOLUMES, k: 3, seed: 42, ...options });
  const posts = () => standIn.calls('POST', /statements$/).map((r) => r.body!);

  before(async () => {
    const dir = tempDir('warehouse-build');
    raw = join(dir, 'raw');
    await generateEvents({ out: raw, events: 20_000, seed: 11, from: '2019-10-01', to: '2020-01-31' });
    // Every Silver rule once, and an exact duplicate, in the last month.
    const [, firstEvent] = readFileSync(join(raw, '2019-Oct.csv'), 'utf8').split('\n');
    appendFileSync(
      join(raw, '2020-Jan.csv'),
      [
        '2020-01-31 23:00:00 UTC,view,1,2,a.b,x,1.00',
        'yesterday,view,1,2,a.b,x,1.00,7,s',
        '2020-01-31 23:00:00 UTC,click,1,2,a.b,x,1.00,7,s',
        '2020-01-31 23:00:00 UTC,view,1,2,a.b,x,1.00,,s',
        '2020-01-31 23:00:00 UTC,view,1.6,2,a.b,x,1.00,7,s',
        '2020-01-31 23:00:00 UTC,view,1,2,a.b,x,free,7,s',
        '2020-01-31 23:00:00 UTC,purchase,1,2,a.b,x,-3.00,7,s',
        '2020-01-31 23:30:00 UTC,purchase,5,2,a.b,x,3.00,7,s',
        '2020-01-31 23:30:00 UTC,purchase,5,2,a.b,x,3.00,7,s',
        firstEvent,
        '',
      ].join('\n'),
    );
    localGold = join(dir, 'gold');
    local = await buildGold({ events: raw, out: localGold, progress: false });
    await standIn.start();
    twin = await WarehouseTwin.open();
    twin.registerBuild({ [VOLUMES[0]!]: join(raw, '2019-*.csv'), [VOLUMES[1]!]: join(raw, '2020-*.csv') });
  });
  beforeEach(() => {
    standIn.reset();
    standIn.scenario = { execute: twin.execute };
    twin.failOn = undefined;
    twin.hangOn = undefined;
  });
  after(async () => {
    twin?.close();
    await standIn.stop();
  });

  let first: WarehouseManifest;
  let firstSubmitted: string[] = [];

  it('runs every stage in order on the warehouse, with the golden Databricks statements', async () => {
    const seen: string[] = [];
    first = await build({ onProgress: (e) => e.kind === 'stage' && seen.push(e.stage) });
    firstSubmitted = standIn.submitted.map((s) => s.id);
    assert.deepEqual(seen, [...WAREHOUSE_STAGES]);
    assert.deepEqual(first.stages.map((s) => s.name), [...WAREHOUSE_STAGES]);
    const sent = posts();
    // Every statement in the build's catalog and schema, on the warehouse, small answers inline.
    for (const body of sent) {
      assert.equal(body.warehouse_id, WAREHOUSE);
      assert.equal(body.catalog, 'main');
      assert.equal(body.schema, 'gold');
      assert.equal(body.disposition, 'INLINE');
    }
    const texts = sent.map((b) => String(b.statement));
    // Silver: gold-sql's statements, as committed in its golden file, first and in order.
    assert.deepEqual(databricksSilver(VOLUMES), golden('silver'));
    assert.deepEqual(texts.slice(0, 5), golden('silver'));
    // Gold: each ranged dataset's golden statement, bound to the period (and the contract's 100 rows).
    const goldenGold = golden('gold_tables');
    for (const name of GOLD_QUERIES) {
      const sql = goldTableSql(name, name, DATABRICKS);
      assert.ok(goldenGold.includes(sql), `${name}: the golden statement`);
      const i = texts.indexOf(sql);
      assert.ok(i > 0, `${name} was built`);
      const params = (sent[i]!.parameters as Array<{ name: string; value: string; type: string }>).map((p) => `${p.name}=${p.value}:${p.type}`);
      assert.deepEqual(params.slice(0, 2), ['from=2019-10-01:DATE', 'to=2020-01-31:DATE']);
      if (name === 'top_products' || name === 'top_users') assert.deepEqual(params.slice(2), ['limit=100:INT']);
    }
    // Every Gold dataset (and every table the build writes) is replaced atomically, never emptied and refilled.
    for (const name of DATASET_NAMES) assert.ok(texts.some((t) => t.startsWith(`CREATE OR REPLACE TABLE ${name} AS\n`)), name);
    for (const t of texts) assert.match(t, /^(?:--[^\n]*\n)*(?:CREATE OR REPLACE (?:TABLE|VIEW) \w+ AS\b|SELECT |WITH |DROP TABLE IF EXISTS )/, t.slice(0, 80));
    assert.ok(!texts.some((t) => /\b(?:INSERT|DELETE|TRUNCATE|MERGE)\b|\$\w|\bVARCHAR\b|\bINTEGER\b/.test(t)), 'no DuckDB syntax, no partial writes');
    // K-Means ran as SQL on the warehouse: Lloyd iterations with centroids as literals.
    const kmeans = first.stages.find((s) => s.name === 'kmeans')!.statements.length;
    assert.ok(first.segmentation.iterations > 0 && kmeans >= first.segmentation.iterations + 2);
    assert.ok(twin.asSent.length >= kmeans, 'K-Means statements ran as sent');
    assert.equal(first.stages.find((s) => s.name === 'kmeans')!.statements.length, first.segmentation.statements);
  });

  it('writes a manifest equal to the local DuckDB build of the same files', async () => {
    const m = first;
    assert.equal(m.format, 'goldboard-warehouse/1');
    assert.deepEqual(m.location, { catalog: 'main', schema: 'gold' });
    assert.deepEqual(m.events, { kind: 'files', paths: VOLUMES });
    assert.deepEqual(m.period, local.period);
    assert.deepEqual(m.rows, local.rows);
    assert.deepEqual(m.quarantine, local.quarantine);
    for (const rule of Object.keys(m.quarantine)) assert.ok(m.quarantine[rule as keyof typeof m.quarantine] >= 1, `${rule} counted`);
    assert.equal(m.rows.duplicates, local.rows.duplicates);
    assert.ok(m.rows.duplicates >= 2);
    for (const name of DATASET_NAMES) {
      assert.equal(m.datasets[name].table, `main.gold.${name}`);
      assert.equal(m.datasets[name].rows, local.datasets[name].rows, name);
    }
    assert.equal(m.segmentation.users, local.segmentation.users);
    assert.deepEqual(m.segmentation.clusters.map((c) => [c.segment, c.users]), local.segmentation.clusters.map((c) => [c.segment, c.users]));
    // Statement ids: those the warehouse gave, each once, in order.
    const ids = m.stages.flatMap((s) => s.statements.map((x) => x.id));
    assert.deepEqual(ids, firstSubmitted);
    assert.equal(new Set(ids).size, ids.length);
    for (const s of m.stages) assert.ok(s.seconds >= 0 && s.statements.every((x) => x.seconds >= 0));
    // The manifest table holds the same manifest.
    const [[builtAt, stored]] = (await twin.rows('SELECT built_at, manifest FROM gold_manifest')) as [[string, string]];
    assert.equal(builtAt, m.builtAt);
    const table = JSON.parse(stored) as WarehouseManifest;
    assert.deepEqual(table.rows, m.rows);
    // Stored before its own statement ran: every statement but that last one.
    assert.deepEqual(table.stages.flatMap((s) => s.statements.map((x) => x.id)), ids.slice(0, -1));
  });

  it('writes the same Gold values as the local DuckDB build', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      for (const name of DATASET_NAMES) {
        const order = name === 'segment_summary' ? 'segment' : '1, 2';
        const want = (await connection.runAndReadAll(`SELECT * FROM read_parquet('${join(localGold, `${name}.parquet`)}') ORDER BY ${order}`)).getRowsJS();
        const got = await twin.rows(`SELECT * FROM ${name} ORDER BY ${order}`);
        assert.deepEqual(got, want, name);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('reruns idempotently: the same statements, the same tables and manifest', async () => {
    const before = await twin.rows('SELECT * FROM segment_summary ORDER BY segment');
    const firstTexts = standIn.submitted.length; // reset by beforeEach: 0
    assert.equal(firstTexts, 0);
    const again = await build();
    const texts = standIn.submitted.map((s) => s.statement);
    const { stages: _a, builtAt: _b, buildSeconds: _c, ...rest } = again;
    const { stages: _d, builtAt: _e, buildSeconds: _f, ...was } = first;
    assert.deepEqual(rest, was);
    assert.equal(texts.length, firstSubmitted.length);
    assert.deepEqual(await twin.rows('SELECT * FROM segment_summary ORDER BY segment'), before);
    assert.deepEqual(await twin.rows("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'kmeans%' OR table_name = 'staged'"), [[0n]], 'working tables dropped');
  });

  it('stops at a failed statement: its stage and id reported, nothing after it sent', async () => {
    twin.failOn = {
      pattern: /^CREATE OR REPLACE TABLE user_features AS/,
      error: { error_code: 'BAD_REQUEST', message: '[DELTA_INSUFFICIENT_PRIVILEGES] User does not have MODIFY on table main.gold.user_features.' },
    };
    const error = await build().then(
      () => assert.fail('the build should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof WarehouseBuildError, String(error));
    assert.equal(error.code, 'build-failed');
    assert.equal(error.stage, 'features');
    const failed = standIn.submitted.at(-1)!;
    assert.match(failed.statement, /^CREATE OR REPLACE TABLE user_features AS/);
    assert.equal(error.statementId, failed.id);
    assert.match(error.message, new RegExp(`features stage failed at statement ${failed.id}.*DELTA_INSUFFICIENT_PRIVILEGES`));
    assert.equal(error.statements.length, standIn.submitted.length - 1);
    assert.equal(posts().length, standIn.submitted.length, 'no statement after the failed one');
  });

  it('an abort cancels the running statement and sends nothing after it', async () => {
    twin.hangOn = /^CREATE OR REPLACE TABLE top_products AS/;
    const stop = new AbortController();
    const running = build({ signal: stop.signal });
    const started = Date.now();
    while (!standIn.submitted.some((s) => twin.hangOn!.test(s.statement))) {
      assert.ok(Date.now() - started < 20_000, 'the top_products statement was submitted');
      await new Promise((r) => setTimeout(r, 5));
    }
    const hung = standIn.submitted.at(-1)!;
    stop.abort();
    const error = await running.then(
      () => assert.fail('the build should stop'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof WarehouseBuildError);
    assert.equal(error.code, 'aborted');
    assert.equal(error.stage, 'gold');
    const end = Date.now() + 2000;
    while (!standIn.cancels.includes(hung.id) && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(standIn.cancels, [hung.id]);
    assert.equal(standIn.submitted.at(-1)!.id, hung.id, 'nothing submitted after it');
  });

  describe('the databricks engine over the built tables', () => {
    const request = async (req: DatasetRequest) => {
      const engine = new DatabricksEngine(config(), { log: silentLogger });
      const { sql } = namedStatement(req, 'databricks');
      twin.step(sql, namedStatement(req, 'duckdb').sql.replace(/\bgold_(\w+)\b/g, '$1'));
      const table = await engine.run(req, new AbortController().signal);
      return { rows: rowsOf(table), body: posts().at(-1)! };
    };

    before(async () => {
      // The Gold tables of a complete build (the abort above left top_products as it was).
      standIn.scenario = { execute: twin.execute };
      twin.hangOn = undefined;
      twin.failOn = undefined;
      await build();
    });

    for (const dataset of ['top_users', 'segment_summary', 'user_segments', 'kpi_summary'] as DatasetName[]) {
      it(`${dataset} without a range reads the Gold table main.gold.${dataset}`, async () => {
        const { rows, body } = await request({ dataset });
        assert.match(String(body.statement), new RegExp(`\\nFROM ${dataset}\\nORDER BY`));
        assert.doesNotMatch(String(body.statement), /\b(?:FROM|JOIN) events\b/);
        assert.deepEqual(body.parameters, []);
        assert.equal([body.catalog, body.schema].join('.'), 'main.gold');
        assert.equal(rows.length, first.datasets[dataset].rows);
        assert.ok(rows.length > 0);
      });
    }

    it('a range reads Silver (events) and user_segments', async () => {
      const { rows, body } = await request({ dataset: 'top_users', from: '2019-11-01', to: '2019-11-30', limit: 5 });
      assert.match(String(body.statement), /FROM events/);
      assert.match(String(body.statement), /LEFT JOIN user_segments/);
      assert.deepEqual((body.parameters as Array<{ name: string }>).map((p) => p.name), ['from', 'to', 'limit', 'row_limit']);
      assert.equal(rows.length, 5);
      assert.ok(rows.every((r) => typeof r.segment === 'string'));
    });
  });
});
