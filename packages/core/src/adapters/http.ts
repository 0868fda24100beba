import { GoldError } from '../errors.js';

/** The absolute form of a URL relative to the page (or as it is outside a page). */
export function absoluteUrl(url: string): string {
  try {
    return new URL(url, globalThis.location?.href).href;
  } catch {
    return url;
  }
}

/** What conditional requests remember of each URL (see `request/conditional.ts`). */
export interface ConditionalRequests {
  /** The ETag and value last read from `url`, while the value is still at hand. */
  before(url: string): { etag: string; value: object } | undefined;
  /** Remembers `value` read from `url` under its answer's `etag` (none: forgets the URL). */
  after(url: string, etag: string | null, value: unknown): void;
}

let conditional: ConditionalRequests | undefined;
/** The value a conditional request was sent for, kept with its answer (a 304 gives it back). */
const sentFor = new WeakMap<Response, object>();

/** Makes GETs conditional (live refresh installs it); `undefined` turns it off again. */
export function useConditionalRequests(memory: ConditionalRequests | undefined): void {
  conditional = memory;
}

/**
 * The value an answer reads to (`read`); with conditional requests on, a `304 Not Modified`
 * gives back the value read before, and the value is remembered with the answer's ETag.
 */
export async function readValidated<T>(url: string, response: Response, read: () => Promise<T>): Promise<T> {
  const before = sentFor.get(response);
  if (response.status === 304 && before) return before as T;
  const value = await read();
  conditional?.after(url, response.headers.get('ETag'), value);
  return value;
}

/** What to check when a request fails without an answer the page may read. */
export interface FailureHints {
  /** When nothing answered. */
  unreachable?: string;
  /** When a server on another origin answered but the browser withheld the answer (CORS). */
  cors?: string;
}

/**
 * GET a URL (conditional, with `If-None-Match`, when conditional requests are on and a value read
 * from it before has an ETag); a
 * network failure or a cancellation becomes a GoldError naming the URL and what to check
 * (`hints`; why it failed is found out by a chunk loaded on the first failure). The status is
 * not looked at.
 */
export async function fetchResponse(url: string, signal: AbortSignal, accept: string, hints: FailureHints = {}): Promise<Response> {
  try {
    // The value read before is pinned to this answer, so that it is there for a 304 whatever
    // the memory drops meanwhile.
    const kept = conditional?.before(url);
    const response = await fetch(url, { signal, headers: kept ? { Accept: accept, 'If-None-Match': kept.etag } : { Accept: accept } });
    if (kept) sentFor.set(response, kept.value);
    return response;
  } catch (error) {
    if (signal.aborted) throw new GoldError('aborted', `The request for ${url} was cancelled.`, { url, cause: error });
    const why = await import('./failure-cause.js').then(
      (m) => m.failureCause(url, signal, hints),
      () => hints.unreachable ?? '',
    );
    throw new GoldError('network', `Could not reach ${url}: ${(error as Error).message ?? error}. ${why}`.trim(), { url, cause: error });
  }
}

/** GET a URL that must answer 2xx: also an HTTP error status becomes a GoldError naming the URL. */
export async function fetchOk(url: string, signal: AbortSignal, accept: string): Promise<Response> {
  const response = await fetchResponse(url, signal, accept);
  if (!response.ok && !(response.status === 304 && sentFor.has(response))) {
    const hint =
      response.status === 404
        ? ' Check the file name or the source\'s base address.'
        : response.status >= 500
          ? ' The server failed; try again later.'
          : '';
    throw new GoldError('http', `${url} answered ${response.status} ${response.statusText}.${hint}`.replace(' .', '.'), {
      url,
      status: response.status,
    });
  }
  return response;
}

/** Reads a body, mapping a cancellation or a broken connection to a GoldError. */
export async function readBody<T>(url: string, signal: AbortSignal, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (signal.aborted) throw new GoldError('aborted', `The request for ${url} was cancelled.`, { url, cause: error });
    if (error instanceof GoldError) throw error;
    throw new GoldError('network', `The answer from ${url} was cut off: ${(error as Error).message}`, { url, cause: error });
  }
}
