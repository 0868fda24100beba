import { expect } from '@open-wc/testing';
import * as arrow from 'apache-arrow';
import { decodeArrowIPC } from '../adapters/arrow-decode.js';
import { DATASETS, DATASET_NAMES, type ColumnType } from './datasets.js';
import { parseIsoDate, validateTable } from './validate.js';
import { RowTable, rowsFromJson } from '../table/row-table.js';
import { GoldTable, NumberColumn } from '../table/gold-table.js';
import { GoldError } from '../errors.js';

const SAMPLE: Record<ColumnType, unknown> = { float64: 1.5, int64: 42, int32: 7, text: 'High-Value Loyal Customers', date: '2019-10-01' };

function sampleRow(dataset: keyof typeof DATASETS): Record<string, unknown> {
  return Object.fromEntries(DATASETS[dataset].columns.map((c) => [c.name, SAMPLE[c.type]]));
}

function catchError(fn: () => unknown): GoldError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(GoldError);
    return error as GoldError;
  }
  throw new Error('expected a GoldError');
}

describe('validateTable', () => {
  for (const name of DATASET_NAMES) {
    it(`accepts a well-formed ${name} and types every column`, () => {
      const table = validateTable(name, new RowTable([sampleRow(name), sampleRow(name)]));
      expect(table.numRows).to.equal(2);
      for (const c of DATASETS[name].columns) {
        const column = table.getChild(c.name)!;
        expect(column, c.name).to.exist;
        const expected = c.type === 'text' ? 'text' : c.type === 'date' ? 'date' : 'number';
        expect(column.kind, c.name).to.equal(expected);
      }
    });

    it(`names ${name} and the missing column`, () => {
      const row = sampleRow(name);
      const missing = DATASETS[name].columns[0]!.name;
      delete row[missing];
      const error = catchError(() => validateTable(name, new RowTable([row]), { label: `${name}.json` }));
      expect(error.code).to.equal('missing-column');
      expect(error.dataset).to.equal(name);
      expect(error.column).to.equal(missing);
      expect(error.message).to.contain(`${name}.json has no column \`${missing}\``);
    });
  }

  it('reports a text value in a float64 column with the row', () => {
    const rows = [sampleRow('kpi_summary'), { ...sampleRow('kpi_summary'), revenue: 'a lot' }];
    const error = catchError(() => validateTable('kpi_summary', new RowTable(rows)));
    expect(error.code).to.equal('mistyped-column');
    expect(error.column).to.equal('revenue');
    expect(error.message).to.equal('kpi_summary column `revenue` should be float64 but holds text "a lot" at row 2');
  });

  it('rejects a date that is not an ISO day', () => {
    const error = catchError(() => validateTable('daily_metrics', new RowTable([{ ...sampleRow('daily_metrics'), event_date: '01/10/2019' }])));
    expect(error.column).to.equal('event_date');
    expect(error.message).to.contain('should be date');
    // A day that does not exist is not rolled over into the next month.
    const feb30 = catchError(() => validateTable('daily_metrics', new RowTable([{ ...sampleRow('daily_metrics'), event_date: '2019-02-30' }])));
    expect(feb30.column).to.equal('event_date');
    expect(parseIsoDate('2019-02-30')).to.be.NaN;
    expect(parseIsoDate('2020-02-29')).to.equal(Date.UTC(2020, 1, 29));
    expect(parseIsoDate('2019-11-29 13:30:00 UTC')).to.equal(Date.UTC(2019, 10, 29, 13, 30));
  });

  it('rejects an object where text is expected', () => {
    const error = catchError(() => validateTable('top_users', new RowTable([{ ...sampleRow('top_users'), segment: { a: 1 } }])));
    expect(error.code).to.equal('mistyped-column');
    expect(error.column).to.equal('segment');
  });

  it('reads an apache-arrow Table: Int64 as numbers, DateDay as epoch ms, nulls as NaN', () => {
    const t = new arrow.Table({
      event_date: arrow.vectorFromArray([new Date(Date.UTC(2019, 9, 1)), new Date(Date.UTC(2019, 9, 2))], new arrow.DateDay()),
      revenue: arrow.vectorFromArray([10.5, null], new arrow.Float64()),
      purchases: arrow.vectorFromArray([3n, 4n], new arrow.Int64()),
    });
    const table = validateTable('daily_metrics', t, { columns: ['event_date', 'revenue', 'purchases'] });
    expect([...table.numbers('event_date')]).to.deep.equal([Date.UTC(2019, 9, 1), Date.UTC(2019, 9, 2)]);
    expect(table.numbers('revenue')[0]).to.equal(10.5);
    expect(Number.isNaN(table.numbers('revenue')[1])).to.be.true;
    expect([...table.numbers('purchases')]).to.deep.equal([3, 4]);
  });

  it('reads a flechette table decoded from IPC', () => {
    const t = new arrow.Table({ segment: arrow.vectorFromArray(['Occasional Buyers', null], new arrow.Utf8()) });
    const decoded = decodeArrowIPC(arrow.tableToIPC(t, 'stream'));
    const table = validateTable('top_users', decoded as never, { columns: ['segment'] });
    expect(table.texts('segment')).to.deep.equal(['Occasional Buyers', null]);
  });

  it('rejects an Arrow Utf8 column where a number is expected, naming its type', () => {
    const t = new arrow.Table({ revenue: arrow.vectorFromArray(['1'], new arrow.Utf8()) });
    const error = catchError(() => validateTable('kpi_summary', t, { columns: ['revenue'], label: 'kpi_summary.arrow' }));
    expect(error.message).to.equal('kpi_summary.arrow column `revenue` should be float64 but holds Utf8');
  });

  it('rejects an Arrow Bool column where a number is expected', () => {
    const t = new arrow.Table({ revenue: arrow.vectorFromArray([true], new arrow.Bool()) });
    const error = catchError(() => validateTable('kpi_summary', t, { columns: ['revenue'] }));
    expect(error.code).to.equal('mistyped-column');
  });

  it('maps contract columns to other names', () => {
    const table = validateTable('kpi_summary', new RowTable([{ total_sales: 9.5 }]), { columns: ['revenue'], fields: { revenue: 'total_sales' } });
    expect(table.numbers('revenue')[0]).to.equal(9.5);
    const error = catchError(() => validateTable('kpi_summary', new RowTable([{ sales: 1 }]), { columns: ['revenue'], fields: { revenue: 'total_sales' } }));
    expect(error.message).to.equal('kpi_summary has no column `total_sales` (mapped from `revenue`) (columns: sales)');
  });

  it('names an unknown dataset and an unknown column', () => {
    expect(catchError(() => validateTable('sales', new RowTable([]))).code).to.equal('unknown-dataset');
    expect(catchError(() => validateTable('kpi_summary', new RowTable([]), { columns: ['profit'] })).message).to.contain('has no column `profit`');
  });

  it('keeps markup in text as plain strings', () => {
    const table = validateTable('top_users', new RowTable([{ ...sampleRow('top_users'), segment: '<script>alert(1)</script>' }]));
    expect(table.getChild('segment')!.get(0)).to.equal('<script>alert(1)</script>');
  });

  it('reads an empty JSON array as an empty table, not a missing column', () => {
    const table = validateTable('daily_metrics', new RowTable([]), { columns: ['event_date', 'revenue'] });
    expect(table.numRows).to.equal(0);
    expect(table.numbers('revenue').length).to.equal(0);
    expect(table.getChild('event_date')!.kind).to.equal('date');
  });
});

