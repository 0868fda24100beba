import type { GoldAdapter } from './adapter.js';

/**
 * Named sources: a page registers an adapter once (by script, or with `<goldboard-source>`)
 * and elements name it in their `source` attribute. Elements that name a source before it is
 * registered wait for it: `onSourceChanged` tells them.
 */
const sources = new Map<string, GoldAdapter>();
const events = new EventTarget();

export const SOURCE_CHANGED = 'goldboard-source-changed';

export function registerSource(name: string, adapter: GoldAdapter): void {
  sources.set(name, adapter);
  events.dispatchEvent(new CustomEvent(SOURCE_CHANGED, { detail: { name } }));
}

export function unregisterSource(name: string, adapter?: GoldAdapter): void {
  if (adapter && sources.get(name) !== adapter) return;
  if (sources.delete(name)) events.dispatchEvent(new CustomEvent(SOURCE_CHANGED, { detail: { name } }));
}

export function getSource(name: string): GoldAdapter | undefined {
  return sources.get(name);
}

export function sourceNames(): string[] {
  return [...sources.keys()];
}

/** Calls `listener` whenever the source `name` is registered or replaced; returns the unsubscribe. */
export function onSourceChanged(name: string, listener: () => void): () => void {
  const handler = (event: Event) => {
    if ((event as CustomEvent<{ name: string }>).detail.name === name) listener();
  };
  events.addEventListener(SOURCE_CHANGED, handler);
  return () => events.removeEventListener(SOURCE_CHANGED, handler);
}
