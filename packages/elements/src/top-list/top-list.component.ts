import { html, type TemplateResult } from 'lit';
import { GoldError, formatNumber, measureSpec, sourceFilter, type DatasetName, type SourceFilter, type GoldTable, type NumberFormatName } from '@goldboard/core';
import { GoldElement, type GoldProperties } from '../base/gold-element.js';
import { barList, barScale, type BarItem } from '../chart/bar-list.js';
import { barListStyles, chartStyles } from '../chart/chart.styles.js';
import { dataTable } from '../chart/data-table.js';
import type { LinearScale } from '../chart/linear-scale.js';
import { productIdText, rankItems, TOP_DATASETS, type RankedItem, type TopDataset } from './ranking.js';
import { topListStyles } from './top-list.styles.js';


/** Detail of `goldboard-select` from `<top-list>`. */
export interface TopSelectDetail {
  dataset: TopDataset;
  /** The product id (top_products) or user id (top_users). */
  id: number;
  productId?: number;
  userId?: number;
  label: string;
  rank: number;
  measure: string;
  value: number | null;
  /** The row, every column (dates as epoch ms). */
  row: Record<string, number | string | null>;
}

/**
 * A ranked list of horizontal bars: Top Products by Revenue (`dataset-name="top_products"`, labelled
 * by brand and category code, or product id) or Top Users by Purchase & Spend
 * (`dataset-name="top_users"`, by user id with purchases and spend). Long labels are truncated with
 * the full text kept in the tooltip and the accessible name. Each row is a button that fires
 * `goldboard-select`. With `segment`, only that segment's users are listed.
 *
 * @tagname top-list
 * @summary Top products or top users as ranked bars.
 *
 * @example
 * <top-list src="gold/top_products.arrow" dataset-name="top_products" limit="10"></top-list>
 * <top-list src="gold/top_users.arrow" dataset-name="top_users" measure="purchases"></top-list>
 *
 * @event {CustomEvent<TopSelectDetail>} goldboard-select - A row was chosen. `detail: { dataset, id, productId | userId, label, rank, measure, value, row }`.
 *
 * @csspart title - The list's title.
 * @csspart list - The ordered list.
 * @csspart row - One row's button.
 * @csspart rank - A row's position.
 * @csspart label - A row's label (truncated with an ellipsis).
 * @csspart secondary - A row's second fact (purchases or spend, product id).
 * @csspart value - A row's formatted value.
 * @csspart bar - A row's bar.
 * @csspart data-table - The visually hidden table of the values.
 *
 * @cssprop --goldboard-accent - Colour of the bars.
 */
export class TopList extends GoldElement {
  static override styles = [...GoldElement.styles, chartStyles, barListStyles, topListStyles];

  static override properties: GoldProperties = {
    measure: { type: String, data: true },
    label: { type: String },
  };

  /** The column ranked by: `revenue` (default), `purchases` or `views` for top_products; `spend` (default), `purchases` or `events` for top_users. */
  declare measure: string | undefined;
  /** The title; `Top Products by Revenue`, `Top Users by Spend`, … by default. */
  declare label: string | undefined;

  protected readonly gold = this.dataController({
    columns: () => this.requiredColumns(),
    queryLimit: () => this.queryLimit(),
    numeric: () => ['measure', this.resolvedMeasure],
    check: () => {
      if (this.resolvedDataset !== 'top_products' && this.resolvedDataset !== 'top_users') {
        throw new GoldError('bad-param', `top-list reads top_products or top_users, not ${this.resolvedDataset}; set dataset-name="top_products" or dataset-name="top_users".`);
      }
    },
    isEmpty: (table) => table.numRows === 0 || this.derive(table).items.length === 0,
  });
  private cache: { table: GoldTable; items: RankedItem[]; scale: LinearScale } | undefined;

  protected get defaultDataset(): DatasetName {
    return 'top_products';
  }

  private get topDataset(): TopDataset {
    return this.resolvedDataset === 'top_users' ? 'top_users' : 'top_products';
  }

  /** The measure ranked by, after defaults. */
  get resolvedMeasure(): string {
    return this.measure || TOP_DATASETS[this.topDataset].measure;
  }

  /** Users are listed for the segment chosen for the source too (`<goldboard-filter segment>`). */
  override get filter(): SourceFilter {
    const filter = super.filter;
    return this.topDataset === 'top_users' ? { ...filter, segment: filter.segment || sourceFilter(this.source!).segment } : filter;
  }

  /** How many rows are listed at most (`limit`, 10 by default). */
  private get rowLimit(): number {
    return this.limitOr(10, 100);
  }

