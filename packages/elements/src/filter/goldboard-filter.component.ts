import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { SEGMENT_LABELS, type DatasetName, type SourceFilter } from '@goldboard/core';
import { FilterControl } from './filter-control.js';

/**
 * A segment filter for every element of a source: a menu of the Gold segments (from
 * `segment_summary`) and, once one is chosen, a button to show every segment again. The source's
 * elements follow it with no page code: lists of users (`top_users`) show that segment's only,
 * and segment charts show it as their selection; elements of other sources are untouched.
 * With `follow="select"`, choosing a segment on a chart of the same source (`goldboard-select`
 * from `<segment-breakdown>`) chooses it here too, and choosing it again clears it. With
 * `history`, the segment is kept in the address (`?segment=…`).
 *
 * @tagname goldboard-filter
 * @summary A segment filter for every element of a source, chosen from a menu or from a segment chart.
 *
 * @example
 * <goldboard-filter source="shop" segment follow="select"></goldboard-filter>
 * <segment-breakdown source="shop" measure="users"></segment-breakdown>
 * <top-list source="shop" dataset-name="top_users"></top-list>
 *
 * @event {CustomEvent<FilterChangeDetail>} goldboard-filter-change - A segment was chosen or cleared. `detail: { source, from, to, segment }`.
 *
 * @csspart form - The form around the controls.
 * @csspart segment - The segment menu.
 * @csspart clear - The button that shows every segment again (while one is chosen).
 * @csspart error - Why the address's segment or the segments could not be used.
 */
export class GoldboardFilter extends FilterControl {
  static override properties: PropertyDeclarations = {
    segment: { type: Boolean, reflect: true },
    follow: { type: String, reflect: true },
  };

  /** Filters by segment (the dimension this filter chooses). */
  declare segment: boolean;
  /** `select`: a segment chosen on a chart of the same source is chosen here too. */
  declare follow: string | undefined;

  protected readonly choicesFrom = ['segment_summary', ['segment']] as const satisfies readonly [DatasetName, readonly string[]];
  protected readonly keys = ['segment'] as const satisfies readonly (keyof SourceFilter)[];

  constructor() {
    super();
    this.segment = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('goldboard-select', this.onSelect);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('goldboard-select', this.onSelect);
  }

  /** The segment in force, or '' for every segment. */
  get value(): string {
    return this.chosen.segment ?? '';
  }

  /** Chooses a segment ('' for every segment), as the menu does. */
  select(segment: string): void {
    this.choose({ segment });
  }

  private readonly onSelect = (event: Event): void => {
    const target = event.target as Element & { source?: string };
    const detail = (event as CustomEvent<{ segment?: unknown; selected?: boolean }>).detail;
    if (this.follow !== 'select' || !this.segment || !this.source || target.getAttribute?.('source') !== this.source || typeof detail?.segment !== 'string') return;
    this.choose({ segment: detail.selected === false ? '' : detail.segment });
  };

  /** The segments of the Gold data, in the contract's order first. */
  private get segments(): string[] {
    const found = new Set((this.choices?.texts('segment') ?? []).filter((s): s is string => Boolean(s)));
    const known = SEGMENT_LABELS.filter((s) => found.has(s));
    return [...known, ...[...found].filter((s) => !known.includes(s as never)).sort()];
  }

  private clear(): void {
    this.choose({ segment: '' });
    // The button is gone: the focus goes to the menu.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLSelectElement>('select')?.focus());
  }

  /** The menu shows the segment in force, whatever was picked in it before (the markup says it for the first view). */
  protected override updated(): void {
    const menu = this.renderRoot.querySelector<HTMLSelectElement>('[part~="segment"]');
    if (menu && menu.value !== this.value) menu.value = this.value;
  }

  override render(): TemplateResult {
    if (!this.segment) return html`<p part="error" role="alert">goldboard-filter needs what it filters: add the segment attribute.</p>`;
    const value = this.value;
    const segments = this.segments;
    if (value && !segments.includes(value)) segments.push(value);
    return html`<form part="form" aria-label=${this.label || 'Segment filter'} @submit=${(e: Event) => e.preventDefault()}>
        <label>Segment
          <select part="segment" name="segment" @change=${(e: Event) => this.choose({ segment: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!value}>All segments</option>
            ${segments.map((s) => html`<option value=${s} ?selected=${s === value}>${s}</option>`)}
          </select>
        </label>
        ${value ? html`<button part="clear" type="button" @click=${this.clear}>Show all segments</button>` : nothing}
      </form>
      ${this.note ? html`<p part="error" role="alert">${this.note}</p>` : nothing}`;
  }
}
