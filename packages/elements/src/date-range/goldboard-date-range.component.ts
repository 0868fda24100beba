import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, isoDay, parseIsoDate, type DatasetName, type SourceFilter } from '@goldboard/core';
import { FilterControl } from '../filter/filter-control.js';
import { periodPresets, presetValue, type Preset } from './presets.js';

/**
 * A date range for every element of a source: a Period menu made from the source's Gold period
 * (every day, the last 7 and 30 days, each month), two date fields and Apply. The elements that
 * read the source load the chosen days (`from`, `to`) with no page code; elements of other
 * sources are untouched. With `history`, the range is kept in the address (`?from=…&to=…`) and
 * each choice is a history entry. Keyboard and screen-reader usable: a labelled form, labelled
 * fields, the days shown read out as a status.
 *
 * @tagname goldboard-date-range
 * @summary A date range (presets from the Gold period, two date fields) that filters every element of a source.
 *
 * @example
 * <goldboard-source name="shop" server="https://gold.example.com"></goldboard-source>
 * <goldboard-date-range source="shop" history></goldboard-date-range>
 * <kpi-card source="shop" measure="revenue"></kpi-card>
 *
 * @event {CustomEvent<FilterChangeDetail>} goldboard-filter-change - A range was chosen. `detail: { source, from, to, segment }`.
 *
 * @csspart form - The form around the controls.
 * @csspart preset - The Period menu.
 * @csspart from - The first day's field.
 * @csspart to - The last day's field.
 * @csspart apply - The Apply button.
 * @csspart summary - The days shown, in words (a status for assistive technology).
 * @csspart error - Why the address's range was not used.
 */
export class GoldboardDateRange extends FilterControl {
  protected readonly choicesFrom = ['kpi_summary', ['first_date', 'last_date']] as const satisfies readonly [DatasetName, readonly string[]];
  protected readonly keys = ['from', 'to'] as const satisfies readonly (keyof SourceFilter)[];

  /** The first day of the range in force, `YYYY-MM-DD`, or '' for none. */
  get from(): string {
    return this.chosen.from ?? '';
  }

  /** The last day of the range in force, `YYYY-MM-DD`, or '' for none. */
  get to(): string {
    return this.chosen.to ?? '';
  }

  /** Chooses a range (both days `YYYY-MM-DD`, or '' for open), as Apply does. */
  select(from: string, to: string): void {
    this.choose({ from, to });
  }

  /** The first and last day of the source's Gold data, once read. */
  get period(): readonly [number, number] | undefined {
    const table = this.choices;
    const [first, last] = [table?.numbers('first_date')[0], table?.numbers('last_date')[0]];
    return first === undefined || last === undefined || Number.isNaN(first) || Number.isNaN(last) ? undefined : [first, last];
  }

  private get presets(): Preset[] {
    const period = this.period;
    return period ? periodPresets(period[0], period[1], { locale: this.locale }) : [{ label: 'All days', from: '', to: '' }];
  }

  private field(name: 'from' | 'to'): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>(`[part~="${name}"]`)!;
  }

  private submit(event: Event): void {
    event.preventDefault();
    const [from, to] = [this.field('from'), this.field('to')];
    if (from.value && to.value && from.value > to.value) {
      to.setCustomValidity('The last day comes before the first.');
      to.reportValidity();
      return;
    }
    this.choose({ from: from.value, to: to.value });
  }

  private pick(event: Event): void {
    const [from = '', to = ''] = (event.target as HTMLSelectElement).value.split('/');
    this.choose({ from, to });
  }

  /** The days shown, in words: the range chosen, or the whole period. */
  private summary(): string {
    const { from, to } = this;
    const period = this.period;
    const options = { locale: this.locale };
    const day = (iso: string) => formatDate(parseIsoDate(iso), 'day', options);
    if (!from && !to) return period ? `All days: ${formatDate(period[0], 'day', options)} – ${formatDate(period[1], 'day', options)}` : 'All days';
    const start = from ? day(from) : period ? formatDate(period[0], 'day', options) : 'the first day';
    const end = to ? day(to) : period ? formatDate(period[1], 'day', options) : 'the last day';
    return `${start} – ${end}`;
  }

  /** The menu shows the range in force, whatever was picked in it before (the markup says it for the first view). */
  protected override updated(): void {
    const menu = this.renderRoot.querySelector<HTMLSelectElement>('[part~="preset"]');
    const value = presetValue(this.from, this.to);
    const known = [...(menu?.options ?? [])].some((o) => o.value === value && o.value !== 'custom');
    if (menu && menu.value !== (known ? value : 'custom')) menu.value = known ? value : 'custom';
  }

  override render(): TemplateResult {
    const { from, to } = this;
    const presets = this.presets;
    const value = presetValue(from, to);
    const known = presets.some((p) => presetValue(p.from, p.to) === value);
    const period = this.period;
    const [min, max] = period ? [isoDay(period[0]), isoDay(period[1])] : ['', ''];
    // The fields show the range in force; editing them clears the last day's complaint.
    const edited = () => this.field('to').setCustomValidity('');
    return html`<form part="form" aria-label=${this.label || 'Date range'} @submit=${this.submit}>
        <label>Period
          <select part="preset" name="preset" @change=${this.pick}>
            ${presets.map((p) => html`<option value=${presetValue(p.from, p.to)} ?selected=${presetValue(p.from, p.to) === value}>${p.label}</option>`)}
            <option value="custom" disabled hidden ?selected=${!known}>Chosen days</option>
          </select>
        </label>
        <label>From <input part="from" type="date" name="from" min=${min || nothing} max=${max || nothing} .value=${from} @input=${edited} /></label>
        <label>To <input part="to" type="date" name="to" min=${min || nothing} max=${max || nothing} .value=${to} @input=${edited} /></label>
        <button part="apply" type="submit">Apply</button>
      </form>
      <p part="summary" role="status">${this.summary()}</p>
      ${this.note ? html`<p part="error" role="alert">${this.note}</p>` : nothing}`;
  }
}
