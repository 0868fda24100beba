/**
 * Errors are values with a message a person can act on. Every failure that reaches an element
 * is a `GoldError` with a `code` a program can branch on and the dataset / column / URL at fault.
 */
export type GoldErrorCode =
  | 'unknown-dataset'
  | 'missing-column'
  | 'mistyped-column'
  | 'bad-data'
  | 'http'
  | 'network'
  | 'decode'
  | 'aborted'
  | 'no-source'
  | 'bad-param';

export interface GoldErrorDetails {
  dataset?: string | undefined;
  column?: string | undefined;
  url?: string | undefined;
  status?: number | undefined;
  cause?: unknown;
}

export class GoldError extends Error {
  override readonly name = 'GoldError';
  readonly code: GoldErrorCode;
  readonly dataset: string | undefined;
  readonly column: string | undefined;
  readonly url: string | undefined;
  readonly status: number | undefined;

  constructor(code: GoldErrorCode, message: string, details: GoldErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.dataset = details.dataset;
    this.column = details.column;
    this.url = details.url;
    this.status = details.status;
  }
}

export function isAbortError(error: unknown): boolean {
  return (
    (error instanceof GoldError && error.code === 'aborted') ||
    (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError')
  );
}

/** Any thrown value as a GoldError, keeping a GoldError as it is. */
export function toGoldError(error: unknown, fallback: GoldErrorCode = 'bad-data'): GoldError {
  if (error instanceof GoldError) return error;
  if (isAbortError(error)) return new GoldError('aborted', 'The request was cancelled.', { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new GoldError(fallback, message, { cause: error });
}
