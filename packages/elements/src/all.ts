/**
 * `@goldboard/elements/all.js`: every element, as `@goldboard/elements` defines them, with the
 * code they otherwise load on first use evaluated up front: the KPI cards' trend and comparison
 * code, and the date range, filter and insight elements. A page rendered on the server imports
 * it (after `hydrate.js`) so that every element takes over its markup in the task that defines
 * them, rather than some of them a few tasks and a frame later, once their chunk is imported.
 * A bundler then puts that code in the page's own chunk.
 */
// First: the cards defined next find their trend and comparison code evaluated.
import './kpi-card/compare.js';
export * from './index.js';
import './base/lazy-chunk.js';
