/**
 * A local stand-in of the Databricks SQL Statement Execution API, written from its documented
 * request and response shapes: `POST /api/2.0/sql/statements`, `GET …/{id}`,
 * `GET …/{id}/result/chunks/{n}`, `POST …/{id}/cancel`, plus a "cloud storage" serving
 * EXTERNAL_LINKS. Each test scripts a scenario and reads back what the client sent.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatasetName } from '@goldboard/core';
import { type Table, tableToIPC } from 'apache-arrow';
import { jsonRows } from '../src/index.js';

export const TOKEN = 'dapi-test-token';
export const WAREHOUSE = 'wh-0123';

export interface Scenario {
  dataset: DatasetName;
  table: Table;
  /** States answered before the final one, one per call (the submit call takes the first). */
  states?: string[];
  /** Stay RUNNING until cancelled. */
  hang?: boolean;
  final?: 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'CLOSED';
  errorMessage?: string;
  /** Modes answered 400 as unsupported, e.g. `INLINE+JSON_ARRAY`. */
  refuse?: string[];
  chunks?: number;
  truncated?: boolean;
  /** INLINE statements fail as a result over the 25 MiB inline cap does. */
  inlineTooLarge?: boolean;
  /** Each link's first download answers 403 as an expired pre-signed URL would. */
  expireLinksOnce?: boolean;
  /** Statuses of the first calls to an endpoint kind, before normal answers. */
  postStatuses?: number[];
  getStatuses?: number[];
  /** Delay of the submit call's answer. */
  postDelayMs?: number;
}

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | undefined;
  /** When it arrived (performance.now()). */
  at: number;
}

interface Statement {
  id: string;
  scenario: Scenario;
  mode: string;
  calls: number;
  canceled: boolean;
}

