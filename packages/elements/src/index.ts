/**
 * @goldboard/elements: importing this module defines every element. One element alone:
 * `@goldboard/elements/kpi-card.js` (defines `<kpi-card>`). To define under other tags, import
 * the class only, from `@goldboard/elements/kpi-card.component.js` (and so on for each element),
 * and call `customElements.define`.
 */
export { GoldElement, oneOf, wholeNumber, type DataOptions, type GoldProperties, type GoldProperty, type GoldErrorDetail, type GoldExportErrorDetail, type GoldReadyDetail, type GoldState, type LoadContext } from './base/gold-element.js';
export { GoldDataController, type DataRequest, type GoldDataOptions } from './base/gold-data-controller.js';
export { defineElement } from './base/define.js';
export { resolveOrigin, siblingUrl, type DataOrigin } from './base/data-origin.js';
export { parseFieldMap } from './base/field-map.js';
export { themeStyles } from './base/theme.styles.js';
export { KpiCard } from './kpi-card/kpi-card.js';
export { RevenueTrend, type TrendSelectDetail } from './revenue-trend/revenue-trend.js';
export type { TrendZoomDetail } from './revenue-trend/zoom.js';
export { SegmentBreakdown, type SegmentSelectDetail } from './segment-breakdown/segment-breakdown.js';
export { TopList, type TopSelectDetail } from './top-list/top-list.js';
export { GoldboardSource } from './source/goldboard-source.js';
// The filter and insight elements are defined on first use (their code is a chunk of its own).
import './base/lazy-elements.js';
export type { GoldboardDateRange } from './date-range/goldboard-date-range.js';
export type { GoldboardFilter } from './filter/goldboard-filter.js';
export type { FilterChangeDetail } from './filter/filter-control.js';
export type { GoldboardInsight } from './insight/goldboard-insight.js';
