// Goldboard handed an apache-arrow Table: the page fetches and decodes the stream with
// apache-arrow (as the uPlot page does) and sets the element's `data` property.
import { tableFromIPC } from 'apache-arrow';
import { box, fail, HEIGHT, report, url, WIDTH } from './common.js';
import { describeTrend } from './trend.js';

try {
  const table = tableFromIPC(new Uint8Array(await (await fetch(url)).arrayBuffer()));
  const host = box();
  host.style.height = 'auto';
  const el = document.createElement('revenue-trend');
  el.style.cssText = `width:${WIDTH + 34}px;--goldboard-chart-height:${HEIGHT}px`;
  el.addEventListener('goldboard-ready', () => report(performance.now(), describeTrend(el)), { once: true });
  el.addEventListener('goldboard-error', (e) => fail(e.detail.message), { once: true });
  await customElements.whenDefined('revenue-trend');
  el.data = table;
  host.append(el);
} catch (error) {
  fail(error);
}
