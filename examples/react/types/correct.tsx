// Type test: correct uses of the tags and of @goldboard/react; `tsc` must report nothing here.
import type {} from '@goldboard/elements/types/react';
import { KpiCard, RevenueTrend, SegmentBreakdown, TopList } from '@goldboard/react';
import type { GoldErrorDetail, TopSelectDetail, TrendSelectDetail } from '@goldboard/elements';

const rows = [{ revenue: 1, purchases: 2 }];

export const tags = (
  <>
    <kpi-card src="/gold/kpi_summary.arrow" measure="revenue" format="compact-currency" trend trend-days={14} class="card" />
    <kpi-card data={rows} measure="avg_order_value" ongoldboard-ready={(e) => e.detail.rows.toFixed()} />
    <revenue-trend dataset-name="daily_metrics" measure="purchases" variant="line" smoothing={7} ongoldboard-select={(e) => e.detail.day.toUpperCase()} />
    <segment-breakdown dataset-name="segment_summary" measure="user_share" variant="donut" ongoldboard-select={(e) => e.detail.segment} />
    <top-list dataset-name="top_users" measure="spend" limit={10} ongoldboard-select={(e: CustomEvent<TopSelectDetail>) => e.detail.rank} />
    <goldboard-source name="gold" base="/gold/" />
  </>
);

export const components = (
  <>
    <KpiCard src="/gold/kpi_summary.arrow" measure="conversion_rate" trend trendDays={14} className="card" onError={(e) => e.detail.message} />
    <RevenueTrend datasetName="daily_metrics" measure="revenue" onSelect={(e) => e.detail.value} />
    <SegmentBreakdown measure="avg_revenue" onSelect={(e) => e.detail.selected} />
    <TopList datasetName="top_products" measure="views" onSelect={(e) => e.detail.productId} onReady={(e) => e.detail.dataset} />
  </>
);

// Listeners from script: the event map gives every Goldboard event its detail.
document.querySelector('revenue-trend')?.addEventListener('goldboard-select', (e) => {
  const detail: TrendSelectDetail | TopSelectDetail | object = e.detail;
  return detail;
});
document.body.addEventListener('goldboard-error', (e) => {
  const detail: GoldErrorDetail = e.detail;
  return detail.error.code;
});
