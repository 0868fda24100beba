// Type test: each line after an `expect-error` comment is a wrong use that `tsc` must report
// (with the quoted text in its message); the harness fails on a missing or an unexpected error.
import type {} from '@goldboard/elements/types/react';
import { KpiCard, RevenueTrend, TopList } from '@goldboard/react';

export const tags = (
  <>
    {/* expect-error: "revenu" */}
    <kpi-card measure="revenu" />
    {/* expect-error: "top_product" */}
    <top-list dataset-name="top_product" />
    {/* expect-error: metrik */}
    <kpi-card metrik="revenue" />
    {/* expect-error: dataset: string */}
    <kpi-card dataset="kpi_summary" />
    {/* expect-error: "zigzag" */}
    <revenue-trend variant="zigzag" />
    {/* expect-error: "percentage" */}
    <kpi-card format="percentage" />
    {/* expect-error: nope */}
    <revenue-trend ongoldboard-select={(e) => e.detail.nope} />
    {/* expect-error: productId */}
    <revenue-trend ongoldboard-select={(e) => e.detail.productId} />
  </>
);

export const components = (
  <>
    {/* expect-error: "revenu" */}
    <KpiCard measure="revenu" />
    {/* expect-error: "daily" */}
    <RevenueTrend datasetName="daily" />
    {/* expect-error: detail */}
    <KpiCard onSelect={(e) => e.detail} />
    {/* expect-error: segment */}
    <TopList onSelect={(e) => e.detail.segment} />
  </>
);

// expect-error: nope
document.body.addEventListener('goldboard-ready', (e) => e.detail.nope);
