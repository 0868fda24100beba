/** Errors a person can act on: what went wrong, about which file, and what to do. */

export type PipelineErrorCode =
  | 'no-input'
  | 'not-csv'
  | 'missing-column'
  | 'unreadable'
  | 'truncated'
  | 'empty-build'
  | 'bad-argument'
  | 'build-failed'
  | 'aborted';

export class PipelineError extends Error {
  override readonly name = 'PipelineError';
  constructor(
    readonly code: PipelineErrorCode,
    message: string,
    /** The input file the error is about, when there is one. */
    readonly file?: string,
  ) {
    super(message);
  }
}
