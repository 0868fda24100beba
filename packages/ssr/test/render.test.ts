// Server rendering of every element in every state, checked as HTML.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderElement, renderPage, styleHashes, styleText, EMBEDDED_ELEMENTS } from '../src/index.js';
import { EMPTY_ROWS, FIXTURE_ROWS, fixtureAdapter } from './fixtures.js';

/** The shadow root's markup without Lit's hydration comments and the stylesheet. */
function shadow(html: string): string {
  const match = /<template shadowroot="open" shadowrootmode="open"[^>]*>([\s\S]*)<\/template>/.exec(html);
  assert.ok(match, 'rendered as Declarative Shadow DOM');
  return match[1]!.replace(/<!--[^]*?-->/g, '').replace(/<style>[^]*?<\/style>/, '');
}

/** The texts of a markup, one string (tags dropped, whitespace folded). */
const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();

function snapshotOf(html: string): { key: string; tables: Record<string, { n: number; c: Record<string, unknown[]> }>; error?: { message: string }; t?: Record<string, (number | string)[]> } {
  const match = /<script type="application\/json" data-goldboard-snapshot>([^<]*)<\/script><\/[a-z-]+>$/.exec(html);
  assert.ok(match, 'the snapshot is the last child of the element');
  return JSON.parse(match[1]!);
}

