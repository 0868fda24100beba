/**
 * A local stand-in of a Databricks workspace, written from the documented request and response
 * shapes, so tests see what a warehouse would do:
 *
 * - the Statement Execution API: `POST /api/2.0/sql/statements`, `GET …/{id}`,
 *   `GET …/{id}/result/chunks/{n}`, `POST …/{id}/cancel`, with "cloud storage" serving
 *   EXTERNAL_LINKS that expire;
 * - the Warehouses API's `GET /api/2.0/sql/warehouses/{id}`, and a warehouse that is STOPPED,
 *   STARTING (statements PENDING meanwhile) or RUNNING;
 * - OAuth machine-to-machine tokens from `POST /oidc/v1/token`.
 *
 * Each test scripts a scenario and reads back what the client sent; or a scenario's `execute`
 * answers each statement from its text and parameters (a build's statements, run by a local
 * engine behind the stand-in). One simplification: the
 * submit call answers at once (as `wait_timeout: 0s` would) instead of waiting up to its
 * `wait_timeout` for the statement to finish.
 *
 * One file past 400 lines so that the whole API a test meets (statements, chunks, links,
 * warehouse states, tokens) reads in one place, as the documentation pages it cites do.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatasetName } from '@goldboard/core';
import { DATASETS, DAY } from '@goldboard/core';
import {
  type DataType,
  DateDay,
  Decimal,
  Float64,
  Int32,
  Int64,
  Table,
  Utf8,
  type Vector,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';

export const TOKEN = 'dapi-test-token';
export const WAREHOUSE = 'wh0123abcd';
export const CLIENT_ID = '6f1b2c3d-sp-client';
export const CLIENT_SECRET = 'dose-secret-value';

/** An error answer of the REST API: `{ error_code, message }` with an HTTP status. */
export interface Failure {
  status: number;
  code: string;
  message?: string;
  /** The Retry-After header (seconds), or null for none. Default `0` for 429 and 503. */
  retryAfter?: string | null;
}

/** A statement as submitted: its text and named parameters. */
export interface Submitted {
  statement: string;
  parameters: Array<{ name: string; value: string; type?: string }>;
}

/**
 * What `execute` answers a statement with: rows with their warehouse SQL types (`BIGINT`,
 * `DOUBLE`, `STRING`, `DATE`, …), the error a FAILED statement ends with, or `hang`: it stays
 * RUNNING until cancelled.
 */
export type Executed =
  | { columns: Array<{ name: string; type: string }>; rows: unknown[][] }
  | { error: { error_code: string; message: string } }
  | { hang: true };

export interface Scenario {
  dataset?: DatasetName;
  /** The answer, in the contract's types; the stand-in retypes it as the warehouse would. */
  table?: Table;
  /** Answers each statement instead of `dataset` / `table` (run when it is submitted). */
  execute?: (submitted: Submitted) => Promise<Executed>;
  /** States answered before the final one, one per call once the warehouse runs (the submit call takes the first). */
  states?: string[];
  /** Stay PENDING, then RUNNING, until cancelled. */
  hang?: boolean;
  final?: 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'CLOSED';
  /** `status.error` of a FAILED statement (default BAD_REQUEST with `errorMessage`). */
  error?: { error_code: string; message: string };
  errorMessage?: string;
  /** Errors the next statements end with (FAILED), one per statement, before behaving as `final` says. */
  statementErrors?: Array<{ error_code: string; message: string }>;
  /** Modes this warehouse does not offer, answered with the refusals real warehouses send. */
  refuse?: string[];
  /** Every submission answered with this (a request the warehouse refuses whatever its mode). */
  submitError?: Failure;
  chunks?: number;
  truncated?: boolean;
  /** The first link given for each chunk is already past its `expiration` (storage refuses it too). */
  staleLinks?: boolean;
  /** Each link's first download answers 403 though its `expiration` is ahead (a storage clock ahead of ours). */
  expireLinksOnce?: boolean;
  /** How long links stay valid (default 15 minutes, the documented upper bound). */
  linkTtlMs?: number;
  /** Failures of the first calls to an endpoint kind (submits / GETs), before normal answers. */
  postStatuses?: Array<number | Failure>;
  getStatuses?: Array<number | Failure>;
  /** Delay of the submit call's answer. */
  postDelayMs?: number;
  /** Warehouse SQL types by column, e.g. `{ revenue: 'DECIMAL(38,6)' }`; default: the server's CASTs (DOUBLE, BIGINT, INT, STRING, DATE). */
  types?: Record<string, string>;
  /** Arrow fields named as the manifest's columns rather than positionally (`col_0`, …). */
  namedArrow?: boolean;
}

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | undefined;
  text: string;
  /** When it arrived (performance.now()). */
  at: number;
}

