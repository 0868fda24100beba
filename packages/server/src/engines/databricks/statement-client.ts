/**
 * A client of the Databricks SQL Statement Execution API (`/api/2.0/sql/statements`): submits a
 * statement with named parameters, waits (`wait_timeout`, then polling with backoff while
 * PENDING/RUNNING), fetches every result chunk (inline JSON_ARRAY rows, an inline ARROW_STREAM
 * attachment, or EXTERNAL_LINKS downloaded without our Authorization header and re-requested
 * when expired), cancels on abort, and retries only what is safe to retry.
 */
import { AbortedError, EngineError } from '../../http/errors.js';

export interface DatabricksConfig {
  /** Workspace URL, e.g. `https://adb-123.4.azuredatabricks.net` (a bare host name gets https://). */
  host: string;
  warehouseId: string;
  /** Personal access or OAuth token; sent to the workspace only, never to result links. */
  token: string;
  catalog?: string | undefined;
  schema?: string | undefined;
  /** How long the submit call waits for a result: `0s` or `5s`–`50s` (default `10s`). */
  waitTimeout?: string;
  /** First and largest pause between status polls (default 250 ms, 5 s). */
  pollInitialMs?: number;
  pollMaxMs?: number;
  /** Attempts after the first for retryable failures (default 3), first pause (default 500 ms). */
  retries?: number;
  retryBaseMs?: number;
  fetch?: typeof fetch;
}

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

export interface ManifestColumn {
  readonly name: string;
  readonly type_name?: string;
  readonly position?: number;
}

export type StatementResult =
  | { readonly format: 'JSON_ARRAY'; readonly columns: ManifestColumn[]; readonly totalRows: number | undefined; readonly rows: Array<Array<string | null>> }
  | { readonly format: 'ARROW_STREAM'; readonly columns: ManifestColumn[]; readonly totalRows: number | undefined; readonly streams: Uint8Array[] };

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

/**
 * The warehouse will not give this result this way: it does not offer the mode (`lasting`,
 * remembered for the next statements), or this result is too large to come inline.
 */
export class FormatRefused extends Error {
  override readonly name = 'FormatRefused';
  constructor(
    message: string,
    readonly lasting: boolean,
  ) {
    super(message);
  }
}

const RUNNING = new Set(['PENDING', 'RUNNING']);
/** Messages saying a result mode is not available (not a failure of the query itself). */
const REFUSAL =
  /(?:format|disposition|json_array|arrow_stream|external_links|inline)[^.]{0,60}(?:not supported|unsupported|not allowed|not available)|only supports|(?:result|inline)[^.]{0,40}(?:too large|exceeds)|25 ?MiB/i;

export class StatementClient {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  /** Modes a warehouse refused once; not asked for again. */
  private readonly refused = new Set<string>();

