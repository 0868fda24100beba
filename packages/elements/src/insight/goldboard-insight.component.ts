import { css, html, type TemplateResult } from 'lit';
import { GoldError, sourceFilter, type DatasetName, type GoldTable } from '@goldboard/core';
import { GoldElement, type GoldProperties, type LoadContext } from '../base/gold-element.js';
import type { DataRequest } from '../base/gold-data-controller.js';
import { MOVER_MEASURES, daysWithin, keyInsights, previousRange, recommendations, type GoldForInsights, type Insight } from './insights.js';

/** The kinds of insight, by name, and the groups of them `kind` also accepts. */
export const INSIGHT_GROUPS: Readonly<Record<string, readonly string[]>> = {
  key: ['concentration', 'top-buyers', 'engagement', 'largest-segment', 'peak-low', 'movers'],
  business: ['top-buyers', 'peak-low', 'movers'],
  segments: ['concentration', 'engagement', 'largest-segment'],
  recommendations: ['high-value', 'browsers', 'occasional'],
};

type Part = keyof Omit<GoldForInsights, 'range'>;
const RECOMMENDATIONS = new Set(INSIGHT_GROUPS.recommendations);
/** The tables each insight reads. */
const NEEDS: Readonly<Record<string, readonly Part[]>> = {
  concentration: ['segments'],
  engagement: ['segments'],
  'largest-segment': ['segments'],
  'top-buyers': ['kpi', 'topUsers'],
  'peak-low': ['daily'],
  movers: ['daily', 'previous'],
  'high-value': ['segments'],
  browsers: ['segments'],
  occasional: ['segments'],
};
const DATASET: Readonly<Record<Part, DatasetName>> = { segments: 'segment_summary', daily: 'daily_metrics', previous: 'daily_metrics', kpi: 'kpi_summary', topUsers: 'top_users' };

/**
 * Key insights and recommendations in sentences, computed from the Gold data of a source (or
 * `src`, `adapter`): peak and low days, the revenue of the biggest buyers, the share and
 * engagement of the segments, the sums that moved most against the same number of days before,
 * and a recommendation per segment. Deterministic and `Intl`-formatted; it follows its source's
 * filters (the range, and for recommendations the segment), and says so when the range holds
 * too little data. Text only: nothing from data is read as markup.
 *
 * @tagname goldboard-insight
 * @summary Data-driven insights and recommendations in sentences, following the source's filters.
 *
 * @example
 * <goldboard-insight source="shop" kind="business" label="Key insights"></goldboard-insight>
 * <goldboard-insight source="shop" kind="recommendations"></goldboard-insight>
 *
 * @csspart title - The title.
 * @csspart list - The list of insights.
 * @csspart insight - One insight (its `data-insight` attribute names its kind).
 * @csspart insight-title - An insight's title.
 */
export class GoldboardInsight extends GoldElement {
  static override styles = [
    ...GoldElement.styles,
    css`
      [part~='title'] {
        margin: 0 0 8px;
        font-weight: 600;
      }
      [part~='list'] {
        margin: 0;
        padding-left: 1.2em;
        display: grid;
        gap: 6px;
      }
      [part~='insight'] {
        overflow-wrap: anywhere;
      }
    `,
  ];

  static override properties: GoldProperties = {
    kind: { type: String, default: 'key', data: true, check: (value: string, el: Element) => void kinds(value, el) },
    label: { type: String },
  };

  /**
   * What to tell, as names separated by spaces: a group (`key`: every key insight, the default;
   * `business`; `segments`; `recommendations`) or single insights (`concentration`, `top-buyers`,
   * `engagement`, `largest-segment`, `peak-low`, `movers`, `high-value`, `browsers`, `occasional`).
   */
  declare kind: string;
  /** The title; `Key insights` or `Recommendations` by default. */
  declare label: string | undefined;

  private readonly found = new WeakMap<GoldTable, GoldForInsights>();

  protected readonly gold = this.dataController({
    columns: () => this.columnsOf(this.resolvedDataset),
    load: (context) => this.loadAll(context),
    isEmpty: (table) => this.insights(table).length === 0,
  });

  /** The insights asked for, by name. */
  get insightNames(): readonly string[] {
    return kinds(this.kind);
  }

