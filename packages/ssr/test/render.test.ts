// Server rendering of every element in every state, checked as HTML.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderElement, renderPage, styleHashes, styleText, RENDERED_ELEMENTS } from '../src/index.js';
import { EMPTY_ROWS, FIXTURE_ROWS, fixtureAdapter } from './fixtures.js';

/** The shadow root's markup without Lit's hydration comments and the stylesheet. */
function shadow(html: string): string {
  const match = /<template shadowroot="open" shadowrootmode="open">([\s\S]*)<\/template>/.exec(html);
  assert.ok(match, 'rendered as Declarative Shadow DOM');
  return match[1]!.replace(/<!--[^]*?-->/g, '').replace(/<style>[^]*?<\/style>/, '');
}

/** The texts of a markup, one string (tags dropped, whitespace folded). */
const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();

function snapshotOf(html: string): { key: string; tables: Record<string, { n: number; c: Record<string, unknown[]> }>; error?: { message: string } } {
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
  });

  it('top-list: ranked rows, hostile text from the data escaped, never markup', async () => {
    const r = await renderElement('top-list', { 'dataset-name': 'top_products', limit: '5' }, { adapter: fixtureAdapter() });
    assert.equal(r.state, 'ready');
    assert.doesNotMatch(r.html, /<script>window/);
    assert.doesNotMatch(r.html, /<img src=x/);
    assert.match(r.html, /&lt;script&gt;window\.__pwned=1&lt;\/script&gt;/);
    assert.match(shadow(r.html), /<span part="rank">1\.<\/span>/);
    // The snapshot's JSON cannot end its script element.
    assert.doesNotMatch(r.html.slice(r.html.indexOf('data-goldboard-snapshot')), /<\/script>window/);
    assert.ok(snapshotOf(r.html).tables.top_products);
  });
});

describe('renderElement: empty and error views', () => {
  for (const tag of RENDERED_ELEMENTS) {
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
});
