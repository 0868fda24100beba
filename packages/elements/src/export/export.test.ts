import { expect, fixture, html } from '@open-wc/testing';
import { GoldTable, NumberColumn, RowTable, validateTable } from '@goldboard/core';
import { standaloneSvg, svgToPng, svgToString, tableToCsv } from './export.js';

describe('tableToCsv', () => {
  it('writes a header, raw numbers, ISO days and empty nulls', () => {
    const table = validateTable(
      'daily_metrics',
      new RowTable([
        { event_date: '2019-11-29', revenue: 1234.5, purchases: 3 },
        { event_date: '2019-11-30', revenue: null, purchases: 4 },
      ]),
      { columns: ['event_date', 'revenue', 'purchases'] },
    );
    expect(tableToCsv(table)).to.equal('event_date,revenue,purchases\r\n2019-11-29,1234.5,3\r\n2019-11-30,,4\r\n');
  });

  it('writes full UTC times for a date column holding times within days (hourly data)', () => {
    const table = new GoldTable('daily_metrics', 3, [
      new NumberColumn('event_date', 'date', new Float64Array([Date.UTC(2019, 10, 29, 0), Date.UTC(2019, 10, 29, 13, 30), Number.NaN])),
      new NumberColumn('revenue', 'number', new Float64Array([1, 2, 3])),
    ]);
    expect(tableToCsv(table)).to.equal('event_date,revenue\r\n2019-11-29T00:00:00Z,1\r\n2019-11-29T13:30:00Z,2\r\n,3\r\n');
  });

  it('quotes commas, quotes and new lines, and defuses formulas in text', () => {
    const table = validateTable('top_products', new RowTable([{ brand: 'a, "b"\nc' }, { brand: '=HYPERLINK("x")' }, { brand: null }]), {
      columns: ['brand'],
    });
    expect(tableToCsv(table)).to.equal('brand\r\n"a, ""b""\nc"\r\n"\'=HYPERLINK(""x"")"\r\n\r\n');
  });
});

describe('svg exports', () => {
  it('inlines computed styles and makes a PNG', async () => {
    const host = await fixture<HTMLDivElement>(html`<div>
      <style>
        .mark { fill: rgb(200, 100, 0); }
      </style>
      <svg width="40" height="20"><rect class="mark" width="40" height="20"></rect></svg>
    </div>`);
    const text = svgToString(host.querySelector('svg')!, 'rgb(255, 255, 255)');
    expect(text).to.contain('xmlns="http://www.w3.org/2000/svg"');
    expect(text).to.contain('fill: rgb(200, 100, 0)');
    expect(text).not.to.contain('class=');
    const png = await svgToPng(standaloneSvg(host.querySelector('svg')!, 'rgb(255, 255, 255)'), 40, 20);
    expect(png.type).to.equal('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).to.equal('PNG');
  });

  /** The pixels of a PNG, or of an SVG document drawn by the browser itself, at width × height. */
  async function pixels(source: Blob | string, width: number, height: number): Promise<Uint8ClampedArray> {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d')!;
    if (typeof source === 'string') {
      const url = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml' }));
      const image = new Image();
      image.src = url;
      await image.decode();
      context.drawImage(image, 0, 0, width, height);
      URL.revokeObjectURL(url);
    } else {
      context.drawImage(await createImageBitmap(source), 0, 0);
    }
    return context.getImageData(0, 0, width, height).data;
  }

  it('paints a PNG as the browser draws the same SVG, without loading it as an image', async () => {
    // What Goldboard's drawings hold: a viewBox fitted and stretched, transforms, fills, dashed
    // and non-scaling strokes, opacity, rounded rects, circles, lines, texts of tspans in their
    // anchors and baselines, an outlined label, and an inner <svg> clipping a long text.
    const host = await fixture<HTMLDivElement>(html`<div>
      <style>
        svg { font-family: sans-serif; font-size: 12px; }
        .area { fill: rgb(240, 220, 180); stroke: none; }
        .line { fill: none; stroke: rgb(176, 125, 18); stroke-width: 2px; stroke-linejoin: round; }
        .avg { fill: none; stroke: rgb(30, 30, 30); stroke-width: 1.5; stroke-dasharray: 5 3; opacity: 0.75; }
        .spark { fill: none; stroke: rgb(9, 105, 218); stroke-width: 1.5; vector-effect: non-scaling-stroke; }
        .dot { fill: rgb(26, 127, 55); stroke: white; stroke-width: 2; }
        .label { fill: rgb(207, 34, 46); font-weight: 600; paint-order: stroke; stroke: white; stroke-width: 3px; }
        .axis { fill: rgb(87, 96, 106); font-size: 11px; }
        .cross { stroke: rgb(87, 96, 106); stroke-dasharray: 3 3; }
      </style>
      <svg width="300" height="160" viewBox="0 0 300 160">
        <rect width="300" height="160" fill="white"></rect>
        <g transform="translate(40,10)">
          <path class="area" d="M0,100L60,60L120,80L180,20L240,40L240,120L0,120Z"></path>
          <path class="line" d="M0,100L60,60L120,80L180,20L240,40"></path>
          <path class="avg" d="M0,95L240,45"></path>
          <line class="cross" x1="120" x2="120" y1="0" y2="120"></line>
          <circle class="dot" cx="180" cy="20" r="4"></circle>
          <text class="label" x="180" y="11" text-anchor="middle">Peak</text>
          <g class="axis" transform="translate(0,120)"><text><tspan x="0" y="17">Oct 1</tspan><tspan x="120" y="17" text-anchor="middle">Oct 7</tspan><tspan x="240" y="17" text-anchor="end">Oct 14</tspan></text></g>
          <text class="axis" text-anchor="end"><tspan x="-8" y="100" dy="0.32em">$1K</tspan><tspan x="-8" y="20" dy="0.32em">$2K</tspan></text>
        </g>
        <svg x="4" y="140" width="90" height="16"><text x="0" y="8" dominant-baseline="central" fill="rgb(27, 31, 36)">a label much too long for its box</text></svg>
        <rect x="110" y="144" width="60" height="8" rx="3" fill="rgb(176, 125, 18)"></rect>
        <svg x="200" y="130" width="90" height="28" viewBox="0 0 20 28" preserveAspectRatio="none"><path class="spark" d="M0,27L10,10L20,1"></path></svg>
        <svg x="180" y="130" width="20" height="30" viewBox="-10 -10 20 20"><circle r="9" fill="rgb(188, 76, 0)"></circle></svg>
      </svg>
    </div>`);
    const drawn = host.querySelector('svg')!;
    const browser = await pixels(svgToString(drawn), 300, 160);
    const painted = await pixels(await svgToPng(standaloneSvg(drawn), 300, 160, 1), 300, 160);
    let differing = 0;
    for (let i = 0; i < painted.length; i += 4) {
      let d = 0;
      for (let c = 0; c < 4; c++) d += Math.abs(painted[i + c]! - browser[i + c]!);
      if (d > 60) differing++;
    }
    expect(differing / (300 * 160), 'share of pixels unlike the browser’s drawing').to.be.below(0.001);
    // A sample of the marks where they are drawn: the bar, the stretched-viewBox dot's colour.
    const at = (x: number, y: number) => [...painted.slice((y * 300 + x) * 4, (y * 300 + x) * 4 + 3)].join(',');
    expect(at(140, 148)).to.equal('176,125,18');
    expect(at(190, 145)).to.equal('188,76,0');
    expect(at(2, 2)).to.equal('255,255,255');
  });
});
