import { GoldError } from '../errors.js';

/** The absolute form of a URL relative to the page (or as it is outside a page). */
export function absoluteUrl(url: string): string {
  try {
    return new URL(url, globalThis.location?.href).href;
  } catch {
    return url;
  }
}

/** The last value read from each URL, with its answer's ETag (a few URLs, newest kept). */
const readBefore = new Map<string, { etag: string; value: unknown }>();

/**
 * The value an answer reads to (`read`), kept with the answer's ETag: the next GET of the URL
 * sends `If-None-Match`, and its `304 Not Modified` gives back the value read before (the same
 * table, so nothing is decoded or drawn again).
 */
export async function readValidated<T>(url: string, response: Response, read: () => Promise<T>): Promise<T> {
  const before = readBefore.get(url);
  if (response.status === 304 && before) return before.value as T;
  const value = await read();
  const etag = response.headers.get('ETag');
  readBefore.delete(url);
  if (etag) readBefore.set(url, { etag, value });
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
 * network failure or a cancellation becomes a GoldError naming the URL and what to
 * check (`hints`). The status is not looked at.
 */
export async function fetchResponse(url: string, signal: AbortSignal, accept: string, hints: FailureHints = {}): Promise<Response> {
  try {
    const etag = readBefore.get(url)?.etag;
    return await fetch(url, { signal, headers: etag ? { Accept: accept, 'If-None-Match': etag } : { Accept: accept } });
  } catch (error) {
    if (signal.aborted) throw new GoldError('aborted', `The request for ${url} was cancelled.`, { url, cause: error });
    const why = await failureCause(url, signal, hints);
    throw new GoldError('network', `Could not reach ${url}: ${(error as Error).message ?? error}. ${why}`, { url, cause: error });
  }
}

/**
 * Why a fetch failed, as far as the page can tell. A browser reports "Failed to fetch" alike for
 * a server that is down and for one on another origin that answered without allowing this page
 * (CORS): a second, opaque request (`no-cors` HEAD, which the page may make but not read) tells
 * them apart, as it succeeds whenever the server answers at all.
 */
async function failureCause(url: string, signal: AbortSignal, hints: FailureHints): Promise<string> {
  const unreachable = hints.unreachable ?? 'Check the address and that the server is running.';
  const page = globalThis.location?.origin;
  let target: URL;
  try {
    target = new URL(url, globalThis.location?.href);
  } catch {
    return unreachable;
  }
  if (!page || page === 'null' || target.origin === page) return unreachable;
  if (globalThis.location.protocol === 'https:' && target.protocol === 'http:') {
    return `A page served over https cannot read an http: address (mixed content): serve the data over https.`;
  }
  const answered = await fetch(target.href, { method: 'HEAD', mode: 'no-cors', credentials: 'omit', signal }).then(
    () => true,
    () => false,
  );
  if (!answered) return `${unreachable.replace(/\.$/, '')}, and that this page's Content-Security-Policy (connect-src) allows ${target.origin}.`;
  return (
    `The server answered, but the browser withheld the answer: ${target.origin} is another origin than this page's (${page}) and its answer does not allow this page to read it (CORS, no Access-Control-Allow-Origin for ${page}). ` +
    (hints.cors ?? `Serve the data from ${page}, or have ${target.origin} send Access-Control-Allow-Origin: ${page}.`)
  );
}

/** GET a URL that must answer 2xx: also an HTTP error status becomes a GoldError naming the URL. */
export async function fetchOk(url: string, signal: AbortSignal, accept: string): Promise<Response> {
  const response = await fetchResponse(url, signal, accept);
  if (!response.ok && !(response.status === 304 && readBefore.has(url))) {
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
