/**
 * A server that keeps running while its Gold folder is rebuilt answers from the new build: a
 * month that the rebuild added is queried, not only the months Silver had when the server
 * started, and a Gold first built without Silver events answers ranges once it has them.
 */
import http from 'node:http';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RAW_HEADER, buildGold, generateEvents } from '@goldboard/pipeline';
import { DuckDBEngine } from '../src/index.js';
import { closeServers, fetchArrow, startServer, tempDir } from './helpers.js';

describe('server on DuckDB over a rebuilt Gold', () => {
  after(closeServers);

  it('answers a range in a month that a rebuild added', async () => {
    const dir = tempDir('rebuild');
    const all = join(dir, 'raw');
    await generateEvents({ out: all, events: 6_000, seed: 3 });
    const months = readdirSync(all).filter((f) => f.endsWith('.csv')).sort((a, b) => monthOf(a) - monthOf(b));
    assert.ok(months.length >= 3, `three months generated (${months.join(', ')})`);
    const first = join(dir, 'first');
    mkdirSync(first);
    for (const file of months.slice(0, 2)) copyFileSync(join(all, file), join(first, file));
    const gold = join(dir, 'gold');
    await buildGold({ events: first, out: gold, progress: false });

    const base = await startServer(await DuckDBEngine.open({ gold, connections: 1 }));
    const { from, to } = rangeOf(months[2]!);
    const url = `${base}/v1/datasets/daily_metrics?from=${from}&to=${to}`;
    const before = await fetchArrow(url);
    assert.equal(before.rows.length, 0, 'the third month is not built yet');

    await buildGold({ events: all, out: gold, progress: false });
    // The engine looks at the manifest at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const afterRebuild = await fetchArrow(url, { headers: { 'cache-control': 'no-cache' } });
    const fresh = await startServer(await DuckDBEngine.open({ gold, connections: 1 }));
    const expected = await fetchArrow(`${fresh}/v1/datasets/daily_metrics?from=${from}&to=${to}`);
    assert.ok(expected.rows.length > 20, 'the rebuilt Gold has days in the third month');
    assert.deepEqual(afterRebuild.rows, expected.rows);
  });

  it('answers ranges once a Gold built without Silver events is rebuilt with them', async () => {
    const dir = tempDir('rebuild-empty');
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, '2019-Oct.csv'), `${RAW_HEADER}\n`);
    const gold = join(dir, 'gold');
    await buildGold({ events: empty, out: gold, progress: false });
    const base = await startServer(await DuckDBEngine.open({ gold, connections: 1 }));
    const url = `${base}/v1/datasets/daily_metrics?from=2019-10-01&to=2019-10-31`;
    assert.equal((await fetch(url)).status, 422, 'a Gold without Silver events answers no range');

    const raw = join(dir, 'raw');
    await generateEvents({ out: raw, events: 3_000, seed: 5 });
    await buildGold({ events: raw, out: gold, progress: false });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const { rows } = await fetchArrow(url, { headers: { 'cache-control': 'no-cache' } });
    assert.ok(rows.length > 20, `October's days after the rebuild (${rows.length})`);
  });
});

describe('GET /v1/events', () => {
  after(closeServers);

  it('tells a listening page "gold-changed" after a rebuild, and the answers\' ETags change with it', async () => {
    const dir = tempDir('events');
    const raw = join(dir, 'raw');
    await generateEvents({ out: raw, events: 3_000, seed: 11 });
    const gold = join(dir, 'gold');
    await buildGold({ events: raw, out: gold, progress: false });
    const base = await startServer(await DuckDBEngine.open({ gold, connections: 1 }));
    const before = await fetch(`${base}/v1/datasets/kpi_summary`);
    const etag = before.headers.get('etag')!;
    await before.arrayBuffer();
    assert.equal((await fetch(`${base}/v1/datasets/kpi_summary`, { headers: { 'if-none-match': etag } })).status, 304);
    // The catalog's ETag names the generation: a 304 says what was made from this Gold is current.
    const catalog = await fetch(`${base}/v1/datasets`);
    const catalogTag = catalog.headers.get('etag')!;
    assert.match(catalogTag, /^"[\w-]+"$/);
    await catalog.json();
    assert.equal((await fetch(`${base}/v1/datasets`, { headers: { 'if-none-match': catalogTag } })).status, 304);

    // HEAD answers and ends (no stream left open): the same connection serves the next request.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const ask = (method: string, path: string) =>
      new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = http.request(`${base}${path}`, { method, agent, timeout: 5000 }, (res) => res.resume().on('end', () => resolve(res)));
        req.on('timeout', () => req.destroy(new Error(`${method} ${path} did not end`))).on('error', reject).end();
      });
    const head = await ask('HEAD', '/v1/events');
    assert.equal(head.statusCode, 200);
    assert.match(String(head.headers['content-type']), /^text\/event-stream/);
    assert.equal((await ask('GET', '/healthz')).statusCode, 200);
    agent.destroy();
    const abort = new AbortController();
    const stream = await fetch(`${base}/v1/events`, { signal: abort.signal });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before ${pattern}: ${text}`);
        text += value;
      }
    };
    await until(/: listening/);
    // A rebuild with more events: new numbers.
    await generateEvents({ out: raw, events: 6_000, seed: 12 });
    await buildGold({ events: raw, out: gold, progress: false });
    await until(/event: gold-changed\ndata: \{"generation":"[^"]+","period":/);
    abort.abort();
    const after = await fetch(`${base}/v1/datasets/kpi_summary`, { headers: { 'if-none-match': etag } });
    assert.equal(after.status, 200, 'the rebuilt Gold answers anew');
    assert.notEqual(after.headers.get('etag'), etag);
    const catalogAfter = await fetch(`${base}/v1/datasets`, { headers: { 'if-none-match': catalogTag } });
    assert.equal(catalogAfter.status, 200, 'the catalog of a rebuilt Gold answers anew');
    assert.notEqual(catalogAfter.headers.get('etag'), catalogTag);
  });
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2019-Oct.csv` → months since year 0, for ordering. */
function monthOf(file: string): number {
  const [, year, name] = /^(\d{4})-(\w{3})/.exec(file) ?? [];
  return Number(year) * 12 + MONTHS.indexOf(name ?? '');
}

function rangeOf(file: string): { from: string; to: string } {
  const m = monthOf(file);
  const year = Math.floor(m / 12);
  const month = (m % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${last}` };
}