describe('validateTable on large Arrow columns', () => {
  it('converts 100k Int64 values (also negative and beyond 2^32) exactly, from both decoders', () => {
    const n = 100_000;
    const values = Array.from({ length: n }, (_, i) => BigInt(i * 104729 - 5_000_000_000));
    const t = new arrow.Table({ purchases: arrow.vectorFromArray(values, new arrow.Int64()) });
    const fromArrow = validateTable('kpi_summary', t, { columns: ['purchases'] }).numbers('purchases');
    const fromFlechette = validateTable('kpi_summary', decodeArrowIPC(arrow.tableToIPC(t)) as never, { columns: ['purchases'] }).numbers('purchases');
    for (const numbers of [fromArrow, fromFlechette]) {
      expect(numbers.length).to.equal(n);
      expect(numbers[0]).to.equal(-5_000_000_000);
      expect(numbers[n - 1]).to.equal((n - 1) * 104729 - 5_000_000_000);
      expect(numbers[31337]).to.equal(31337 * 104729 - 5_000_000_000);
    }
  });

  it('keeps nulls of an Int64 column as NaN', () => {
    const t = new arrow.Table({ purchases: arrow.vectorFromArray([1n, null, 3n], new arrow.Int64()) });
    const numbers = validateTable('kpi_summary', decodeArrowIPC(arrow.tableToIPC(t)) as never, { columns: ['purchases'] }).numbers('purchases');
    expect(numbers[0]).to.equal(1);
    expect(Number.isNaN(numbers[1])).to.be.true;
    expect(numbers[2]).to.equal(3);
  });
});

