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
 * GET a URL; a network failure or a cancellation becomes a GoldError naming the URL (`unreachable`
 * says what to check when nothing answers). The status is not looked at.
 */
export async function fetchResponse(url: string, signal: AbortSignal, accept: string, unreachable = 'Check the address and that the server is running.'): Promise<Response> {
  try {
    return await fetch(url, { signal, headers: { Accept: accept } });
  } catch (error) {
    if (signal.aborted) throw new GoldError('aborted', `The request for ${url} was cancelled.`, { url, cause: error });
    throw new GoldError('network', `Could not reach ${url}: ${(error as Error).message ?? error}. ${unreachable}`, { url, cause: error });
  }
}

/** GET a URL that must answer 2xx: also an HTTP error status becomes a GoldError naming the URL. */
export async function fetchOk(url: string, signal: AbortSignal, accept: string): Promise<Response> {
  const response = await fetchResponse(url, signal, accept);
  if (!response.ok) {
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
