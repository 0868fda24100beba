/**
 * A client of the Databricks SQL Statement Execution API (`/api/2.0/sql/statements`): submits a
 * statement with named parameters, waits (`wait_timeout`, then polling with backoff while
 * PENDING/RUNNING, and once for all requests while the warehouse starts), fetches every result
 * chunk (inline JSON_ARRAY rows, an inline ARROW_STREAM attachment, or EXTERNAL_LINKS downloaded
 * without our Authorization header and asked for again when expired), cancels on abort, and
 * retries transient failures within the request's time.
 *
 * Decisions are made on the API's codes (`error_code`, HTTP status, statement state), never on
 * the wording of a message.
 *
 * One file past 400 lines because submit, poll, fetch and retry are one statement's lifecycle,
 * sharing its abort signal, its time budget and the warehouse's remembered modes.
 */
import { AbortedError } from '../../http/errors.js';
import { OAuthM2M, StaticToken, type TokenSource, untilAborted } from './auth.js';
import { type DatabricksConfig, secureUrl, workspaceOrigin } from './config.js';
import { ModeRefused, TransientFailure, WarehouseError, type WarehouseErrorKind } from './errors.js';

export type { DatabricksConfig } from './config.js';

export type Disposition = 'INLINE' | 'EXTERNAL_LINKS';
export type ResultFormat = 'JSON_ARRAY' | 'ARROW_STREAM';
export interface ResultMode {
  readonly disposition: Disposition;
  readonly format: ResultFormat;
}

export interface StatementParameter {
  readonly name: string;
  readonly value: string;
  readonly type: string;
}

/** A column of a result's manifest (`manifest.schema.columns`). */
export interface ManifestColumn {
  readonly name: string;
  /** The base type: `LONG`, `INT`, `DOUBLE`, `DECIMAL`, `STRING`, `DATE`, `TIMESTAMP`, … */
  readonly type_name?: string;
  /** The SQL type as written, e.g. `bigint`, `decimal(38,6)`. */
  readonly type_text?: string;
  readonly type_scale?: number;
  readonly type_precision?: number;
  readonly position?: number;
}

export type StatementResult = { readonly statementId: string } & (
  | { readonly format: 'JSON_ARRAY'; readonly columns: ManifestColumn[]; readonly totalRows: number | undefined; readonly rows: Array<Array<string | null>> }
  | { readonly format: 'ARROW_STREAM'; readonly columns: ManifestColumn[]; readonly totalRows: number | undefined; readonly streams: Uint8Array[] }
);

/** A warehouse's state (`GET /api/2.0/sql/warehouses/{id}`): STARTING, RUNNING, STOPPING, STOPPED, DELETING, DELETED. */
export type WarehouseState = string;

interface ExternalLink {
  chunk_index?: number;
  external_link: string;
  expiration?: string;
  http_headers?: Record<string, string>;
  next_chunk_index?: number;
}

interface ResultData {
  chunk_index?: number;
  row_count?: number;
  data_array?: Array<Array<string | null>>;
  attachment?: string;
  external_links?: ExternalLink[];
  next_chunk_index?: number;
}

interface StatementResponse {
  statement_id?: string;
  status?: { state?: string; error?: { error_code?: string; message?: string } };
  manifest?: {
    format?: string;
    schema?: { columns?: ManifestColumn[] };
    total_chunk_count?: number;
    total_row_count?: number;
    truncated?: boolean;
  };
  result?: ResultData;
}

/** What one request allows: its signal, and the time by which it must have an answer. */
interface Budget {
  readonly signal: AbortSignal | undefined;
  readonly deadline: number;
}

const RUNNING = new Set(['PENDING', 'RUNNING']);
/** Warehouse states in which a statement waits for the warehouse to start (a submission starts a STOPPED one). */
const COLD = new Set(['STARTING', 'STOPPED', 'STOPPING']);
const GONE = new Set(['DELETING', 'DELETED']);
/**
 * Error codes the REST API gives for conditions that pass (the Databricks SDKs retry the same):
 * the request, or the statement, is tried again.
 */
