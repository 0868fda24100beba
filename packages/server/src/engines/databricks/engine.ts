/**
 * The `databricks` engine: the Gold SQL rendered for Databricks (@goldboard/gold-sql) run on a SQL
 * warehouse through the Statement Execution API, parameters bound by name. A request without a
 * range reads the Gold table of its dataset (`<catalog>.<schema>.<dataset>`, written by
 * `goldboard build --engine databricks`); one with a range runs the dataset's query over the
 * view `events` (Silver), joining `user_segments` where needed. Small answers come INLINE as JSON_ARRAY (the API's 25 MiB inline cap is
 * far above them), large ones (`user_segments`) as EXTERNAL_LINKS with ARROW_STREAM; a warehouse
 * that refuses a mode gets the next.
 *
 * Clients are told what kind of failure happened and a request id; what the warehouse said, the
 * host and the ids go to the log under that request id.
 */
import { randomBytes } from 'node:crypto';
import { DATASETS } from '@goldboard/core';
import type { Table } from 'apache-arrow';
import { AbortedError, EngineError } from '../../http/errors.js';
import { type Logger, jsonLogger } from '../../http/log.js';
import { namedStatement } from '../../queries/catalog.js';
import type { DatasetRequest } from '../../queries/params.js';
import type { GoldEngine } from '../engine.js';
import { WarehouseError, type WarehouseErrorKind } from './errors.js';
import { warehouseTable } from './result-table.js';
import { type DatabricksConfig, type ResultMode, StatementClient } from './statement-client.js';

export { databricksConfigFromEnv } from './config.js';

const SMALL: readonly ResultMode[] = [
  { disposition: 'INLINE', format: 'JSON_ARRAY' },
  { disposition: 'INLINE', format: 'ARROW_STREAM' },
  { disposition: 'EXTERNAL_LINKS', format: 'ARROW_STREAM' },
];
const LARGE: readonly ResultMode[] = [
  { disposition: 'EXTERNAL_LINKS', format: 'ARROW_STREAM' },
  { disposition: 'INLINE', format: 'ARROW_STREAM' },
  { disposition: 'INLINE', format: 'JSON_ARRAY' },
];

/** Above this many rows an answer is fetched as Arrow through external links. */
const LARGE_ROWS = 10_000;

/** States in which the warehouse answers, at once or once started (a statement starts a stopped one). */
const SERVING = new Set(['RUNNING', 'STARTING', 'STOPPED', 'STOPPING']);

/** What a client is told for each kind of failure (the details are in the log). */
const PUBLIC_MESSAGE: Record<WarehouseErrorKind, string> = {
  auth: 'The data warehouse did not accept the server\'s credentials.',
  permission: 'The server\'s identity lacks a permission on the data warehouse this query needs.',
  starting: 'The data warehouse is starting; try again shortly.',
  unavailable: 'The data warehouse is unavailable or busy; try again shortly.',
  failed: 'The query failed on the data warehouse.',
  answer: 'The data warehouse\'s answer could not be used.',
  config: 'The server\'s data warehouse settings do not match a usable warehouse.',
};

export interface DatabricksEngineOptions {
  /** Where failures are logged in full (default: JSON lines on stdout, as the server logs). */
  log?: Logger;
}

export class DatabricksEngine implements GoldEngine {
  readonly name = 'databricks';
  readonly client: StatementClient;
  private readonly log: Logger;

  constructor(
    private readonly config: DatabricksConfig,
    options: DatabricksEngineOptions = {},
  ) {
    this.log = options.log ?? jsonLogger;
    this.client = new StatementClient({ ...config, log: config.log ?? this.log });
  }

  /** Result modes for a request, best first. */
  static modesFor(request: DatasetRequest): readonly ResultMode[] {
    const rows = request.limit ?? DATASETS[request.dataset].maxRows ?? Number.POSITIVE_INFINITY;
    return request.dataset === 'user_segments' && rows > LARGE_ROWS ? LARGE : SMALL;
  }

  async run(request: DatasetRequest, signal: AbortSignal): Promise<Table> {
    const deadline = this.deadline();
    try {
      // Without a range: the build's Gold table (a scan of a few rows), not the whole of Silver again.
      const statement = namedStatement(request, 'databricks');
      const parameters = Object.entries(statement.params).map(([name, p]) => ({ name, value: String(p.value), type: p.type }));
      const result = await this.client.execute(statement.sql, parameters, DatabricksEngine.modesFor(request), signal, deadline);
      if (signal.aborted) throw new AbortedError();
      return warehouseTable(request.dataset, result);
    } catch (error) {
      throw this.reported(error, { dataset: request.dataset });
    }
  }

  period(): undefined {
    return undefined;
  }

  generation(): string {
    return 'databricks';
  }

  /**
   * Healthy while the warehouse exists and can be reached with the credentials, whether it runs
   * or is stopped (a query starts it). Only the warehouse's state is asked — no statement runs,
   * so health checks do not keep an idle warehouse from stopping.
   */
  async check(signal: AbortSignal): Promise<void> {
    try {
      const state = await this.client.warehouseState(signal);
      if (!SERVING.has(state)) throw new WarehouseError('config', `Databricks warehouse ${this.client.warehouseId} is ${state}.`, 503, { retryAfter: 30 });
    } catch (error) {
      throw this.reported(error, { check: true });
    }
  }

  async close(): Promise<void> {}

  /** When a request must have its answer: a little before the server's timeout, to answer 503 rather than 504. */
  private deadline(): number {
    const budget = this.config.requestBudgetMs;
    if (budget === undefined) return Number.POSITIVE_INFINITY;
    return Date.now() + budget - Math.min(1000, budget / 10);
  }

  /**
   * Logs a failure in full under a new request id and returns what the client may see. Any
   * error but an abort is replaced, not only the engine's own: an unexpected one (a workspace
   * answering 200 with a body that is not JSON, a body cut off) would otherwise reach the client
   * as an internal error with its text.
   */
  private reported(error: unknown, fields: Record<string, unknown>): unknown {
    if (error instanceof AbortedError) return error;
    const requestId = randomBytes(6).toString('hex');
    const kind: WarehouseErrorKind = error instanceof WarehouseError ? error.kind : 'answer';
    const status = error instanceof EngineError ? error.status : 502;
    this.log({
      level: 'error',
      msg: 'databricks failure',
      requestId,
      kind,
      status,
      detail: error instanceof Error ? error.message : String(error),
      host: this.client.base,
      warehouse: this.client.warehouseId,
      ...fields,
    });
    const retryAfter = error instanceof EngineError ? error.retryAfter : undefined;
    return new EngineError(`${PUBLIC_MESSAGE[kind]} (request id ${requestId})`, status, {
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      cause: error,
    });
  }
}
