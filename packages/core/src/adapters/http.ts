import { GoldError } from '../errors.js';

/** The absolute form of a URL relative to the page (or as it is outside a page). */
export function absoluteUrl(url: string): string {
  try {
    return new URL(url, globalThis.location?.href).href;
  } catch {
    return url;
  }
}

/**
 * The last value read from each URL, with its answer's ETag (a few URLs, newest kept). The value
 * is held weakly: once nothing else keeps it (the shared cache dropped it, no element shows it),
 * the next request is not conditional, and the memory is the page's again.
 */
const readBefore = new Map<string, { etag: string; value: WeakRef<object> }>();
/** The value a conditional request was sent for, kept with its answer (a 304 gives it back). */
const sentFor = new WeakMap<Response, object>();

/**
 * The value an answer reads to (`read`), kept with the answer's ETag: the next GET of the URL
 * sends `If-None-Match`, and its `304 Not Modified` gives back the value read before (the same
 * table, so nothing is decoded or drawn again).
 */
export async function readValidated<T>(url: string, response: Response, read: () => Promise<T>): Promise<T> {
  const before = sentFor.get(response);
  if (response.status === 304 && before) return before as T;
  const value = await read();
  const etag = response.headers.get('ETag');
  readBefore.delete(url);
  if (etag && typeof value === 'object' && value !== null) readBefore.set(url, { etag, value: new WeakRef(value) });
  if (readBefore.size > 16) readBefore.delete(readBefore.keys().next().value!);
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
 * GET a URL (conditional, with `If-None-Match`, when a value read from it before has an ETag); a
 * network failure or a cancellation becomes a GoldError naming the URL and what to check
 * (`hints`; why it failed is found out by a chunk loaded on the first failure). The status is
 * not looked at.
 */
export async function fetchResponse(url: string, signal: AbortSignal, accept: string, hints: FailureHints = {}): Promise<Response> {
  try {
    // Conditional only while the value read before is still at hand (it is pinned to this answer,
    // so that it is there for a 304 whatever the map drops meanwhile).
    const entry = readBefore.get(url);
    const kept = entry?.value.deref();
    if (entry && !kept) readBefore.delete(url);
    const response = await fetch(url, { signal, headers: kept ? { Accept: accept, 'If-None-Match': entry!.etag } : { Accept: accept } });
    if (kept) sentFor.set(response, kept);
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
