/**
 * The `databricks` engine's statements against a local stand-in of the Statement Execution API:
 * parameters bound by name, INLINE + JSON_ARRAY read by the manifest's types, EXTERNAL_LINKS +
 * ARROW_STREAM (every chunk, no token to storage, expired links asked for again, positional
 * Arrow names), result-mode refusals decided by error code and remembered, polling,
 * cancellation, truncation, failed states, transient failures retried within the request's time.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type DatasetName, DATASETS } from '@goldboard/core';
import { tableFromIPC } from 'apache-arrow';
import { AbortedError, DatabricksEngine, type DatasetRequest, namedStatement, tableFromColumns, warehouseSession } from '../src/index.js';
import type { DatabricksConfig } from '../src/engines/databricks/config.js';
import { closeServers, rowsOf, startServer, until } from './helpers.js';
import { failure, keptLog, kpi, segmentsTable, standInConfig } from './databricks-helpers.js';
import { DatabricksStandIn, type Scenario, TOKEN, WAREHOUSE, javaDouble } from './databricks-standin.js';

describe('databricks engine', () => {
  const standIn = new DatabricksStandIn();
  let engine: DatabricksEngine;
  let kept = keptLog();
  const signal = () => new AbortController().signal;
  const config = (extra: Partial<DatabricksConfig> = {}) => standInConfig(standIn, extra);
  const play = (scenario: Scenario) => {
    standIn.scenario = scenario;
  };
  const run = (request: DatasetRequest) => engine.run(request, signal());
  const modes = () => standIn.calls('POST', /statements$/).map((r) => `${r.body!.disposition}+${r.body!.format}`);

  before(async () => {
    await standIn.start();
  });
  beforeEach(() => {
    kept = keptLog();
    engine = new DatabricksEngine(config(), { log: kept.log });
    standIn.reset();
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
    assert.match(String(post!.body!.statement), /count_if\(event_type = 'purchase'\)/, 'the Gold SQL rendered for Databricks');
    assert.match(String(post!.body!.statement), /CAST\(:from AS DATE\)/);
  });

  it('reads JSON_ARRAY strings by the manifest\'s type: Spark\'s 1.2345678E7, DECIMAL text, LONG, DATE', async () => {
    assert.equal(javaDouble(12_345_678), '1.2345678E7');
    assert.equal(javaDouble(10), '10.0');
    assert.equal(javaDouble(0.0001), '1.0E-4');
    const big = tableFromColumns('kpi_summary', [[12_345_678.5], [12_345_678n], [500n], [400n], [60n], [80n], [9n], [0.0001], [1e21], [18201], [18230]]);
    // purchases typed DOUBLE and revenue DECIMAL, as a view without the server's CASTs would give.
    play({ dataset: 'kpi_summary', table: big, types: { revenue: 'DECIMAL(38,6)', purchases: 'DOUBLE' } });
    assert.deepEqual(rowsOf(await run({ dataset: 'kpi_summary' })), rowsOf(big));
    // The same through Arrow: Decimal128 and a DOUBLE where the contract has int64.
    engine = new DatabricksEngine(config(), { log: kept.log });
    play({ dataset: 'kpi_summary', table: big, types: { revenue: 'DECIMAL(38,6)', purchases: 'DOUBLE' }, refuse: ['INLINE+JSON_ARRAY'] });
    assert.deepEqual(rowsOf(await run({ dataset: 'kpi_summary' })), rowsOf(big));
    assert.equal(modes().at(-1), 'INLINE+ARROW_STREAM');
    // A value the contract's type cannot hold is an error naming the column and the warehouse's type.
    engine = new DatabricksEngine(config(), { log: kept.log });
    play({ dataset: 'kpi_summary', table: kpi, types: { first_date: 'STRING' } });
    const { entry } = await failure(run({ dataset: 'kpi_summary', from: '2019-11-01', to: '2019-11-30' }), kept.entries);
    assert.match(String(entry.detail), /kpi_summary\.first_date .*\(typed string\); the contract has date/);
  });

  it('names positional Arrow columns (col_0, …) from the manifest', async () => {
    const table = segmentsTable(30);
    play({ dataset: 'user_segments', table, refuse: ['INLINE+JSON_ARRAY'] });
    const answer = await run({ dataset: 'user_segments', limit: 30 });
    assert.deepEqual(
      answer.schema.fields.map((f) => f.name),
      DATASETS.user_segments.columns.map((c) => c.name),
    );
    assert.deepEqual(rowsOf(answer), rowsOf(table));
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
    assert.deepEqual(modes(), ['EXTERNAL_LINKS+ARROW_STREAM']);
    assert.equal(standIn.downloads.length, 3);
    for (const download of standIn.downloads) {
      assert.equal(download.headers.authorization, undefined, 'no Authorization header to a pre-signed link');
      assert.equal(download.headers['x-ms-encryption-key'], 'chunk-key', 'the headers the link asks for');
    }
  });

  it('asks the chunk endpoint for a new link when one is past its expiration, without downloading it', async () => {
    const table = segmentsTable(20_000);
    play({ dataset: 'user_segments', table, chunks: 2, staleLinks: true });
    const answer = await run({ dataset: 'user_segments' });
    assert.equal(answer.numRows, 20_000);
    assert.equal(standIn.downloads.length, 2, 'only the fresh links were downloaded');
    assert.deepEqual(standIn.calls('GET', /result\/chunks/).map((r) => r.path.split('/').pop()), ['0', '1', '1']);
  });

  it('asks again for a link that storage refuses as expired', async () => {
    const table = segmentsTable(20_000);
    play({ dataset: 'user_segments', table, chunks: 2, expireLinksOnce: true });
    const answer = await run({ dataset: 'user_segments' });
    assert.equal(answer.numRows, 20_000);
    assert.equal(standIn.downloads.length, 4, 'each chunk: a refused link, then a fresh one');
    assert.deepEqual(standIn.calls('GET', /result\/chunks/).map((r) => r.path.split('/').pop()), ['0', '1', '1']);
  });

  it('takes the next result mode on the refusals warehouses send, and remembers them', async () => {
    // A warehouse offering only inline Arrow: JSON_ARRAY inline is INVALID_PARAMETER_VALUE, external links NOT_IMPLEMENTED.
    play({ dataset: 'kpi_summary', table: kpi, refuse: ['INLINE+JSON_ARRAY', 'EXTERNAL_LINKS+ARROW_STREAM'] });
    assert.deepEqual(rowsOf(await run({ dataset: 'kpi_summary' })), rowsOf(kpi));
    assert.deepEqual(modes(), ['INLINE+JSON_ARRAY', 'INLINE+ARROW_STREAM']);
    await run({ dataset: 'kpi_summary', from: '2019-10-01', to: '2019-10-31' });
    assert.deepEqual(modes().slice(2), ['INLINE+ARROW_STREAM'], 'the refusal is remembered');
    const large = segmentsTable(12_000);
    play({ dataset: 'user_segments', table: large, refuse: ['INLINE+JSON_ARRAY', 'EXTERNAL_LINKS+ARROW_STREAM'] });
    assert.equal((await run({ dataset: 'user_segments' })).numRows, 12_000);
    assert.deepEqual(modes().slice(3), ['EXTERNAL_LINKS+ARROW_STREAM', 'INLINE+ARROW_STREAM']);
    assert.ok(kept.entries.some((e) => e.msg === 'databricks result mode refused' && /NOT_IMPLEMENTED/.test(String(e.detail))));

    // A warehouse without inline Arrow: "The format field must be JSON_ARRAY when the disposition field is INLINE."
    engine = new DatabricksEngine(config(), { log: kept.log });
    standIn.reset();
    play({ dataset: 'user_segments', table: segmentsTable(20), refuse: ['EXTERNAL_LINKS+ARROW_STREAM', 'INLINE+ARROW_STREAM'] });
    assert.equal((await run({ dataset: 'user_segments', limit: 50_000 })).numRows, 20);
    assert.deepEqual(modes(), ['EXTERNAL_LINKS+ARROW_STREAM', 'INLINE+ARROW_STREAM', 'INLINE+JSON_ARRAY']);
  });

  it('reads an inline JSON_ARRAY chunk of 150,000 rows (a warehouse without Arrow) whole', { timeout: 60_000 }, async () => {
    play({ dataset: 'user_segments', table: segmentsTable(150_000), refuse: ['EXTERNAL_LINKS+ARROW_STREAM', 'INLINE+ARROW_STREAM'] });
    assert.equal((await run({ dataset: 'user_segments', limit: 200_000 })).numRows, 150_000);
  });

  it('never changes mode for an ordinary error: a SQL failure, or INVALID_PARAMETER_VALUE every mode gets', async () => {
    // A FAILED statement, whatever its text says, is the query's error.
    play({ dataset: 'kpi_summary', table: kpi, final: 'FAILED', error: { error_code: 'BAD_REQUEST', message: '[UNSUPPORTED_FEATURE] The format is not supported: inline only supports literals.' } });
    const failed = await failure(run({ dataset: 'kpi_summary' }), kept.entries);
    assert.equal(failed.error.status, 502);
    assert.deepEqual(modes(), ['INLINE+JSON_ARRAY'], 'one submission');
    assert.match(String(failed.entry.detail), /UNSUPPORTED_FEATURE/);

    // A parameter the warehouse refuses, on a warehouse that has accepted nothing yet: every mode
    // is tried, none accepted, so it is the request's error and no mode is remembered as refused.
    engine = new DatabricksEngine(config(), { log: kept.log });
    standIn.reset();
    const bad = { status: 400, code: 'INVALID_PARAMETER_VALUE', message: 'Parameter "to" of type DATE has an invalid value.' };
    play({ dataset: 'kpi_summary', table: kpi, submitError: bad });
    const refused = await failure(run({ dataset: 'kpi_summary' }), kept.entries);
    assert.equal(refused.error.status, 502);
    assert.match(String(refused.entry.detail), /Parameter "to"/);
    play({ dataset: 'kpi_summary', table: kpi });
    await run({ dataset: 'kpi_summary' });
    assert.equal(modes().at(-1), 'INLINE+JSON_ARRAY', 'nothing was remembered');

    // Once a mode has been accepted, INVALID_PARAMETER_VALUE never moves the warehouse off it.
    const before = modes().length;
    play({ dataset: 'kpi_summary', table: kpi, submitError: bad });
    await failure(run({ dataset: 'kpi_summary', from: '2019-10-01', to: '2019-10-31' }), kept.entries);
    assert.deepEqual(modes().slice(before), ['INLINE+JSON_ARRAY']);
  });

  it('treats a truncated result as an error, never fewer rows', async () => {
    play({ dataset: 'kpi_summary', table: kpi, truncated: true });
    const { entry } = await failure(run({ dataset: 'kpi_summary' }), kept.entries);
    assert.match(String(entry.detail), /truncated/);
  });

  it('reports FAILED, CANCELED and CLOSED statements: a generic message and request id, the warehouse text in the log', async () => {
    play({ dataset: 'kpi_summary', table: kpi, final: 'FAILED', errorMessage: '[TABLE_OR_VIEW_NOT_FOUND] The table or view `events` cannot be found.' });
    const failed = await failure(run({ dataset: 'kpi_summary' }), kept.entries);
    assert.equal(failed.error.status, 502);
    assert.match(failed.error.message, /^The query failed on the data warehouse\. \(request id [0-9a-f]{12}\)$/);
    assert.match(String(failed.entry.detail), /TABLE_OR_VIEW_NOT_FOUND/);
    assert.equal(failed.entry.host, standIn.base);
    assert.equal(failed.entry.warehouse, WAREHOUSE);
    play({ dataset: 'kpi_summary', table: kpi, states: ['RUNNING'], final: 'CANCELED' });
    const canceled = await failure(run({ dataset: 'kpi_summary' }), kept.entries);
    assert.equal(canceled.error.status, 503);
    assert.match(String(canceled.entry.detail), /canceled by the warehouse/);
    play({ dataset: 'kpi_summary', table: kpi, final: 'CLOSED' });
    assert.match(String((await failure(run({ dataset: 'kpi_summary' }), kept.entries)).entry.detail), /no longer available/);
  });

  it('answers a generic message for an unexpected failure too (a 200 whose body is not JSON)', async () => {
    const proxyPage = '<html>Sign in to proxy.example.com</html>';
    engine = new DatabricksEngine(config({ fetch: async () => new Response(proxyPage, { status: 200, headers: { 'Content-Type': 'text/html' } }) }), { log: kept.log });
    const { error, entry } = await failure(run({ dataset: 'kpi_summary' }), kept.entries);
    assert.match(error.message, /^The data warehouse's answer could not be used\. \(request id [0-9a-f]{12}\)$/);
    assert.equal(entry.warehouse, WAREHOUSE);
    assert.match(String(entry.detail), /JSON/);
  });

  it('bounds every call: a submit the workspace never answers fails a build (which has no deadline) instead of hanging it', async () => {
    play({ dataset: 'kpi_summary', table: kpi, postDelayMs: 3000 });
    const session = warehouseSession(config({ callTimeoutMs: 300 }));
    const started = Date.now();
    await assert.rejects(session.execute('SELECT 1', [], new AbortController().signal), /did not answer POST \/api\/2\.0\/sql\/statements within/);
    assert.ok(Date.now() - started < 2500, `gave up after ${Date.now() - started} ms, before the answer`);
    assert.equal(standIn.calls('POST', /statements$/).length, 1, 'a submit that may have arrived is not sent again');
  });

  it('does not retry 401 or 403, and logs what to check', async () => {
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [401] });
    const denied = await failure(run({ dataset: 'kpi_summary' }), kept.entries);
    assert.match(denied.error.message, /did not accept the server's credentials/);
    assert.match(String(denied.entry.detail), /DATABRICKS_TOKEN/);
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [403] });
    const forbidden = await failure(run({ dataset: 'kpi_summary' }), kept.entries);
    assert.match(String(forbidden.entry.detail), new RegExp(`CAN USE on warehouse ${WAREHOUSE}`));
    assert.doesNotMatch(forbidden.error.message, new RegExp(WAREHOUSE));
    assert.equal(standIn.calls('POST', /statements$/).length, 2);
  });

  it('retries transient failures by code and status, honouring Retry-After; not a plain 500 on submit', async () => {
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [429, { status: 500, code: 'TEMPORARILY_UNAVAILABLE' }, { status: 504, code: 'DEADLINE_EXCEEDED' }] });
    assert.equal((await run({ dataset: 'kpi_summary' })).numRows, 1);
    assert.equal(standIn.calls('POST', /statements$/).length, 4);
    play({ dataset: 'kpi_summary', table: kpi, states: ['RUNNING'], getStatuses: [502, 500] });
    assert.equal((await run({ dataset: 'kpi_summary' })).numRows, 1);
    // A statement failing with a transient code is submitted again.
    play({ dataset: 'kpi_summary', table: kpi, statementErrors: [{ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'The service is temporarily unavailable.' }] });
    const count = standIn.calls('POST', /statements$/).length;
    assert.equal((await run({ dataset: 'kpi_summary' })).numRows, 1);
    assert.equal(standIn.calls('POST', /statements$/).length, count + 2);
    // Retry-After is waited for.
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [{ status: 429, code: 'RESOURCE_EXHAUSTED', retryAfter: '1' }] });
    await run({ dataset: 'kpi_summary' });
    const [first, second] = standIn.calls('POST', /statements$/).slice(-2);
    assert.ok(second!.at - first!.at >= 990, `waited ${(second!.at - first!.at).toFixed(0)} ms for Retry-After: 1`);
    // Out of attempts: 503 with Retry-After.
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [429, 429, 429, 429] });
    const exhausted = await failure(run({ dataset: 'kpi_summary' }), kept.entries);
    assert.equal(exhausted.error.status, 503);
    assert.ok(exhausted.error.retryAfter !== undefined && exhausted.error.retryAfter >= 1);
    const before = standIn.calls('POST', /statements$/).length;
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [500] });
    const internal = await failure(run({ dataset: 'kpi_summary' }), kept.entries);
    assert.match(String(internal.entry.detail), /HTTP 500 INTERNAL_ERROR/);
    assert.equal(standIn.calls('POST', /statements$/).length, before + 1);
  });

  it('gives up at once, 503 + Retry-After, when Retry-After is beyond the request\'s time', async () => {
    engine = new DatabricksEngine(config({ requestBudgetMs: 500 }), { log: kept.log });
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [{ status: 503, code: 'TEMPORARILY_UNAVAILABLE', retryAfter: '30' }] });
    const started = Date.now();
    const { error } = await failure(run({ dataset: 'kpi_summary' }), kept.entries);
    // Waiting would take the 30 s of Retry-After; any margin far below that holds on a loaded machine.
    assert.ok(Date.now() - started < 5000, `did not wait (${Date.now() - started} ms)`);
    assert.equal(error.status, 503);
    assert.equal(error.retryAfter, 30);
  });

  it('stops retrying once the request is aborted, and never submits again', async () => {
    engine = new DatabricksEngine(config({ retryBaseMs: 300, retries: 5 }), { log: kept.log });
    play({ dataset: 'kpi_summary', table: kpi, postStatuses: [{ status: 503, code: 'TEMPORARILY_UNAVAILABLE', retryAfter: null }] });
    const controller = new AbortController();
    const running = engine.run({ dataset: 'kpi_summary' }, controller.signal);
    await until(() => standIn.calls('POST', /statements$/).length === 1);
    controller.abort();
    await assert.rejects(running, AbortedError);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(standIn.calls('POST', /statements$/).length, 1);
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
    play({ dataset: 'kpi_summary', table: kpi, hang: true, postDelayMs: 2000 });
    const controller = new AbortController();
    const started = Date.now();
    const running = engine.run({ dataset: 'kpi_summary' }, controller.signal);
    setTimeout(() => controller.abort(), 30);
    await assert.rejects(running, AbortedError);
    // Answered at the abort, not after the submit's answer (2 s): the id comes later and is cancelled then.
    assert.ok(Date.now() - started < 1500, `the abort waited ${Date.now() - started} ms for the submit`);
    assert.equal(standIn.cancels.length, 0);
    await until(() => standIn.cancels.length === 1, 10_000);
  });

  it('serves through the HTTP API: 504 and a cancel on timeout, results otherwise, generic errors', async () => {
    // Long enough that the answered requests finish within it on a loaded machine (150 ms did not always).
    const base = await startServer(engine, { timeoutMs: 1500 });
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
    play({ dataset: 'kpi_summary', table: kpi, final: 'FAILED', errorMessage: '[TABLE_OR_VIEW_NOT_FOUND] The table or view `main`.`gold`.`events` cannot be found.' });
    const failed = await fetch(`${base}/v1/datasets/kpi_summary?from=2020-01-01&to=2020-01-31`);
    assert.equal(failed.status, 502);
    const text = await failed.text();
    const message = (JSON.parse(text) as { error: { message: string } }).error.message;
    assert.match(message, /^The query failed on the data warehouse\. \(request id ([0-9a-f]{12})\)$/);
    for (const secret of ['TABLE_OR_VIEW_NOT_FOUND', 'main', WAREHOUSE, standIn.base, '127.0.0.1', '01ef-']) assert.ok(!text.includes(secret), `the answer does not show ${secret}`);
    const id = /request id ([0-9a-f]{12})/.exec(message)![1];
    assert.match(String(kept.entries.find((e) => e.requestId === id)?.detail), /TABLE_OR_VIEW_NOT_FOUND/);
  });

  it('reads a request without a range from the Gold table the build wrote, and a range from Silver', async () => {
    play({ dataset: 'kpi_summary', table: kpi });
    await run({ dataset: 'kpi_summary' });
    let body = standIn.calls('POST', /statements$/).at(-1)!.body!;
    assert.match(String(body.statement), /\nFROM kpi_summary\nORDER BY first_date$/);
    assert.deepEqual(body.parameters, []);
    await run({ dataset: 'kpi_summary', from: '2019-10-01', to: '2019-10-31' });
    body = standIn.calls('POST', /statements$/).at(-1)!.body!;
    assert.match(String(body.statement), /FROM events\n/);
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

  it('asks for large results through external links and small ones inline', () => {
    assert.equal(DatabricksEngine.modesFor({ dataset: 'user_segments' })[0]!.disposition, 'EXTERNAL_LINKS');
    for (const name of Object.keys(DATASETS) as DatasetName[]) {
      if (name !== 'user_segments') assert.equal(DatabricksEngine.modesFor({ dataset: name })[0]!.format, 'JSON_ARRAY', name);
    }
  });
});
