/**
 * What surrounds every query: cancellation when the client goes away, the timeout, the
 * concurrency limit (503 + Retry-After), sharing of identical queries, the cache, logs.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, describe, it } from 'node:test';
import type { Table } from 'apache-arrow';
import { AbortedError, type DatasetRequest, DuckDBEngine, type GoldEngine, type LogEntry, tableFromColumns } from '../src/index.js';
import { closeServers, smallGold, startServer, until } from './helpers.js';

/** An engine whose queries wait until released (or aborted), recording what happened. */
class GatedEngine implements GoldEngine {
  readonly name = 'gated';
  started: DatasetRequest[] = [];
  aborted: DatasetRequest[] = [];
  /** The Gold generation (a rebuild changes it); each query's rows carry the one it started in, as their brand. */
  gen = 'g1';
  private gates: Array<() => void> = [];

  run(request: DatasetRequest, signal: AbortSignal): Promise<Table> {
    this.started.push(request);
    const brand = this.gen;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.aborted.push(request);
        reject(new AbortedError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.gates.push(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(tableFromColumns('top_products', [[1], [10n], ['electronics.smartphone'], [brand], [99.5], [1n], [3n]]));
      });
    });
  }
  releaseAll(): void {
    for (const open of this.gates.splice(0)) open();
  }
  period() {
    return { from: '2019-10-01', to: '2020-04-30' };
  }
  generation() {
    return this.gen;
  }
  async check() {}
  async close() {}
}

/** A GET whose client disconnects after `ms`. */
function abandon(url: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const req = httpRequest(url);
    req.on('error', () => resolve());
    req.end();
    setTimeout(() => {
      req.destroy();
      resolve();
    }, ms);
  });
}

describe('limits', () => {
  after(closeServers);

  it('cancels the query when the client goes away', async () => {
    const engine = new GatedEngine();
    const logs: LogEntry[] = [];
    const base = await startServer(engine, { log: (e) => logs.push(e) });
    await abandon(`${base}/v1/datasets/top_products?from=2019-11-01&to=2019-11-30`, 50);
    await until(() => engine.aborted.length === 1);
    assert.equal(engine.aborted[0]!.from, '2019-11-01');
    await until(() => logs.some((l) => l.status === 499));
  });

  it('keeps a shared query running while one of its askers remains', async () => {
    const engine = new GatedEngine();
    const base = await startServer(engine);
    const url = `${base}/v1/datasets/top_products?from=2019-12-01&to=2019-12-31`;
    const staying = fetch(url);
    await until(() => engine.started.length === 1);
    await abandon(url, 30);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(engine.started.length, 1, 'one query for both');
    assert.equal(engine.aborted.length, 0);
    engine.releaseAll();
    assert.equal((await staying).status, 200);
  });

  it('never shares a query of the Gold before a rebuild with a request after it, nor keeps its answer', async () => {
    const engine = new GatedEngine();
    const base = await startServer(engine);
    const url = `${base}/v1/datasets/top_products?limit=1`;
    const brand = async (answer: Promise<Response>) => ((await (await answer).json()) as Array<{ brand: string }>)[0]!.brand;
    const asked = { headers: { accept: 'application/json' } };
    const before = fetch(url, asked);
    await until(() => engine.started.length === 1);
    engine.gen = 'g2';
    const afterRebuild = fetch(url, asked);
    await until(() => engine.started.length === 2);
    engine.releaseAll();
    assert.equal(await brand(before), 'g1');
    assert.equal(await brand(afterRebuild), 'g2', 'a query of its own, on the rebuilt Gold');
    const again = fetch(url, asked);
    assert.equal(await brand(again), 'g2', 'the answer kept is the rebuilt one');
    assert.equal(engine.started.length, 2, 'answered from the cache');
  });

  it('times out a slow query with 504 and cancels it', async () => {
    const engine = new GatedEngine();
    const base = await startServer(engine, { timeoutMs: 80 });
    const response = await fetch(`${base}/v1/datasets/top_products`);
    assert.equal(response.status, 504);
    assert.match((await response.json()).error.message, /longer than 80 ms/);
    assert.equal(engine.aborted.length, 1);
  });

  it('answers 503 with Retry-After beyond the concurrency limit, and serves again after', async () => {
    const engine = new GatedEngine();
    const base = await startServer(engine, { maxConcurrent: 2 });
    const first = fetch(`${base}/v1/datasets/top_products?limit=1`);
    const second = fetch(`${base}/v1/datasets/top_products?limit=2`);
    await until(() => engine.started.length === 2);
    const joined = fetch(`${base}/v1/datasets/top_products?limit=1`); // the same query: shared, not refused
    const third = await fetch(`${base}/v1/datasets/top_products?limit=3`);
    assert.equal(third.status, 503);
    assert.equal(third.headers.get('retry-after'), '1');
    assert.equal((await third.json()).error.code, 'busy');
    engine.releaseAll();
    assert.deepEqual([(await first).status, (await second).status, (await joined).status], [200, 200, 200]);
    assert.equal(engine.started.length, 2);
    const cached = await fetch(`${base}/v1/datasets/top_products?limit=1`);
    assert.equal(cached.status, 200, 'answered from the cache');
    assert.equal(engine.started.length, 2);
    const later = fetch(`${base}/v1/datasets/top_products?limit=3`);
    await until(() => engine.started.length === 3);
    engine.releaseAll();
    assert.equal((await later).status, 200);
  });

  it('logs one structured line per request', async () => {
    const engine = new GatedEngine();
    const logs: LogEntry[] = [];
    const base = await startServer(engine, { log: (e) => logs.push(e) });
    const pending = fetch(`${base}/v1/datasets/top_products?limit=5`);
    await until(() => engine.started.length === 1);
    engine.releaseAll();
    await (await pending).arrayBuffer();
    await (await fetch(`${base}/v1/datasets/top_products?limit=5`)).arrayBuffer();
    await until(() => logs.length === 2);
    assert.deepEqual(
      logs.map((l) => [l.msg, l.method, l.status, l.dataset, l.cache, l.rows]),
      [
        ['request', 'GET', 200, 'top_products', 'miss', 1],
        ['request', 'GET', 200, 'top_products', 'hit', 1],
      ],
    );
    assert.equal(typeof logs[0]!.ms, 'number');
  });

  it('answers an aborted query with AbortedError, without running it, and keeps the connection', async () => {
    const gold = await smallGold('interrupt', 5_000);
    const engine = await DuckDBEngine.open({ gold, connections: 1 });
    const controller = new AbortController();
    const running = engine.run({ dataset: 'segment_summary', from: '2019-10-01', to: '2020-04-30' }, controller.signal);
    controller.abort();
    await assert.rejects(running, AbortedError);
    const table = await engine.run({ dataset: 'kpi_summary', from: '2019-10-01', to: '2020-04-30' }, new AbortController().signal);
    assert.equal(table.numRows, 1, 'the connection serves the next query');
    await engine.close();
  });
});