interface Statement {
  id: string;
  scenario: Scenario;
  /** What `execute` answered, when the scenario has one. */
  executed?: Executed;
  mode: string;
  calls: number;
  canceled: boolean;
  error: { error_code: string; message: string } | undefined;
  /** The answer as the warehouse types it, built on first use. */
  typed?: { columns: WarehouseColumn[]; table: Table };
}

/** A column of a result manifest (`manifest.schema.columns[]`). */
interface WarehouseColumn {
  name: string;
  type_text: string;
  type_name: string;
  position: number;
  type_precision?: number;
  type_scale?: number;
}

/**
 * The refusals warehouses answer a result mode they do not offer with: 400 and the API's error
 * codes (docs.databricks.com/api/workspace/statementexecution/executestatement — `disposition`,
 * `format`: INLINE is documented with JSON_ARRAY; inline ARROW_STREAM and EXTERNAL_LINKS are
 * not offered everywhere).
 */
const REFUSALS: Record<string, Failure> = {
  'INLINE+JSON_ARRAY': { status: 400, code: 'INVALID_PARAMETER_VALUE', message: 'Inline disposition only supports ARROW_STREAM format' },
  'INLINE+ARROW_STREAM': { status: 400, code: 'INVALID_PARAMETER_VALUE', message: 'The format field must be JSON_ARRAY when the disposition field is INLINE.' },
  'EXTERNAL_LINKS+ARROW_STREAM': { status: 400, code: 'NOT_IMPLEMENTED', message: 'ExternalLinks disposition is not yet implemented' },
  'EXTERNAL_LINKS+JSON_ARRAY': { status: 400, code: 'NOT_IMPLEMENTED', message: 'ExternalLinks disposition is not yet implemented' },
};

/** Error codes by HTTP status (docs.databricks.com/api/workspace/statementexecution — error responses). */
const CODES: Record<number, string> = {
  400: 'INVALID_PARAMETER_VALUE',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'RESOURCE_DOES_NOT_EXIST',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL_ERROR',
  502: 'TEMPORARILY_UNAVAILABLE',
  503: 'TEMPORARILY_UNAVAILABLE',
};

