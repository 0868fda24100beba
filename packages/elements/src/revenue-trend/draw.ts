/**
 * What `<revenue-trend>` draws with: its series, layout, marks and time axis. Imported with the
 * element (`drawing.ts`), except in the standalone bundle, where it is a chunk fetched alongside
 * the trend's first data (`drawing-lazy.ts`): a page without a trend does not carry it.
 */
export { trendLayout } from './layout.js';
export { crosshair, extremeMarker, gridAndAxes } from './marks.js';
export { dateRange, extremes, movingAverage, trendSeries } from './series.js';
