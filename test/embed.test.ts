// The standalone bundle as a CMS page uses it: one <script type="module"> and tags with
// attributes only. Needs `pnpm build` first (README's test command builds before testing).
import { expect, waitUntil } from '@open-wc/testing';
import { GOLD, serverHits, type Stateful as Card, uniqueKey, waitForState } from '@goldboard/test-helpers';

async function embed(markup: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = `/test/fixtures/embed.html?html=${encodeURIComponent(markup)}`;
  frame.style.width = '800px';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return frame;
}

function cards(frame: HTMLIFrameElement): Card[] {
  return [...frame.contentDocument!.querySelectorAll('kpi-card')] as Card[];
}

const valueOf = (card: Card) => card.shadowRoot?.querySelector('[part~="value"]')?.textContent?.trim();

describe('standalone bundle (dist/goldboard.js)', () => {
  before(async () => {
    const bundle = await fetch('/packages/elements/dist/goldboard.js', { method: 'HEAD' });
    if (!bundle.ok) throw new Error('packages/elements/dist/goldboard.js is missing: run `pnpm build` before the browser tests.');
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('is one module at startup: chunks (the Arrow decoder, the exports) are only imported lazily', async () => {
    const code = await (await fetch('/packages/elements/dist/goldboard.js')).text();
    expect(code.match(/(?:^|[;}\n])\s*import\s*[^(;]*?from\s*["'`][^"'`]*["'`]/g) ?? []).to.deep.equal([]);
  });

  it('shows the revenue with one script tag and one attribute-only tag', async () => {
    const frame = await embed(`<kpi-card src="${GOLD}/kpi_summary.arrow" measure="revenue" format="currency"></kpi-card>`);
    const [card] = cards(frame);
    await waitForState(card!, 'ready');
    expect(valueOf(card!)).to.equal('$1,234,567.89');
  });

  it('makes one request for three cards on one src', async () => {
    const key = uniqueKey();
    const src = `${GOLD}/kpi_summary.arrow?key=${key}`;
    const frame = await embed(
      ['revenue', 'purchases', 'events'].map((m) => `<kpi-card src="${src}" measure="${m}"></kpi-card>`).join(''),
    );
    await waitUntil(() => cards(frame).every((c) => c.state === 'ready'), 'cards not ready', { timeout: 5000 });
    expect(cards(frame).map(valueOf)).to.deep.equal(['$1,234,567.89', '4,321', '987,654']);
    expect(await serverHits(key)).to.equal(1);
  });

  it('loads the Arrow decoder only when Arrow data arrives', async () => {
    const frame = await embed(`<kpi-card src="${GOLD}/kpi_summary.json" measure="buyers"></kpi-card>`);
    const [card] = cards(frame);
    await waitForState(card!, 'ready');
    const loaded = () => frame.contentWindow!.performance.getEntriesByType('resource').map((e) => e.name);
    expect(loaded().some((name) => name.includes('arrow-decode'))).to.be.false;
    const arrowCard = frame.contentDocument!.createElement('kpi-card');
    arrowCard.setAttribute('src', `${GOLD}/kpi_summary.arrow`);
    frame.contentDocument!.body.append(arrowCard);
    await waitForState(arrowCard as Card, 'ready');
    expect(loaded().some((name) => name.includes('arrow-decode'))).to.be.true;
  });

  it("fetches the trend's drawing code with its data: not for a page without a trend, and a trend from src or from inline rows draws", async () => {
    const frame = await embed(`<kpi-card src="${GOLD}/kpi_summary.arrow" measure="revenue"></kpi-card>`);
    await waitForState(cards(frame)[0]!, 'ready');
    const loaded = () => frame.contentWindow!.performance.getEntriesByType('resource').map((e) => e.name);
    const draw = () => loaded().filter((name) => /\/chunks\/(draw|line-path)-/.test(name)).length;
    expect(draw()).to.equal(0);
    // A trend from src: the drawing code and the chunk it shares with the comparisons, fetched once.
    const doc = frame.contentDocument!;
    const trend = doc.createElement('revenue-trend') as Card & { drawnPoints: number };
    trend.setAttribute('src', `${GOLD}/daily_metrics.arrow`);
    doc.body.append(trend);
    await waitForState(trend, 'ready');
    expect(draw()).to.equal(2);
    expect(trend.drawnPoints).to.be.greaterThan(0);
    expect(trend.shadowRoot!.querySelector('[part~="line"]')!.getAttribute('d')).to.match(/^M/);
    // Rows set as data: drawn once the code is here (now at once), each point on the line.
    const inline = doc.createElement('revenue-trend') as Card & { drawnPoints: number; data: unknown };
    inline.data = [
      { event_date: '2019-10-01', revenue: 10 },
      { event_date: '2019-10-02', revenue: 30 },
      { event_date: '2019-10-03', revenue: 20 },
    ];
    doc.body.append(inline);
    await waitForState(inline, 'ready');
    expect(inline.drawnPoints).to.equal(3);
    expect(inline.shadowRoot!.querySelector('[part~="summary"]')!.textContent).to.contain('Peak');
    expect(draw()).to.equal(2);
  });

  it('draws a first trend given rows as data once its drawing code has arrived: loading, then ready, with no request for data', async () => {
    const frame = await embed('');
    const doc = frame.contentDocument!;
    const trend = doc.createElement('revenue-trend') as Card & { drawnPoints: number; data: unknown };
    trend.data = [
      { event_date: '2019-10-01', revenue: 10 },
      { event_date: '2019-10-02', revenue: 30 },
    ];
    doc.body.append(trend);
    // Its first render shows the loading view: the drawing code is still on its way.
    await trend.updateComplete;
    expect(trend.state).to.equal('loading');
    expect(trend.shadowRoot!.querySelector('[part~="line"]')).to.equal(null);
    await waitForState(trend, 'ready');
    expect(trend.drawnPoints).to.equal(2);
    const loaded = frame.contentWindow!.performance.getEntriesByType('resource').map((e) => e.name);
    expect(loaded.filter((name) => /\/chunks\/draw-/.test(name))).to.have.length(1);
    expect(loaded.filter((name) => name.includes('/gold/'))).to.deep.equal([]);
  });

  it('loads the trend zoom on first use, a chunk sharing the bundle module (not a second copy)', async () => {
    const frame = await embed(`<revenue-trend src="${GOLD}/daily_metrics.arrow"></revenue-trend>`);
    const trend = frame.contentDocument!.querySelector('revenue-trend') as Card & { zoomRange?: unknown };
    await waitForState(trend, 'ready');
    const loaded = () => frame.contentWindow!.performance.getEntriesByType('resource').map((e) => e.name);
    expect(loaded().some((name) => name.includes('/zoom-'))).to.be.false;
    const plot = trend.shadowRoot!.querySelector('[part~="plot"]')!;
    plot.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true, composed: true, cancelable: true }));
    await waitUntil(() => trend.zoomRange, 'zoomed by +');
    expect(loaded().some((name) => name.includes('/zoom-'))).to.be.true;
    expect(loaded().filter((name) => name.endsWith('/goldboard.js'))).to.have.length(1);
  });
});
