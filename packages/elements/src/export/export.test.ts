import { expect, fixture, html } from '@open-wc/testing';
import { GoldTable, NumberColumn, RowTable, validateTable } from '@goldboard/core';
import { svgToPng, svgToString, tableToCsv } from './export.js';

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
    const png = await svgToPng(text, 40, 20);
    expect(png.type).to.equal('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).to.equal('PNG');
  });
});