  /** The bars are HTML: their SVG/PNG export draws the list as laid out. */
  protected override exportHtmlDrawing(): HTMLElement | null {
    return this.shadowRoot?.querySelector<HTMLElement>('[part~="list"]') ?? null;
  }

  /** The adapter may cut the rows only when they are listed in its order (revenue, spend). */
  private queryLimit(): number | undefined {
    return this.resolvedMeasure === TOP_DATASETS[this.topDataset].measure ? this.rowLimit : undefined;
  }

  protected get accessibleLabel(): string {
    const measure = measureSpec(this.topDataset, this.resolvedMeasure).label;
    return this.label || `${TOP_DATASETS[this.topDataset].title} ${measure}`;
  }

  private requiredColumns(): string[] {
    const d = this.topDataset;
    const columns = d === 'top_products' ? ['rank', 'product_id', 'category_code', 'brand'] : ['rank', 'user_id', 'purchases', 'spend'];
    if (d === 'top_users' && this.filter.segment) columns.push('segment');
    if (!columns.includes(this.resolvedMeasure)) columns.push(this.resolvedMeasure);
    return columns;
  }

  protected override defaultFormat(): NumberFormatName {
    return measureSpec(this.topDataset, this.resolvedMeasure).format;
  }

  protected override emptyMessage(): string {
    const { segment } = this.filter;
    if (this.table && this.table.numRows > 0 && segment) return `No ${this.topDataset === 'top_users' ? 'users' : 'rows'} in the segment “${segment}”.`;
    return super.emptyMessage();
  }

  /** The CSV export holds the rows listed, in their order (after the segment filter and the limit). */
  protected override exportTable(): GoldTable | undefined {
    return this.table ? this.table.take(this.derive(this.table).items.map((item) => item.row)) : undefined;
  }

  /** The rows listed now, in order; empty before data arrives. */
  get items(): readonly RankedItem[] {
    return this.cache?.items ?? [];
  }

  /** The value domain of the bars (zero-based). */
  get valueDomain(): readonly [number, number] | undefined {
    return this.cache?.scale.domain;
  }

  /** The rows listed: recomputed per table (a new measure, limit or segment loads a new table). */
  private derive(table: GoldTable) {
    if (this.cache?.table !== table) {
      const items = rankItems(table, this.topDataset, this.resolvedMeasure, this.rowLimit, this.filter.segment);
      this.cache = { table, items, scale: barScale(items.map((d) => d.value)) };
    }
    return this.cache;
  }

  private secondary(table: GoldTable, item: RankedItem): string {
    const options = this.formatOptions;
    if (this.topDataset === 'top_products') return productIdText(item.id);
    // Users: show whichever of purchases and spend is not the measure.
    const other = this.resolvedMeasure === 'spend' ? 'purchases' : 'spend';
    const v = table.numbers(other)[item.row];
    return other === 'purchases' ? `${formatNumber(v, 'integer', options)} ${v === 1 ? 'purchase' : 'purchases'}` : `${formatNumber(v, 'currency', options)} spend`;
  }

  protected renderReady(table: GoldTable): TemplateResult {
    const { items, scale } = this.derive(table);
    const options = this.formatOptions;
    const measureLabel = measureSpec(this.topDataset, this.resolvedMeasure).label;
    const bars: BarItem<RankedItem>[] = items.map((item) => ({
      key: `${item.row}`,
      label: item.label,
      rank: item.position,
      secondary: this.secondary(table, item),
      value: item.value,
      valueText: formatNumber(item.value, this.numberFormat, options),
      detail: item,
    }));
    const title = this.accessibleLabel;
    const itemName = TOP_DATASETS[this.topDataset].item;
    const rows = bars.map((b) => [String(b.rank), b.label, b.secondary ?? '', b.valueText]);
    return html`<div class="chart">
      <div class="head"><p part="title">${title}</p></div>
      ${barList(bars, scale, title, (b) => this.choose(b.detail))}
      ${dataTable(title, ['Rank', itemName, this.topDataset === 'top_users' ? (this.resolvedMeasure === 'spend' ? 'Purchases' : 'Spend') : 'Product id', measureLabel], rows)}
    </div>`;
  }

  private choose(item: RankedItem): void {
    const dataset = this.topDataset;
    this.emit<TopSelectDetail>('goldboard-select', {
      dataset,
      id: item.id,
      ...(dataset === 'top_products' ? { productId: item.id } : { userId: item.id }),
      label: item.label,
      rank: item.rank,
      measure: this.resolvedMeasure,
      value: item.value - item.value === 0 ? item.value : null,
      row: this.table?.row(item.row) ?? {},
    });
  }
}
