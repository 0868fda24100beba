/** First contentful paint of `url` on a first visit, ms after navigation (the floor pages of both dashboard benchmarks). */
export async function firstContentfulPaint(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = () => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime;
        const check = () => (seen() === undefined ? requestAnimationFrame(check) : resolve(seen()));
        check();
      }),
  );
}
