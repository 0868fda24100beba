// What every Goldboard data element must do, as one suite each element's test file runs:
// states, every error path, events, text never read as markup, accessibility, resizing and
// theming. An element's own file then tests only what is its own.
import { expect, waitUntil } from '@open-wc/testing';
import { GoldError, type GoldAdapter, type Row } from '@goldboard/core';
import { expectNothingThrownIntoThePage } from './errors.js';
import { part } from './parts.js';
import { GOLD, uniqueKey, waitForState, type Stateful } from './wait.js';

export interface ConformanceOptions {
  /** A Gold file of `test/fixtures/gold/` that the element draws, e.g. `daily_metrics.arrow`. */
  file: string;
  /** Rows the element draws, given as inline data. */
  rows: () => Row[];
  /** A column the element needs, left out to meet a missing column. */
  column: string;
  /** Attributes every element of the suite gets (a measure, a dataset). */
  attributes?: Readonly<Record<string, string>>;
}

type GoldProbe = Stateful & { data?: unknown; adapter?: GoldAdapter; refresh(): void };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function runGoldElementConformance(tag: string, options: ConformanceOptions): void {
  describe(`<${tag}> conformance`, () => {
    expectNothingThrownIntoThePage();
    const made: HTMLElement[] = [];
    afterEach(() => made.splice(0).forEach((el) => el.remove()));

    /** A `tag` element with the suite's attributes and `setup`'s, in a 600px box on the page. */
    function create(setup: (el: GoldProbe) => void = () => {}, width = 600): GoldProbe {
      const box = document.createElement('div');
      box.style.width = `${width}px`;
      const el = document.createElement(tag) as GoldProbe;
      for (const [k, v] of Object.entries(options.attributes ?? {})) el.setAttribute(k, v);
      setup(el);
      box.append(el);
      document.body.append(box);
      made.push(box);
      return el;
    }
    const errorText = (el: Element) => part(el, 'error')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const fails = async (setup: (el: GoldProbe) => void, message: string | RegExp) => {
      const el = create(setup);
      await waitForState(el, 'error');
      if (typeof message === 'string') expect(errorText(el)).to.contain(message);
      else expect(errorText(el)).to.match(message);
      return el;
    };

    it('shows loading, then ready; empty for no rows; loading with no source is empty, saying what to set', async () => {
      const loading = create((el) => el.setAttribute('src', `/test-api/slow?ms=200&file=test/fixtures/gold/${options.file}&key=${uniqueKey()}`));
      await loading.updateComplete;
      expect(loading.state).to.equal('loading');
      expect(part(loading, 'base')!.getAttribute('aria-busy')).to.equal('true');
      await waitForState(loading, 'ready');
      const empty = create((el) => (el.data = []));
      await waitForState(empty, 'empty');
      const none = create();
      await waitForState(none, 'empty');
      expect(part(none, 'message')!.textContent).to.contain('set src, source, adapter or data');
    });

    it('shows an error with a Retry button for a missing file, an HTTP error and a bad adapter answer', async () => {
      const missing = await fails((el) => el.setAttribute('src', `${GOLD}/nowhere/${options.file}`), 'answered 404');
      expect(part(missing, 'retry-button')).to.not.equal(null);
      await fails((el) => el.setAttribute('src', `/test-api/status/500?file=${options.file}`), '500');
      await fails((el) => (el.adapter = { load: async () => 42 as never }), /not a table|table/i);
    });

    it('names a missing column, a bad range, locale and currency, each as a GoldError in goldboard-error', async () => {
      const errors: unknown[] = [];
      const listen = (el: GoldProbe) => el.addEventListener('goldboard-error', (e) => errors.push((e as CustomEvent<{ error: unknown }>).detail.error));
      const without = () => options.rows().map(({ [options.column]: _, ...rest }) => rest);
      await fails((el) => (listen(el), (el.data = without())), `no column \`${options.column}\``);
      await fails((el) => (listen(el), el.setAttribute('from', '2019-02-30'), (el.data = options.rows())), 'must be a calendar day');
      await fails((el) => (listen(el), el.setAttribute('from', '2019-11-02'), el.setAttribute('to', '2019-11-01'), (el.data = options.rows())), 'is before from');
      await fails((el) => (listen(el), el.setAttribute('locale', 'en_US!'), (el.data = options.rows())), 'locale must be a language tag');
      await fails((el) => (listen(el), el.setAttribute('currency', 'dollars'), (el.data = options.rows())), 'currency must be a three-letter ISO 4217 code');
      expect(errors).to.have.length(5);
      for (const error of errors) expect(error).to.be.instanceOf(GoldError);
    });

    it('fires goldboard-ready once, bubbling and composed, and loads again on Retry', async () => {
      const events: CustomEvent[] = [];
      const el = create((e) => e.setAttribute('src', `${GOLD}/${options.file}`));
      el.parentElement!.addEventListener('goldboard-ready', (e) => events.push(e as CustomEvent));
      await waitForState(el, 'ready');
      await pause(50);
      expect(events).to.have.length(1);
      expect(events[0]!.bubbles && events[0]!.composed).to.be.true;
      el.refresh();
      await el.updateComplete;
      await waitForState(el, 'ready');
      await waitUntil(() => events.length === 2, 'ready again after refresh()');
    });

    it('shows a label with markup as text', async () => {
      const markup = '<img src=x onerror="window.__pwned=1">';
      (window as { __pwned?: number }).__pwned = 0;
      const el = create((e) => (e.setAttribute('label', markup), (e.data = options.rows())));
      await waitForState(el, 'ready');
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect(el.shadowRoot!.textContent).to.contain(markup);
      expect((window as { __pwned?: number }).__pwned).to.equal(0);
    });

    it('is accessible (axe) when ready, in the dark theme, and in its error view', async () => {
      const el = create((e) => (e.data = options.rows()));
      await waitForState(el, 'ready');
      await expect(el).to.be.accessible();
      const dark = create((e) => (e.setAttribute('theme', 'dark'), (e.data = options.rows())));
      await waitForState(dark, 'ready');
      await expect(dark).to.be.accessible();
      const error = await fails((e) => e.setAttribute('src', `${GOLD}/nowhere/${options.file}`), 'answered 404');
      await expect(error).to.be.accessible();
    });

    it('follows its container, narrow or wide, without an error', async () => {
      const el = create((e) => (e.data = options.rows()), 180);
      await waitForState(el, 'ready');
      // Narrow: nothing drawn spills out of the frame.
      const base = part(el, 'base')!;
      expect(base.scrollWidth, 'content wider than a 180 px frame').to.be.at.most(base.clientWidth + 1);
      const drawnWidth = () => Math.max(0, ...[...el.shadowRoot!.querySelectorAll('svg')].map((svg) => svg.getBoundingClientRect().width));
      const narrow = drawnWidth();
      el.parentElement!.style.width = '900px';
      await pause(50);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      expect(el.state).to.equal('ready');
      expect(el.getBoundingClientRect().width).to.be.closeTo(900, 1);
      expect(base.scrollWidth, 'content wider than a 900 px frame').to.be.at.most(base.clientWidth + 1);
      // Wide: the drawing follows the frame (a chart drawn once at its first size would not).
      if (narrow > 0) expect(drawnWidth(), 'the drawing widens with its frame').to.be.greaterThan(narrow * 2);
    });

    it('is themed through custom properties and ::part(base)', async () => {
      const el = create((e) => (e.style.setProperty('--goldboard-background', 'rgb(1, 2, 3)'), (e.data = options.rows())));
      await waitForState(el, 'ready');
      expect(getComputedStyle(part(el, 'base')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    });
  });
}
