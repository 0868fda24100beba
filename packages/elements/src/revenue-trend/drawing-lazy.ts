import type { Drawing } from './drawing.js';

/**
 * The standalone bundle's `drawing.ts` (its build puts this module in that one's place): the
 * drawing code is a chunk, asked for as soon as a trend is on the page, so that it arrives
 * during the trend's data request (or while the page makes the rows it sets as `data`); the
 * bundle of a page without a trend does not carry it.
 */
let loaded: Drawing | undefined;
let loading: Promise<Drawing> | undefined;

function load(): Promise<Drawing> {
  // The line-path chunk, which the drawing code shares with the comparisons, is asked for at the
  // same time, not once the drawing code has arrived and named it.
  return (loading ??= Promise.all([import('./draw.js'), import('../chart/line-path.js')]).then(
    ([m]) => (loaded = m),
    (error: unknown) => {
      // Asked for again by the next load, which fails with the error meanwhile.
      loading = undefined;
      throw error;
    },
  ));
}

/** The drawing code; the element reads it only once a load has settled through `withDrawing`. */
export const drawing = (): Drawing => loaded!;

/** Starts fetching the drawing code (a trend was connected). */
export function preloadDrawing(): void {
  if (!loaded) load().catch(() => undefined);
}

/** A load's result, once the drawing code is here too (a failure to fetch it fails the load). */
export function withDrawing<T>(result: T | Promise<T>): T | Promise<T> {
  return loaded ? result : Promise.all([result, load()]).then(([r]) => r);
}
