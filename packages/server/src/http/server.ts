/**
 * The HTTP API: `GET /v1/datasets`, `GET /v1/datasets/{name}?from&to&limit&segment`, `GET /v1/events` (server-sent "Gold changed", `events.ts`), `/healthz`,
 * and the rendered embeds (`/v1/embed/…`, `/oembed`, `/v1/assets/…`; see embed-routes.ts).
 * Around every dataset query: a cache of encoded answers with ETags (304 on If-None-Match),
 * sharing of identical queries in flight (and of their encoded body), a limit on queries
 * running at once (503 + Retry-After beyond it), a timeout, and cancellation when the client
 * goes away. Around every connection: a bound on its unanswered requests and on the answer
 * bytes held for it, and an idle timeout, so a client that pipelines and never reads costs
 * little.
 *
 * One file past 400 lines because the routes and the connection bounds meet in one path that
 * writes every answer (headers, sharing, buffering); split, each half would reach into the other.
 */
import { createHash } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type GoldQuery, isDatasetName, queryKey } from '@goldboard/core';
import { type Table, tableFromIPC } from 'apache-arrow';
import { arrowStreamBytes, jsonRows } from '../arrow/encode.js';
import type { GoldEngine } from '../engines/engine.js';
import { DATASET_PARAMS, type DatasetRequest, parseDatasetRequest, shown } from '../queries/params.js';
import { AnswerCache, type CachedAnswer, matchesEtag } from './cache.js';
import { GoldEvents } from './events.js';
import { datasetCatalog } from './catalog-json.js';
import { AbortedError, EngineError, RequestError } from './errors.js';
import { type Logger, jsonLogger } from './log.js';
import type { createEmbedRoutes } from './embed-routes.js';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

export interface GoldServerOptions {
  engine: GoldEngine;
  /** Origins allowed to read the API from a browser (exact, e.g. `https://shop.example`; `*` for any). Default: none. */
  corsOrigins?: readonly string[];
  /** A query running longer is cancelled and answered 504 (default 30 s). */
  timeoutMs?: number;
  /** Queries running at once; more get 503 with Retry-After (default 8). Cached answers do not count. */
  maxConcurrent?: number;
  /** Answers kept in memory (default 256; 0 turns the cache off). */
  cacheEntries?: number;
  /** How long an answer is reused, by the server and (Cache-Control max-age) by clients; default 60 s. */
  maxAgeSeconds?: number;
  /** Structured log sink (default: JSON lines on stdout). */
  log?: Logger;
  /**
   * Requests one connection may have unanswered (HTTP/1.1 pipelining; default 16). At the limit
   * the server stops reading the connection until its client takes answers; requests already
   * read beyond it wait, not started.
   */
  maxPipelined?: number;
  /**
   * Bytes of answers held in the server for one connection whose client has not taken them
   * (default 4 MiB; a body shared by several answers counts for each). Above it no further
   * request of that connection starts until the client reads.
   */
  maxBufferedBytes?: number;
  /**
   * A connection that sends nothing and finishes taking none of its answers for this long is
   * closed (default 60 s, and at least `timeoutMs` + 5 s so a running query is answered first).
   * Writing one answer counts as one step: a client must take a whole answer within this time.
   */
  idleTimeoutMs?: number;
  /** The server's public origin for the links of embed pages and oEmbed answers (the request's Host by default). */
  publicUrl?: string;
}

/** Counters of a running server (tests, monitoring). */
export interface GoldServerStats {
  /** Connections that have sent a request and are still open. */
  readonly connections: number;
  /** Requests read and not yet answered, waiting ones included. */
  readonly requests: number;
  /** Requests read but not started: their connection is at `maxPipelined` or `maxBufferedBytes`. */
  readonly waiting: number;
  /** Answer bytes held in the server for clients that have not taken them (the kernel's buffers aside). */
  readonly bufferedBytes: number;
  /** Answer bodies encoded since the server started: one per query and representation, however many asked. */
  readonly encodings: number;
}

interface InFlight {
  readonly promise: Promise<Table>;
  readonly controller: AbortController;
  waiters: number;
}

export interface GoldServer {
  readonly server: Server;
  /** Listens (port 0 = any free port); resolves with the address. */
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting, cancels running queries and closes the engine. */
  close(): Promise<void>;
  stats(): GoldServerStats;
}

