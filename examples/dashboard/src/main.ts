// The reference dashboard: both pages of the original Databricks SQL dashboards, composed only
// from the public elements. This file wires them: the data source, the date range, the
// segment filter, the pages and the insights. The elements do all the drawing.
// First: elements rendered on the server take over their markup (it loads Lit's hydration support).
import '@goldboard/elements/hydrate.js';
import '@goldboard/elements';
import {
  DAY,
  LatestRequest,
  formatDate,
  isAbortError,
  isoDay,
  isCalendarDay,
  registerSource,
  sharedLoader,
  validateTable,
  type GoldQuery,
  type GoldTable,
} from '@goldboard/core';
import { keyInsights, recommendations, type GoldForInsights, type Insight } from './insights.js';
import { goldSource } from './source.js';

const source = goldSource();
registerSource('gold', source.adapter);

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;
const goldElements = () => [...document.querySelectorAll<HTMLElement>('[source="gold"]')];
const range = { from: '', to: '' };

if (source.note) {
  const note = $('#mode-note');
  note.textContent = source.note;
  note.hidden = false;
}

/* Pages: #business and #segments; the hash keeps the page on reload and in links. Another hash
   (the skip link's #main) leaves the page shown as it is. */
function showPage(): void {
  const hash = location.hash;
  const shown = $('#business').hidden === $('#segments').hidden ? undefined : $('#segments').hidden ? 'business' : 'segments';
  const page = hash === '#segments' ? 'segments' : hash === '#business' || hash === '' || !shown ? 'business' : shown;
  for (const id of ['business', 'segments']) {
    $(`#${id}`).hidden = id !== page;
    const tab = $(`#tab-${id}`);
    if (id === page) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
}
window.addEventListener('hashchange', showPage);
showPage();

/* The date range re-queries every element through its adapter, and the insights with them.
   Each new range is a history entry: Back returns to the range before. */
function applyRange(from: string, to: string, mode: 'push' | 'replace' | 'none' = 'push'): void {
  const changed = from !== range.from || to !== range.to;
  $('#range-error').hidden = true;
  // Days set from here (a preset, Back) never fired the fields' input event: clear their error too.
  toInput.setCustomValidity('');
  range.from = from;
  range.to = to;
  fromInput.value = from;
  toInput.value = to;
  syncPreset();
  for (const el of goldElements()) {
    for (const [name, value] of Object.entries(range)) {
      if (value) el.setAttribute(name, value);
      else el.removeAttribute(name);
    }
  }
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(range)) {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  if (mode === 'push' && changed) history.pushState(null, '', url);
  else if (mode === 'replace') history.replaceState(null, '', url);
  void renderInsights();
}

/** The Period menu shows the month when the range is one, "All days" without a range, else "Chosen days". */
function syncPreset(): void {
  const value = range.from || range.to ? `${range.from}/${range.to}` : '';
  preset.value = [...preset.options].some((o) => o.value === value) ? value : 'custom';
}

/** The range in the address: days that exist, the first not after the last; else an error to show. */
function rangeFromAddress(): { from: string; to: string; error?: string } {
  const params = new URL(location.href).searchParams;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value && !isCalendarDay(value)) return { from: '', to: '', error: `The address's ${name} (${value}) is not a calendar day (YYYY-MM-DD); showing every day.` };
  }
  if (from && to && from > to) return { from: '', to: '', error: `The address's range ends (${to}) before it starts (${from}); showing every day.` };
  return { from, to };
}
window.addEventListener('popstate', () => {
  const { from, to } = rangeFromAddress();
  if (from !== range.from || to !== range.to) applyRange(from, to, 'none');
});

const form = $<HTMLFormElement>('#range');
const fromInput = $<HTMLInputElement>('#from');
const toInput = $<HTMLInputElement>('#to');
const preset = $<HTMLSelectElement>('#preset');
// An invalid field blocks the form's submit event: its message is cleared as soon as a day is edited.
for (const input of [fromInput, toInput]) input.addEventListener('input', () => toInput.setCustomValidity(''));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (fromInput.value && toInput.value && fromInput.value > toInput.value) {
    toInput.setCustomValidity('The last day comes before the first.');
    toInput.reportValidity();
    return;
  }
  applyRange(fromInput.value, toInput.value);
});
preset.addEventListener('change', () => {
  const [from = '', to = ''] = preset.value.split('/');
  applyRange(from, to);
});
$('#print').addEventListener('click', () => window.print());

/* A segment chosen on the segmentation page filters the top-users list. Every segment chart
   shows the one choice; the filter line says it (a live region) and takes the focus. */
const topUsers = $('#top-users');
const segmentFilter = $('#segment-filter');
function filterSegment(segment: string | null): void {
  if (segment) topUsers.setAttribute('segment', segment);
  else topUsers.removeAttribute('segment');
  for (const chart of document.querySelectorAll<HTMLElement & { selected?: string }>('segment-breakdown')) chart.selected = segment ?? undefined;
  $('#segment-name').textContent = segment ?? '';
  segmentFilter.hidden = !segment;
}
document.addEventListener('goldboard-select', (event) => {
  const target = event.target as HTMLElement;
  const { segment, selected } = (event as CustomEvent<{ segment?: string; selected?: boolean }>).detail ?? {};
  if (target.localName !== 'segment-breakdown' || !segment) return;
  // Choosing the selected segment again clears the choice.
  if (selected === false) {
    filterSegment(null);
    return;
  }
  filterSegment(segment);
  location.hash = '#business';
  showPage(); // now, not at hashchange: the list must be shown to be scrolled to
  segmentFilter.scrollIntoView({ block: 'start' });
  segmentFilter.focus({ preventScroll: true });
});
$('#clear-segment').addEventListener('click', () => {
  filterSegment(null);
  // The button is gone: the focus goes to the list it filtered.
  topUsers.focus();
});

