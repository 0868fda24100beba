// The elements on a page served with a strict Content-Security-Policy (`default-src 'self';
// style-src 'self'; require-trusted-types-for 'script'`: no inline style attributes, no blob: or
// data: images, Trusted Types): each must draw exactly as on the same page served without the
// policy, set off no violation, and export.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { GOLD, part as findPart, parts, type Stateful, waitForState } from '@goldboard/test-helpers';

interface Frame {
  readonly frame: HTMLIFrameElement;
  readonly win: Window & typeof globalThis;
  readonly doc: Document;
}

interface Element_ extends Stateful {
  toSVG(): Promise<string>;
  toPNG(): Promise<Blob>;
}

const TAGS = ['kpi-card', 'revenue-trend', 'segment-breakdown', 'top-list'];

async function openFrame(strict: boolean): Promise<Frame> {
  const frame = document.createElement('iframe');
  frame.src = `/test/fixtures/csp-frame.html${strict ? '?csp=strict' : ''}`;
  // Both frames in the viewport (one over the other), so both get animation frames.
  Object.assign(frame.style, { position: 'fixed', top: '0', left: '0', width: '700px', height: '560px', border: '0' });
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as Window & typeof globalThis;
  await waitUntil(() => Array.isArray(win.cspViolations), 'the frame page did not start');
  await Promise.all(TAGS.map((tag) => win.customElements.whenDefined(tag)));
  return { frame, win, doc: frame.contentDocument! };
}

function place(f: Frame, tag: string, attributes: Readonly<Record<string, string>>): Element_ {
  const el = f.doc.createElement(tag) as unknown as Element_;
  for (const [name, value] of Object.entries({ locale: 'en-US', ...attributes })) el.setAttribute(name, value);
  // CSSOM, which a policy without 'unsafe-inline' allows (a style attribute it refuses).
  el.style.width = '600px';
  f.doc.body.append(el);
  return el;
}

/** Until the element's updates and the redraws its size observer asks for are over. */
async function settled(f: Frame, el: Stateful): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await el.updateComplete;
    await new Promise((resolve) => f.win.requestAnimationFrame(resolve));
  }
  await el.updateComplete;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** Every node of the shadow root: its box (relative to the host) and its colours as drawn. */
function drawn(el: Element): string[] {
  const view = el.ownerDocument.defaultView!;
  const host = el.getBoundingClientRect();
  return [...el.shadowRoot!.querySelectorAll('*')].map((node) => {
    const box = node.getBoundingClientRect();
    const style = view.getComputedStyle(node);
    const part = node.getAttribute('part');
    const name = `${node.localName}${part ? `[${part}]` : ''}${[...node.classList].map((c) => `.${c}`).join('')}`;
    return `${name} at ${r1(box.x - host.x)},${r1(box.y - host.y)} ${r1(box.width)}×${r1(box.height)}; background ${style.backgroundColor}; fill ${style.fill}; stroke ${style.stroke}; color ${style.color}`;
  });
}

const part = (el: Element, name: string) => findPart(el, name)!;