const TRANSIENT = new Set([
  'TEMPORARILY_UNAVAILABLE',
  'RESOURCE_EXHAUSTED',
  'SERVICE_UNDER_MAINTENANCE',
  'WORKSPACE_TEMPORARILY_UNAVAILABLE',
  'DEADLINE_EXCEEDED',
  'REQUEST_LIMIT_EXCEEDED',
  'TOO_MANY_REQUESTS',
]);
/** The longest one call may take, its body included: above the longest `wait_timeout` (50 s) a submit may wait. */
const CALL_TIMEOUT_MS = 120_000;
/** Retry-After sent to clients when a starting warehouse outlasts their request. */
const STARTING_RETRY_AFTER_S = 10;

export class StatementClient {
  readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly auth: TokenSource;
  /**
   * Result modes this warehouse refused (a submission in that mode refused while another mode of
   * the same request was accepted); never asked for again.
   */
  private readonly refused = new Set<string>();
  /** Result modes this warehouse has accepted a submission in; never abandoned afterwards. */
  private readonly accepted = new Set<string>();
  private lastState: { state: WarehouseState; at: number } | undefined;
  private stateFetch: Promise<WarehouseState> | undefined;
  private startWatch: Promise<void> | undefined;
  private startWaiters = 0;
  /** Cancels under way, not awaited by the request that started them (see idle()). */
  private readonly background = new Set<Promise<void>>();

  constructor(private readonly config: DatabricksConfig) {
    this.base = workspaceOrigin(config.host, config.allowLoopbackHttp);
    this.fetch = config.fetch ?? globalThis.fetch.bind(globalThis);
    if (config.token) this.auth = new StaticToken(config.token);
    else if (config.clientId && config.clientSecret) this.auth = new OAuthM2M(this.base, config.clientId, config.clientSecret, this.fetch);
    else throw new WarehouseError('config', 'The Databricks engine needs a token, or a service principal client id and secret.', 500);
  }

  get warehouseId(): string {
    return this.config.warehouseId;
  }

  /**
   * Runs a statement in the first result mode the warehouse takes.
   *
   * A mode is refused when its submission is answered `NOT_IMPLEMENTED` or
   * `INVALID_PARAMETER_VALUE` while the warehouse has never accepted that mode: the next mode
   * is tried, and the refusal is remembered once another mode of the same request is accepted
   * (the two submissions differ only in disposition and format, so it was the mode). If no mode
   * is accepted, the first answer is the statement's own error and nothing is remembered. A mode
   * the warehouse has accepted is never abandoned for such an error. A statement that fails
   * (FAILED with a SQL error) is that error, whatever its mode.
   */
  async execute(statement: string, parameters: readonly StatementParameter[], modes: readonly ResultMode[], signal: AbortSignal, deadline = Number.POSITIVE_INFINITY): Promise<StatementResult> {
    const budget: Budget = { signal, deadline };
    const usable = modes.filter((m) => !this.refused.has(modeKey(m)));
    const tentative: Array<{ mode: ResultMode; error: ModeRefused }> = [];
    const confirm = (mode: ResultMode) => {
      if (!this.accepted.has(modeKey(mode))) return;
      for (const t of tentative) {
        this.refused.add(modeKey(t.mode));
        this.config.log?.({ level: 'warn', msg: 'databricks result mode refused', mode: modeKey(t.mode), instead: modeKey(mode), warehouse: this.config.warehouseId, detail: t.error.message });
      }
      tentative.length = 0;
    };
    for (const mode of usable.length > 0 ? usable : modes) {
      try {
        const result = await this.executeRetrying(statement, parameters, mode, budget);
        confirm(mode);
        return result;
      } catch (error) {
        confirm(mode);
        if (error instanceof ModeRefused && !this.accepted.has(modeKey(mode)) && !signal.aborted) {
          tentative.push({ mode, error });
          continue;
        }
        throw error;
      }
    }
    throw tentative[0]!.error;
  }

