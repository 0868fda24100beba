import { etagMemory, sharedLoader, useConditionalRequests, type GoldAdapter } from '@goldboard/core';

// Revalidations ask with If-None-Match: an answer that did not change is the table already drawn.
useConditionalRequests(etagMemory());

/**
 * `<goldboard-source refresh>`, a chunk loaded only by sources that refresh: revalidates the
 * source's answers every `seconds`, and at once when a Goldboard server's `/v1/events` says its
 * Gold changed. Returns the stop.
 */
export function startLive(adapter: GoldAdapter, seconds: number, server: string | undefined): () => void {
  // One revalidation at a time: a tick or an event while one runs asks for another once it ends
  // (its requests may have left before the change), never for one beside it.
  let running = false;
  let again = false;
  const revalidate = (): void => {
    if (running) return void (again = true);
    running = true;
    void sharedLoader.revalidate(adapter).finally(() => {
      running = false;
      if (again) {
        again = false;
        revalidate();
      }
    });
  };
  const timer = setInterval(revalidate, Math.max(1, seconds) * 1000);
  const later = new Set<ReturnType<typeof setTimeout>>();
  let events: EventSource | undefined;
  if (server && typeof EventSource === 'function') {
    // A page that cannot reach the stream (a proxy that cuts it) keeps its clock.
    events = new EventSource(new URL('v1/events', new URL(server.endsWith('/') ? server : `${server}/`, location.href)));
    // The event may come before every answer of the server is the new Gold's (it looks at its
    // folder at most once a second): asked again 1 and 3 s later (an unchanged answer is a 304).
    events.addEventListener('gold-changed', () => {
      revalidate();
      for (const ms of [1000, 3000]) {
        const t = setTimeout(() => {
          later.delete(t);
          revalidate();
        }, ms);
        later.add(t);
      }
    });
  }
  return () => {
    clearInterval(timer);
    for (const t of later) clearTimeout(t);
    events?.close();
  };
}
