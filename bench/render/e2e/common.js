// Shared by the end-to-end pages: which stream to fetch (from the page's query), the chart's
// size, and the report of the times since navigation start (performance.now()'s origin).
import { HEIGHT, WIDTH, afterPaint, box } from '../../shared/trend-page.js';

export { HEIGHT, WIDTH, box };
const query = new URLSearchParams(location.search);
export const n = Number(query.get('n'));
export const dates = query.get('dates');
export const url = `data/${dates}-${n}.arrow`;


/**
 * Records the run for the driver, in ms since navigation start: `drawnMs` when the library said
 * it drew, `paintedMs` after the frame showing it; when the stream was asked for (`requestMs`)
 * and had arrived (`bytesMs`), and when the scripts loaded before that request had (`scriptsMs`).
 */
export async function report(drawnMs, check) {
  await afterPaint();
  const paintedMs = performance.now();
  const resources = performance.getEntriesByType('resource');
  const data = resources.find((e) => e.name.endsWith(url));
  // The scripts the page loaded before asking for the data (the library, its harness, a chunk).
  const scriptsMs = Math.max(0, ...resources.filter((e) => e.name.endsWith('.js') && e.startTime < (data?.startTime ?? Infinity)).map((e) => e.responseEnd));
  window.e2eResult = { drawnMs, paintedMs, requestMs: data?.startTime ?? NaN, bytesMs: data?.responseEnd ?? NaN, scriptsMs, check };
  console.log('e2e-done'); // the driver waits for this, rather than polling the page every frame
}

export function fail(error) {
  window.e2eResult = { error: String(error?.message ?? error) };
  console.log('e2e-done');
}
