import type { Drawing } from './drawing.js';

/**
 * The standalone bundle's `drawing.ts` (its build puts this module in that one's place): the
 * drawing code is a chunk, fetched when a trend first loads data, alongside that data, so the
 * bundle of a page without a trend does not carry it.
 */
let loaded: Drawing | undefined;
let loading: Promise<Drawing> | undefined;

/** The drawing code; the element reads it only once a load has settled through `withDrawing`. */
export const drawing = (): Drawing => loaded!;

/** A load's result, once the drawing code is here too (a failure to fetch it fails the load). */
export function withDrawing<T>(result: T | Promise<T>): T | Promise<T> {
  if (loaded) return result;
  // The line-path chunk, which the drawing code shares with the comparisons, is asked for at the
  // same time, not once the drawing code has arrived and named it.
  loading ??= Promise.all([import('./draw.js'), import('../chart/line-path.js')]).then(
    ([m]) => (loaded = m),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return Promise.all([result, loading]).then(([r]) => r);
}