/* Insights: the same shared requests as the elements, so no table is fetched twice. */
async function load(query: GoldQuery, signal: AbortSignal, columns?: string[]): Promise<GoldTable> {
  const table = await sharedLoader.load(source.adapter, query, signal);
  return validateTable(query.dataset, table, columns ? { columns } : {});
}

// A newer range supersedes the insights under way (their requests are cancelled).
const insightsRequest = new LatestRequest();
async function renderInsights(): Promise<void> {
  const q = (dataset: string): GoldQuery => ({ dataset, from: range.from || undefined, to: range.to || undefined });
  try {
    const result = await insightsRequest.run((signal) =>
      Promise.all([
        load(q('kpi_summary'), signal, ['revenue', 'buyers', 'first_date', 'last_date']),
        load(q('daily_metrics'), signal, ['event_date', 'revenue']),
        load(q('segment_summary'), signal),
        load({ ...q('top_users'), limit: 100 }, signal, ['spend']),
      ]),
    );
    if (!result.current) return;
    const [kpi, daily, segments, topUsersTable] = result.value;
    const gold: GoldForInsights = { kpi, daily: source.filtersByRange ? daily : daysInRange(daily), segments, topUsers: topUsersTable };
    const insights = keyInsights(gold);
    fill('#business-insights', insights.filter((i) => ['top-buyers', 'peak-low'].includes(i.id)));
    fill('#segment-insights', insights.filter((i) => !['top-buyers', 'peak-low'].includes(i.id)));
    fill('#recommendations', recommendations(gold));
    const period = periodOf(kpi);
    if (period) describePeriod(...period);
    else if (range.from || range.to) $('#period').textContent = `REES46 multi-category store · no data from ${range.from || 'the start'} to ${range.to || 'the end'}`;
  } catch (error) {
    if (isAbortError(error)) return;
    // Every list says so: none keeps the figures of the range before.
    const unavailable = [{ id: 'error', title: 'Insights unavailable', text: (error as Error).message }];
    for (const list of ['#business-insights', '#segment-insights', '#recommendations']) fill(list, unavailable);
  }
}

/** A static file holds every day: keep those of the chosen range. */
function daysInRange(daily: GoldTable): GoldTable {
  if (!range.from && !range.to) return daily;
  const lo = range.from ? Date.parse(range.from) : -Infinity;
  const hi = range.to ? Date.parse(range.to) : Infinity;
  const days = daily.numbers('event_date');
  const rows: number[] = [];
  days.forEach((day, i) => {
    if (day >= lo && day <= hi) rows.push(i);
  });
  return daily.take(rows);
}

function fill(selector: string, found: readonly Insight[]): void {
  const list = $(selector);
  // A range without the data an insight needs says so, rather than leaving the list blank.
  const items = found.length ? found : [{ id: 'none', title: 'Nothing to report', text: 'There is not enough data in this range for these insights.' }];
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement('li');
      li.dataset.insight = item.id;
      const title = document.createElement('strong');
      title.textContent = item.title;
      li.append(title, document.createTextNode(` ${item.text}`));
      return li;
    }),
  );
}

/** The header's period: the chosen range, or the whole period of the data. */
/** The first and last day a kpi_summary table covers; undefined when it has none. */
function periodOf(kpi: GoldTable): [number, number] | undefined {
  const [first, last] = [kpi.numbers('first_date')[0], kpi.numbers('last_date')[0]];
  return first === undefined || last === undefined || Number.isNaN(first) || Number.isNaN(last) ? undefined : [first, last];
}

function describePeriod(first: number, last: number): void {
  $('#period').textContent = `REES46 multi-category store · ${formatDate(first)} – ${formatDate(last)}`;
}

/** The date limits and one preset per calendar month, from the whole period (not the chosen range). */
async function makePresets(): Promise<void> {
  const kpi = await load({ dataset: 'kpi_summary' }, new AbortController().signal, ['first_date', 'last_date']);
  const period = periodOf(kpi);
  if (!period) return;
  const [first, last] = period;
  if (!range.from && !range.to) describePeriod(first, last);
  fromInput.min = toInput.min = isoDay(first);
  fromInput.max = toInput.max = isoDay(last);
  const options: HTMLOptionElement[] = [];
  const cursor = new Date(first);
  cursor.setUTCDate(1);
  while (cursor.getTime() <= last) {
    const start = Math.max(cursor.getTime(), first);
    const next = Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1);
    const end = Math.min(next - DAY, last);
    options.push(new Option(formatDate(start, 'month'), `${isoDay(start)}/${isoDay(end)}`));
    cursor.setTime(next);
  }
  preset.append(...options);
  syncPreset();
}

/* Start from the range in the address, if any (checked: a bad one is said and left out). */
const start = rangeFromAddress();
if (start.from || start.to || start.error) applyRange(start.from, start.to, 'replace');
else void renderInsights();
if (start.error) {
  const note = $('#range-error');
  note.textContent = start.error;
  note.hidden = false;
}
makePresets().catch(() => {
  // Without the period the presets stay empty; the cards show the error themselves.
});