  constructor(private readonly config: DatabricksConfig) {
    const host = config.host.replace(/\/+$/, '');
    this.base = /^https?:\/\//.test(host) ? host : `https://${host}`;
    this.fetch = config.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /**
   * Runs a statement, trying result modes in order: a mode the warehouse refuses is remembered
   * and the next one tried.
   */
  async execute(statement: string, parameters: readonly StatementParameter[], modes: readonly ResultMode[], signal: AbortSignal): Promise<StatementResult> {
    const usable = modes.filter((m) => !this.refused.has(modeKey(m)));
    let last: unknown;
    for (const mode of usable.length > 0 ? usable : modes) {
      try {
        return await this.executeAs(statement, parameters, mode, signal);
      } catch (error) {
        if (!(error instanceof FormatRefused)) throw error;
        if (error.lasting) this.refused.add(modeKey(mode));
        last = error;
      }
    }
    throw new EngineError(`The Databricks warehouse refused every result format tried (${modes.map(modeKey).join(', ')}): ${(last as Error).message}`, 502);
  }

  private async executeAs(statement: string, parameters: readonly StatementParameter[], mode: ResultMode, signal: AbortSignal): Promise<StatementResult> {
    if (signal.aborted) throw new AbortedError();
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
    // still brings the statement id, which is then cancelled.
    const submitted = this.api<StatementResponse>('POST', '/api/2.0/sql/statements', body, undefined);
    let response = await raceAbort(submitted, signal, (late) => {
      void late.then((r) => (r.statement_id && RUNNING.has(r.status?.state ?? '') ? this.cancel(r.statement_id) : undefined)).catch(() => {});
    });
    const id = response.statement_id;
    let pause = this.config.pollInitialMs ?? 250;
    while (RUNNING.has(response.status?.state ?? '')) {
      if (!id) throw new EngineError('Databricks answered without a statement_id; cannot follow the statement.', 502);
      try {
        await sleep(pause, signal);
        response = await this.api<StatementResponse>('GET', `/api/2.0/sql/statements/${encodeURIComponent(id)}`, undefined, signal);
      } catch (error) {
        // Whatever stopped us following it, the statement should not run on for no one (not awaited).
        void this.cancel(id).catch(() => {});
        throw signal.aborted ? new AbortedError() : error;
      }
      pause = Math.min(pause * 2, this.config.pollMaxMs ?? 5000);
    }
    const state = response.status?.state;
    const message = response.status?.error?.message ?? 'no message';
    switch (state) {
      case 'SUCCEEDED':
        break;
      case 'FAILED':
        if (REFUSAL.test(message)) throw new FormatRefused(message, !/too large|exceeds|25 ?MiB/i.test(message));
        throw new EngineError(`The Databricks statement failed (${response.status?.error?.error_code ?? 'FAILED'}): ${message}`, 502);
      case 'CANCELED':
        throw new EngineError(`The Databricks statement was canceled by the warehouse: ${message}`, 503, { retryAfter: 5 });
      case 'CLOSED':
        throw new EngineError('The Databricks statement is CLOSED: its result is no longer available.', 502);
      default:
        throw new EngineError(`Databricks answered with an unknown statement state "${state}".`, 502);
    }
    const manifest = response.manifest ?? {};
    if (manifest.truncated) {
      throw new EngineError('The Databricks result was truncated (a row or byte limit of the warehouse); refusing to serve fewer rows than the query has.', 502);
    }
    const columns = manifest.schema?.columns ?? [];
    const totalRows = manifest.total_row_count;
    const format = (manifest.format as ResultFormat | undefined) ?? mode.format;
    try {
      return await this.collect(id!, format, columns, totalRows, manifest.total_chunk_count, response.result, signal);
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
    signal: AbortSignal,
  ): Promise<StatementResult> {
    const rows: Array<Array<string | null>> = [];
    const streams: Uint8Array[] = [];
    let chunk: ResultData | undefined = first;
    if (!chunk && (totalChunks ?? 0) > 0) chunk = await this.chunk(id, 0, signal);
    let expected = 0;
    while (chunk) {
      if (chunk.chunk_index !== undefined && chunk.chunk_index !== expected) {
        throw new EngineError(`Databricks sent result chunk ${chunk.chunk_index} where chunk ${expected} was expected.`, 502);
      }
      if (chunk.data_array) rows.push(...chunk.data_array);
      if (chunk.attachment) streams.push(new Uint8Array(Buffer.from(chunk.attachment, 'base64')));
      let next = chunk.next_chunk_index;
      for (const link of chunk.external_links ?? []) {
        streams.push(await this.download(id, link, signal));
        next = link.next_chunk_index ?? next;
      }
      expected++;
      chunk = next !== undefined ? await this.chunk(id, next, signal) : undefined;
    }
    if (totalChunks !== undefined && expected < totalChunks) {
      throw new EngineError(`Databricks announced ${totalChunks} result chunks but linked only ${expected}.`, 502);
    }
    if (format === 'JSON_ARRAY') {
      if (totalRows !== undefined && rows.length !== totalRows) {
        throw new EngineError(`Databricks announced ${totalRows} rows but sent ${rows.length}.`, 502);
      }
      return { format, columns, totalRows, rows };
    }
    return { format, columns, totalRows, streams };
  }

  private chunk(id: string, index: number, signal: AbortSignal): Promise<ResultData> {
    return this.api<ResultData>('GET', `/api/2.0/sql/statements/${encodeURIComponent(id)}/result/chunks/${index}`, undefined, signal);
  }

  /**
   * Downloads one external link with only the headers the link names — never our token. A link
   * that has expired (or is about to) is asked for again through the chunk endpoint.
   */
  private async download(id: string, link: ExternalLink, signal: AbortSignal): Promise<Uint8Array> {
    let current = link;
    for (let attempt = 0; ; attempt++) {
      const expires = current.expiration ? Date.parse(current.expiration) : Number.POSITIVE_INFINITY;
      if (expires - Date.now() < 2000 && attempt < 3 && current.chunk_index !== undefined) {
        current = await this.freshLink(id, current.chunk_index, signal);
        continue;
      }
      let response: Response;
      try {
        response = await this.fetch(current.external_link, { headers: { ...(current.http_headers ?? {}) }, signal });
      } catch (error) {
        if (signal.aborted) throw new AbortedError();
        if (attempt >= (this.config.retries ?? 3)) throw new EngineError(`Downloading result chunk ${current.chunk_index ?? '?'} failed: ${(error as Error).message}`, 502);
        await sleep(this.backoff(attempt), signal);
        continue;
      }
      if (response.ok) return new Uint8Array(await response.arrayBuffer());
      await response.body?.cancel().catch(() => {});
      // Storage answers 403 (or 400/404/410) for an expired pre-signed URL: get a new one.
      if (attempt < 3 && current.chunk_index !== undefined && [400, 403, 404, 410].includes(response.status)) {
        current = await this.freshLink(id, current.chunk_index, signal);
        continue;
      }
      if (attempt < (this.config.retries ?? 3) && (response.status === 429 || response.status >= 500)) {
        await sleep(this.backoff(attempt, response), signal);
        continue;
      }
      throw new EngineError(`Downloading result chunk ${current.chunk_index ?? '?'} failed with HTTP ${response.status}.`, 502);
    }
  }

  private async freshLink(id: string, index: number, signal: AbortSignal): Promise<ExternalLink> {
    const data = await this.chunk(id, index, signal);
    const link = data.external_links?.find((l) => l.chunk_index === undefined || l.chunk_index === index);
    if (!link) throw new EngineError(`Databricks gave no external link for result chunk ${index}.`, 502);
    return { ...link, chunk_index: link.chunk_index ?? index, next_chunk_index: link.next_chunk_index ?? data.next_chunk_index };
  }

  /** Asks the warehouse to cancel a statement (idempotent; the caller does not wait on the outcome). */
  async cancel(id: string): Promise<void> {
    await this.api('POST', `/api/2.0/sql/statements/${encodeURIComponent(id)}/cancel`, {}, AbortSignal.timeout(10_000));
  }

  /**
   * One call of the API with the token. Retries 429 and 503 for every call (the request was not
   * taken), and other 5xx and network failures only for GETs and cancels, which are idempotent.
   */
  private async api<T>(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal | undefined): Promise<T> {
    const idempotent = method === 'GET' || path.endsWith('/cancel');
    const retries = this.config.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetch(`${this.base}${path}`, {
          method,
          headers: { Authorization: `Bearer ${this.config.token}`, Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (signal?.aborted) throw new AbortedError();
        if (idempotent && attempt < retries) {
          await sleep(this.backoff(attempt), signal);
          continue;
        }
        throw new EngineError(`Could not reach the Databricks workspace at ${this.base}: ${(error as Error).message}`, 503, { retryAfter: 5 });
      }
      if (response.ok) return (await response.json()) as T;
      const text = await response.text().catch(() => '');
      let detail: { error_code?: string; message?: string } = {};
      try {
        detail = JSON.parse(text) as typeof detail;
      } catch {
        // not JSON: keep the status only
      }
      const what = `${detail.error_code ? `${detail.error_code}: ` : ''}${detail.message ?? response.statusText}`;
      const status = response.status;
      const retryable = status === 429 || status === 503 || (idempotent && status >= 500);
      if (retryable && attempt < retries) {
        await sleep(this.backoff(attempt, response), signal);
        continue;
      }
      if (status === 401) throw new EngineError('Databricks rejected the token (HTTP 401): check DATABRICKS_TOKEN.', 502);
      if (status === 403) throw new EngineError(`Databricks refused access (HTTP 403): the token's user needs CAN USE on warehouse ${this.config.warehouseId} and SELECT on the Gold tables. ${what}`, 502);
      if (status === 429) throw new EngineError(`Databricks is rate-limiting requests (HTTP 429) after ${retries + 1} attempts.`, 503, { retryAfter: retryAfterSeconds(response) ?? 10 });
      if (status === 400 && REFUSAL.test(what)) throw new FormatRefused(what, true);
      if (status >= 500) throw new EngineError(`Databricks failed (HTTP ${status}): ${what}`, status === 503 ? 503 : 502, status === 503 ? { retryAfter: retryAfterSeconds(response) ?? 5 } : {});
      throw new EngineError(`Databricks refused the request (HTTP ${status}): ${what}`, 502);
    }
  }

  private backoff(attempt: number, response?: Response): number {
    const hinted = response ? retryAfterSeconds(response) : undefined;
    if (hinted !== undefined) return Math.min(hinted * 1000, 30_000);
    const base = this.config.retryBaseMs ?? 500;
    return base * 2 ** attempt * (0.75 + Math.random() * 0.5);
  }
}

function modeKey(mode: ResultMode): string {
  return `${mode.disposition}+${mode.format}`;
}

function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
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

/** Settles with `promise`, or rejects at once when `signal` aborts (handing the promise to `onLate`). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, onLate: (promise: Promise<T>) => void): Promise<T> {
  if (signal.aborted) {
    onLate(promise);
    return Promise.reject(new AbortedError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      onLate(promise);
      reject(new AbortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
