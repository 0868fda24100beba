import { DAY, registerSource, type GoldAdapter, type Row } from '@goldboard/core';

/** The Gold folder the stories read (Storybook serves the test fixtures there). */
export const GOLD = './gold';

/** An adapter that never answers: the loading state, held. */
export const pendingAdapter: GoldAdapter = { key: 'story:pending', load: () => new Promise(() => {}) };

/**
 * A named source that never answers (the loading state of a source's elements, held), as
 * `<goldboard-source name>` would register it. Returns the name, for the elements' `source`.
 */
export function pendingSource(name: string): string {
  registerSource(name, pendingAdapter);
  return name;
}

/**
 * `days` days of daily_metrics from 2019-10-01, shaped like the REES46 data: weekly rhythm,
 * a late-November peak, a January dip. Deterministic (no Math.random) so stories are stable.
 */
export function dailyRows(days: number): Row[] {
  const start = Date.UTC(2019, 9, 1);
  return Array.from({ length: days }, (_, i) => {
    const date = new Date(start + i * DAY);
    const weekly = 1 + 0.12 * Math.sin((2 * Math.PI * i) / 7);
    const season = 1 + 0.6 * Math.exp(-(((i % 365) - 58) ** 2) / 40) - 0.25 * Math.exp(-(((i % 365) - 100) ** 2) / 200);
    const revenue = Math.round(250_000 * weekly * season * (1 + 0.05 * Math.sin(i * 1.7)));
    const purchases = Math.round(revenue / 290);
    const events = purchases * 60;
    return {
      event_date: date.toISOString().slice(0, 10),
      revenue,
      purchases,
      events,
      views: Math.round(events * 0.93),
      carts: Math.round(events * 0.05),
      users: Math.round(events / 9),
      buyers: Math.round(purchases * 0.8),
    };
  });
}

/**
 * The first element matching `selector` in a story, once its tag is defined (the filter and
 * insight elements' code is a lazy chunk, loaded when the page first holds one of their tags).
 */
export async function definedElement<T extends Element>(root: Element, selector: string): Promise<T> {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`The story holds no ${selector}.`);
  await customElements.whenDefined(el.localName);
  return el;
}