export class DatabricksStandIn {
  readonly requests: Recorded[] = [];
  readonly downloads: Recorded[] = [];
  readonly cancels: string[] = [];
  readonly tokenRequests: Recorded[] = [];
  /** Statements answered by a scenario's `execute`, with the ids given them, in order. */
  readonly submitted: Array<Submitted & { id: string }> = [];
  /** API calls refused because their OAuth token had expired. */
  expiredTokenCalls = 0;
  scenario: Scenario | undefined;
  base = '';
  /** OAuth tokens issued by `/oidc/v1/token` live this long (seconds; the answer's `expires_in`). */
  tokenLifetimeS = 3600;
  /** Delay of the token endpoint's answer. */
  tokenDelayMs = 0;
  private readonly issued = new Map<string, number>();
  private warehouse: { state: string; readyAt: number; startMs: number } = { state: 'RUNNING', readyAt: 0, startMs: 0 };
  private readonly statements = new Map<string, Statement>();
  private readonly downloaded = new Set<string>();
  private readonly linksGiven = new Set<string>();
  private readonly blobs = new Map<string, { bytes: Uint8Array; expiresAt: number }>();
  private nextId = 1;
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const json = /json/.test(req.headers['content-type'] ?? '') && text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      const record: Recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: json, text, at: performance.now() };
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

  /** Clears what was recorded and puts the warehouse back to RUNNING. */
  reset(): void {
    this.requests.length = 0;
    this.downloads.length = 0;
    this.cancels.length = 0;
    this.tokenRequests.length = 0;
    this.submitted.length = 0;
    this.expiredTokenCalls = 0;
    this.tokenLifetimeS = 3600;
    this.tokenDelayMs = 0;
    this.warehouse = { state: 'RUNNING', readyAt: 0, startMs: 0 };
  }

  /**
   * Sets the warehouse's state. A STOPPED warehouse starts when a statement is submitted to it
   * and runs `startMs` later; a STARTING one runs `startMs` from now.
   */
  setWarehouse(state: 'RUNNING' | 'STOPPED' | 'STARTING' | 'DELETED', startMs = 0): void {
    this.warehouse = { state, startMs, readyAt: state === 'STARTING' ? Date.now() + startMs : 0 };
  }

  warehouseState(): string {
    if (this.warehouse.state === 'STARTING' && Date.now() >= this.warehouse.readyAt) this.warehouse.state = 'RUNNING';
    return this.warehouse.state;
  }

  /** Calls of the API (not downloads) matching a method and path. */
  calls(method: string, path: RegExp): Recorded[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  private async route(req: Recorded, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    // Rate-limited and unavailable calls answer 429 / 503, with Retry-After
    // (docs.databricks.com/en/resources/limits.html, API rate limits).
    const fail = (failure: Failure) => {
      const retryAfter = failure.retryAfter === undefined ? (failure.status === 429 || failure.status === 503 ? '0' : null) : failure.retryAfter;
      send(failure.status, { error_code: failure.code, message: failure.message ?? `stand-in ${failure.code}` }, retryAfter === null ? {} : { 'Retry-After': retryAfter });
    };
    if (req.path.startsWith('/storage/')) return this.storage(req, res);
    if (req.method === 'POST' && req.path === '/oidc/v1/token') return this.oauthToken(req, send);
    this.requests.push(req);
    if (!this.authorized(req.headers.authorization)) return fail({ status: 401, code: 'UNAUTHENTICATED', message: 'Invalid access token.' });
    const scenario = this.scenario!;
    let match: RegExpExecArray | null;
    // docs.databricks.com/api/workspace/warehouses/get — `state`: STARTING, RUNNING, STOPPING, STOPPED, DELETING, DELETED.
    if (req.method === 'GET' && (match = /^\/api\/2\.0\/sql\/warehouses\/([^/]+)$/.exec(req.path))) {
      if (match[1] !== WAREHOUSE) return fail({ status: 404, code: 'RESOURCE_DOES_NOT_EXIST', message: `warehouse ${match[1]} does not exist` });
      return send(200, { id: WAREHOUSE, name: 'Gold', cluster_size: 'Small', auto_stop_mins: 10, num_clusters: 1, warehouse_type: 'PRO', state: this.warehouseState() });
    }
    const scripted = (req.method === 'POST' && !req.path.endsWith('/cancel') ? scenario.postStatuses : req.method === 'GET' ? scenario.getStatuses : undefined)?.shift();
    if (scripted !== undefined) return fail(typeof scripted === 'number' ? { status: scripted, code: CODES[scripted] ?? 'INTERNAL_ERROR' } : scripted);
    // docs.databricks.com/api/workspace/statementexecution/executestatement
    if (req.method === 'POST' && req.path === '/api/2.0/sql/statements') {
      const body = req.body as { warehouse_id?: string; statement?: string; disposition?: string; format?: string; wait_timeout?: string; on_wait_timeout?: string };
      if (body.warehouse_id !== WAREHOUSE || this.warehouseState() === 'DELETED') return fail({ status: 404, code: 'RESOURCE_DOES_NOT_EXIST', message: `warehouse ${body.warehouse_id} does not exist` });
      if (!body.statement) return fail({ status: 400, code: 'INVALID_PARAMETER_VALUE', message: 'statement is required' });
      if (!/^(?:0|[5-9]|[1-4]\d|50)s$/.test(body.wait_timeout ?? '10s')) {
        return fail({ status: 400, code: 'INVALID_PARAMETER_VALUE', message: 'wait_timeout must be 0s or between 5s and 50s' });
      }
      const mode = `${body.disposition ?? 'INLINE'}+${body.format ?? 'JSON_ARRAY'}`;
      if (scenario.refuse?.includes(mode)) return fail(REFUSALS[mode]!);
      if (scenario.submitError) return fail(scenario.submitError);
      // A statement sent to a stopped warehouse starts it; it stays PENDING until the warehouse runs.
      if (this.warehouseState() === 'STOPPED') this.warehouse = { ...this.warehouse, state: 'STARTING', readyAt: Date.now() + this.warehouse.startMs };
      const statement: Statement = { id: `01ef-${String(this.nextId++).padStart(4, '0')}`, scenario, mode, calls: 0, canceled: false, error: scenario.statementErrors?.shift() };
      this.statements.set(statement.id, statement);
      if (scenario.execute) {
        const submitted = { statement: body.statement, parameters: (req.body as { parameters?: Submitted['parameters'] }).parameters ?? [] };
        this.submitted.push({ id: statement.id, ...submitted });
        statement.executed = await scenario.execute(submitted);
        if ('error' in statement.executed) statement.error = statement.executed.error;
      }
      if (scenario.postDelayMs) await new Promise((r) => setTimeout(r, scenario.postDelayMs));
      return send(200, this.status(statement));
    }
    // docs.databricks.com/api/workspace/statementexecution/getstatement
    if (req.method === 'GET' && (match = /^\/api\/2\.0\/sql\/statements\/([^/]+)$/.exec(req.path))) {
      const statement = this.statements.get(match[1]!);
      return statement ? send(200, this.status(statement)) : fail({ status: 404, code: 'RESOURCE_DOES_NOT_EXIST', message: 'no such statement' });
    }
    // docs.databricks.com/api/workspace/statementexecution/getstatementresultchunkn
    if (req.method === 'GET' && (match = /^\/api\/2\.0\/sql\/statements\/([^/]+)\/result\/chunks\/(\d+)$/.exec(req.path))) {
      const statement = this.statements.get(match[1]!);
      if (!statement) return fail({ status: 404, code: 'RESOURCE_DOES_NOT_EXIST', message: 'no such statement' });
      return send(200, this.chunk(statement, Number(match[2])));
    }
    // docs.databricks.com/api/workspace/statementexecution/cancelexecution
    if (req.method === 'POST' && (match = /^\/api\/2\.0\/sql\/statements\/([^/]+)\/cancel$/.exec(req.path))) {
      const statement = this.statements.get(match[1]!);
      if (statement) statement.canceled = true;
      this.cancels.push(match[1]!);
      return send(200, {});
    }
    fail({ status: 404, code: 'ENDPOINT_NOT_FOUND', message: `no ${req.method} ${req.path}` });
  }

  private authorized(header: string | undefined): boolean {
    if (header === `Bearer ${TOKEN}`) return true;
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    const expires = token ? this.issued.get(token) : undefined;
    if (expires !== undefined && Date.now() >= expires) this.expiredTokenCalls++;
    return expires !== undefined && Date.now() < expires;
  }

  /**
   * OAuth M2M: client credentials in HTTP Basic auth, `grant_type=client_credentials&scope=all-apis`,
   * answered `{ access_token, token_type, expires_in, scope }`
   * (docs.databricks.com/en/dev-tools/auth/oauth-m2m.html).
   */
  private async oauthToken(req: Recorded, send: (status: number, body: unknown) => void): Promise<void> {
    this.tokenRequests.push(req);
    const form = new URLSearchParams(req.text);
    const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
    if (req.headers.authorization !== basic) return send(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    if (form.get('grant_type') !== 'client_credentials' || form.get('scope') !== 'all-apis' || !/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) {
      return send(400, { error: 'invalid_request', error_description: 'grant_type=client_credentials and scope=all-apis are required' });
    }
    if (this.tokenDelayMs) await new Promise((r) => setTimeout(r, this.tokenDelayMs));
    const token = `eyJoauth.${this.tokenRequests.length}.${Math.random().toString(36).slice(2)}`;
    this.issued.set(token, Date.now() + this.tokenLifetimeS * 1000);
    send(200, { access_token: token, token_type: 'Bearer', expires_in: this.tokenLifetimeS, scope: 'all-apis' });
  }

  private status(statement: Statement): Record<string, unknown> {
    const { scenario } = statement;
    const id = statement.id;
    if (statement.canceled) return { statement_id: id, status: { state: 'CANCELED' } };
    // Statements wait for a starting warehouse (docs.databricks.com/api/workspace/statementexecution/executestatement: PENDING).
    if (this.warehouseState() !== 'RUNNING') return { statement_id: id, status: { state: 'PENDING' } };
    const call = statement.calls++;
    if (scenario.hang || (statement.executed && 'hang' in statement.executed)) return { statement_id: id, status: { state: call === 0 ? 'PENDING' : 'RUNNING' } };
    const states = scenario.states ?? [];
    if (call < states.length) return { statement_id: id, status: { state: states[call] } };
    if (statement.error) return { statement_id: id, status: { state: 'FAILED', error: statement.error } };
    const final = scenario.final ?? 'SUCCEEDED';
    if (final !== 'SUCCEEDED') {
      const error = scenario.error ?? { error_code: 'BAD_REQUEST', message: scenario.errorMessage ?? 'failed' };
      return { statement_id: id, status: { state: final, ...(final === 'FAILED' ? { error } : {}) } };
    }
    const [, format] = statement.mode.split('+');
    const { columns, table } = this.typed(statement);
    const rows = table.numRows;
    const chunkCount = rows === 0 ? 0 : Math.min(scenario.chunks ?? 1, rows);
    return {
      statement_id: id,
      status: { state: 'SUCCEEDED' },
      manifest: {
        format,
        schema: { column_count: columns.length, columns },
        total_chunk_count: chunkCount,
        chunks: Array.from({ length: chunkCount }, (_, i) => ({ chunk_index: i, ...this.bounds(statement, i) })),
        total_row_count: rows,
        truncated: scenario.truncated ?? false,
      },
      ...(chunkCount > 0 ? { result: this.chunk(statement, 0) } : {}),
    };
  }

  private bounds(statement: Statement, index: number): { row_offset: number; row_count: number } {
    const rows = this.typed(statement).table.numRows;
    const count = Math.min(statement.scenario.chunks ?? 1, rows);
    const size = Math.ceil(rows / count);
    const offset = index * size;
    return { row_offset: offset, row_count: Math.max(0, Math.min(size, rows - offset)) };
  }

  /** The scenario's answer as the warehouse types it: manifest columns and an Arrow table with warehouse types. */
  private typed(statement: Statement): { columns: WarehouseColumn[]; table: Table } {
    if (statement.typed) return statement.typed;
    const { scenario, executed } = statement;
    if (executed && 'rows' in executed) {
      const columns = executed.columns.map((c, position) => warehouseColumn(c.name, c.type, position));
      const vectors: Record<string, Vector> = {};
      columns.forEach((column, c) => (vectors[scenario.namedArrow ? column.name : `col_${c}`] = arrowVector(executed.rows.map((row) => row[c] ?? null), column)));
      statement.typed = { columns, table: columns.length > 0 ? new Table(vectors) : new Table() };
      return statement.typed;
    }
    const spec = DATASETS[scenario.dataset!];
    const columns = spec.columns.map((column, position) => warehouseColumn(column.name, scenario.types?.[column.name] ?? DEFAULT_SQL[column.type], position));
    const vectors: Record<string, Vector> = {};
    columns.forEach((column, c) => {
      const source = scenario.table!.getChildAt(c)!;
      // The contract's Arrow types are the warehouse's for the default SQL types: only another type is rebuilt.
      const vector = scenario.types?.[column.name] === undefined ? source : arrowVector(Array.from({ length: source.length }, (_, i) => source.get(i) as unknown), column);
      // Arrow results name their fields positionally on some warehouses; the manifest has the names
      // (docs.databricks.com/api/workspace/statementexecution/getstatement, `manifest.schema.columns`).
      vectors[scenario.namedArrow ? column.name : `col_${c}`] = vector;
    });
    statement.typed = { columns, table: new Table(vectors) };
    return statement.typed;
  }

  private chunk(statement: Statement, index: number): Record<string, unknown> {
    const { scenario } = statement;
    const [disposition, format] = statement.mode.split('+');
    const { row_offset, row_count } = this.bounds(statement, index);
    const { columns, table } = this.typed(statement);
    const total = Math.min(scenario.chunks ?? 1, table.numRows);
    const next = index + 1 < total ? { next_chunk_index: index + 1, next_chunk_internal_link: `/api/2.0/sql/statements/${statement.id}/result/chunks/${index + 1}` } : {};
    const slice = table.slice(row_offset, row_offset + row_count);
    if (disposition === 'EXTERNAL_LINKS') {
      // Pre-signed links valid for at most 15 minutes, each with its `expiration`; fetched
      // without the workspace token, with the headers it lists
      // (docs.databricks.com/en/dev-tools/sql-execution-tutorial.html, EXTERNAL_LINKS).
      const chunkKey = `${statement.id}/${index}`;
      const stale = scenario.staleLinks && !this.linksGiven.has(chunkKey);
      this.linksGiven.add(chunkKey);
      const expiresAt = stale ? Date.now() - 1000 : Date.now() + (scenario.linkTtlMs ?? 15 * 60_000);
      const key = `${statement.id}.${index}.${Math.random().toString(36).slice(2)}`;
      const bytes = tableToIPC(slice, 'stream');
      this.blobs.set(key, { bytes, expiresAt });
      return {
        chunk_index: index,
        row_offset,
        row_count,
        external_links: [
          {
            chunk_index: index,
            row_offset,
            row_count,
            byte_count: bytes.byteLength,
            external_link: `${this.base}/storage/${key}`,
            expiration: new Date(expiresAt).toISOString(),
            http_headers: { 'x-ms-encryption-key': 'chunk-key' },
            ...next,
          },
        ],
        ...next,
      };
    }
    if (format === 'ARROW_STREAM') return { chunk_index: index, row_offset, row_count, attachment: Buffer.from(tableToIPC(slice, 'stream')).toString('base64'), ...next };
    // JSON_ARRAY: every value a string (or null), in the warehouse's text form for its type
    // (docs.databricks.com/api/workspace/statementexecution/executestatement — `format`).
    // Values in the contract's types (the scenario's table), or as `execute` gave them.
    const source = statement.executed && 'rows' in statement.executed ? slice : scenario.table!.slice(row_offset, row_offset + row_count);
    const data_array = Array.from({ length: source.numRows }, (_, r) => columns.map((column, c) => sparkText(source.getChildAt(c)!.get(r) as unknown, column)));
    return { chunk_index: index, row_offset, row_count, data_array, ...next };
  }

  private storage(req: Recorded, res: ServerResponse): void {
    this.downloads.push(req);
    const key = new URL(req.path, 'http://x').pathname.slice('/storage/'.length);
    const blob = this.blobs.get(key);
    if (!blob) {
      res.writeHead(404).end();
      return;
    }
    const chunkKey = key.split('.').slice(0, 2).join('/');
    const skewed = this.scenario?.expireLinksOnce && !this.downloaded.has(chunkKey);
    this.downloaded.add(chunkKey);
    if (Date.now() > blob.expiresAt || skewed) {
      res.writeHead(403, { 'Content-Type': 'application/xml' });
      res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    res.end(blob.bytes);
  }
}

/** The warehouse types of the server's CASTs, by contract type. */
const DEFAULT_SQL: Record<string, string> = { float64: 'DOUBLE', int64: 'BIGINT', int32: 'INT', text: 'STRING', date: 'DATE' };

/** A manifest column for a SQL type: `type_name` is the base type (BIGINT is LONG), `type_text` as written. */
function warehouseColumn(name: string, sqlType: string, position: number): WarehouseColumn {
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/i.exec(sqlType);
  if (decimal) return { name, type_text: `decimal(${decimal[1]},${decimal[2]})`, type_name: 'DECIMAL', position, type_precision: Number(decimal[1]), type_scale: Number(decimal[2]) };
  const typeName = ({ BIGINT: 'LONG', INTEGER: 'INT', SMALLINT: 'SHORT', TINYINT: 'BYTE' } as Record<string, string>)[sqlType.toUpperCase()] ?? sqlType.toUpperCase();
  return { name, type_text: sqlType.toLowerCase(), type_name: typeName, position };
}

function arrowVector(values: unknown[], column: WarehouseColumn): Vector {
  switch (column.type_name) {
    case 'LONG':
      return vectorFromArray(values.map((v) => (v === null ? null : BigInt(v as number | bigint))), new Int64() as DataType);
    case 'INT':
      return vectorFromArray(values.map((v) => (v === null ? null : Number(v))), new Int32() as DataType);
    case 'DOUBLE':
      return vectorFromArray(values.map((v) => (v === null ? null : Number(v))), new Float64() as DataType);
    case 'DATE':
      return vectorFromArray(values.map((v) => (v === null ? null : new Date(Number(v)))), new DateDay() as DataType);
    case 'DECIMAL': {
      // Decimal128: little-endian two's complement in four 32-bit words per value.
      const scale = column.type_scale ?? 0;
      const words = new Uint32Array(values.length * 4);
      const validity = new Uint8Array(Math.ceil(values.length / 8));
      let nulls = 0;
      values.forEach((v, i) => {
        if (v === null) {
          nulls++;
          return;
        }
        validity[i >> 3]! |= 1 << (i & 7);
        let unscaled = BigInt(Number(v).toFixed(scale).replace('.', ''));
        if (unscaled < 0n) unscaled += 1n << 128n;
        for (let w = 0; w < 4; w++) words[i * 4 + w] = Number((unscaled >> BigInt(32 * w)) & 0xffffffffn);
      });
      return makeVector(makeData({ type: new Decimal(scale, column.type_precision ?? 38, 128), length: values.length, nullCount: nulls, data: words, nullBitmap: validity }));
    }
    default:
      return vectorFromArray(values.map((v) => (v === null ? null : String(v))), new Utf8() as DataType);
  }
}

/** A value as JSON_ARRAY carries it: a string in Spark's form for its type (or null). */
function sparkText(value: unknown, column: WarehouseColumn): string | null {
  if (value === null || value === undefined) return null;
  switch (column.type_name) {
    case 'LONG':
    case 'INT':
      return String(value);
    case 'DOUBLE':
      return javaDouble(Number(value));
    case 'DECIMAL':
      return Number(value).toFixed(column.type_scale ?? 0);
    case 'DATE':
      return new Date(Math.round(Number(value) / DAY) * DAY).toISOString().slice(0, 10);
    default:
      return String(value);
  }
}

/**
 * Java's `Double.toString`, which Spark uses for DOUBLE as text: plain between 10^-3 and 10^7
 * with at least one decimal (`10.0`), else `1.2345678E7` / `1.0E-4`; `NaN`, `Infinity`.
 */
export function javaDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const plain = String(x);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}
