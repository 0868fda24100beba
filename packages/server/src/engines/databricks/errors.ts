/**
 * Failures of the Databricks engine. The message is for the server's log (it may hold the
 * warehouse's own text, the host, statement and warehouse ids); `kind` picks the generic message
 * a client is shown instead.
 */
import { EngineError } from '../../http/errors.js';

export type WarehouseErrorKind =
  /** The workspace refused the credentials (401, a failed OAuth token request). */
  | 'auth'
  /** The identity lacks a grant or the warehouse permission (403). */
  | 'permission'
  /** The warehouse is starting and the request's time ran out first. */
  | 'starting'
  /** Busy, rate-limited, down or unreachable: worth retrying later. */
  | 'unavailable'
  /** The statement failed or was refused as written. */
  | 'failed'
  /** The answer could not be used (truncated, rows missing, unknown state). */
  | 'answer'
  /** The settings point nowhere (no such warehouse, a deleted one). */
  | 'config';

export class WarehouseError extends EngineError {
  /** The statement the failure is about, when the warehouse ran one (FAILED, CANCELED, CLOSED). */
  readonly statementId: string | undefined;

  constructor(
    readonly kind: WarehouseErrorKind,
    message: string,
    status = 502,
    details: { retryAfter?: number; cause?: unknown; statementId?: string | undefined } = {},
  ) {
    super(message, status, details);
    this.statementId = details.statementId;
  }
}

/**
 * A submission refused in a way that may be about its result mode (`NOT_IMPLEMENTED`, or
 * `INVALID_PARAMETER_VALUE`): the client decides by what the warehouse accepted before.
 */
export class ModeRefused extends WarehouseError {
  constructor(
    message: string,
    readonly errorCode: string,
  ) {
    super('failed', message, 502);
  }
}

/**
 * A statement that failed with a code Databricks uses for passing conditions
 * (`TEMPORARILY_UNAVAILABLE`, …): it is submitted again.
 */
export class TransientFailure extends WarehouseError {
  constructor(message: string, statementId?: string) {
    super('unavailable', message, 503, { retryAfter: 5, statementId });
  }
}
