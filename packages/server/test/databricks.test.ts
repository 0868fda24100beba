/**
 * The `databricks` engine against a local stand-in of the Statement Execution API: parameters
 * bound by name, INLINE + JSON_ARRAY, EXTERNAL_LINKS + ARROW_STREAM (every chunk, no token to
 * storage, expired links re-fetched), INLINE + ARROW_STREAM fallback, polling, cancellation,
 * truncation, failed states and HTTP errors with retries where safe.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type DatasetName, DATASETS } from '@goldboard/core';
import { type Table, tableFromIPC } from 'apache-arrow';
import { AbortedError, DatabricksEngine, type DatasetRequest, EngineError, databricksConfigFromEnv, namedStatement, tableFromColumns } from '../src/index.js';
import { closeServers, rowsOf, startServer } from './helpers.js';
import { DatabricksStandIn, type Scenario, TOKEN, WAREHOUSE } from './databricks-standin.js';

const kpi = tableFromColumns('kpi_summary', [[1234.5], [10n], [500n], [400n], [60n], [80n], [9n], [9 / 80], [123.45], [18201], [18230]]);
const segmentsTable = (n: number): Table =>
  tableFromColumns('user_segments', [
    Array.from({ length: n }, (_, i) => BigInt(500_000_000 + i)),
    Array.from({ length: n }, (_, i) => i % 3),
    Array.from({ length: n }, (_, i) => ['High-Value Loyal Customers', 'Occasional Buyers', 'Browsers / Non-Converters'][i % 3]!),
    Array.from({ length: n }, (_, i) => i / 7),
    Array.from({ length: n }, (_, i) => BigInt(i % 5)),
    Array.from({ length: n }, (_, i) => (i % 5) * 19.99),
    Array.from({ length: n }, (_, i) => BigInt(i % 40)),
    Array.from({ length: n }, (_, i) => BigInt(i % 7)),
    Array.from({ length: n }, (_, i) => (i % 5) / 10),
  ]);

describe('databricks engine', () => {
  const standIn = new DatabricksStandIn();
  let engine: DatabricksEngine;
  const signal = () => new AbortController().signal;
  const config = () => ({ host: standIn.base, warehouseId: WAREHOUSE, token: TOKEN, pollInitialMs: 5, pollMaxMs: 20, retryBaseMs: 5 });
  const play = (scenario: Scenario) => {
    standIn.scenario = scenario;
  };
  const run = (request: DatasetRequest) => engine.run(request, signal());

  before(async () => {
    await standIn.start();
  });
  beforeEach(() => {
    engine = new DatabricksEngine(config());
    standIn.requests.length = 0;
    standIn.downloads.length = 0;
    standIn.cancels.length = 0;
  });
  after(async () => {
    await closeServers();
    await standIn.stop();
  });

  it('sends the pipeline\'s Databricks SQL with named, typed parameters; small answers INLINE as JSON_ARRAY', async () => {
    play({ dataset: 'kpi_summary', table: kpi });
    const request: DatasetRequest = { dataset: 'kpi_summary', from: '2019-11-01', to: '2019-11-30' };
    const table = await run(request);
    assert.deepEqual(rowsOf(table), rowsOf(kpi));
    const [post] = standIn.calls('POST', /statements$/);
    assert.equal(post!.headers.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(post!.body, {
      warehouse_id: WAREHOUSE,
      statement: namedStatement(request, 'databricks').sql,
      parameters: [
        { name: 'from', value: '2019-11-01', type: 'DATE' },
        { name: 'to', value: '2019-11-30', type: 'DATE' },
      ],
      disposition: 'INLINE',
      format: 'JSON_ARRAY',
      wait_timeout: '10s',
      on_wait_timeout: 'CONTINUE',
    });
    assert.match(String(post!.body!.statement), /count_if\(event_type = 'purchase'\)/, 'the pipeline\'s sql/databricks text');
    assert.match(String(post!.body!.statement), /CAST\(:from AS DATE\)/);
  });

  it('polls with backoff while PENDING / RUNNING, and follows every inline chunk', async () => {
    const table = segmentsTable(50);
    play({ dataset: 'user_segments', table, states: ['PENDING', 'PENDING', 'RUNNING', 'RUNNING'], chunks: 4 });
    const answer = await run({ dataset: 'user_segments', limit: 50 });
    assert.deepEqual(rowsOf(answer), rowsOf(table));
    const polls = standIn.calls('GET', /statements\/[^/]+$/);
    assert.equal(polls.length, 4, 'four polls');
    // Pauses of 5, 10, 20 and 20 ms (doubling up to pollMaxMs) before the four polls.
    const submitted = standIn.calls('POST', /statements$/)[0]!.at;
    assert.ok(polls[3]!.at - submitted >= 5 + 10 + 20 + 20 - 2, `polled with backoff (${(polls[3]!.at - submitted).toFixed(1)} ms)`);
    assert.ok(polls[3]!.at - polls[2]!.at >= 18, 'the pause grew');
    assert.deepEqual(standIn.calls('GET', /result\/chunks/).map((r) => r.path.split('/').pop()), ['1', '2', '3']);
  });

  it('fetches large answers as EXTERNAL_LINKS + ARROW_STREAM, every chunk, without the token', async () => {
    const table = segmentsTable(30_000);
    play({ dataset: 'user_segments', table, chunks: 3 });
    const answer = await run({ dataset: 'user_segments' });
    assert.equal(answer.numRows, 30_000);
    assert.deepEqual(rowsOf(answer.slice(29_990)), rowsOf(table.slice(29_990)));
    assert.equal(standIn.calls('POST', /statements$/)[0]!.body!.disposition, 'EXTERNAL_LINKS');
    assert.equal(standIn.calls('POST', /statements$/)[0]!.body!.format, 'ARROW_STREAM');
    assert.equal(standIn.downloads.length, 3);
    for (const download of standIn.downloads) {
      assert.equal(download.headers.authorization, undefined, 'no Authorization header to a pre-signed link');
      assert.equal(download.headers['x-ms-encryption-key'], 'chunk-key', 'the headers the link asks for');
    }
  });

  it('asks again for a link that has expired', async () => {
    const table = segmentsTable(20_000);
    play({ dataset: 'user_segments', table, chunks: 2, expireLinksOnce: true });
    const answer = await run({ dataset: 'user_segments' });
    assert.equal(answer.numRows, 20_000);
    assert.equal(standIn.downloads.length, 4, 'each chunk: an expired link, then a fresh one');
    assert.deepEqual(standIn.calls('GET', /result\/chunks/).map((r) => r.path.split('/').pop()), ['0', '1', '1']);
  });

  it('falls back to INLINE + ARROW_STREAM where the warehouse offers only that, and remembers it', async () => {
    play({ dataset: 'kpi_summary', table: kpi, refuse: ['INLINE+JSON_ARRAY', 'EXTERNAL_LINKS+ARROW_STREAM'] });
    assert.deepEqual(rowsOf(await run({ dataset: 'kpi_summary' })), rowsOf(kpi));
    const modes = standIn.calls('POST', /statements$/).map((r) => `${r.body!.disposition}+${r.body!.format}`);
    assert.deepEqual(modes, ['INLINE+JSON_ARRAY', 'INLINE+ARROW_STREAM']);
    await run({ dataset: 'kpi_summary', from: '2019-10-01', to: '2019-10-31' });
    assert.equal(standIn.calls('POST', /statements$/).at(-1)!.body!.format, 'ARROW_STREAM');
    assert.equal(standIn.calls('POST', /statements$/).length, 3);
  });

  it('turns to EXTERNAL_LINKS when an inline result is over the 25 MiB cap', async () => {
    play({ dataset: 'kpi_summary', table: kpi, inlineTooLarge: true });
    assert.deepEqual(rowsOf(await run({ dataset: 'kpi_summary' })), rowsOf(kpi));
    const modes = standIn.calls('POST', /statements$/).map((r) => `${r.body!.disposition}+${r.body!.format}`);
    assert.deepEqual(modes, ['INLINE+JSON_ARRAY', 'INLINE+ARROW_STREAM', 'EXTERNAL_LINKS+ARROW_STREAM']);
    play({ dataset: 'kpi_summary', table: kpi });
    await run({ dataset: 'kpi_summary', from: '2019-10-01', to: '2019-10-31' });
    assert.equal(standIn.calls('POST', /statements$/).at(-1)!.body!.disposition, 'INLINE', 'a large result says nothing of the next one');
  });

  it('treats a truncated result as an error, never fewer rows', async () => {
    play({ dataset: 'kpi_summary', table: kpi, truncated: true });
    await assert.rejects(run({ dataset: 'kpi_summary' }), (e: unknown) => e instanceof EngineError && /truncated/.test(e.message));
  });

  it('reports FAILED, CANCELED and CLOSED statements clearly', async () => {
    play({ dataset: 'kpi_summary', table: kpi, final: 'FAILED', errorMessage: '[TABLE_OR_VIEW_NOT_FOUND] The table or view `events` cannot be found.' });
    await assert.rejects(run({ dataset: 'kpi_summary' }), (e: unknown) => e instanceof EngineError && e.status === 502 && /TABLE_OR_VIEW_NOT_FOUND/.test(e.message));
    play({ dataset: 'kpi_summary', table: kpi, states: ['RUNNING'], final: 'CANCELED' });
    await assert.rejects(run({ dataset: 'kpi_summary' }), (e: unknown) => e instanceof EngineError && e.status === 503 && /canceled/.test(e.message));
    play({ dataset: 'kpi_summary', table: kpi, final: 'CLOSED' });
    await assert.rejects(run({ dataset: 'kpi_summary' }), (e: unknown) => e instanceof EngineError && /no longer available/.test(e.message));
  });

  it('does not retry 401 or 403, and says what to check', async () => {
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [401] });
    await assert.rejects(run({ dataset: 'kpi_summary' }), (e: unknown) => e instanceof EngineError && /DATABRICKS_TOKEN/.test(e.message));
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [403] });
    await assert.rejects(run({ dataset: 'kpi_summary' }), (e: unknown) => e instanceof EngineError && /CAN USE on warehouse wh-0123/.test(e.message));
    assert.equal(standIn.calls('POST', /statements$/).length, 2);
    const wrongToken = new DatabricksEngine({ ...config(), token: 'wrong' });
    play({ dataset: 'kpi_summary', table: kpi });
    await assert.rejects(wrongToken.run({ dataset: 'kpi_summary' }, signal()), /401/);
  });

  it('retries 429 and 503 (honouring Retry-After) and 5xx on polls, but not a 500 on submit', async () => {
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [429, 503] });
    assert.equal((await run({ dataset: 'kpi_summary' })).numRows, 1);
    assert.equal(standIn.calls('POST', /statements$/).length, 3);
    play({ dataset: 'kpi_summary', table: kpi, states: ['RUNNING'], getStatuses: [502, 500] });
    assert.equal((await run({ dataset: 'kpi_summary' })).numRows, 1);
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [429, 429, 429, 429] });
    await assert.rejects(run({ dataset: 'kpi_summary' }), (e: unknown) => e instanceof EngineError && e.status === 503 && e.retryAfter !== undefined);
    const before = standIn.calls('POST', /statements$/).length;
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [500] });
    await assert.rejects(run({ dataset: 'kpi_summary' }), (e: unknown) => e instanceof EngineError && /HTTP 500/.test(e.message));
    assert.equal(standIn.calls('POST', /statements$/).length, before + 1);
  });

  it('cancels the statement when the request is aborted while it runs', async () => {
    play({ dataset: 'kpi_summary', table: kpi, hang: true });
    const controller = new AbortController();
    const running = engine.run({ dataset: 'kpi_summary' }, controller.signal);
    await new Promise((r) => setTimeout(r, 60));
    controller.abort();
    await assert.rejects(running, AbortedError);
    await until(() => standIn.cancels.length === 1);
    assert.equal(standIn.calls('POST', /cancel$/)[0]!.headers.authorization, `Bearer ${TOKEN}`);
  });

  it('cancels a statement whose submit call was still waiting when the client left', async () => {
    play({ dataset: 'kpi_summary', table: kpi, hang: true, postDelayMs: 150 });
    const controller = new AbortController();
    const running = engine.run({ dataset: 'kpi_summary' }, controller.signal);
    setTimeout(() => controller.abort(), 30);
    await assert.rejects(running, AbortedError);
    await until(() => standIn.cancels.length === 1);
  });

  it('serves through the HTTP API: 504 and a cancel on timeout, results otherwise', async () => {
    const base = await startServer(engine, { timeoutMs: 150 });
    play({ dataset: 'kpi_summary', table: kpi });
    const ok = await fetch(`${base}/v1/datasets/kpi_summary?from=2019-11-01&to=2019-11-30`);
    assert.deepEqual(rowsOf(tableFromIPC(new Uint8Array(await ok.arrayBuffer()))), rowsOf(kpi));
    const open = await fetch(`${base}/v1/datasets/kpi_summary?from=2019-11-01`);
    await open.arrayBuffer();
    assert.deepEqual(standIn.calls('POST', /statements$/).at(-1)!.body!.parameters, [
      { name: 'from', value: '2019-11-01', type: 'DATE' },
      { name: 'to', value: '2999-12-31', type: 'DATE' },
    ]);
    play({ dataset: 'kpi_summary', table: kpi, hang: true });
    const slow = await fetch(`${base}/v1/datasets/kpi_summary?from=2019-12-01&to=2019-12-31`);
    assert.equal(slow.status, 504);
    await until(() => standIn.cancels.length === 1);
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [401] });
    const denied = await fetch(`${base}/v1/datasets/kpi_summary?from=2020-01-01&to=2020-01-31`);
    assert.equal(denied.status, 502);
    assert.match((await denied.json()).error.message, /DATABRICKS_TOKEN/);
  });

  it('computes a request without a range over every event, so the warehouse needs only events and user_segments', async () => {
    play({ dataset: 'kpi_summary', table: kpi });
    await run({ dataset: 'kpi_summary' });
    const body = standIn.calls('POST', /statements$/).at(-1)!.body!;
    assert.match(String(body.statement), /FROM events/);
    assert.deepEqual(body.parameters, [
      { name: 'from', value: '1900-01-01', type: 'DATE' },
      { name: 'to', value: '2999-12-31', type: 'DATE' },
    ]);
    play({ dataset: 'user_segments', table: segmentsTable(3) });
    await run({ dataset: 'user_segments', limit: 3 });
    assert.match(String(standIn.calls('POST', /statements$/).at(-1)!.body!.statement), /FROM user_segments\nORDER BY user_id\nLIMIT :row_limit$/);
  });

  it('binds limit and segment by name too', async () => {
    const top = tableFromColumns('top_users', [[1], [7n], [2n], [99.5], [12n], ['Occasional Buyers']]);
    play({ dataset: 'top_users', table: top });
    await run({ dataset: 'top_users', from: '2019-10-01', to: '2019-10-31', limit: 5, segment: 'Occasional Buyers' });
    const body = standIn.calls('POST', /statements$/).at(-1)!.body!;
    assert.deepEqual(body.parameters, [
      { name: 'from', value: '2019-10-01', type: 'DATE' },
      { name: 'to', value: '2019-10-31', type: 'DATE' },
      { name: 'limit', value: '2147483647', type: 'INT' },
      { name: 'segment', value: 'Occasional Buyers', type: 'STRING' },
      { name: 'row_limit', value: '5', type: 'INT' },
    ]);
    assert.match(String(body.statement), /WHERE segment = :segment/);
  });

  it('takes its settings from the environment only', () => {
    assert.throws(() => databricksConfigFromEnv({ DATABRICKS_HOST: 'adb-1.azuredatabricks.net' }), /DATABRICKS_WAREHOUSE_ID, DATABRICKS_TOKEN/);
    const parsed = databricksConfigFromEnv({ DATABRICKS_HOST: 'h', DATABRICKS_WAREHOUSE_ID: 'w', DATABRICKS_TOKEN: 't', DATABRICKS_CATALOG: 'main' });
    assert.deepEqual(parsed, { host: 'h', warehouseId: 'w', token: 't', catalog: 'main', schema: undefined });
    assert.equal(DatabricksEngine.modesFor({ dataset: 'user_segments' })[0]!.disposition, 'EXTERNAL_LINKS');
    for (const name of Object.keys(DATASETS) as DatasetName[]) {
      if (name !== 'user_segments') assert.equal(DatabricksEngine.modesFor({ dataset: name })[0]!.format, 'JSON_ARRAY', name);
    }
  });
});

async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
