// Goldboard as an Arrow page uses it: <revenue-trend src> fetches and decodes the stream itself
// (flechette, in the lazily loaded Arrow chunk). goldboard.js is loaded by the page before this.
import { box, fail, HEIGHT, report, url, WIDTH } from './common.js';
import { describeTrend } from './trend.js';

const host = box();
host.style.height = 'auto';
const el = document.createElement('revenue-trend');
el.style.cssText = `width:${WIDTH + 34}px;--goldboard-chart-height:${HEIGHT}px`;
el.addEventListener('goldboard-ready', () => report(performance.now(), describeTrend(el)), { once: true });
el.addEventListener('goldboard-error', (e) => fail(e.detail.message), { once: true });
el.setAttribute('src', url);
host.append(el);
