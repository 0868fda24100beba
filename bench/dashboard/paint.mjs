// What the dashboard benchmarks share: the first contentful paint of a floor page, and the
// moment every element of the rendered dashboard is hydrated and ready.

/** The rendered dashboard's data elements and insight lists (16), whose readiness the benchmarks wait for. */
export const RENDERED_ELEMENTS = 'kpi-card, revenue-trend, top-list, segment-breakdown, goldboard-insight';

/** First contentful paint of `url` on a first visit, ms after navigation (the floor pages of both dashboard benchmarks). */
export async function firstContentfulPaint(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  return paintedAt(page);
}

/**
 * The page's first contentful paint, ms after navigation, once Chromium has reported it: the
 * entry comes with the frame's presentation, which can be after a task that ran to the end.
 */
export function paintedAt(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = () => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime;
        const check = () => (seen() === undefined ? requestAnimationFrame(check) : resolve(seen()));
        check();
      }),
  );
}

/**
 * The moment (ms after navigation, at an animation frame) every one of the `count` elements
 * matching `selector` has hydrated (`hasUpdated`) and is `state=ready`.
 */
export function everyElementReady(page, selector = RENDERED_ELEMENTS, count = 16) {
  return page.evaluate(
    ([selector, count]) =>
      new Promise((resolve) => {
        const check = () => {
          const els = [...document.querySelectorAll(selector)];
          if (els.length === count && els.every((el) => el.hasUpdated && el.getAttribute('state') === 'ready')) resolve(performance.now());
          else requestAnimationFrame(check);
        };
        check();
      }),
    [selector, count],
  );
}