interface Case {
  readonly name: string;
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Moves or states to compare after the first drawing (the trend's tooltip). */
  readonly then?: readonly ((f: Frame, el: Element_) => void)[];
  /** What the drawing must show on its own, beyond matching the page without the policy. */
  readonly check?: (el: Element_) => void;
}

const pressEnd = (f: Frame, el: Element_) => {
  part(el, 'plot').dispatchEvent(new f.win.KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
};
const pointAt = (fraction: number) => (f: Frame, el: Element_) => {
  const box = part(el, 'plot').getBoundingClientRect();
  const event = new f.win.PointerEvent('pointermove', { clientX: box.left + box.width * fraction, clientY: box.top + box.height / 2, bubbles: true, composed: true });
  part(el, 'plot').dispatchEvent(event);
};
/** The tooltip stands by the crosshair: to its right, or to its left past the middle. */
const tooltipByCrosshair = (el: Element_) => {
  const tip = part(el, 'tooltip').getBoundingClientRect();
  const x = part(el, 'crosshair').querySelector('line')!.getBoundingClientRect().x;
  const plot = part(el, 'plot').getBoundingClientRect();
  expect(x - plot.left > plot.width / 2 ? x - tip.right : tip.left - x, 'gap between the crosshair and the tooltip').to.be.closeTo(12, 1.5);
};
/** Each `name` part in a colour of its own: its background, or its fill for SVG (bars, slices). */
const distinctBackgrounds = (name: string) => (el: Element_) => {
  const colours = parts(el, name).map((p) => (p.namespaceURI === 'http://www.w3.org/2000/svg' ? getComputedStyle(p).fill : getComputedStyle(p).backgroundColor));
  expect(new Set(colours).size, `${name} colours ${colours.join(', ')}`).to.equal(colours.length);
};

const CASES: readonly Case[] = [
  { name: 'kpi-card with its sparkline', tag: 'kpi-card', attributes: { src: `${GOLD}/kpi_summary.arrow`, measure: 'revenue', trend: '' } },
  {
    name: 'revenue-trend (area), its tooltip moved by keyboard and pointer',
    tag: 'revenue-trend',
    attributes: { src: `${GOLD}/daily_metrics.arrow` },
    then: [pressEnd, pointAt(0.2)],
    check: tooltipByCrosshair,
  },
  {
    name: 'revenue-trend (line, smoothed), its tooltip moved by keyboard and pointer',
    tag: 'revenue-trend',
    attributes: { src: `${GOLD}/daily_metrics.arrow`, variant: 'line', smoothing: '3' },
    then: [pointAt(0.1), pressEnd],
    check: tooltipByCrosshair,
  },
  {
    name: 'segment-breakdown (bar)',
    tag: 'segment-breakdown',
    attributes: { src: `${GOLD}/segment_summary.arrow`, measure: 'revenue' },
    check: (el) => {
      distinctBackgrounds('bar')(el);
      // The largest value's bar fills its track.
      const widest = Math.max(...parts(el, 'bar').map((b) => b.getBoundingClientRect().width));
      expect(widest).to.be.closeTo(el.shadowRoot!.querySelector('.track')!.getBoundingClientRect().width, 0.5);
    },
  },
  {
    name: 'segment-breakdown (donut)',
    tag: 'segment-breakdown',
    attributes: { src: `${GOLD}/segment_summary.arrow`, variant: 'donut' },
    check: (el) => {
      distinctBackgrounds('swatch')(el);
      const fills = parts(el, 'slice').map((s) => getComputedStyle(s).fill);
      expect(fills, 'slices in their swatches’ colours').to.deep.equal(parts(el, 'swatch').map((s) => getComputedStyle(s).backgroundColor));
    },
  },
  {
    name: 'top-list of products',
    tag: 'top-list',
    attributes: { src: `${GOLD}/top_products.arrow` },
    check: (el) => {
      const bars = parts(el, 'bar').map((b) => b.getBoundingClientRect().width);
      expect(bars[0]).to.be.closeTo(el.shadowRoot!.querySelector('.track')!.getBoundingClientRect().width, 0.5);
      expect(bars[9]! / bars[0]!).to.be.closeTo(0.25, 0.01);
    },
  },
  { name: 'top-list of users', tag: 'top-list', attributes: { 'dataset-name': 'top_users', src: `${GOLD}/top_users.json` } },
];

describe('elements under a strict Content-Security-Policy', () => {
  let strict: Frame;
  let open: Frame;
  let whileLoading: string[];

  before(async () => {
    [strict, open] = await Promise.all([openFrame(true), openFrame(false)]);
    whileLoading = [...strict.win.cspViolations];
  });
  // Each test counts its own violations.
  beforeEach(() => {
    strict.win.cspViolations.length = 0;
  });
  after(() => {
    strict.frame.remove();
    open.frame.remove();
  });
  afterEach(() => {
    for (const f of [strict, open]) f.doc.body.replaceChildren();
  });

  it('is served with the policy, which refuses a style attribute (the test can see a violation)', async () => {
    expect(whileLoading, 'violations while the page loaded').to.deep.equal([]);
    const probe = strict.doc.createElement('div');
    probe.setAttribute('style', 'width: 10px');
    strict.doc.body.append(probe);
    await waitUntil(() => strict.win.cspViolations.length > 0, 'no violation reported for a style attribute');
    expect(strict.win.cspViolations[0]).to.match(/^style-src-attr/);
    expect(probe.style.width).to.equal('');
  });

  for (const c of CASES) {
    it(`draws the ${c.name} as without the policy, with no violation`, async () => {
      const [a, b] = [place(strict, c.tag, c.attributes), place(open, c.tag, c.attributes)];
      await Promise.all([waitForState(a, 'ready'), waitForState(b, 'ready')]);
      await Promise.all([settled(strict, a), settled(open, b)]);
      expect(drawn(a)).to.deep.equal(drawn(b));
      for (const step of c.then ?? []) {
        step(strict, a);
        step(open, b);
        await Promise.all([settled(strict, a), settled(open, b)]);
        expect(drawn(a)).to.deep.equal(drawn(b));
        c.check?.(a);
      }
      c.check?.(a);
      expect(strict.win.cspViolations).to.deep.equal([]);
    });
  }

  it('draws the loading skeletons as without the policy, with no violation', async () => {
    const slow = (file: string) => `/test-api/slow?ms=3000&file=test/fixtures/gold/${file}`;
    const sources: Record<string, string> = {
      'kpi-card': slow('kpi_summary.json'),
      'revenue-trend': slow('daily_metrics.json'),
      'segment-breakdown': slow('segment_summary.json'),
      'top-list': slow('top_products.json'),
    };
    for (const tag of TAGS) {
      const [a, b] = [place(strict, tag, { src: sources[tag]! }), place(open, tag, { src: sources[tag]! })];
      await Promise.all([settled(strict, a), settled(open, b)]);
      expect(a.state).to.equal('loading');
      expect(part(a, 'base').querySelector('.skeleton')!.getBoundingClientRect().height).to.be.greaterThan(20);
      expect(drawn(a)).to.deep.equal(drawn(b));
    }
    expect(strict.win.cspViolations).to.deep.equal([]);
  });

  describe('export', () => {
    /** The colour of a PNG's pixel at (x, y) of the drawing (the PNG is drawn at twice its size). */
    async function pixel(png: Blob, x: number, y: number): Promise<string> {
      const bitmap = await createImageBitmap(png);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const [r, g, b] = context.getImageData(Math.round(x * 2), Math.round(y * 2), 1, 1).data;
      return `rgb(${r}, ${g}, ${b})`;
    }

    it('makes an SVG and a PNG of every element, as drawn, with no violation', async () => {
      for (const c of CASES.filter((k) => k.attributes.variant !== 'line')) {
        const el = place(strict, c.tag, c.attributes);
        await waitForState(el, 'ready');
        await settled(strict, el);
        expect(await el.toSVG(), c.name).to.match(/^<svg/);
        const png = await el.toPNG();
        expect(png.type, c.name).to.equal('image/png');
        const bitmap = await createImageBitmap(png);
        expect(bitmap.width, c.name).to.be.greaterThan(100);
        el.remove();
      }
      // The top bar, in the bar colour where the page draws it.
      const list = place(strict, 'top-list', { src: `${GOLD}/top_products.arrow` });
      await waitForState(list, 'ready');
      await settled(strict, list);
      const origin = part(list, 'list').getBoundingClientRect();
      const bar = part(list, 'bar').getBoundingClientRect();
      const png = await list.toPNG();
      expect(await pixel(png, bar.x - origin.x + bar.width / 2, bar.y - origin.y + bar.height / 2)).to.equal(getComputedStyle(part(list, 'bar')).fill);
      expect(await pixel(png, 1, bar.y - origin.y - 4)).to.equal(getComputedStyle(part(list, 'base')).backgroundColor);
      expect(strict.win.cspViolations).to.deep.equal([]);
    });

    async function chooseFromMenu(el: Element_, label: RegExp): Promise<void> {
      el.shadowRoot!.querySelector<HTMLElement>('[part~="export-menu"] summary')!.click();
      let button: HTMLButtonElement | undefined;
      await waitUntil(() => (button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => label.test(b.textContent!))), 'no such menu item');
      button!.click();
    }

    it('saves the menu’s PNG under the policy', async () => {
      const saved: { name: string; href: string }[] = [];
      const click = strict.win.HTMLAnchorElement.prototype.click;
      strict.win.HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        saved.push({ name: this.download, href: this.href });
      };
      try {
        const el = place(strict, 'revenue-trend', { src: `${GOLD}/daily_metrics.arrow`, exportable: '' });
        await waitForState(el, 'ready');
        await settled(strict, el);
        let exportErrors = 0;
        el.addEventListener('goldboard-export-error', () => exportErrors++);
        await chooseFromMenu(el, /PNG/);
        await waitUntil(() => saved.length > 0 || exportErrors > 0, 'nothing saved');
        expect(exportErrors).to.equal(0);
        expect(saved).to.have.length(1);
        expect(saved[0]!.name).to.equal('daily-revenue-trend.png');
        expect(el.state).to.equal('ready');
      } finally {
        strict.win.HTMLAnchorElement.prototype.click = click;
      }
      expect(strict.win.cspViolations).to.deep.equal([]);
    });

    it('reports a failed PNG as the export’s error, by the menu, and keeps the chart', async () => {
      const toBlob = strict.win.HTMLCanvasElement.prototype.toBlob;
      const click = strict.win.HTMLAnchorElement.prototype.click;
      strict.win.HTMLAnchorElement.prototype.click = () => {};
      let el: Element_;
      try {
        // A canvas that makes no PNG, as a browser out of memory for a large one does.
        strict.win.HTMLCanvasElement.prototype.toBlob = (callback: BlobCallback) => callback(null);
        el = place(strict, 'revenue-trend', { src: `${GOLD}/daily_metrics.arrow`, exportable: '' });
        await waitForState(el, 'ready');
        await settled(strict, el);
        let chartErrors = 0;
        el.addEventListener('goldboard-error', () => chartErrors++);
        const failed = oneEvent(el, 'goldboard-export-error');
        await chooseFromMenu(el, /PNG/);
        const { detail } = (await failed) as CustomEvent<{ kind: string; message: string; error: Error }>;
        expect(detail.kind).to.equal('png');
        expect(detail.message).to.match(/PNG/);
        await el.updateComplete;
        expect(el.state).to.equal('ready');
        expect(chartErrors).to.equal(0);
        expect(parts(el, 'plot')).to.have.length(1);
        const note = part(el, 'export-error');
        expect(note.getAttribute('role')).to.equal('alert');
        expect(note.textContent!.trim()).to.equal(detail.message);
        // Beside the menu's Export, on its line, clear of it.
        const noteBox = note.getBoundingClientRect();
        const exportBox = el.shadowRoot!.querySelector('[part~="export-menu"] summary')!.getBoundingClientRect();
        expect(noteBox.right).to.be.within(exportBox.left - 16, exportBox.left);
        expect(noteBox.top + noteBox.height / 2).to.be.closeTo(exportBox.top + exportBox.height / 2, 3);

        // The next export that works clears the note.
        strict.win.HTMLCanvasElement.prototype.toBlob = toBlob;
        await chooseFromMenu(el, /PNG/);
        await waitUntil(() => parts(el, 'export-error').length === 0, 'the note stayed after a PNG was made');
      } finally {
        strict.win.HTMLCanvasElement.prototype.toBlob = toBlob;
        strict.win.HTMLAnchorElement.prototype.click = click;
      }
      expect(strict.win.cspViolations).to.deep.equal([]);
    });
  });
});
