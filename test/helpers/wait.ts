import { waitUntil } from '@open-wc/testing';

export interface Stateful extends HTMLElement {
  state: string;
  updateComplete: Promise<boolean>;
}

/** Waits until a Goldboard element reaches `state`, then until it has rendered it. */
export async function waitForState(element: Stateful, state: string, timeout = 5000): Promise<void> {
  await waitUntil(() => element.state === state, `expected state ${state}, still ${element.state}`, { timeout });
  await element.updateComplete;
}

/** How many requests with `?key=` reached the test server. */
export async function serverHits(key: string): Promise<number> {
  const response = await fetch(`/test-api/hits?key=${encodeURIComponent(key)}`);
  return ((await response.json()) as { hits: number }).hits;
}

/** A key unique to one test, so that cached answers of other tests never count. */
export function uniqueKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export const GOLD = '/test/fixtures/gold';

/** The test server under its other name (localhost or 127.0.0.1): another origin, the same files and routes. */
export const OTHER_ORIGIN = (() => {
  const url = new URL(location.href);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return url.origin;
})();

/** The Export menu of an exportable element, once its code (a chunk of its own) has loaded and it is shown. */
export async function exportMenu(element: Stateful): Promise<HTMLDetailsElement> {
  const find = () => element.shadowRoot?.querySelector<HTMLDetailsElement>('[part~="export-menu"]') ?? null;
  await waitUntil(() => find() !== null, 'expected the Export menu to be shown', { timeout: 5000 });
  return find()!;
}
