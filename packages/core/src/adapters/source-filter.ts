/**
 * What a page's filter elements chose for a named source: a range of UTC days and a segment.
 * Every element reading the source follows it (an element's own `from`, `to` or `segment`
 * attribute wins over it), so a date range or a segment choice needs no page code. Kept by name,
 * like the sources themselves, so it works for sources registered by script as well as by tag.
 */
export interface SourceFilter {
  /** First UTC day, `YYYY-MM-DD`. */
  readonly from?: string | undefined;
  /** Last UTC day, `YYYY-MM-DD`. */
  readonly to?: string | undefined;
  /** A segment label. */
  readonly segment?: string | undefined;
}

const filters = new Map<string, SourceFilter>();

/** An element that follows its source's filter: told to update when the filter changes. */
export interface FilterFollower {
  readonly source?: string | undefined;
  requestUpdate(): void;
}

/** The connected elements that follow their source's filter (the data elements add themselves). */
export const filterFollowers = new Set<FilterFollower>();

/** The filter chosen for source `name` (no range, no segment when nothing was chosen). */
export function sourceFilter(name: string): SourceFilter {
  return filters.get(name) ?? {};
}

/**
 * Changes what is chosen for source `name`: the keys given replace the current ones (an empty or
 * undefined value clears one); the keys not given are kept. Listeners hear of a real change only.
 */
export function setSourceFilter(name: string, change: SourceFilter): void {
  const current = sourceFilter(name);
  const next = { ...current, ...change };
  let changed = false;
  for (const key of ['from', 'to', 'segment'] as const) {
    if (!next[key]) delete next[key];
    changed ||= next[key] !== current[key];
  }
  if (!changed) return;
  filters.set(name, next);
  for (const follower of filterFollowers) if (follower.source === name) follower.requestUpdate();
}
