/**
 * @goldboard/react: React components for Goldboard's elements, made with @lit/react. Each takes
 * the element's properties by name (`measure`, `datasetName`, `data`, …) and its events as
 * `onReady`, `onError`, `onExportError` and, on the charts, `onSelect`, with their details typed.
 *
 * The components load no element: import `@goldboard/elements` (or load `goldboard.js`) once to
 * define the tags, before or after the first render (a lazy import, after hydration): properties
 * and listeners set before a tag is defined are taken when it is.
 */
import { goldboardComponent } from './component.js';

export { goldboardComponent, handlerName, serverAttributes, type GoldboardComponent, type GoldboardEvents } from './component.js';
export type * from '@goldboard/elements/types';
export type { GoldErrorDetail, GoldExportErrorDetail, GoldReadyDetail, SegmentSelectDetail, TopSelectDetail, TrendSelectDetail } from '@goldboard/elements';

export const KpiCard = goldboardComponent('kpi-card');
export const RevenueTrend = goldboardComponent('revenue-trend');
export const SegmentBreakdown = goldboardComponent('segment-breakdown');
export const TopList = goldboardComponent('top-list');
export const GoldboardSource = goldboardComponent('goldboard-source');
export const GoldboardDateRange = goldboardComponent('goldboard-date-range');
export const GoldboardFilter = goldboardComponent('goldboard-filter');
export const GoldboardInsight = goldboardComponent('goldboard-insight');
