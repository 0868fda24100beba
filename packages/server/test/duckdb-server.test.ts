/**
 * The server on the DuckDB engine over a small Gold folder: every dataset for the full period
 * equals the Gold files; ranges equal an independent computation on the events; parameters,
 * 304s, CORS, JSON, the core `server` adapter.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DATASET_NAMES, GoldError, createServerAdapter, validateTable } from '@goldboard/core';
import { tableFromIPC } from 'apache-arrow';
import { sqlText } from '@goldboard/gold-sql';
import { DuckDBEngine, type LogEntry, RANGED } from '../src/index.js';
import { openGoldDatabase, silverMonths } from '../src/engines/duckdb.js';
import { type EventRow, type Row, assertRowsClose, closeServers, fetchArrow, readEvents, rowsOf, smallGold, startServer, tempDir } from './helpers.js';
import { dailyMetrics, kpiSummary, segmentSummary, topProducts, topUsers } from './reference.js';

describe('server on DuckDB', () => {
  let gold = '';
  let base = '';
  let events: EventRow[] = [];
  let segments = new Map<number, { segment: string; cluster: number }>();
  let period = { from: '', to: '' };

  before(async () => {
    gold = await smallGold('duckdb');
    period = JSON.parse(readFileSync(join(gold, 'manifest.json'), 'utf8')).period;
    base = await startServer(await DuckDBEngine.open({ gold, connections: 2 }), { corsOrigins: ['https://shop.example'] });
    ({ events, segments } = await readEvents(gold));
  });
  after(closeServers);

  const goldFile = (name: string): Row[] => rowsOf(tableFromIPC(readFileSync(join(gold, `${name}.arrow`))));

  it('lists the contract datasets with their schemas', async () => {
    const response = await fetch(`${base}/v1/datasets`);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.deepEqual(body.datasets.map((d: { name: string }) => d.name), [...DATASET_NAMES]);
    const kpi = body.datasets[0];
    assert.deepEqual(kpi.columns[0], { name: 'revenue', type: 'float64', nullable: false, description: 'sum of purchase prices' });
    assert.deepEqual(kpi.needs, ['silver/events']);
    assert.deepEqual(body.period, period);
  });

  it('answers every dataset for the full period exactly as the Gold files', async () => {
    for (const name of DATASET_NAMES) {
      const { response, rows } = await fetchArrow(`${base}/v1/datasets/${name}`);
      assert.equal(response.headers.get('content-type'), 'application/vnd.apache.arrow.stream');
      assert.deepEqual(rows, goldFile(name), name);
    }
  });

  it('computes every ranged dataset for the full period as an explicit range, equal to the Gold files', async () => {
    for (const name of RANGED) {
      const { rows } = await fetchArrow(`${base}/v1/datasets/${name}?from=${period.from}&to=${period.to}`);
      assertRowsClose(rows, goldFile(name), `${name} over the period`);
    }
  });

  it('computes ranges exactly: true distinct counts, ranks and shares of the range', async () => {
    const ranges = [
      ['2019-11-01', '2019-11-30'],
      ['2019-12-24', '2020-01-02'],
      ['2020-02-29', '2020-02-29'],
    ] as const;
    for (const [from, to] of ranges) {
      const q = `from=${from}&to=${to}`;
      assertRowsClose((await fetchArrow(`${base}/v1/datasets/kpi_summary?${q}`)).rows, kpiSummary(events, from, to), `kpi_summary ${q}`);
      assertRowsClose((await fetchArrow(`${base}/v1/datasets/daily_metrics?${q}`)).rows, dailyMetrics(events, from, to), `daily_metrics ${q}`);
      assertRowsClose((await fetchArrow(`${base}/v1/datasets/top_products?${q}&limit=20`)).rows, topProducts(events, from, to, 20), `top_products ${q}`);
      assertRowsClose((await fetchArrow(`${base}/v1/datasets/top_users?${q}`)).rows, topUsers(events, segments, from, to), `top_users ${q}`);
      assertRowsClose((await fetchArrow(`${base}/v1/datasets/segment_summary?${q}`)).rows, segmentSummary(events, segments, from, to), `segment_summary ${q}`);
    }
    // A month's users are fewer than the sum of its daily users: distinct over the range.
    const [kpi] = kpiSummary(events, '2019-11-01', '2019-11-30');
    const daily = dailyMetrics(events, '2019-11-01', '2019-11-30');
    assert.ok((kpi!.users as number) < daily.reduce((s, d) => s + (d.users as number), 0));
  });

  it('filters by segment and limits rows', async () => {
    const segment = 'Occasional Buyers';
    const { rows } = await fetchArrow(`${base}/v1/datasets/top_users?from=2019-10-01&to=2019-12-31&limit=5&segment=${encodeURIComponent(segment)}`);
    assertRowsClose(rows, topUsers(events, segments, '2019-10-01', '2019-12-31', 5, segment), 'top_users of a segment');
    const summary = (await fetchArrow(`${base}/v1/datasets/segment_summary?segment=${encodeURIComponent(segment)}`)).rows;
    assert.deepEqual(summary, goldFile('segment_summary').filter((r) => r.segment === segment));
    const some = (await fetchArrow(`${base}/v1/datasets/user_segments?limit=7`)).rows;
    assert.deepEqual(some, goldFile('user_segments').slice(0, 7));
    assert.deepEqual((await fetchArrow(`${base}/v1/datasets/top_products?limit=0`)).rows, []);
  });

  it('ranks the top users of a segment from the events when no range is given (the Gold table keeps only the first 100)', async () => {
    const segment = 'Occasional Buyers';
    const expected = topUsers(events, segments, '1900-01-01', '2999-12-31', 10, segment);
    assert.ok(expected.length > 0);
    // (This folder's buyers all fit in the Gold table; the end-to-end test meets a segment outside it.)
    const { rows } = await fetchArrow(`${base}/v1/datasets/top_users?limit=10&segment=${encodeURIComponent(segment)}`);
    assertRowsClose(rows, expected, 'top_users of a segment over the whole period');
  });

  it('answers a range without events with no rows', async () => {
    assert.deepEqual((await fetchArrow(`${base}/v1/datasets/kpi_summary?from=2021-01-01&to=2021-01-31`)).rows, []);
  });

  it('answers JSON when asked for it', async () => {
    const response = await fetch(`${base}/v1/datasets/daily_metrics?from=2019-11-01&to=2019-11-02`, { headers: { Accept: 'application/json' } });
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    const rows = await response.json();
    assertRowsClose(rows, dailyMetrics(events, '2019-11-01', '2019-11-02'), 'JSON daily_metrics');
  });

  it('rejects every bad parameter with 400 and JSON naming it; unknown datasets with 404', async () => {
    const cases: Array<[string, number, string]> = [
      ['kpi_summary?from=2019-02-30', 400, 'from'],
      ['kpi_summary?to=20191130', 400, 'to'],
      ['kpi_summary?from=2019-11-30&to=2019-11-01', 400, 'to'],
      ['top_products?limit=-5', 400, 'limit'],
      ['top_products?limit=abc', 400, 'limit'],
      ['top_products?limit=1e3', 400, 'limit'],
      ['top_users?segment=Whales', 400, 'segment'],
      ['kpi_summary?from=2019-11-01%27%3B%20DROP%20TABLE%20events', 400, 'from'],
      ['kpi_summary?sql=SELECT%201', 400, 'sql'],
      ['users_and_passwords', 404, 'dataset'],
    ];
    for (const [path, status, param] of cases) {
      const response = await fetch(`${base}/v1/datasets/${path}`);
      assert.equal(response.status, status, path);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/);
      const body = await response.json();
      assert.equal(body.error.param, param, path);
      assert.ok(body.error.message.length > 10, path);
    }
    assert.equal((await fetch(`${base}/v2/anything`)).status, 404);
    const csv = await fetch(`${base}/v1/datasets/kpi_summary`, { headers: { Accept: 'text/csv' } });
    assert.equal(csv.status, 406);
    assert.equal((await csv.json()).error.code, 'not-acceptable');
    const post = await fetch(`${base}/v1/datasets/kpi_summary`, { method: 'POST', body: 'x' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD, OPTIONS');
  });

  it('answers If-None-Match with 304, from its cache', async () => {
    const url = `${base}/v1/datasets/top_products?from=2019-10-01&to=2019-10-31&limit=10`;
    const first = await fetch(url);
    await first.arrayBuffer();
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[\w-]+"$/);
    assert.equal(first.headers.get('cache-control'), 'public, max-age=60');
    const again = await fetch(url, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('etag'), etag);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    const other = await fetch(url, { headers: { 'If-None-Match': '"something-else"' } });
    assert.equal(other.status, 200);
    await other.arrayBuffer();
    const json = await fetch(url, { headers: { Accept: 'application/json', 'If-None-Match': etag } });
    assert.equal(json.status, 200, 'another representation has another ETag');
    assert.notEqual(json.headers.get('etag'), etag);
    await json.arrayBuffer();
  });

  it('allows configured origins only', async () => {
    const allowed = await fetch(`${base}/v1/datasets/kpi_summary`, { headers: { Origin: 'https://shop.example' } });
    await allowed.arrayBuffer();
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(allowed.headers.get('vary') ?? '', /Origin/);
    const other = await fetch(`${base}/v1/datasets/kpi_summary`, { headers: { Origin: 'https://evil.example' } });
    await other.arrayBuffer();
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const preflight = await fetch(`${base}/v1/datasets/kpi_summary`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /GET/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /If-None-Match/);
  });

  it('answers HEAD with the headers only', async () => {
    const response = await fetch(`${base}/v1/datasets/kpi_summary`, { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.ok(Number(response.headers.get('content-length')) > 0);
    assert.equal((await response.arrayBuffer()).byteLength, 0);
  });

  it('forgets its cached answers when the Gold folder is rebuilt', async () => {
    const logs: LogEntry[] = [];
    const url = await startServer(await DuckDBEngine.open({ gold }), { log: (e) => logs.push(e) });
    await (await fetch(`${url}/v1/datasets/top_products?limit=2`)).arrayBuffer();
    await (await fetch(`${url}/v1/datasets/top_products?limit=2`)).arrayBuffer();
    const manifest = join(gold, 'manifest.json');
    await new Promise((r) => setTimeout(r, 1100)); // the engine looks at manifest.json at most once a second
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/\n$/, '\n\n'));
    await (await fetch(`${url}/v1/datasets/top_products?limit=2`)).arrayBuffer();
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(logs.map((l) => l.cache), ['miss', 'hit', 'miss']);
  });

  it('marks every answer X-Content-Type-Options: nosniff (data, 304, catalog, health, preflight, every error)', async () => {
    const etag = (await fetch(`${base}/v1/datasets/kpi_summary`)).headers.get('etag')!;
    const cases: Array<[string, RequestInit, number]> = [
      ['/v1/datasets/kpi_summary', {}, 200],
      ['/v1/datasets/kpi_summary', { headers: { Accept: 'application/json' } }, 200],
      ['/v1/datasets/kpi_summary', { method: 'HEAD' }, 200],
      ['/v1/datasets/kpi_summary', { headers: { 'If-None-Match': etag } }, 304],
      ['/v1/datasets', {}, 200],
      ['/healthz', {}, 200],
      ['/v1/datasets/kpi_summary', { method: 'OPTIONS', headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'GET' } }, 204],
      ['/v1/datasets/kpi_summary?from=2019-02-30', {}, 400],
      ['/v1/datasets/nope', {}, 404],
      ['/elsewhere', {}, 404],
      ['/v1/datasets/kpi_summary', { method: 'DELETE' }, 405],
      ['/v1/datasets/kpi_summary', { headers: { Accept: 'text/csv' } }, 406],
    ];
    for (const [path, init, status] of cases) {
      const response = await fetch(`${base}${path}`, init);
      await response.arrayBuffer();
      assert.equal(response.status, status, `${init.method ?? 'GET'} ${path}`);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', `${init.method ?? 'GET'} ${path} (${status})`);
    }
  });

  it('reports health', async () => {
    const response = await fetch(`${base}/healthz`);
    assert.equal(response.status, 200);
    assert.equal((await response.json()).status, 'ok');
  });

  it('serves the core server adapter: Arrow decoded and validated, errors carrying the server message', async () => {
    const adapter = createServerAdapter({ base });
    assert.equal(adapter.key, `server:${base}/`);
    const signal = new AbortController().signal;
    const table = validateTable('kpi_summary', await adapter.load({ dataset: 'kpi_summary', from: '2019-11-01', to: '2019-11-30' }, signal));
    const [expected] = kpiSummary(events, '2019-11-01', '2019-11-30');
    assert.equal(table.numbers('users')[0], expected!.users);
    assert.ok(Math.abs(table.numbers('revenue')[0]! - (expected!.revenue as number)) < 1e-6);
    const top = await adapter.load({ dataset: 'top_products', limit: 3 }, signal);
    assert.equal(top.numRows, 3);
    await assert.rejects(adapter.load({ dataset: 'kpi_summary', from: '2019-11-31' }, signal), (error: unknown) => {
      assert.ok(error instanceof GoldError);
      assert.equal(error.code, 'bad-param');
      assert.equal(error.status, 400);
      assert.match(error.message, /from must be a calendar day/);
      return true;
    });
    await assert.rejects(adapter.load({ dataset: 'nope' }, signal), (error: unknown) => error instanceof GoldError && error.code === 'unknown-dataset');
  });

  it('reads only the Silver files of the months of a range', async () => {
    const months = silverMonths(join(gold, 'silver', 'events'));
    assert.deepEqual(months, JSON.parse(readFileSync(join(gold, 'manifest.json'), 'utf8')).silver.months.map((m: { month: string }) => m.month));
    assert.ok(months.length >= 3, `a Gold of several months (${months.join(', ')})`);
    const { instance } = await openGoldDatabase(gold);
    const connection = await instance.connect();
    // The engine's very statement, prepared and bound as it runs it; DuckDB's profile counts the files read.
    const filesRead = async (from: string, to: string) => {
      const prepared = await connection.prepare(`EXPLAIN ANALYZE ${sqlText('kpi_summary')}`);
      prepared.bind({ from, to });
      const plan = (await prepared.runAndReadAll()).getRowsJS().map((r) => r.join('\n')).join('\n');
      return [...plan.matchAll(/Total Files Read: (\d+)/g)].map((m) => Number(m[1]));
    };
    try {
      const one = months[1]!;
      assert.deepEqual(await filesRead(`${one}-01`, `${one}-28`), [1]);
      assert.deepEqual(await filesRead(`${months[0]}-15`, `${one}-02`), [2]);
      assert.deepEqual(await filesRead('1970-01-01', '2100-12-31'), [months.length]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('says what is missing when a Gold folder has no Silver events for a range', async () => {
    const bare = join(tempDir('bare'), 'gold');
    mkdirSync(bare);
    for (const file of readdirSync(gold)) if (file.endsWith('.parquet') || file === 'manifest.json') copyFileSync(join(gold, file), join(bare, file));
    const url = await startServer(await DuckDBEngine.open({ gold: bare }));
    assert.equal((await fetch(`${url}/v1/datasets/kpi_summary`)).status, 200);
    const response = await fetch(`${url}/v1/datasets/kpi_summary?from=2019-11-01&to=2019-11-30`);
    assert.equal(response.status, 422);
    assert.match((await response.json()).error.message, /silver\/events/);
  });
});
