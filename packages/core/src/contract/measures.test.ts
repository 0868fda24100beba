import { expect } from '@open-wc/testing';
import { DATASET_NAMES, columnSpec, isNumericType } from './datasets.js';
import { KPI_SUMMARY_MEASURES, measureIn, measureSpec, measuresOf } from './measures.js';

describe('measures', () => {
  it('names only numeric contract columns, and parts and shares that the dataset holds', () => {
    for (const dataset of DATASET_NAMES) {
      for (const m of measuresOf(dataset)) {
        const where = `${dataset}.${m.column}`;
        const type = columnSpec(dataset, m.column)?.type;
        expect(type && isNumericType(type), `${where} is a numeric column`).to.be.true;
        if (typeof m.combine === 'object') {
          expect(columnSpec(dataset, m.combine.numerator), `${where} numerator`).to.not.equal(undefined);
          expect(columnSpec(dataset, m.combine.denominator), `${where} denominator`).to.not.equal(undefined);
        }
        if (m.share) expect(columnSpec(dataset, m.share), `${where} share`).to.not.equal(undefined);
      }
    }
  });

  it('says how a measure combines over days: sum, ratio of sums, or mean of a distinct count', () => {
    expect(measureSpec('kpi_summary', 'revenue')).to.include({ label: 'Total Revenue', format: 'currency', combine: 'sum' });
    expect(measureSpec('kpi_summary', 'users').combine).to.equal('distinct');
    expect(measureSpec('kpi_summary', 'conversion_rate').combine).to.deep.equal({ numerator: 'buyers', denominator: 'users' });
    expect(measureSpec('daily_metrics', 'revenue').label).to.equal('Revenue');
  });

  it('reads an unknown column as itself, a plain number, and no inherited member as a measure', () => {
    expect(measureSpec('daily_metrics', 'amount')).to.deep.equal({ column: 'amount', label: 'amount', format: 'number', combine: 'sum' });
    expect(measureIn(KPI_SUMMARY_MEASURES, 'constructor').label).to.equal('constructor');
    expect(measureSpec('kpi_summary', 'toString').label).to.equal('toString');
    expect(measuresOf('user_segments')).to.deep.equal([]);
  });
});
