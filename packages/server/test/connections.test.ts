/**
 * What one connection may cost: 2,000 identical requests pipelined on a connection that never
 * reads get one encoded body, at most `maxPipelined` of them start, the bytes held for them are
 * bounded, another connection's /healthz answers meanwhile, and everything goes with the
 * connection. A pipelining client that reads gets every answer, in order.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { get } from 'node:http';
import { type Socket, connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DuckDBEngine, type GoldServer, type GoldServerOptions, createGoldServer, silentLogger } from '../src/index.js';
import { smallGold, until } from './helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
const PIPELINED = 2000;
const request = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n${extra}\r\n`;

/** A GET on a connection of its own, closed after the answer (so it leaves no idle keep-alive connection behind). */
function getOnce(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** Opens a raw connection that never reads (its kernel buffers fill, then the server's). */
async function neverReading(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.pause();
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

describe('connections', () => {
  let gold = '';
  const servers: GoldServer[] = [];

  async function start(options: Partial<GoldServerOptions> = {}) {
    const server = createGoldServer({ engine: await DuckDBEngine.open({ gold, connections: 2 }), log: silentLogger, ...options });
    servers.push(server);
    const { port } = await server.listen(0, '127.0.0.1');
    return { server, port, base: `http://127.0.0.1:${port}` };
  }

  before(async () => {
    // 30,000 events: user_segments as JSON is ~200 kB, 400 MB for 2,000 copies.
    gold = await smallGold('connections', 30_000);
  });
  after(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('answers 2,000 pipelined identical requests on a connection that never reads with one body, bounded memory and a responsive /healthz', { timeout: 120_000 }, async () => {
    const { server, port, base } = await start();
    gc();
    const before = process.memoryUsage();
    const attacker = await neverReading(port);
    attacker.write(request('/v1/datasets/user_segments').repeat(PIPELINED));

    // /healthz on another connection, one after another from the burst until well after its
    // answer is encoded (each asker encoding its own copy blocked the event loop for seconds).
    // The client shares the event loop, so a block shows as a long gap between two answers.
    const gaps: number[] = [];
    let last = performance.now();
    let afterAnswer = 0;
    while (afterAnswer < 10) {
      assert.equal((await getOnce(`${base}/healthz`)).status, 200);
      gaps.push(performance.now() - last);
      last = performance.now();
      if (server.stats().encodings > 0) afterAnswer++;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(Math.max(...gaps) < 3000, `/healthz waited ${Math.round(Math.max(...gaps))} ms for an answer during the attack`);

    await until(() => server.stats().waiting > 0, 10_000, 'waiting requests');
    const during = server.stats();
    const body = (await getOnce(`${base}/v1/datasets/user_segments`, { Accept: 'application/json' })).body.byteLength;
    assert.ok(body > 150_000, `a body that matters (${body} bytes)`);
    assert.equal(server.stats().encodings, 1, 'one encoding for every asker and the cache');
    assert.ok(during.requests - during.waiting <= 16, `${during.requests - during.waiting} started, at most maxPipelined`);
    // Reading stopped at the limit: the rest of that read (64 KiB, ~760 of these requests)
    // waits, the others stay unread (Node resuming the socket by itself read nearly all).
    assert.ok(during.requests < PIPELINED / 2, `${during.requests} requests unanswered of ${PIPELINED}`);
    assert.ok(during.bufferedBytes <= 16 * (body + 1024), `${during.bufferedBytes} bytes held for the connection`);
    gc();
    const peak = process.memoryUsage();
    assert.ok(peak.arrayBuffers - before.arrayBuffers < 64 * MB, `buffers grew by ${((peak.arrayBuffers - before.arrayBuffers) / MB).toFixed(1)} MB`);
    assert.ok(peak.rss - before.rss < 150 * MB, `RSS grew by ${((peak.rss - before.rss) / MB).toFixed(1)} MB`);

    attacker.destroy();
    await until(() => server.stats().connections === 0, 10_000, 'the connection to be forgotten');
    assert.deepEqual(server.stats(), { connections: 0, requests: 0, waiting: 0, bufferedBytes: 0, encodings: 1 });
    gc();
    const afterClose = process.memoryUsage();
    assert.ok(afterClose.arrayBuffers - before.arrayBuffers < 8 * MB, `buffers still ${((afterClose.arrayBuffers - before.arrayBuffers) / MB).toFixed(1)} MB above the start`);
  });

  it('closes a connection that takes nothing for idleTimeoutMs', { timeout: 30_000 }, async () => {
    // Long enough for the query to be answered first on a loaded machine: the socket is idle while it runs.
    const { server, port } = await start({ idleTimeoutMs: 1500 });
    const attacker = await neverReading(port);
    attacker.write(request('/v1/datasets/user_segments?limit=5000').repeat(PIPELINED));
    await until(() => server.stats().encodings === 1, 10_000, 'the answer');
    await until(() => server.stats().connections === 0, 15_000, 'the idle connection to be closed');
    assert.equal(server.stats().requests, 0);
    attacker.destroy();
  });

  it('starts no request of a connection while more than maxBufferedBytes of its answers are held', { timeout: 30_000 }, async () => {
    const limit = 256 * 1024;
    const { server, port, base } = await start({ maxPipelined: 1000, maxBufferedBytes: limit });
    // Cached, so every request started writes its answer at once.
    const body = (await getOnce(`${base}/v1/datasets/user_segments`, { Accept: 'application/json' })).body.byteLength;
    const attacker = await neverReading(port);
    attacker.write(request('/v1/datasets/user_segments').repeat(PIPELINED));
    await until(() => server.stats().waiting > 0, 10_000, 'waiting requests');
    await new Promise((r) => setTimeout(r, 200));
    const { bufferedBytes, requests, waiting } = server.stats();
    assert.ok(bufferedBytes < limit + body + 1024, `${bufferedBytes} bytes held (${requests - waiting} started): at most one answer beyond the limit`);
    assert.equal(server.stats().encodings, 1);
    attacker.destroy();
    await until(() => server.stats().connections === 0, 10_000, 'the connection to be forgotten');
  });

  it('answers a pipelining client that reads, every answer in order, with small limits', { timeout: 30_000 }, async () => {
    const { server, port } = await start({ maxPipelined: 3, maxBufferedBytes: 64 * 1024 });
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const limits = Array.from({ length: 60 }, (_, i) => i);
    socket.write(limits.map((limit, i) => request(`/v1/datasets/user_segments?limit=${limit}`, i === limits.length - 1 ? 'Connection: close\r\n' : '')).join(''));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    await once(socket, 'end');
    let data = Buffer.concat(chunks);
    const rows: number[] = [];
    while (data.length > 0) {
      const headEnd = data.indexOf('\r\n\r\n');
      const head = data.subarray(0, headEnd).toString('latin1');
      assert.match(head, /^HTTP\/1\.1 200 /);
      assert.match(head, /\r\nx-content-type-options: nosniff\r\n/i);
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)![1]);
      rows.push(JSON.parse(data.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8')).length);
      data = data.subarray(headEnd + 4 + length);
    }
    assert.deepEqual(rows, limits);
    assert.equal(server.stats().encodings, limits.length);
    await until(() => server.stats().connections === 0, 10_000, 'the closed connection to be forgotten');
  });
});
