import { sharedLoader, type GoldAdapter } from '@goldboard/core';

/**
 * `<goldboard-source refresh>`, a chunk loaded only by sources that refresh: revalidates the
 * source's answers every `seconds`, and at once when a Goldboard server's `/v1/events` says its
 * Gold changed. Returns the stop.
 */
export function startLive(adapter: GoldAdapter, seconds: number, server: string | undefined): () => void {
  const revalidate = () => void sharedLoader.revalidate(adapter);
  const timer = setInterval(revalidate, Math.max(1, seconds) * 1000);
  let events: EventSource | undefined;
  if (server && typeof EventSource === 'function') {
    // A page that cannot reach the stream (a proxy that cuts it) keeps its clock.
    events = new EventSource(new URL('v1/events', new URL(server.endsWith('/') ? server : `${server}/`, location.href)));
    events.addEventListener('gold-changed', revalidate);
  }
  return () => {
    clearInterval(timer);
    events?.close();
  };
}