describe('GoldTable.take', () => {
  it('keeps the chosen rows in the chosen order, every column', () => {
    const table = validateTable('top_users', new RowTable([
      { rank: 1, user_id: 10, segment: 'A' },
      { rank: 2, user_id: 20, segment: null },
      { rank: 3, user_id: 30, segment: 'C' },
    ]), { columns: ['rank', 'user_id', 'segment'] });
    const picked = table.take([2, 0]);
    expect(picked.numRows).to.equal(2);
    expect([...picked.numbers('user_id')]).to.deep.equal([30, 10]);
    expect(picked.texts('segment')).to.deep.equal(['C', 'A']);
  });
});

describe('validateTable reads each column once, when needed', () => {
  /** A row table that counts how often each column is read. */
  function countingTable(rows: Record<string, unknown>[]) {
    const inner = new RowTable(rows);
    const reads = new Map<string, number>();
    const table = {
      numRows: inner.numRows,
      schema: inner.schema,
      getChild(name: string) {
        reads.set(name, (reads.get(name) ?? 0) + 1);
        return inner.getChild(name);
      },
    };
    return { table, reads };
  }

  it('reads the other columns only when they are asked for', () => {
    const { table, reads } = countingTable([{ event_date: '2019-10-01', revenue: 5, purchases: 2, views: 9 }]);
    const gold = validateTable('daily_metrics', table, { columns: ['event_date', 'revenue'] });
    expect([...reads.keys()].sort()).to.deep.equal(['event_date', 'revenue']);
    expect(gold.getChild('views')!.get(0)).to.equal(9);
    expect(reads.has('views')).to.be.true;
    expect(reads.has('purchases')).to.be.false;
    expect(gold.columnNames).to.deep.equal(['event_date', 'revenue', 'purchases', 'views']);
  });

  it('shares the columns read between validations of one table', () => {
    const { table, reads } = countingTable([{ event_date: '2019-10-01', revenue: 5 }]);
    const a = validateTable('daily_metrics', table, { columns: ['event_date', 'revenue'] });
    const b = validateTable('daily_metrics', table, { columns: ['event_date', 'revenue'] });
    expect(reads.get('revenue')).to.equal(1);
    expect(b.numbers('revenue')).to.equal(a.numbers('revenue'));
  });

  it('types a contract column read as an extra as the contract does, and reads it once for both uses', () => {
    const { table, reads } = countingTable([{ event_date: '2019-10-01', revenue: 5 }]);
    // One element asks for revenue only: event_date comes along, still a date (not text).
    const revenueOnly = validateTable('daily_metrics', table, { columns: ['revenue'] });
    expect(revenueOnly.getChild('event_date')!.kind).to.equal('date');
    expect(revenueOnly.getChild('event_date')!.get(0)).to.equal(Date.UTC(2019, 9, 1));
    // Another asks for it: the column read as an extra serves it.
    const withDate = validateTable('daily_metrics', table, { columns: ['event_date', 'revenue'] });
    expect(withDate.getChild('event_date')).to.equal(revenueOnly.getChild('event_date'));
    expect(reads.get('event_date')).to.equal(1);
  });
});

