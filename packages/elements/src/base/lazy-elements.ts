import { filterFromAddress } from '../filter/address.js';

/**
 * The filter and insight elements are not on a first page's path: their code is one chunk
 * (`lazy-chunk.ts`), loaded when the page first holds one of their tags (at start, or once one is
 * added). A filter that follows the address applies it at once, before its code arrives, so
 * that the elements of its source load the chosen range and segment in their first request.
 */
const LAZY: Record<string, (() => Promise<unknown>) | undefined> = {
  'goldboard-date-range': () => import('./lazy-chunk.js'),
  'goldboard-filter': () => import('./lazy-chunk.js'),
  'goldboard-insight': () => import('./lazy-chunk.js'),
};

function discover(): void {
  for (const tag in LAZY) {
    const found = document.querySelectorAll(tag);
    const load = LAZY[tag];
    if (!load || !found.length) continue;
    LAZY[tag] = undefined;
    found.forEach(filterFromAddress);
    load().catch((error: unknown) => console.error(`<${tag}> did not load:`, error));
  }
}

if (typeof MutationObserver !== 'undefined' && typeof document !== 'undefined') {
  discover();
  new MutationObserver(discover).observe(document, { childList: true, subtree: true });
}