  /** A statement that fails with a transient code is submitted again (a read: nothing is done twice). */
  private async executeRetrying(statement: string, parameters: readonly StatementParameter[], mode: ResultMode, budget: Budget): Promise<StatementResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.executeAs(statement, parameters, mode, budget);
      } catch (error) {
        if (!(error instanceof TransientFailure)) throw error;
        await this.retryOrGiveUp(budget, attempt, error.kind, error.message);
      }
    }
  }

  private async executeAs(statement: string, parameters: readonly StatementParameter[], mode: ResultMode, budget: Budget): Promise<StatementResult> {
    const signal = budget.signal!;
    if (signal.aborted) throw new AbortedError();
    // A warehouse known to be starting is waited for before submitting, so the requests of a
    // cold start queue no statements of their own.
    if (this.freshState() === 'STARTING') await this.untilRunning(budget);
    const body = {
      warehouse_id: this.config.warehouseId,
      statement,
      parameters,
      disposition: mode.disposition,
      format: mode.format,
      wait_timeout: this.config.waitTimeout ?? '10s',
      on_wait_timeout: 'CONTINUE',
      ...(this.config.catalog ? { catalog: this.config.catalog } : {}),
      ...(this.config.schema ? { schema: this.config.schema } : {}),
    };
    // The submit call is not tied to the signal: if the client leaves while it waits, the answer
    // still brings the statement id, which is then cancelled. Its retries stop with the signal.
    const submitted = this.api<StatementResponse>('POST', '/api/2.0/sql/statements', body, { stop: signal, deadline: budget.deadline, submit: true });
    let response = await raceAbort(submitted, signal, (late) => {
      this.inBackground(late.then((r) => (r.statement_id && RUNNING.has(r.status?.state ?? '') ? this.cancel(r.statement_id) : undefined)));
    });
    const id = response.statement_id;
    if (id) this.accepted.add(modeKey(mode));
    let pause = this.config.pollInitialMs ?? 250;
    while (RUNNING.has(response.status?.state ?? '')) {
      if (!id) throw new WarehouseError('answer', 'Databricks answered without a statement_id; cannot follow the statement.', 502);
      try {
        // PENDING on a warehouse that is starting: wait for the start (one wait for every
        // request) rather than poll each statement until the request times out.
        if (response.status?.state === 'PENDING' && COLD.has((await this.stateOrUnknown(budget)) ?? '')) {
          await this.untilRunning(budget);
          pause = this.config.pollInitialMs ?? 250;
        }
        await sleep(pause, signal);
        response = await this.api<StatementResponse>('GET', `/api/2.0/sql/statements/${encodeURIComponent(id)}`, undefined, { stop: signal, fetchSignal: signal, deadline: budget.deadline });
      } catch (error) {
        // Whatever stopped us following it, the statement should not run on for no one (not awaited).
        this.inBackground(this.cancel(id));
        throw signal.aborted ? new AbortedError() : error;
      }
      pause = Math.min(pause * 2, this.config.pollMaxMs ?? 5000);
    }
    const state = response.status?.state;
    const code = response.status?.error?.error_code ?? '';
    const message = response.status?.error?.message ?? 'no message';
    switch (state) {
      case 'SUCCEEDED':
        break;
      case 'FAILED':
        if (TRANSIENT.has(code)) throw new TransientFailure(`Databricks statement ${id} failed with ${code}: ${message}`, id);
        throw new WarehouseError('failed', `Databricks statement ${id} failed (${code || 'FAILED'}): ${message}`, 502, { statementId: id });
      case 'CANCELED':
        throw new WarehouseError('unavailable', `Databricks statement ${id} was canceled by the warehouse: ${message}`, 503, { retryAfter: 5, statementId: id });
      case 'CLOSED':
        throw new WarehouseError('answer', `Databricks statement ${id} is CLOSED: its result is no longer available.`, 502, { statementId: id });
      default:
        throw new WarehouseError('answer', `Databricks answered statement ${id} with an unknown state "${state}".`, 502, { statementId: id });
    }
    const manifest = response.manifest ?? {};
    if (manifest.truncated) {
      throw new WarehouseError('answer', `Databricks truncated the result of statement ${id} (a row or byte limit of the warehouse); refusing to serve fewer rows than the query has.`, 502);
    }
    const columns = manifest.schema?.columns ?? [];
    const totalRows = manifest.total_row_count;
    const format = (manifest.format as ResultFormat | undefined) ?? mode.format;
    try {
      return await this.collect(id!, format, columns, totalRows, manifest.total_chunk_count, response.result, budget);
    } catch (error) {
      if (signal.aborted) throw new AbortedError();
      throw error;
    }
  }

  /** Every chunk from the first to the last, following `next_chunk_index`. */
  private async collect(
    id: string,
    format: ResultFormat,
    columns: ManifestColumn[],
    totalRows: number | undefined,
    totalChunks: number | undefined,
    first: ResultData | undefined,
    budget: Budget,
  ): Promise<StatementResult> {
    const rows: Array<Array<string | null>> = [];
    const streams: Uint8Array[] = [];
    let chunk: ResultData | undefined = first;
    if (!chunk && (totalChunks ?? 0) > 0) chunk = await this.chunk(id, 0, budget);
    let expected = 0;
    while (chunk) {
      if (chunk.chunk_index !== undefined && chunk.chunk_index !== expected) {
        throw new WarehouseError('answer', `Databricks sent result chunk ${chunk.chunk_index} of statement ${id} where chunk ${expected} was expected.`, 502);
      }
      // Row by row: a spread of a chunk's rows as arguments overflows the stack from ~100,000 rows.
      for (const row of chunk.data_array ?? []) rows.push(row);
      if (chunk.attachment) streams.push(new Uint8Array(Buffer.from(chunk.attachment, 'base64')));
      let next = chunk.next_chunk_index;
      for (const link of chunk.external_links ?? []) {
        streams.push(await this.download(id, { ...link, chunk_index: link.chunk_index ?? expected }, budget));
        next = link.next_chunk_index ?? next;
      }
      expected++;
      chunk = next !== undefined ? await this.chunk(id, next, budget) : undefined;
    }
    if (totalChunks !== undefined && expected < totalChunks) {
      throw new WarehouseError('answer', `Databricks announced ${totalChunks} result chunks for statement ${id} but linked only ${expected}.`, 502);
    }
    if (format === 'JSON_ARRAY') {
      if (totalRows !== undefined && rows.length !== totalRows) {
        throw new WarehouseError('answer', `Databricks announced ${totalRows} rows for statement ${id} but sent ${rows.length}.`, 502);
      }
      return { statementId: id, format, columns, totalRows, rows };
    }
    return { statementId: id, format, columns, totalRows, streams };
  }

  private chunk(id: string, index: number, budget: Budget): Promise<ResultData> {
    return this.api<ResultData>('GET', `/api/2.0/sql/statements/${encodeURIComponent(id)}/result/chunks/${index}`, undefined, { stop: budget.signal, fetchSignal: budget.signal, deadline: budget.deadline });
  }

  /**
   * Downloads one external link with only the headers the link names — never our token. A link
   * past (or within a second of) its `expiration`, or one storage refuses as expired, is asked
   * for again through the chunk endpoint; a link just asked for is used as it comes.
   */
  private async download(id: string, link: ExternalLink, budget: Budget): Promise<Uint8Array> {
    let current = link;
    let fresh = false;
    let renewals = 0;
    const renew = async () => {
      renewals++;
      current = await this.freshLink(id, link.chunk_index!, budget);
      fresh = true;
    };
    for (let attempt = 0; ; ) {
      if (!fresh && current.expiration && Date.parse(current.expiration) - Date.now() < 1000) {
        await renew();
        continue;
      }
      if (!secureUrl(current.external_link, this.config.allowLoopbackHttp)) {
        throw new WarehouseError('answer', `Databricks gave a result link for chunk ${link.chunk_index} of statement ${id} that is not https.`, 502);
      }
      let response: Response;
      let bytes: ArrayBuffer | undefined;
      const call = callSignal(budget.signal, this.config.callTimeoutMs ?? CALL_TIMEOUT_MS);
      try {
        response = await this.fetch(current.external_link, { headers: { ...(current.http_headers ?? {}) }, signal: call.signal });
        if (response.ok) bytes = await response.arrayBuffer();
        else await response.body?.cancel().catch(() => {});
      } catch (error) {
        if (budget.signal?.aborted) throw new AbortedError();
        const what = call.timedOut() ? `took more than ${Math.round((this.config.callTimeoutMs ?? CALL_TIMEOUT_MS) / 1000)} s` : `failed: ${(error as Error).message}`;
        await this.retryOrGiveUp(budget, attempt++, 'unavailable', `Downloading result chunk ${link.chunk_index} of statement ${id} ${what}`);
        continue;
      } finally {
        call.done();
      }
      if (bytes) return new Uint8Array(bytes);
      // Storage answers 403 (or 400/404/410) for an expired pre-signed URL: get a new one.
      if (renewals < 3 && [400, 403, 404, 410].includes(response.status)) {
        await renew();
        continue;
      }
      if (response.status === 429 || response.status >= 500) {
        await this.retryOrGiveUp(budget, attempt++, 'unavailable', `Downloading result chunk ${link.chunk_index} of statement ${id} failed with HTTP ${response.status}.`, retryAfterMs(response));
        continue;
      }
      throw new WarehouseError('answer', `Downloading result chunk ${link.chunk_index} of statement ${id} failed with HTTP ${response.status}.`, 502);
    }
  }

  private async freshLink(id: string, index: number, budget: Budget): Promise<ExternalLink> {
    const data = await this.chunk(id, index, budget);
    const link = data.external_links?.find((l) => l.chunk_index === undefined || l.chunk_index === index);
    if (!link) throw new WarehouseError('answer', `Databricks gave no external link for result chunk ${index} of statement ${id}.`, 502);
    return { ...link, chunk_index: link.chunk_index ?? index, next_chunk_index: link.next_chunk_index ?? data.next_chunk_index };
  }

  /**
   * Settles once the cancels started for aborted statements have been sent (each within 10 s,
   * a submit still waiting for its statement id within its call's time). A process that exits
   * on Ctrl-C waits on this first, or the cancel would die with it.
   */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  private inBackground(work: Promise<unknown>): void {
    const tracked = work.then(
      () => {},
      () => {},
    );
    this.background.add(tracked);
    void tracked.then(() => this.background.delete(tracked));
  }

  /** Asks the warehouse to cancel a statement (idempotent; the caller does not wait on the outcome). */
  async cancel(id: string): Promise<void> {
    const signal = AbortSignal.timeout(10_000);
    await this.api('POST', `/api/2.0/sql/statements/${encodeURIComponent(id)}/cancel`, {}, { fetchSignal: signal, stop: signal, deadline: Number.POSITIVE_INFINITY });
  }

  /**
   * The warehouse's state (`GET /api/2.0/sql/warehouses/{id}`), reused for `stateTtlMs` and
   * asked once for concurrent callers. It says whether the warehouse can answer without running
   * anything on it, so asking does not keep it from stopping when idle.
   */
  async warehouseState(signal: AbortSignal | undefined): Promise<WarehouseState> {
    const known = this.freshState();
    if (known) return known;
    if (!this.stateFetch) {
      const fetching = this.fetchState().finally(() => {
        if (this.stateFetch === fetching) this.stateFetch = undefined;
      });
      fetching.catch(() => {});
      this.stateFetch = fetching;
    }
    return untilAborted(this.stateFetch, signal);
  }

  private freshState(): WarehouseState | undefined {
    return this.lastState && Date.now() - this.lastState.at < (this.config.stateTtlMs ?? 5000) ? this.lastState.state : undefined;
  }

  private async fetchState(): Promise<WarehouseState> {
    const signal = AbortSignal.timeout(30_000);
    const body = await this.api<{ state?: string }>('GET', `/api/2.0/sql/warehouses/${encodeURIComponent(this.config.warehouseId)}`, undefined, { stop: signal, fetchSignal: signal, deadline: Number.POSITIVE_INFINITY, warehouse: true });
    const state = body.state ?? 'UNKNOWN';
    this.lastState = { state, at: Date.now() };
    return state;
  }

  /** The state when it can be had; a statement is not failed because the state could not be read. */
  private async stateOrUnknown(budget: Budget): Promise<WarehouseState | undefined> {
    try {
      return await this.warehouseState(budget.signal);
    } catch (error) {
      if (error instanceof AbortedError) throw error;
      return undefined;
    }
  }

  /**
   * Waits until the warehouse is RUNNING: one watch of its state for every request waiting,
   * bounded by `startMaxMs`; each request waits within its own time and, when that runs out
   * first, is answered 503 + Retry-After (the warehouse keeps starting).
   */
  private async untilRunning(budget: Budget): Promise<void> {
    this.startWaiters++;
    try {
      if (!this.startWatch) {
        const watching = this.watchStart().finally(() => {
          if (this.startWatch === watching) this.startWatch = undefined;
        });
        watching.catch(() => {});
        this.startWatch = watching;
      }
      await withDeadline(this.startWatch, budget, () => new WarehouseError('starting', `Databricks warehouse ${this.config.warehouseId} is still starting.`, 503, { retryAfter: STARTING_RETRY_AFTER_S }));
    } finally {
      this.startWaiters--;
    }
  }

  private async watchStart(): Promise<void> {
    const started = Date.now();
    const every = this.config.startPollMs ?? 2000;
    for (;;) {
      const state = await this.fetchState();
      if (state === 'RUNNING') return;
      if (GONE.has(state)) throw new WarehouseError('config', `Databricks warehouse ${this.config.warehouseId} is ${state}.`, 502);
      if (Date.now() - started > (this.config.startMaxMs ?? 600_000)) {
        throw new WarehouseError('unavailable', `Databricks warehouse ${this.config.warehouseId} did not start within ${Math.round((Date.now() - started) / 1000)} s (state ${state}).`, 503, { retryAfter: 30 });
      }
      // Nobody waits any more (all timed out or left): stop asking.
      if (this.startWaiters === 0) return;
      await sleep(every, undefined);
    }
  }

  /**
   * One call of the API with the token. Transient failures (429, 503, the transient error
   * codes) are retried for every call, with jittered backoff and honouring Retry-After, within
   * the request's time; other 5xx and network failures only for GETs and cancels, which are
   * idempotent. Retries stop when `stop` aborts.
   */
  private async api<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    options: { stop?: AbortSignal | undefined; fetchSignal?: AbortSignal; deadline: number; submit?: boolean; warehouse?: boolean },
  ): Promise<T> {
    const idempotent = method === 'GET' || path.endsWith('/cancel');
    const budget: Budget = { signal: options.stop, deadline: options.deadline };
    let renewedToken = false;
    for (let attempt = 0; ; ) {
      if (options.stop?.aborted) throw new AbortedError();
      const token = await this.auth.token(options.stop);
      let response: Response;
      let text: string;
      // Each call is bounded, its body included: a workspace that never answers would otherwise
      // hold a submit (which has no signal) or a build's poll (whose signal is only Ctrl-C) for ever.
      const call = callSignal(options.fetchSignal, this.config.callTimeoutMs ?? CALL_TIMEOUT_MS);
      try {
        response = await this.fetch(`${this.base}${path}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: call.signal,
        });
        text = await response.text();
      } catch (error) {
        if (options.stop?.aborted || options.fetchSignal?.aborted) throw new AbortedError();
        const what = call.timedOut()
          ? `The Databricks workspace at ${this.base} did not answer ${method} ${path} within ${Math.round((this.config.callTimeoutMs ?? CALL_TIMEOUT_MS) / 1000)} s`
          : `Could not reach the Databricks workspace at ${this.base}: ${(error as Error).message}`;
        // A submission may have arrived: sending it again could run the statement twice.
        if (!idempotent) throw new WarehouseError('unavailable', what, 503, { retryAfter: 5 });
        await this.retryOrGiveUp(budget, attempt++, 'unavailable', what);
        continue;
      } finally {
        call.done();
      }
      if (response.ok) {
        try {
          return JSON.parse(text) as T;
        } catch {
          throw new WarehouseError('answer', `${method} ${path}: HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`, 502);
        }
      }
      let detail: { error_code?: string; message?: string } = {};
      try {
        detail = JSON.parse(text) as typeof detail;
      } catch {
        // not JSON: keep the status only
      }
      const status = response.status;
      const code = typeof detail.error_code === 'string' ? detail.error_code : '';
      const what = `${method} ${path}: HTTP ${status}${code ? ` ${code}` : ''}: ${detail.message ?? (text.slice(0, 200) || response.statusText)}`;
      // An OAuth token can be revoked or rotated before its time: fetch another, once.
      if (status === 401 && !renewedToken && this.auth.invalidate(token)) {
        renewedToken = true;
        continue;
      }
      if (status === 429 || status === 503 || TRANSIENT.has(code) || (idempotent && status >= 500)) {
        await this.retryOrGiveUp(budget, attempt++, 'unavailable', `Databricks is unavailable (${what})`, retryAfterMs(response));
        continue;
      }
      if (status === 401) throw new WarehouseError('auth', `Databricks rejected the credentials (${what}); check DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET.`, 502);
      if (status === 403) {
        throw new WarehouseError(
          'permission',
          `Databricks refused access (${what}): the identity needs CAN USE on warehouse ${this.config.warehouseId}, and USE CATALOG, USE SCHEMA and SELECT on the tables.`,
          502,
        );
      }
      // A mode refusal is a submission answered NOT_IMPLEMENTED (400, or 501) or INVALID_PARAMETER_VALUE (400); see execute().
      if (options.submit && ((code === 'NOT_IMPLEMENTED' && (status === 400 || status === 501)) || (code === 'INVALID_PARAMETER_VALUE' && status === 400))) {
        throw new ModeRefused(`Databricks refused the statement (${what}).`, code);
      }
      if (status === 404 && (options.warehouse || options.submit)) {
        throw new WarehouseError('config', `Databricks has no warehouse ${this.config.warehouseId} here, or it cannot be seen (${what}); check DATABRICKS_WAREHOUSE_ID.`, 502);
      }
      if (status >= 500) throw new WarehouseError('unavailable', `Databricks failed (${what}).`, 502);
      throw new WarehouseError('failed', `Databricks refused the request (${what}).`, 502);
    }
  }

  /**
   * Sleeps before the next attempt (Retry-After when the answer gave one, else exponential
   * backoff with jitter), or gives up with a 503 + Retry-After: after `retries` attempts, or when
   * the pause would run past the request's deadline.
   */
  private async retryOrGiveUp(budget: Budget, attempt: number, kind: WarehouseErrorKind, message: string, hintMs?: number): Promise<void> {
    const retries = this.config.retries ?? 5;
    const base = this.config.retryBaseMs ?? 500;
    const max = this.config.retryMaxMs ?? 10_000;
    const backoff = Math.min(base * 2 ** attempt, max);
    // Equal jitter: half the pause fixed, half random, so retrying clients spread out.
    const pause = hintMs !== undefined ? hintMs + Math.random() * Math.min(250, hintMs * 0.1) : backoff / 2 + (Math.random() * backoff) / 2;
    if (attempt >= retries || Date.now() + pause > budget.deadline) {
      const retryAfter = Math.max(1, Math.ceil((hintMs ?? backoff) / 1000));
      throw new WarehouseError(kind, `${message}; gave up after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}.`, 503, { retryAfter });
    }
    await sleep(pause, budget.signal);
  }
}

function modeKey(mode: ResultMode): string {
  return `${mode.disposition}+${mode.format}`;
}

/** Retry-After in ms (seconds or an HTTP date), capped at a minute. */
function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(60_000, Math.max(0, seconds * 1000));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.min(60_000, Math.max(0, at - Date.now()));
}

/** Waits, or rejects with an AbortedError as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The signal of one call: aborted with `outer`, or after `ms`. `done()` clears the timer and the
 * listener on `outer` (a build's signal outlives thousands of calls).
 */
function callSignal(outer: AbortSignal | undefined, ms: number): { signal: AbortSignal; timedOut(): boolean; done(): void } {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort();
  }, ms);
  const onAbort = () => controller.abort();
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    done() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

/** Settles with `promise`, or rejects when the signal aborts or the deadline passes (with `late()`). */
function withDeadline<T>(promise: Promise<T>, budget: Budget, late: () => Error): Promise<T> {
  const wait = untilAborted(promise, budget.signal);
  if (!Number.isFinite(budget.deadline)) return wait;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(late()), Math.max(0, budget.deadline - Date.now()));
    wait.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Settles with `promise`, or rejects at once when `signal` aborts (handing the promise to `onLate`). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, onLate: (promise: Promise<T>) => void): Promise<T> {
  const late = () => onLate(promise);
  if (signal.aborted) late();
  else {
    signal.addEventListener('abort', late, { once: true });
    const forget = () => signal.removeEventListener('abort', late);
    promise.then(forget, forget);
  }
  return untilAborted(promise, signal);
}