describe('validateTable refuses numbers that are not finite', () => {
  const products = (overrides: Record<string, unknown>) => [
    { rank: 1, product_id: 7, category_code: null, brand: null, revenue: 10, purchases: 1, views: 2 },
    { rank: 2, product_id: 8, category_code: 'x', brand: 'y', revenue: 5, purchases: 1, views: 2, ...overrides },
  ];

  for (const [column, value, shown] of [
    ['revenue', Infinity, 'Infinity'],
    ['revenue', -Infinity, '-Infinity'],
    ['views', NaN, 'NaN'],
    ['product_id', NaN, 'NaN'],
    ['product_id', -Infinity, '-Infinity'],
  ] as const) {
    it(`names the column and the row of ${shown} in \`${column}\` (rows)`, () => {
      const error = catchError(() => validateTable('top_products', new RowTable(products({ [column]: value })), { label: 'top_products.json' }));
      expect(error.code).to.equal('bad-data');
      expect(error.column).to.equal(column);
      expect(error.message).to.equal(`top_products.json column \`${column}\` holds ${shown} at row 2; numbers must be finite`);
    });
  }

  it('names the row of an infinity in an Arrow Float64 column, with and without nulls', () => {
    for (const values of [[1, 2, -Infinity], [null, 2, -Infinity]]) {
      const t = new arrow.Table({ revenue: arrow.vectorFromArray(values, new arrow.Float64()) });
      for (const table of [t, decodeArrowIPC(arrow.tableToIPC(t)) as never]) {
        const error = catchError(() => validateTable('daily_metrics', table, { columns: ['revenue'], label: 'daily_metrics.arrow' }));
        expect(error.message).to.equal('daily_metrics.arrow column `revenue` holds -Infinity at row 3; numbers must be finite');
      }
    }
  });

  it('names an invalid date and an infinity in a GoldTable given again', () => {
    const dates = catchError(() => validateTable('daily_metrics', new RowTable([{ event_date: new Date(NaN), revenue: 1 }]), { columns: ['event_date'] }));
    expect(dates.message).to.equal('daily_metrics column `event_date` holds an invalid date at row 1; numbers must be finite');
    const gold = new GoldTable('kpi_summary', 2, [new NumberColumn('revenue', 'number', Float64Array.of(NaN, Infinity))]);
    expect(catchError(() => validateTable('kpi_summary', gold, { columns: ['revenue'] })).message).to.contain('holds Infinity at row 2');
  });

  it('keeps nulls: a missing value is not an error, and nullable text stays null', () => {
    const table = validateTable('top_products', new RowTable(products({ revenue: null, product_id: null, brand: null })));
    expect(Number.isNaN(table.numbers('revenue')[1])).to.be.true;
    expect(Number.isNaN(table.numbers('product_id')[1])).to.be.true;
    expect(table.texts('brand')).to.deep.equal([null, null]);
  });
});

describe('only own properties are data', () => {
  it('reads a field a row does not have as null, not as a member inherited from Object', () => {
    for (const name of ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty']) {
      const rows = JSON.parse(`[{"${name}": 5, "purchases": 1}, {"purchases": 2}]`) as Record<string, unknown>[];
      const table = validateTable('kpi_summary', new RowTable(rows), { columns: ['revenue', 'purchases'], fields: { revenue: name } });
      expect(table.numbers('revenue')[0], name).to.equal(5);
      expect(Number.isNaN(table.numbers('revenue')[1]), name).to.be.true;
    }
  });

  it('uses only a field map\'s own entries', () => {
    const inherited = Object.create({ revenue: 'total' }) as Record<string, string>;
    const table = validateTable('kpi_summary', new RowTable([{ revenue: 1, total: 2 }]), { columns: ['revenue'], fields: inherited });
    expect(table.numbers('revenue')[0]).to.equal(1);
  });

  it('keeps a column named __proto__ as a column of its row objects', () => {
    const rows = JSON.parse('[{"revenue": 3, "__proto__": "x"}]') as Record<string, unknown>[];
    const table = validateTable('kpi_summary', new RowTable(rows), { columns: ['revenue'] });
    const row = table.row(0);
    expect(Object.getPrototypeOf(row)).to.equal(Object.prototype);
    expect(Object.hasOwn(row, '__proto__')).to.be.true;
    expect(row['__proto__']).to.equal('x');
  });

  it('finds rows under an own `rows` or `data` only', () => {
    const wrapped = Object.create({ rows: [{ revenue: 1 }] }) as object;
    expect(() => rowsFromJson(wrapped, 'kpi_summary.json')).to.throw(GoldError, /is not an array of rows/);
    expect(rowsFromJson({ data: [{ revenue: 1 }] }, 'kpi_summary.json').numRows).to.equal(1);
  });
});