export class DatabricksStandIn {
  readonly requests: Recorded[] = [];
  readonly downloads: Recorded[] = [];
  readonly cancels: string[] = [];
  scenario: Scenario | undefined;
  base = '';
  private readonly statements = new Map<string, Statement>();
  private readonly downloaded = new Set<string>();
  private nextId = 1;
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const record: Recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined, at: performance.now() };
      void this.route(record, res);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Calls of the API (not downloads) matching a method and path prefix. */
  calls(method: string, path: RegExp): Recorded[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  private async route(req: Recorded, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.path.startsWith('/storage/')) return this.storage(req, res);
    this.requests.push(req);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { error_code: 'UNAUTHENTICATED', message: 'Invalid access token.' });
    const scenario = this.scenario!;
    const fail = (req.method === 'POST' && !req.path.endsWith('/cancel') ? scenario.postStatuses : req.method === 'GET' ? scenario.getStatuses : undefined)?.shift();
    if (fail !== undefined) {
      const code = fail === 429 ? 'RESOURCE_EXHAUSTED' : fail === 403 ? 'PERMISSION_DENIED' : fail === 401 ? 'UNAUTHENTICATED' : 'TEMPORARILY_UNAVAILABLE';
      return send(fail, { error_code: code, message: `stand-in status ${fail}` }, fail === 429 || fail === 503 ? { 'Retry-After': '0' } : {});
    }
    let match: RegExpExecArray | null;
    if (req.method === 'POST' && req.path === '/api/2.0/sql/statements') {
      const body = req.body as { warehouse_id?: string; statement?: string; disposition?: string; format?: string; wait_timeout?: string; on_wait_timeout?: string };
      if (body.warehouse_id !== WAREHOUSE) return send(404, { error_code: 'NOT_FOUND', message: `warehouse ${body.warehouse_id} not found` });
      if (!body.statement || !/^(?:0|[5-9]|[1-4]\d|50)s$/.test(body.wait_timeout ?? '10s')) return send(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'bad request' });
      const mode = `${body.disposition ?? 'INLINE'}+${body.format ?? 'JSON_ARRAY'}`;
      if (body.disposition === 'INLINE' && body.format === 'CSV') return send(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'CSV is not supported with INLINE' });
      if (scenario.refuse?.includes(mode)) {
        return send(400, { error_code: 'INVALID_PARAMETER_VALUE', message: `${body.format} format is not supported with ${body.disposition} disposition on this warehouse` });
      }
      const statement: Statement = { id: `stmt-${this.nextId++}`, scenario, mode, calls: 0, canceled: false };
      this.statements.set(statement.id, statement);
      if (scenario.postDelayMs) await new Promise((r) => setTimeout(r, scenario.postDelayMs));
      return send(200, this.status(statement));
    }
    if (req.method === 'GET' && (match = /^\/api\/2\.0\/sql\/statements\/([^/]+)$/.exec(req.path))) {
      const statement = this.statements.get(match[1]!);
      return statement ? send(200, this.status(statement)) : send(404, { error_code: 'NOT_FOUND', message: 'no such statement' });
    }
    if (req.method === 'GET' && (match = /^\/api\/2\.0\/sql\/statements\/([^/]+)\/result\/chunks\/(\d+)$/.exec(req.path))) {
      const statement = this.statements.get(match[1]!);
      if (!statement) return send(404, { error_code: 'NOT_FOUND', message: 'no such statement' });
      return send(200, this.chunk(statement, Number(match[2])));
    }
    if (req.method === 'POST' && (match = /^\/api\/2\.0\/sql\/statements\/([^/]+)\/cancel$/.exec(req.path))) {
      const statement = this.statements.get(match[1]!);
      if (statement) statement.canceled = true;
      this.cancels.push(match[1]!);
      return send(200, {});
    }
    send(404, { error_code: 'ENDPOINT_NOT_FOUND', message: `no ${req.method} ${req.path}` });
  }

  private status(statement: Statement): Record<string, unknown> {
    const { scenario } = statement;
    const call = statement.calls++;
    if (statement.canceled) return { statement_id: statement.id, status: { state: 'CANCELED' } };
    if (scenario.hang) return { statement_id: statement.id, status: { state: call === 0 ? 'PENDING' : 'RUNNING' } };
    const states = scenario.states ?? [];
    if (call < states.length) return { statement_id: statement.id, status: { state: states[call] } };
    if (scenario.inlineTooLarge && statement.mode.startsWith('INLINE')) {
      return {
        statement_id: statement.id,
        status: { state: 'FAILED', error: { error_code: 'BAD_REQUEST', message: 'The result of this query exceeds the 25 MiB limit for INLINE disposition. Use EXTERNAL_LINKS.' } },
      };
    }
    const final = scenario.final ?? 'SUCCEEDED';
    if (final !== 'SUCCEEDED') {
      return { statement_id: statement.id, status: { state: final, ...(final === 'FAILED' ? { error: { error_code: 'BAD_REQUEST', message: scenario.errorMessage ?? 'failed' } } : {}) } };
    }
    const [, format] = statement.mode.split('+');
    const rows = scenario.table.numRows;
    const chunkCount = rows === 0 ? 0 : Math.min(scenario.chunks ?? 1, rows);
    return {
      statement_id: statement.id,
      status: { state: 'SUCCEEDED' },
      manifest: {
        format,
        schema: {
          column_count: scenario.table.schema.fields.length,
          columns: scenario.table.schema.fields.map((f, position) => ({ name: f.name, type_name: String(f.type), position })),
        },
        total_chunk_count: chunkCount,
        chunks: Array.from({ length: chunkCount }, (_, i) => ({ chunk_index: i, ...this.bounds(statement, i) })),
        total_row_count: rows,
        truncated: scenario.truncated ?? false,
      },
      ...(chunkCount > 0 ? { result: this.chunk(statement, 0) } : {}),
    };
  }

  private bounds(statement: Statement, index: number): { row_offset: number; row_count: number } {
    const rows = statement.scenario.table.numRows;
    const count = Math.min(statement.scenario.chunks ?? 1, rows);
    const size = Math.ceil(rows / count);
    const offset = index * size;
    return { row_offset: offset, row_count: Math.max(0, Math.min(size, rows - offset)) };
  }

  private chunk(statement: Statement, index: number): Record<string, unknown> {
    const { scenario } = statement;
    const [disposition, format] = statement.mode.split('+');
    const { row_offset, row_count } = this.bounds(statement, index);
    const total = Math.min(scenario.chunks ?? 1, scenario.table.numRows);
    const next = index + 1 < total ? { next_chunk_index: index + 1, next_chunk_internal_link: `/api/2.0/sql/statements/${statement.id}/result/chunks/${index + 1}` } : {};
    const slice = scenario.table.slice(row_offset, row_offset + row_count);
    if (disposition === 'EXTERNAL_LINKS') {
      const key = `${statement.id}-${index}-${Math.random().toString(36).slice(2)}`;
      this.blobs.set(key, tableToIPC(slice, 'stream'));
      const expired = scenario.expireLinksOnce && !this.downloaded.has(`${statement.id}-${index}`);
      return {
        chunk_index: index,
        row_offset,
        row_count,
        external_links: [
          {
            chunk_index: index,
            row_offset,
            row_count,
            byte_count: this.blobs.get(key)!.byteLength,
            external_link: `${this.base}/storage/${key}${expired ? '?expired=1' : ''}`,
            expiration: new Date(Date.now() + 15 * 60_000).toISOString(),
            http_headers: { 'x-ms-encryption-key': 'chunk-key' },
            ...next,
          },
        ],
        ...next,
      };
    }
    if (format === 'ARROW_STREAM') return { chunk_index: index, row_offset, row_count, attachment: Buffer.from(tableToIPC(slice, 'stream')).toString('base64'), ...next };
    const data_array = jsonRows(scenario.dataset, slice).map((row) => Object.values(row).map((v) => (v === null ? null : String(v))));
    return { chunk_index: index, row_offset, row_count, data_array, ...next };
  }

  private readonly blobs = new Map<string, Uint8Array>();

  private storage(req: Recorded, res: ServerResponse): void {
    this.downloads.push(req);
    const url = new URL(req.path, 'http://x');
    const key = url.pathname.slice('/storage/'.length);
    if (url.searchParams.get('expired')) {
      this.downloaded.add(key.split('-').slice(0, 3).join('-')); // `stmt-N-<chunk>`: the next link for it is fresh
      res.writeHead(403, { 'Content-Type': 'application/xml' });
      res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      return;
    }
    const blob = this.blobs.get(key);
    if (!blob) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/vnd.apache.arrow.stream' });
    res.end(blob);
  }
}
