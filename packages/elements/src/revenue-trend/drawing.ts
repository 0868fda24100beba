import * as draw from './draw.js';

/** The trend's drawing code (`draw.ts`), loaded with the element. */
export type Drawing = typeof draw;

/** The drawing code; always here when imported with the element. */
export const drawing = (): Drawing => draw;

/** Starts fetching the drawing code: nothing to fetch when it came with the element. */
export function preloadDrawing(): void {}

/** A load's result, once the drawing code is here too: at once, as it is. */
export const withDrawing = <T>(result: T | Promise<T>): T | Promise<T> => result;
