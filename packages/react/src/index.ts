/**
 * @goldboard/react: React components for Goldboard's elements, made with @lit/react. Each takes
 * the element's properties by name (`measure`, `datasetName`, `data`, …) and its events as
 * `onReady`, `onError`, `onExportError` and, on the charts, `onSelect`, with their details typed.
 *
 * Importing this module defines the tags (it imports `@goldboard/elements`); properties and
 * listeners set before a tag is defined are taken when it is.
 */
import * as Elements from '@goldboard/elements';
import { goldboardComponent } from './component.js';

export { handlerName, serverAttributes, type GoldboardEvents } from './component.js';
export type * from '@goldboard/elements/types';
export type { GoldErrorDetail, GoldExportErrorDetail, GoldReadyDetail, SegmentSelectDetail, TopSelectDetail, TrendSelectDetail } from '@goldboard/elements';

const GOLD = ['goldboard-ready', 'goldboard-error', 'goldboard-export-error'] as const;
const CHART = [...GOLD, 'goldboard-select'] as const;

export const KpiCard = goldboardComponent('kpi-card', Elements.KpiCard, GOLD);
export const RevenueTrend = goldboardComponent('revenue-trend', Elements.RevenueTrend, CHART);
export const SegmentBreakdown = goldboardComponent('segment-breakdown', Elements.SegmentBreakdown, CHART);
export const TopList = goldboardComponent('top-list', Elements.TopList, CHART);
export const GoldboardSource = goldboardComponent('goldboard-source', Elements.GoldboardSource, []);
