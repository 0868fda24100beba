/**
 * Errors that become HTTP answers: a status, a code a program can branch on, the parameter at
 * fault, and a message a person can act on. The JSON body is `{ "error": { code, message, param? } }`.
 */
export type RequestErrorCode =
  | 'bad-param'
  | 'unknown-dataset'
  | 'not-found'
  | 'method-not-allowed'
  | 'not-acceptable'
  | 'busy'
  | 'timeout'
  | 'engine'
  | 'unavailable';

export class RequestError extends Error {
  override readonly name = 'RequestError';
  readonly status: number;
  readonly code: RequestErrorCode;
  readonly param: string | undefined;
  /** Seconds a client should wait before retrying (503). */
  readonly retryAfter: number | undefined;

  constructor(status: number, code: RequestErrorCode, message: string, details: { param?: string; retryAfter?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = status;
    this.code = code;
    this.param = details.param;
    this.retryAfter = details.retryAfter;
  }

  toJSON(): { error: { code: RequestErrorCode; message: string; param?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.param !== undefined ? { param: this.param } : {}) } };
  }
}

/**
 * A failure of the engine behind the server (DuckDB, the Databricks API), with the status the
 * client should see: 502 for a warehouse answer we cannot use, 503 when it is unavailable,
 * 504 when it took too long.
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly status: number;
  readonly retryAfter: number | undefined;

  constructor(message: string, status = 502, details: { retryAfter?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = status;
    this.retryAfter = details.retryAfter;
  }
}

/** An operation stopped because its signal was aborted (client gone, timeout). */
export class AbortedError extends Error {
  override readonly name = 'AbortError';
  constructor(message = 'The query was cancelled.') {
    super(message);
  }
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AbortedError();
}
