/**
 * Conditional requests (`If-None-Match`), installed by live refresh (`useConditionalRequests`):
 * the last value read from each URL is kept with its answer's ETag, the next GET of the URL
 * sends it, and a `304 Not Modified` gives back the value read before (the same table, so
 * nothing is decoded or drawn again). Pages that never refresh do without this code; their
 * browser's HTTP cache still revalidates as the server's headers say.
 */
import type { ConditionalRequests } from '../adapters/http.js';

export function etagMemory(): ConditionalRequests {
  // A few URLs, newest kept; the values held weakly: once nothing else keeps one (the shared
  // cache dropped it, no element shows it), the next request is not conditional.
  const readBefore = new Map<string, { etag: string; value: WeakRef<object> }>();
  return {
    before(url) {
      const entry = readBefore.get(url);
      const value = entry?.value.deref();
      if (entry && !value) readBefore.delete(url);
      return value && { etag: entry!.etag, value };
    },
    after(url, etag, value) {
      readBefore.delete(url);
      if (etag && typeof value === 'object' && value !== null) readBefore.set(url, { etag, value: new WeakRef(value) });
      if (readBefore.size > 16) readBefore.delete(readBefore.keys().next().value!);
    },
  };
}
