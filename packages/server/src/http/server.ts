/**
 * The HTTP API: `GET /v1/datasets`, `GET /v1/datasets/{name}?from&to&limit&segment`, `/healthz`.
 * Around every dataset query: a cache of encoded answers with ETags (304 on If-None-Match),
 * sharing of identical queries in flight, a limit on queries running at once (503 +
 * Retry-After beyond it), a timeout, and cancellation when the client goes away.
 */
import { createHash } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDatasetName, queryKey } from '@goldboard/core';
import type { Table } from 'apache-arrow';
import { arrowStreamBytes, jsonRows } from '../arrow/encode.js';
import type { GoldEngine } from '../engines/engine.js';
import { type DatasetRequest, parseDatasetRequest, shown } from '../queries/params.js';
import { AnswerCache, type CachedAnswer, matchesEtag } from './cache.js';
import { datasetCatalog } from './catalog-json.js';
import { AbortedError, EngineError, RequestError } from './errors.js';
import { type Logger, jsonLogger } from './log.js';

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
  let generation = engine.generation();
  let running = 0;

  const server = createServer((req, res) => {
    const started = performance.now();
    const fields: Record<string, unknown> = {};
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
    handle(req, res, fields, started).catch((error: unknown) => sendError(res, error, fields));
  });
  server.requestTimeout = timeoutMs + 5000;

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
    if (url.pathname === '/v1/datasets' || url.pathname === '/v1/datasets/') {
      return sendJson(req, res, 200, datasetCatalog(engine.period(), engine.name), 'no-cache');
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
      const body = json ? new TextEncoder().encode(JSON.stringify(jsonRows(request.dataset, table))) : arrowStreamBytes(table);
      answer = {
        body,
        contentType: json ? 'application/json; charset=utf-8' : ARROW_STREAM,
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
        rows: table.numRows,
        at: Date.now(),
      } satisfies CachedAnswer;
      fields.queryMs = Math.round((performance.now() - queryStarted) * 100) / 100;
      if (engine.generation() === generation) cache.set(key, answer);
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

  /** Runs a query, or joins the identical one already running; cancelled when every asker has gone. */
  function sharedQuery(key: string, request: DatasetRequest, res: ServerResponse): Promise<Table> {
    let entry = inflight.get(key);
    if (!entry) {
      if (running >= maxConcurrent) {
        throw new RequestError(503, 'busy', `The server is running ${running} queries, its limit; try again shortly.`, { retryAfter: 1 });
      }
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new RequestError(504, 'timeout', `${request.dataset} took longer than ${timeoutMs} ms and was cancelled.`)), timeoutMs);
      running++;
      const promise = engine.run(request, controller.signal).finally(() => {
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

  function sendJson(req: IncomingMessage | undefined, res: ServerResponse, status: number, value: unknown, cacheControl: string): void {
    const body = JSON.stringify(value);
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
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
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
