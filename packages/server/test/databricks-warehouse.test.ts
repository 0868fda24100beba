/**
 * The `databricks` engine around the statements: the warehouse's state (health without running
 * anything, a cold start waited for once by every request, 503 + Retry-After when it outlasts
 * a request), OAuth machine-to-machine tokens, and the settings (https only, a pasted URL).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DatabricksEngine, databricksConfigFromEnv } from '../src/index.js';
import type { DatabricksConfig } from '../src/engines/databricks/config.js';
import { closeServers, rowsOf, startServer } from './helpers.js';
import { failure, keptLog, kpi, standInConfig } from './databricks-helpers.js';
import { CLIENT_ID, CLIENT_SECRET, DatabricksStandIn, WAREHOUSE } from './databricks-standin.js';

describe('databricks warehouse, credentials and settings', () => {
  const standIn = new DatabricksStandIn();
  let kept = keptLog();
  const engineWith = (extra: Partial<DatabricksConfig> = {}) => new DatabricksEngine(standInConfig(standIn, { startPollMs: 25, ...extra }), { log: kept.log });
  const signal = () => new AbortController().signal;
  const submits = () => standIn.calls('POST', /statements$/);
  const stateCalls = () => standIn.calls('GET', /\/warehouses\//);

  before(async () => {
    await standIn.start();
  });
  beforeEach(() => {
    kept = keptLog();
    standIn.reset();
    standIn.scenario = { dataset: 'kpi_summary', table: kpi };
  });
  after(async () => {
    await closeServers();
    await standIn.stop();
  });

  it('answers /healthz from the warehouse\'s state, running no statement, so a stopped warehouse stays stopped', async () => {
    standIn.setWarehouse('STOPPED', 60_000);
    const base = await startServer(engineWith({ stateTtlMs: 10_000 }));
    for (let i = 0; i < 3; i++) {
      const health = await fetch(`${base}/healthz`);
      assert.equal(health.status, 200, 'a stopped warehouse serves: a query starts it');
      assert.equal(((await health.json()) as { engine: string }).engine, 'databricks');
    }
    assert.equal(submits().length, 0, 'no statement');
    assert.equal(standIn.warehouseState(), 'STOPPED');
    assert.equal(stateCalls().length, 1, 'one state call for three probes within stateTtlMs');
    assert.equal(stateCalls()[0]!.path, `/api/2.0/sql/warehouses/${WAREHOUSE}`);

    standIn.setWarehouse('DELETED');
    const gone = await fetch(`${(await startServer(engineWith()))}/healthz`);
    assert.equal(gone.status, 503);
    const body = (await gone.json()) as { message: string };
    assert.doesNotMatch(body.message, new RegExp(WAREHOUSE));
    assert.match(body.message, /request id/);
    assert.ok(kept.entries.some((e) => /is DELETED/.test(String(e.detail))));
  });

  it('waits for a cold start once for every request, instead of polling each statement', async () => {
    standIn.setWarehouse('STOPPED', 300);
    const engine = engineWith();
    const started = Date.now();
    const answers = await Promise.all(
      ['2019-10', '2019-11', '2019-12'].map((month) => engine.run({ dataset: 'kpi_summary', from: `${month}-01`, to: `${month}-28` }, signal())),
    );
    assert.ok(Date.now() - started >= 280, 'the answers came once the warehouse ran');
    for (const answer of answers) assert.deepEqual(rowsOf(answer), rowsOf(kpi));
    assert.equal(submits().length, 3, 'one statement per request');
    // One shared watch polling every 25 ms for ~300 ms: about a dozen state calls, not one series per request.
    assert.ok(stateCalls().length <= 20, `${stateCalls().length} state calls`);
    const polls = standIn.calls('GET', /statements\/[^/]+$/);
    assert.ok(polls.length <= 6, `statements were not polled while the warehouse started (${polls.length} polls)`);
  });

  it('a request that arrives while the warehouse is known to be starting submits once it runs', async () => {
    // Starting for 2 s: the check sees STARTING even on a loaded machine.
    const ready = performance.now() + 2000;
    standIn.setWarehouse('STARTING', 2000);
    const engine = engineWith({ stateTtlMs: 10_000 });
    await engine.check(signal());
    await engine.run({ dataset: 'kpi_summary' }, signal());
    assert.equal(submits().length, 1);
    assert.ok(submits()[0]!.at >= ready - 50, `submitted ${(ready - submits()[0]!.at).toFixed(0)} ms before the warehouse ran`);
  });

  it('answers 503 + Retry-After, not 504, when the warehouse outlasts the request, and cancels its statement', async () => {
    standIn.setWarehouse('STOPPED', 60_000);
    const base = await startServer(engineWith({ requestBudgetMs: 400, stateTtlMs: 10_000 }), { timeoutMs: 400 });
    const cold = await fetch(`${base}/v1/datasets/kpi_summary?from=2019-11-01&to=2019-11-30`);
    assert.equal(cold.status, 503, 'answered before the server\'s timeout (504)');
    assert.ok(Number(cold.headers.get('retry-after')) >= 1, 'Retry-After');
    assert.match(((await cold.json()) as { error: { message: string } }).error.message, /starting/);
    assert.equal(standIn.cancels.length, 1, 'its statement cancelled');
    assert.equal(standIn.warehouseState(), 'STARTING', 'the warehouse keeps starting');
    // The next request knows the warehouse is starting (its state is kept for stateTtlMs, long
    // enough here that a loaded machine cannot let it lapse): it waits without queueing a statement.
    const again = await fetch(`${base}/v1/datasets/kpi_summary?from=2019-10-01&to=2019-10-31`);
    assert.equal(again.status, 503);
    assert.equal(submits().length, 1);
  });

  it('signs in as a service principal: one token for concurrent requests, fetched again before it expires', async () => {
    standIn.tokenDelayMs = 50;
    const engine = engineWith({ token: undefined, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    await Promise.all([1, 2, 3, 4].map((d) => engine.run({ dataset: 'kpi_summary', from: `2019-11-0${d}`, to: '2019-11-30' }, signal())));
    assert.equal(standIn.tokenRequests.length, 1, 'one token request for four requests');
    const [tokenRequest] = standIn.tokenRequests;
    assert.equal(tokenRequest!.headers.authorization, `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(tokenRequest!.text)), { grant_type: 'client_credentials', scope: 'all-apis' });
    const first = submits()[0]!.headers.authorization;
    assert.match(String(first), /^Bearer eyJ/);
    assert.ok(submits().every((s) => s.headers.authorization === first));

    // A token that lives a second is renewed at half its life, before the workspace would refuse it.
    standIn.tokenLifetimeS = 1;
    const shortLived = engineWith({ token: undefined, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    await shortLived.run({ dataset: 'kpi_summary' }, signal());
    const before = submits().at(-1)!.headers.authorization;
    await new Promise((r) => setTimeout(r, 600));
    await shortLived.run({ dataset: 'kpi_summary', from: '2019-10-01', to: '2019-10-31' }, signal());
    assert.ok(standIn.tokenRequests.length >= 3);
    assert.notEqual(submits().at(-1)!.headers.authorization, before);
    assert.equal(standIn.expiredTokenCalls, 0, 'no call with an expired token');

    const wrong = engineWith({ token: undefined, clientId: CLIENT_ID, clientSecret: 'not-the-secret' });
    const refused = await failure(wrong.run({ dataset: 'kpi_summary' }, signal()), kept.entries);
    assert.match(refused.error.message, /credentials/);
    assert.match(String(refused.entry.detail), /invalid_client.*DATABRICKS_CLIENT_SECRET/);
  });

  it('talks https only: an http:// host is refused unless it is a loopback host a test allows', () => {
    assert.throws(() => new DatabricksEngine({ host: 'http://adb-1.2.azuredatabricks.net', warehouseId: 'w', token: 't' }), /https:\/\//);
    assert.throws(() => new DatabricksEngine({ host: 'http://adb-1.2.azuredatabricks.net', warehouseId: 'w', token: 't', allowLoopbackHttp: true }), /https:\/\//);
    assert.throws(() => new DatabricksEngine({ host: standIn.base, warehouseId: 'w', token: 't' }), /https:\/\//, 'loopback needs the test option');
    assert.throws(() => databricksConfigFromEnv({ DATABRICKS_HOST: standIn.base, DATABRICKS_WAREHOUSE_ID: 'w', DATABRICKS_TOKEN: 't' }), /https:\/\//);
  });

  it('takes Databricks\' unified-auth variables, the host and warehouse from a pasted URL', () => {
    assert.deepEqual(databricksConfigFromEnv({ DATABRICKS_HOST: 'https://adb-123.4.azuredatabricks.net/sql/1.0/warehouses/abc123?o=123', DATABRICKS_TOKEN: 'dapi1' }), {
      host: 'https://adb-123.4.azuredatabricks.net',
      warehouseId: 'abc123',
      token: 'dapi1',
      catalog: undefined,
      schema: undefined,
    });
    const principal = databricksConfigFromEnv({
      DATABRICKS_HOST: 'dbc-1a2b.cloud.databricks.com',
      DATABRICKS_WAREHOUSE_ID: '/sql/1.0/warehouses/f00d',
      DATABRICKS_CLIENT_ID: 'id',
      DATABRICKS_CLIENT_SECRET: 'secret',
      DATABRICKS_CATALOG: 'main',
    });
    assert.deepEqual(principal, { host: 'https://dbc-1a2b.cloud.databricks.com', warehouseId: 'f00d', clientId: 'id', clientSecret: 'secret', catalog: 'main', schema: undefined });
    assert.equal(databricksConfigFromEnv({ DATABRICKS_HOST: 'https://h.cloud.databricks.com/sql/1.0/warehouses/aaa', DATABRICKS_WAREHOUSE_ID: 'bbb', DATABRICKS_TOKEN: 't' }).warehouseId, 'bbb');
    // The warehouse page's address as the browser shows it.
    assert.equal(databricksConfigFromEnv({ DATABRICKS_HOST: 'https://adb-1.2.azuredatabricks.net/sql/warehouses/c0ffee/monitoring?o=1', DATABRICKS_TOKEN: 't' }).warehouseId, 'c0ffee');
    assert.throws(() => databricksConfigFromEnv({}), /DATABRICKS_HOST/);
    assert.throws(() => databricksConfigFromEnv({ DATABRICKS_HOST: 'https://h.cloud.databricks.com', DATABRICKS_TOKEN: 't' }), /DATABRICKS_WAREHOUSE_ID.*HTTP path/);
    assert.throws(() => databricksConfigFromEnv({ DATABRICKS_HOST: 'h', DATABRICKS_WAREHOUSE_ID: 'w' }), /DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET/);
    assert.throws(() => databricksConfigFromEnv({ DATABRICKS_HOST: 'h', DATABRICKS_WAREHOUSE_ID: 'w', DATABRICKS_CLIENT_ID: 'id' }), /needs DATABRICKS_CLIENT_SECRET/);
    assert.throws(() => databricksConfigFromEnv({ DATABRICKS_HOST: 'h', DATABRICKS_WAREHOUSE_ID: 'w', DATABRICKS_TOKEN: 't', DATABRICKS_CLIENT_ID: 'id', DATABRICKS_CLIENT_SECRET: 's' }), /keep one/);
  });
});