/** A client connection: the requests it has started and those waiting for its limits. */
interface Connection {
  readonly socket: Socket;
  /** Started requests whose answers the client has not taken (computing, queued behind an earlier answer, or being written). */
  readonly started: Set<ServerResponse>;
  /** Requests read beyond the limits, started in order as earlier answers are taken. */
  readonly waiting: Array<() => void>;
  /** Reading stopped by the limits. */
  held: boolean;
}

export function createGoldServer(options: GoldServerOptions): GoldServer {
  const { engine } = options;
  const log = options.log ?? jsonLogger;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxConcurrent = Math.max(1, options.maxConcurrent ?? 8);
  const maxAge = options.maxAgeSeconds ?? 60;
  const cors = new Set(options.corsOrigins ?? []);
  const cache = new AnswerCache(options.cacheEntries ?? 256, 64 * 1024 * 1024, maxAge * 1000);
  const inflight = new Map<string, InFlight>();
  const maxPipelined = Math.max(1, options.maxPipelined ?? 16);
  const maxBufferedBytes = Math.max(0, options.maxBufferedBytes ?? 4 * 1024 * 1024);
  const connections = new Map<Socket, Connection>();
  /** Bodies encoded from a query's table, by representation: every asker of the query gets the same Buffer. */
  const encoded = new WeakMap<Table, Map<'json' | 'arrow', CachedAnswer>>();
  /** The Gold generation each query's table was made from. */
  const madeIn = new WeakMap<Table, string>();
  let encodings = 0;
  let generation = engine.generation();
  let running = 0;
  const events = new GoldEvents(engine);

  const server = createServer({ requestTimeout: timeoutMs + 5000 }, (req, res) => {
    const started = performance.now();
    const fields: Record<string, unknown> = {};
    // Every answer, errors and health included: browsers must not guess another type from a body.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.on('close', () => {
      log({
        level: res.statusCode >= 500 ? 'error' : 'info',
        msg: 'request',
        method: req.method,
        path: req.url,
        status: res.writableFinished ? res.statusCode : 499,
        ms: Math.round((performance.now() - started) * 100) / 100,
        bytes: Number(res.getHeader('content-length') ?? 0),
        ...fields,
      });
    });
    admit(connectionOf(req.socket), res, () => {
      handle(req, res, fields, started).catch((error: unknown) => sendError(res, error, fields));
    });
  });
  // Node sets no idle timeout by default: a client that never reads would hold its connection
  // (and the answers queued on it) for ever. Node closes a socket idle this long.
  server.timeout = options.idleTimeoutMs ?? Math.max(60_000, timeoutMs + 5000);

  function connectionOf(socket: Socket): Connection {
    let connection = connections.get(socket);
    if (connection) return connection;
    const created: Connection = { socket, started: new Set(), waiting: [], held: false };
    connections.set(socket, (connection = created));
    // Node's http server resumes a socket by itself after each request it reads (to read the
    // next); while the limits hold this connection, stop it again at once.
    socket.on('resume', () => {
      if (created.held) socket.pause();
    });
    socket.on('drain', () => pump(created));
    socket.once('close', () => {
      // Nothing of a closed connection stays referenced: its waiting requests never start.
      connections.delete(socket);
      created.waiting.length = 0;
      created.started.clear();
    });
    return connection;
  }

  /**
   * Starts a request now, or once its connection is under `maxPipelined` unanswered requests
   * and `maxBufferedBytes` of answers not taken. Node reads and emits pipelined requests
   * without waiting for the answers before them; without this, one connection could start
   * (and buffer the answers of) as many as it sends.
   */
  function admit(connection: Connection, res: ServerResponse, start: () => void): void {
    const begin = () => {
      connection.started.add(res);
      start();
    };
    res.once('close', () => {
      connection.started.delete(res);
      pump(connection);
    });
    if (connection.waiting.length === 0 && canStart(connection)) begin();
    else connection.waiting.push(begin);
    if (connection.waiting.length > 0 || connection.started.size >= maxPipelined) hold(connection);
  }

  function canStart(connection: Connection): boolean {
    return connection.started.size < maxPipelined && bufferedBytes(connection) < maxBufferedBytes;
  }

  /** Bytes of the connection's started answers not yet handed to the kernel (the one being written includes the socket's buffer). */
  function bufferedBytes(connection: Connection): number {
    let bytes = 0;
    for (const res of connection.started) bytes += res.writableLength;
    return bytes;
  }

  function hold(connection: Connection): void {
    if (connection.held) return;
    connection.held = true;
    connection.socket.pause();
  }

  /** Starts waiting requests the limits now allow; reads again once none waits and there is room. */
  function pump(connection: Connection): void {
    if (connection.socket.destroyed) return;
    while (connection.waiting.length > 0 && canStart(connection)) connection.waiting.shift()!();
    if (connection.held && connection.waiting.length === 0 && connection.started.size < maxPipelined) {
      connection.held = false;
      connection.socket.resume();
    }
  }

  function allowOrigin(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    res.setHeader('Vary', 'Accept, Origin');
    if (origin && (cors.has(origin) || cors.has('*'))) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'ETag, Retry-After, Server-Timing');
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, fields: Record<string, unknown>, started: number): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    allowOrigin(req, res);
    if (req.method === 'OPTIONS') {
      if (res.hasHeader('Access-Control-Allow-Origin')) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Accept, If-None-Match');
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, OPTIONS');
      throw new RequestError(405, 'method-not-allowed', `${req.method} is not allowed; the API is read-only (GET, HEAD).`);
    }
    if (url.pathname === '/healthz') return health(res);
    if (url.pathname === '/v1/events') {
      // HEAD says what a GET would open, without opening a stream that never ends.
      if (req.method === 'HEAD') return void res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' }).end();
      return events.open(res);
    }
    if (/^\/(v1\/embed\/|v1\/assets\/|oembed$)/.test(url.pathname) && (await (await embedRoutes())(req, res, url, fields))) return;
    if (url.pathname === '/v1/datasets' || url.pathname === '/v1/datasets/') {
      return sendCatalog(req, res);
    }
    const match = /^\/v1\/datasets\/([^/]+)$/.exec(url.pathname);
    if (!match) throw new RequestError(404, 'not-found', `No such path: ${shown(url.pathname)} (try /v1/datasets).`);
    let name = match[1]!;
    try {
      name = decodeURIComponent(name);
    } catch {
      // a malformed escape is simply not a dataset name
    }
    if (!isDatasetName(name)) throw new RequestError(404, 'unknown-dataset', `Unknown dataset ${shown(name)} (see /v1/datasets).`, { param: 'dataset' });
    fields.dataset = name;
    const request = parseDatasetRequest(name, url.searchParams, engine.period());
    const representation = negotiate(req.headers.accept);
    if (!representation) {
      throw new RequestError(406, 'not-acceptable', `Datasets are answered as ${ARROW_STREAM} or application/json; the request accepts neither (Accept: ${shown(req.headers.accept ?? '')}).`);
    }
    const json = representation === 'json';
    await answerDataset(req, res, request, json, fields, started);
  }

  /** A dataset's table for the elements rendered here: the cached answer, else the shared query. */
  async function datasetTable(query: GoldQuery, res: ServerResponse): Promise<Table> {
    const search = new URLSearchParams();
    for (const name of DATASET_PARAMS) if (query[name] !== undefined) search.set(name, String(query[name]));
    if (!isDatasetName(query.dataset)) throw new RequestError(400, 'unknown-dataset', `Unknown dataset ${shown(query.dataset)}.`);
    const request = parseDatasetRequest(query.dataset, search, engine.period());
    const key = `${queryKey(request)}|arrow`;
    if (engine.generation() !== generation) {
      generation = engine.generation();
      cache.clear();
    }
    const cached = cache.get(key);
    if (cached) return tableFromIPC(cached.body);
    const table = await sharedQuery(queryKey(request), request, res);
    encode(table, request, false, key);
    return table;
  }
  // The rendering code (Lit, the elements) is loaded by the first embed asked for.
  let embeds: Promise<ReturnType<typeof createEmbedRoutes>> | undefined;
  const embedRoutes = () =>
    (embeds ??= import('./embed-routes.js').then((m) => m.createEmbedRoutes({ load: (query, _signal, res) => datasetTable(query, res), publicUrl: options.publicUrl, maxAge })));

  async function answerDataset(req: IncomingMessage, res: ServerResponse, request: DatasetRequest, json: boolean, fields: Record<string, unknown>, started: number) {
    const current = engine.generation();
    if (current !== generation) {
      generation = current;
      cache.clear();
    }
    // Core's key of the same query: equal keys, equal answers (for the cache and ETags).
    const query = queryKey(request);
    const key = `${query}|${json ? 'json' : 'arrow'}`;
    let answer = cache.get(key);
    fields.cache = answer ? 'hit' : 'miss';
    if (!answer) {
      const queryStarted = performance.now();
      const table = await sharedQuery(query, request, res);
      answer = encode(table, request, json, key);
      fields.queryMs = Math.round((performance.now() - queryStarted) * 100) / 100;
    }
    fields.rows = answer.rows;
    res.setHeader('ETag', answer.etag);
    res.setHeader('Cache-Control', `public, max-age=${maxAge}`);
    // The server's own time, so clients (and the benchmark) can tell it from the network's.
    const total = (performance.now() - started).toFixed(3);
    res.setHeader('Server-Timing', fields.queryMs !== undefined ? `query;dur=${fields.queryMs}, total;dur=${total}` : `cache;desc=hit, total;dur=${total}`);
    if (matchesEtag(req.headers['if-none-match'], answer.etag)) {
      res.writeHead(304).end();
      return;
    }
    res.setHeader('Content-Type', answer.contentType);
    res.setHeader('Content-Length', answer.body.byteLength);
    res.writeHead(200);
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  }

  /**
   * The answer for a query's table, encoded once for all its askers (each encoding their own
   * copy made a burst of identical requests cost a body each, and blocked the event loop) and
   * cached under `key`.
   */
  function encode(table: Table, request: DatasetRequest, json: boolean, key: string): CachedAnswer {
    let bodies = encoded.get(table);
    if (!bodies) encoded.set(table, (bodies = new Map()));
    const representation = json ? 'json' : 'arrow';
    let answer = bodies.get(representation);
    if (answer) return answer;
    let body: Buffer;
    if (json) body = Buffer.from(JSON.stringify(jsonRows(request.dataset, table)));
    else {
      const bytes = arrowStreamBytes(table);
      body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    encodings++;
    answer = {
      body,
      contentType: json ? 'application/json; charset=utf-8' : ARROW_STREAM,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      rows: table.numRows,
      at: Date.now(),
    } satisfies CachedAnswer;
    bodies.set(representation, answer);
    // Cached only when made from the Gold of now: a query of the Gold before a rebuild that ends after it is answered, not kept.
    if (madeIn.get(table) === engine.generation() && engine.generation() === generation) cache.set(key, answer);
    return answer;
  }

  /** Runs a query, or joins the identical one already running; cancelled when every asker has gone. */
  function sharedQuery(query: string, request: DatasetRequest, res: ServerResponse): Promise<Table> {
    // Shared within a generation only: a request made after a rebuild never joins a query of the Gold before it.
    const made = engine.generation();
    const key = `${made}\u0000${query}`;
    let entry = inflight.get(key);
    if (!entry) {
      if (running >= maxConcurrent) {
        throw new RequestError(503, 'busy', `The server is running ${running} queries, its limit; try again shortly.`, { retryAfter: 1 });
      }
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new RequestError(504, 'timeout', `${request.dataset} took longer than ${timeoutMs} ms and was cancelled.`)), timeoutMs);
      running++;
      const promise = engine.run(request, controller.signal).then((table) => {
        madeIn.set(table, made);
        return table;
      }).finally(() => {
        running--;
        clearTimeout(timer);
        if (inflight.get(key) === created) inflight.delete(key);
      });
      promise.catch(() => {}); // a query whose askers all left fails with no one to tell
      const created: InFlight = { promise, controller, waiters: 0 };
      entry = created;
      inflight.set(key, entry);
    }
    const shared = entry;
    shared.waiters++;
    return new Promise<Table>((resolve, reject) => {
      let settled = false;
      const gone = () => {
        if (settled) return;
        settled = true;
        shared.waiters--;
        if (shared.waiters === 0) {
          if (inflight.get(key) === shared) inflight.delete(key);
          shared.controller.abort(new AbortedError('The client went away.'));
        }
        reject(new AbortedError('The client went away.'));
      };
      // The response closes before it is written only when the client has gone.
      res.once('close', gone);
      shared.promise.then(
        (table) => {
          if (settled) return;
          settled = true;
          res.off('close', gone);
          resolve(table);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          res.off('close', gone);
          const reason = shared.controller.signal.reason;
          reject(shared.controller.signal.aborted && reason instanceof RequestError ? reason : error);
        },
      );
    });
  }

  async function health(res: ServerResponse): Promise<void> {
    const signal = AbortSignal.timeout(Math.min(timeoutMs, 5000));
    try {
      await engine.check(signal);
      sendJson(undefined, res, 200, { status: 'ok', engine: engine.name, running, cached: cache.size }, 'no-store');
    } catch (error) {
      sendJson(undefined, res, 503, { status: 'unavailable', engine: engine.name, message: (error as Error).message }, 'no-store');
    }
  }

  function sendError(res: ServerResponse, error: unknown, fields: Record<string, unknown>): void {
    if (res.headersSent || res.destroyed) {
      if (!res.writableEnded) res.destroy();
      return;
    }
    let failure: RequestError;
    if (error instanceof RequestError) failure = error;
    else if (error instanceof EngineError) failure = new RequestError(error.status, error.status === 503 ? 'unavailable' : 'engine', error.message, { ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}) });
    else if (error instanceof AbortedError) failure = new RequestError(499, 'timeout', error.message);
    else failure = new RequestError(500, 'engine', `Internal error: ${(error as Error)?.message ?? error}`);
    fields.error = failure.message;
    if (failure.retryAfter !== undefined) res.setHeader('Retry-After', String(failure.retryAfter));
    sendJson(undefined, res, failure.status, failure.toJSON(), 'no-store');
  }

  /**
   * The catalog, with an ETag that changes with the Gold generation (a rebuild): a client that
   * keeps something made from the Gold (a rendered page) asks with If-None-Match whether it is
   * still current, and a 304 says it is.
   */
  function sendCatalog(req: IncomingMessage, res: ServerResponse): void {
    sendJson(req, res, 200, datasetCatalog(engine.period(), engine.name), 'no-cache', engine.generation());
  }

  /** JSON; with `version` (what the value was made from), an ETag of both and 304 to an If-None-Match naming it. */
  function sendJson(req: IncomingMessage | undefined, res: ServerResponse, status: number, value: unknown, cacheControl: string, version?: string): void {
    const body = JSON.stringify(value);
    if (version !== undefined) {
      const etag = `"${createHash('sha1').update(version).update('\n').update(body).digest('base64url')}"`;
      res.setHeader('ETag', etag);
      if (req && matchesEtag(req.headers['if-none-match'], etag)) {
        res.setHeader('Cache-Control', cacheControl);
        res.writeHead(304).end();
        return;
      }
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.setHeader('Cache-Control', cacheControl);
    res.writeHead(status);
    res.end(req?.method === 'HEAD' ? undefined : body);
  }

  return {
    server,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise<AddressInfo>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async close() {
      for (const entry of inflight.values()) entry.controller.abort(new AbortedError('The server is closing.'));
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
    },
    stats() {
      let requests = 0;
      let waiting = 0;
      let buffered = 0;
      for (const connection of connections.values()) {
        requests += connection.started.size + connection.waiting.length;
        waiting += connection.waiting.length;
        buffered += bufferedBytes(connection);
      }
      return { connections: connections.size, requests, waiting, bufferedBytes: buffered, encodings };
    },
  };
}

/**
 * The representation a request's `Accept` header prefers: Arrow IPC stream unless JSON has a
 * higher quality; undefined when it accepts neither (406).
 */
export function negotiate(accept: string | undefined): 'arrow' | 'json' | undefined {
  if (!accept || !accept.trim()) return 'arrow';
  const ranges = accept.split(',').map((part) => {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    return { type: type.trim(), q: q ? Number(q[1]) : 1 };
  });
  const quality = (type: string) => {
    let best = -1;
    let specificity = -1;
    for (const range of ranges) {
      const level = range.type === type ? 2 : range.type === `${type.split('/')[0]}/*` ? 1 : range.type === '*/*' ? 0 : -1;
      if (level > specificity) {
        specificity = level;
        best = range.q;
      }
    }
    return Math.max(0, best);
  };
  const arrow = Math.max(quality(ARROW_STREAM), quality('application/octet-stream'));
  const json = quality('application/json');
  if (arrow === 0 && json === 0) return undefined;
  return json > arrow ? 'json' : 'arrow';
}