describe('renderElement: ready views', () => {
  it('kpi-card: the value, label, delta, sparkline and accessible description, and the data it hydrates from', async () => {
    const adapter = fixtureAdapter();
    const r = await renderElement('kpi-card', { measure: 'revenue', trend: '' }, { adapter, wholeRows: 10 });
    assert.equal(r.state, 'ready');
    assert.match(r.html, /^<kpi-card measure="revenue" trend="" locale="en-US" state="ready"|^<kpi-card\s+measure="revenue" trend locale="en-US" state="ready"/);
    const body = shadow(r.html);
    assert.match(body, /role="group"\s+aria-label="Total Revenue"\s+aria-busy="false"/);
    assert.match(body, /<p part="value"[^>]*>(?:<span>)?\$1,234,567\.89(?:<\/span>)?<\/p>/);
    assert.match(body, /<span part="delta" class="up"[^>]*>▲ 9\.7% vs previous 7 days<\/span>/);
    assert.match(body, /<svg part="sparkline"[^>]*role="img" aria-label="Daily total revenue from Oct 1, 2019 to Oct 14, 2019: lowest \$1,000\.00, highest \$1,160\.00"/);
    assert.match(body, /<path class="line" d="M0,27L[\d.,L]+"/);
    assert.match(text(body), /Total Revenue: \$1,234,567\.89\. Oct 1, 2019 – Oct 14, 2019\. up 9\.7% from the previous 7 days/);
    // Compact: the one-row summary whole, the daily series (over 10 rows) with the columns drawn only.
    const snapshot = snapshotOf(r.html);
    assert.deepEqual(Object.keys(snapshot.tables).sort(), ['daily_metrics', 'kpi_summary']);
    assert.equal(snapshot.tables.kpi_summary!.c.revenue![0], 1234567.89);
    assert.deepEqual(Object.keys(snapshot.tables.daily_metrics!.c).sort(), ['event_date', 'revenue']);
    assert.deepEqual([...adapter.calls.keys()].sort(), ['daily_metrics', 'kpi_summary']);
    // The numbers and dates as written, for the browser to take the markup over without Intl.
    const written = snapshot.t!;
    const pairs = (key: string) => Object.fromEntries(Array.from({ length: (written[key]?.length ?? 0) / 2 }, (_, i) => [written[key]![2 * i], written[key]![2 * i + 1]]));
    assert.equal(pairs('number|currency|en-US|')[1234567.89], '$1,234,567.89');
    assert.equal(pairs('date|day|en-US')[Date.UTC(2019, 9, 1)], 'Oct 1, 2019');
    assert.ok(Object.values(pairs('number|percent|en-US|')).includes('9.7%'), 'the change, as written');
  });

  it('revenue-trend: axes, line, area, peak and low marks, at the declared size', async () => {
    const r = await renderElement('revenue-trend', { measure: 'revenue', 'show-table': '' }, { adapter: fixtureAdapter(), width: 640, height: 200 });
    assert.equal(r.state, 'ready');
    const body = shadow(r.html);
    assert.match(body, /<svg width="640" height="200" viewBox="0 0 640 200" aria-hidden="true">/);
    assert.match(body, /<path part="area" class="area" d="M[^"]+"/);
    assert.match(body, /<path part="line" class="line" d="M[^"]+"/);
    assert.match(body, /part="peak"/);
    assert.match(body, /part="low"/);
    assert.match(text(body), /Peak Mon, Oct 14, 2019: \$1,160\.00 · Low Tue, Oct 1, 2019: \$1,000\.00/);
    assert.match(body, /aria-label="Daily Revenue Trend, Tue, Oct 1, 2019 to Mon, Oct 14, 2019, 14 points\. Use the arrow keys to move between points/);
    // The data table (show-table): every day's value as text.
    assert.match(body, /<table/);
    assert.match(text(body), /Oct 1, 2019 \$1,000\.00/);
    assert.deepEqual(JSON.parse(r.snapshot).size, [640, 200]);
  });

  it('segment-breakdown: one row per segment with its value and share, and the data table', async () => {
    const r = await renderElement('segment-breakdown', { variant: 'bar' }, { adapter: fixtureAdapter() });
    assert.equal(r.state, 'ready');
    const body = shadow(r.html);
    const labels = [...body.matchAll(/<span part="label">([^<]*)<\/span>/g)].map((m) => m[1]);
    assert.deepEqual(labels.sort(), FIXTURE_ROWS.segment_summary!.map((s) => s.segment).sort());
    assert.match(body, /<table/);
    assert.match(text(body), /6,000/);
    // The bars' lengths and colours are in the markup (SVG geometry and a class, no style attribute).
    const rows = [...body.matchAll(/<button[^>]*class="(segment-[\w-]+)"[\s\S]*?<span part="label">([^<]*)<\/span>[\s\S]*?<rect part="bar" x="([\d.]+)%" width="([\d.]+)%"/g)];
    const users = new Map(FIXTURE_ROWS.segment_summary!.map((s) => [s.segment as string, Number(s.users)]));
    const most = Math.max(...users.values());
    assert.equal(rows.length, users.size);
    for (const [, , label, x, width] of rows) {
      assert.equal(Number(x), 0);
      assert.ok(Math.abs(Number(width) - (100 * users.get(label!)!) / most) < 0.01, `${label}: ${width}%`);
    }
    assert.equal(new Set(rows.map((m) => m[1])).size, users.size, 'a colour class per segment');
    assert.doesNotMatch(body, /\sstyle=/);
  });

  it('segment-breakdown donut: each slice and key swatch coloured by its class', async () => {
    const body = shadow((await renderElement('segment-breakdown', { variant: 'donut' }, { adapter: fixtureAdapter() })).html);
    const slices = [...body.matchAll(/<path\s+part="slice"\s+class="(segment-[\w-]+)\s*"/g)].map((m) => m[1]);
    assert.equal(slices.length, FIXTURE_ROWS.segment_summary!.length);
    assert.equal(new Set(slices).size, slices.length);
    assert.doesNotMatch(body, /\sstyle=/);
  });

  it('top-list: ranked rows, hostile text from the data escaped, never markup', async () => {
    const r = await renderElement('top-list', { 'dataset-name': 'top_products', limit: '5' }, { adapter: fixtureAdapter() });
    assert.equal(r.state, 'ready');
    assert.doesNotMatch(r.html, /<script>window/);
    assert.doesNotMatch(r.html, /<img src=x/);
    assert.match(r.html, /&lt;script&gt;window\.__pwned=1&lt;\/script&gt;/);
    assert.match(shadow(r.html), /<span part="rank">1\.<\/span>/);
    // Bar lengths in the markup: the first (largest) is the whole track, the others in proportion.
    const widths = [...shadow(r.html).matchAll(/<rect part="bar" x="0\.00%" width="([\d.]+)%"/g)].map((m) => Number(m[1]));
    const revenue = FIXTURE_ROWS.top_products!.map((p) => Number(p.revenue)).sort((a, b) => b - a).slice(0, 5);
    assert.deepEqual(widths, revenue.map((v) => Math.round((10000 * v) / revenue[0]!) / 100));
    // The snapshot's JSON cannot end its script element.
    assert.doesNotMatch(r.html.slice(r.html.indexOf('data-goldboard-snapshot')), /<\/script>window/);
    assert.ok(snapshotOf(r.html).tables.top_products);
  });
});

describe('renderElement: insights and filters', () => {
  it('goldboard-insight: the sentences from the data, as text, and the tables it hydrates from (the days before included)', async () => {
    const adapter = fixtureAdapter();
    const r = await renderElement('goldboard-insight', { kind: 'business', label: 'What the days say' }, { adapter, range: { from: '2019-10-08', to: '2019-10-14' } });
    assert.equal(r.state, 'ready');
    assert.equal(r.label, 'What the days say');
    // The range is the source's: loaded, not written on the element (in the browser it follows its source).
    assert.doesNotMatch(r.html, /^<goldboard-insight[^>]*\s(from|to)=/);
    const body = shadow(r.html);
    assert.match(body, /<p part="title">What the days say<\/p>/);
    const said = [...body.matchAll(/<li part="insight" data-insight="([\w-]+)">/g)].map((m) => m[1]);
    assert.deepEqual(said, ['top-buyers', 'peak-low', 'movers']);
    assert.match(text(body), /Revenue peaked on Monday, October 14, 2019 at \$1\.2K .* and was lowest on Tuesday, October 8, 2019 at \$1\.1K\./);
    assert.match(text(body), /Biggest movers against the 7 days before Against Oct 1, 2019 – Oct 7, 2019:/);
    const snapshot = snapshotOf(r.html);
    assert.equal(snapshot.key, JSON.stringify(['kpi_summary', '2019-10-08', '2019-10-14', '', null]));
    assert.deepEqual(Object.keys(snapshot.tables).sort(), ['daily_metrics', 'daily_metrics@2019-10-01/2019-10-07', 'kpi_summary', 'top_users']);
  });

  it('goldboard-insight: says there is nothing to report when the data supports no insight asked for', async () => {
    const r = await renderElement('goldboard-insight', { kind: 'segments' }, { adapter: fixtureAdapter(EMPTY_ROWS) });
    assert.equal(r.state, 'empty');
    assert.match(shadow(r.html), /<p part="message">Nothing to report: there is not enough data in this range for these insights\.<\/p>/);
  });

  it("goldboard-date-range: the Gold period's presets, the address's range in the fields and in words, the choices sent with it", async () => {
    const r = await renderElement('goldboard-date-range', { source: 'shop', history: '' }, { adapter: fixtureAdapter(), search: '?from=2019-10-03&to=2019-10-09' });
    assert.deepEqual(r.filter, { from: '2019-10-03', to: '2019-10-09' });
    const body = shadow(r.html);
    assert.match(body, /<input part="from" type="date" name="from" min="2019-10-01" max="2019-10-14" value="2019-10-03"/);
    assert.match(body, /<input part="to" type="date" name="to" min="2019-10-01" max="2019-10-14" value="2019-10-09"/);
    const options = [...body.matchAll(/<option value="([^"]*)"([^>]*)>([^<]*)<\/option>/g)].map((m) => [m[3], /\sselected/.test(m[2]!)]);
    assert.deepEqual(options, [['All days', false], ['Last 7 days', false], ['Oct 2019', false], ['Chosen days', true]]);
    assert.match(body, /<p part="summary" role="status">Oct 3, 2019 – Oct 9, 2019<\/p>/);
    assert.deepEqual(snapshotOf(r.html).tables.kpi_summary, { n: 1, c: { first_date: [Date.UTC(2019, 9, 1)], last_date: [Date.UTC(2019, 9, 14)] } });
    // A backwards range in the address: every day, and why.
    const bad = await renderElement('goldboard-date-range', { source: 'shop', history: '' }, { adapter: fixtureAdapter(), search: '?from=2019-10-09&to=2019-10-03' });
    assert.deepEqual(bad.filter, { from: '', to: '' });
    // A named filter reads its own keys (a page whose filters set several sources).
    const named = await renderElement('goldboard-date-range', { source: 'shop', history: 'sales' }, { adapter: fixtureAdapter(), search: '?from=2019-10-01&sales-from=2019-10-05' });
    assert.deepEqual(named.filter, { from: '2019-10-05', to: '' });
    assert.match(text(shadow(bad.html)), /All days: Oct 1, 2019 – Oct 14, 2019 The address&#39;s range ends \(2019-10-03\) before it starts \(2019-10-09\); showing every day\./);
  });

  it('goldboard-filter: the Gold segments in a menu, the chosen one selected with a way back to all', async () => {
    const all = await renderElement('goldboard-filter', { source: 'shop', segment: '' }, { adapter: fixtureAdapter() });
    const options = (html: string) => [...shadow(html).matchAll(/<option value="[^"]*"([^>]*)>([^<]*)<\/option>/g)].map((m) => [m[2], /\sselected/.test(m[1]!)]);
    assert.deepEqual(options(all.html), [['All segments', true], ['High-Value Loyal Customers', false], ['Occasional Buyers', false], ['Browsers / Non-Converters', false]]);
    assert.doesNotMatch(all.html, /part="clear"/);
    const one = await renderElement('goldboard-filter', { source: 'shop', segment: '', history: '' }, { adapter: fixtureAdapter(), search: '?segment=Occasional+Buyers' });
    assert.deepEqual(one.filter, { segment: 'Occasional Buyers' });
    assert.deepEqual(options(one.html).filter(([, selected]) => selected), [['Occasional Buyers', true]]);
    assert.match(shadow(one.html), /<button part="clear" type="button"\s*>Show all segments<\/button>/);
  });

  it('a filter whose choices cannot be read shows its controls and says why', async () => {
    const r = await renderElement('goldboard-filter', { source: 'shop', segment: '' }, { adapter: fixtureAdapter({ segment_summary: [{ users: 7 }] }) });
    assert.equal(r.state, 'error');
    assert.match(shadow(r.html), /<select part="segment"/);
    assert.match(shadow(r.html), /<p part="error" role="alert">[^<]*segment/);
    assert.equal(snapshotOf(r.html).error?.message, r.error?.message);
  });
});

describe('renderElement: empty and error views', () => {
  for (const tag of EMBEDDED_ELEMENTS) {
    it(`${tag}: no rows renders the empty view`, async () => {
      const r = await renderElement(tag, {}, { adapter: fixtureAdapter(EMPTY_ROWS) });
      assert.equal(r.state, 'empty');
      assert.match(shadow(r.html), /<p part="message">No data for this selection\.<\/p>/);
    });
  }

  it('an attribute outside its domain renders the error view with its reason, and the snapshot says it', async () => {
    const adapter = fixtureAdapter();
    const r = await renderElement('revenue-trend', { from: '2019-13-01' }, { adapter });
    assert.equal(r.state, 'error');
    assert.match(shadow(r.html), /<div part="error" role="alert">\s*<p>revenue-trend from must be a calendar day like 2019-11-01, got `2019-13-01`\.<\/p>/);
    assert.equal(snapshotOf(r.html).error?.message, 'revenue-trend from must be a calendar day like 2019-11-01, got `2019-13-01`.');
    assert.equal(adapter.calls.size, 0, 'nothing loaded for a refused attribute');
  });

  it('data that breaks the contract renders the error view naming the column', async () => {
    const r = await renderElement('kpi-card', { measure: 'revenue' }, { adapter: fixtureAdapter({ kpi_summary: [{ revenue: 'lots' }] }) });
    assert.equal(r.state, 'error');
    assert.match(text(shadow(r.html)), /column `revenue` should be float64 but holds text &quot;lots&quot;/);
  });

  it('hostile attribute values are escaped on the host', async () => {
    const r = await renderElement('kpi-card', { measure: 'revenue', label: '"><script>alert(1)</script>' }, { adapter: fixtureAdapter() });
    assert.match(r.html, /label="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.doesNotMatch(r.html, /<script>alert/);
  });

  it('refuses what is not an element it renders', async () => {
    await assert.rejects(renderElement('iframe', {}, { adapter: fixtureAdapter() }), /No element <iframe> to render/);
  });
});

describe('styleHashes', () => {
  it("hashes each element's stylesheet as its shadow root holds it", async () => {
    const r = await renderElement('kpi-card', {}, { adapter: fixtureAdapter() });
    assert.ok(r.html.includes(`<style>${styleText('kpi-card')}</style>`));
    assert.match(styleHashes(['kpi-card'])[0]!, /^'sha256-[A-Za-z0-9+/]+=*'$/);
  });
});

describe('renderPage', () => {
  it("renders every element of a page in place, reading its attributes' character references, and leaves the rest", async () => {
    const page = `<main><h1>Sales &amp; more</h1><kpi-card measure="revenue" label="Q&amp;A &quot;revenue&quot;"></kpi-card>
<p>between</p><top-list dataset-name='top_products' limit=3></top-list><kpi-card-like></kpi-card-like></main>`;
    const r = await renderPage(page, { adapter: fixtureAdapter() });
    assert.deepEqual(r.elements.map((e) => [e.tag, e.state]).sort(), [['kpi-card', 'ready'], ['top-list', 'ready']]);
    assert.ok(r.html.startsWith('<main><h1>Sales &amp; more</h1><kpi-card measure="revenue" label="Q&amp;A &quot;revenue&quot;" locale="en-US" state="ready">'));
    assert.match(r.html, /aria-label="Q&amp;A &quot;revenue&quot;"/);
    assert.match(r.html, /<\/kpi-card>\n<p>between<\/p><top-list dataset-name="top_products" limit="3" locale="en-US" state="ready">/);
    assert.match(r.html, /<kpi-card-like><\/kpi-card-like><\/main>$/);
    assert.equal([...r.html.matchAll(/<span part="rank">/g)].length, Math.min(3, FIXTURE_ROWS.top_products!.length));
  });

  it("applies the address's range, read by a date range with history, to the elements of its source only, as the browser does", async () => {
    const page = `<goldboard-date-range source="shop" history></goldboard-date-range>
<kpi-card source="shop" measure="revenue"></kpi-card><kpi-card source="other" measure="revenue"></kpi-card><kpi-card source="shop" measure="revenue" from="2019-10-01"></kpi-card>`;
    const r = await renderPage(page, { adapter: fixtureAdapter(), address: '/dashboard/?from=2019-10-03&to=2019-10-09#segments' });
    assert.deepEqual(r.elements.map((e) => [e.tag, e.state]).sort(), [['goldboard-date-range', 'ready'], ['kpi-card', 'ready'], ['kpi-card', 'ready'], ['kpi-card', 'ready']]);
    const keys = [...r.html.matchAll(/data-goldboard-snapshot>([^<]*)<\/script><\/kpi-card>/g)].map((m) => JSON.parse(m[1]!).key);
    assert.deepEqual(keys, [
      JSON.stringify(['kpi_summary', '2019-10-03', '2019-10-09', '', null]),
      JSON.stringify(['kpi_summary', '', '', '', null]),
      JSON.stringify(['kpi_summary', '2019-10-01', '2019-10-09', '', null]),
    ]);
    assert.match(r.html, /<kpi-card source="shop" measure="revenue" locale="en-US" state="ready">/);
  });

  it('sends with each element the texts it was written with, not those of the elements drawn beside it', async () => {
    const page = `<kpi-card measure="revenue" format="currency"></kpi-card><kpi-card measure="purchases" format="integer"></kpi-card><top-list dataset-name="top_products" limit="2"></top-list>`;
    const r = await renderPage(page, { adapter: fixtureAdapter() });
    const sent = [...r.html.matchAll(/data-goldboard-snapshot>([^<]*)<\/script><\/([a-z-]+)>/g)].map((m) => ({ tag: m[2], t: (JSON.parse(m[1]!).t ?? {}) as Record<string, (number | string)[]> }));
    assert.deepEqual(sent.map((e) => e.tag), ['kpi-card', 'kpi-card', 'top-list']);
    const [revenue, purchases, list] = sent.map((e) => e.t);
    const { revenue: revenueFigure, purchases: purchasesFigure } = FIXTURE_ROWS.kpi_summary![0] as Record<string, number>;
    assert.equal(revenue!['number|currency|en-US|']![1], '$1,234,567.89');
    assert.equal(purchases!['number|integer|en-US|']![1], '4,321');
    // Each holds its own figure only: the elements are drawn concurrently, their texts kept apart.
    assert.ok(!Object.values(revenue!).some((l) => l.includes(purchasesFigure!)), 'the revenue card has no text of the purchases card');
    assert.ok(!Object.values(purchases!).some((l) => l.includes(revenueFigure!)), 'the purchases card has no text of the revenue card');
    assert.deepEqual(Object.keys(list!), ['number|currency|en-US|']);
    assert.ok(!list!['number|currency|en-US|']!.includes(revenueFigure!));
  });
});
