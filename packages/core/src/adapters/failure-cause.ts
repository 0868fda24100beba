import type { FailureHints } from './http.js';

/**
 * Why a fetch failed, as far as the page can tell. A browser reports "Failed to fetch" alike for
 * a server that is down and for one on another origin that answered without allowing this page
 * (CORS): a second, opaque request (`no-cors` HEAD, which the page may make but not read) tells
 * them apart, as it succeeds whenever the server answers at all.
 */
export async function failureCause(url: string, signal: AbortSignal, hints: FailureHints): Promise<string> {
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