  /** The tables the insights asked for read. */
  private get parts(): Set<Part> {
    const parts = new Set(this.insightNames.flatMap((name) => NEEDS[name] ?? []));
    const { from, to } = this.filter;
    if (!(from && to)) parts.delete('previous');
    return parts;
  }

  protected get defaultDataset(): DatasetName {
    return DATASET[[...this.parts][0] ?? 'segments'];
  }

  protected get accessibleLabel(): string {
    return this.label || (this.insightNames.every((name) => RECOMMENDATIONS.has(name)) ? 'Recommendations' : 'Key insights');
  }

  /** Insights read every table for the range only: the segment narrows the recommendations, not the queries. */
  protected override dataRequest(columns: readonly string[], queryLimit?: number): DataRequest {
    return { ...super.dataRequest(columns, queryLimit), segment: undefined };
  }

  private columnsOf(dataset: DatasetName): string[] {
    switch (dataset) {
      case 'segment_summary':
        return ['segment', 'users', 'user_share', 'revenue_share', 'avg_revenue', 'avg_events', 'avg_purchases', 'conversion_rate'];
      case 'daily_metrics':
        return ['event_date', ...(this.insightNames.includes('movers') ? MOVER_MEASURES.map(([column]) => column) : ['revenue'])];
      case 'kpi_summary':
        return ['revenue', 'buyers'];
      default:
        return ['spend'];
    }
  }

  /** Loads each table the insights read (shared with the source's other elements), keyed to the main one. */
  private loadAll(context: LoadContext): GoldTable | Promise<GoldTable> {
    const { from, to } = this.filter;
    const parts = [...this.parts];
    const answers = parts.map((part) =>
      part === 'previous' ? context.load(DATASET[part], this.columnsOf(DATASET[part]), previousRange(from!, to!)) : context.load(DATASET[part], this.columnsOf(DATASET[part])),
    );
    const settle = (tables: GoldTable[]): GoldTable => {
      const gold: GoldForInsights = { range: from && to ? { from, to } : undefined };
      parts.forEach((part, i) => {
        const table = tables[i]!;
        gold[part] = part === 'daily' ? daysWithin(table, from, to) : part === 'previous' ? daysWithin(table, previousRange(from!, to!).from, previousRange(from!, to!).to) : table;
      });
      this.found.set(tables[0]!, gold);
      return tables[0]!;
    };
    return answers.some((a) => a instanceof Promise) ? Promise.all(answers).then(settle) : settle(answers as GoldTable[]);
  }

  /** The insights of a table's set, in the order asked. */
  private insights(table: GoldTable): Insight[] {
    const gold = this.found.get(table);
    if (!gold) return [];
    const names = this.insightNames;
    const options = this.formatOptions;
    const segment = this.segment || sourceFilter(this.source!).segment;
    const all = [...keyInsights(gold, options), ...recommendations(gold, options, segment)];
    return all.filter((insight) => names.includes(insight.id));
  }

  protected override emptyMessage(): string {
    return this.table ? 'Nothing to report: there is not enough data in this range for these insights.' : super.emptyMessage();
  }

  /** Every view is announced politely when the filters change what it says. */
  override render(): TemplateResult {
    return html`<div aria-live="polite">${super.render()}</div>`;
  }

  protected renderReady(table: GoldTable): TemplateResult {
    return html`<p part="title">${this.accessibleLabel}</p>
      <ul part="list">
        ${this.insights(table).map(
          (insight) => html`<li part="insight" data-insight=${insight.id}><strong part="insight-title">${insight.title}</strong> ${insight.text}</li>`,
        )}
      </ul>`;
  }
}

/**
 * The insight names of a `kind` value. A name it does not know is left out, or with `el` (the
 * attribute's check) an error naming the known ones.
 */
function kinds(value: string | undefined, el?: Element): string[] {
  const out: string[] = [];
  for (const name of (value || 'key').split(/[\s,]+/).filter(Boolean)) {
    // Own keys only: `toString` or `constructor` is not a kind.
    const group = Object.hasOwn(INSIGHT_GROUPS, name) ? INSIGHT_GROUPS[name] : Object.hasOwn(NEEDS, name) ? [name] : undefined;
    if (group) out.push(...group);
    else if (el) throw new GoldError('bad-param', `${el.localName} kind must be ${Object.keys(INSIGHT_GROUPS).join(', ')} or insight names (${Object.keys(NEEDS).join(', ')}), got \`${name}\`.`);
  }
  return [...new Set(out)];
}
