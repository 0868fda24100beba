/** Parameter parsing: every bad value is a 400 naming the parameter. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCalendarDay } from '@goldboard/core';
import { RequestError, namedStatement, negotiate, parseDatasetRequest, parseServeArgs } from '../src/index.js';

const period = { from: '2019-10-01', to: '2020-04-30' };
const parse = (dataset: Parameters<typeof parseDatasetRequest>[0], query: string) => parseDatasetRequest(dataset, new URLSearchParams(query), period);

function rejects(dataset: Parameters<typeof parseDatasetRequest>[0], query: string, param: string, message: RegExp): void {
  assert.throws(
    () => parse(dataset, query),
    (error: unknown) => error instanceof RequestError && error.status === 400 && error.param === param && message.test(error.message),
    `${dataset}?${query}`,
  );
}

describe('dataset parameters', () => {
  it('reads a range, a limit and a segment', () => {
    assert.deepEqual(parse('top_users', 'from=2019-11-01&to=2019-11-30&limit=5&segment=Occasional+Buyers'), {
      dataset: 'top_users',
      from: '2019-11-01',
      to: '2019-11-30',
      limit: 5,
      segment: 'Occasional Buyers',
    });
  });

  it('fills an open end of a range with the Gold period', () => {
    assert.deepEqual(parse('kpi_summary', 'from=2020-01-01'), { dataset: 'kpi_summary', from: '2020-01-01', to: '2020-04-30', limit: undefined, segment: undefined });
    assert.equal(parse('kpi_summary', 'to=2019-10-31').from, '2019-10-01');
  });

  it('knows calendar days', () => {
    assert.ok(isCalendarDay('2020-02-29'));
    for (const bad of ['2019-02-29', '2019-13-01', '2019-11-31', '2019-1-01', '20191101', '2019-11-01T00:00', ' 2019-11-01']) assert.ok(!isCalendarDay(bad), bad);
  });

  it('rejects every bad value, naming the parameter', () => {
    rejects('kpi_summary', 'from=2019-11-31', 'from', /calendar day/);
    rejects('kpi_summary', 'to=yesterday', 'to', /calendar day/);
    rejects('kpi_summary', "from=2019-11-01'; DROP TABLE events; --", 'from', /calendar day/);
    rejects('kpi_summary', 'from=2019-11-30&to=2019-11-01', 'to', /before from/);
    rejects('top_products', 'limit=-1', 'limit', /whole number/);
    rejects('top_products', 'limit=ten', 'limit', /whole number/);
    rejects('top_products', 'limit=1.5', 'limit', /whole number/);
    rejects('top_products', 'limit=101', 'limit', /0 to 100/);
    rejects('top_users', 'segment=Whales', 'segment', /Unknown segment/);
    rejects('kpi_summary', 'segment=Occasional+Buyers', 'segment', /no segment column/);
    rejects('user_segments', 'from=2019-11-01', 'from', /not computed for a date range/);
    rejects('kpi_summary', 'form=2019-11-01', 'form', /Unknown parameter/);
    rejects('kpi_summary', 'from=2019-11-01&from=2019-11-02', 'from', /more than once/);
    rejects('kpi_summary', `to=${'9'.repeat(5000)}`, 'to', /^to must be a calendar day like 2019-11-01, got "9{60}…"\.$/);
  });
});

describe('named statements', () => {
  it('binds every value as a parameter, never as SQL text', () => {
    const statement = namedStatement({ dataset: 'top_users', from: '2019-11-01', to: '2019-11-30', limit: 5, segment: 'Occasional Buyers' }, 'duckdb');
    assert.ok(!statement.sql.includes('2019-11'));
    assert.ok(!statement.sql.includes('Occasional'));
    assert.deepEqual(Object.keys(statement.params).sort(), ['from', 'limit', 'row_limit', 'segment', 'to']);
    const databricks = namedStatement({ dataset: 'kpi_summary', from: '2019-11-01', to: '2019-11-30' }, 'databricks');
    assert.match(databricks.sql, /:from/);
    assert.doesNotMatch(databricks.sql, /\$from/);
    assert.deepEqual(databricks.params.from, { value: '2019-11-01', type: 'DATE' });
  });
});

describe('content negotiation', () => {
  it('answers Arrow unless JSON is preferred, and nothing for neither', () => {
    assert.equal(negotiate(undefined), 'arrow');
    assert.equal(negotiate('*/*'), 'arrow');
    assert.equal(negotiate('application/vnd.apache.arrow.stream'), 'arrow');
    assert.equal(negotiate('application/json'), 'json');
    assert.equal(negotiate('application/json, application/vnd.apache.arrow.stream;q=0.5'), 'json');
    assert.equal(negotiate('application/vnd.apache.arrow.stream, application/json'), 'arrow');
    assert.equal(negotiate('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'), 'arrow');
    assert.equal(negotiate('application/json, */*;q=0.1'), 'json');
    assert.equal(negotiate('text/csv'), undefined);
    assert.equal(negotiate('application/*;q=0.5, application/json;q=0.9'), 'json');
  });
});

describe('serve arguments', () => {
  it('parses the options and refuses what it does not know', () => {
    const options = parseServeArgs(['--gold', 'gold', '--port', '0', '--cors-origin', 'https://a.example,https://b.example']);
    assert.ok(options !== 'help');
    assert.deepEqual(options.corsOrigins, ['https://a.example', 'https://b.example']);
    assert.equal(options.engine, 'duckdb');
    assert.deepEqual([options.maxPipelined, options.maxBufferedBytes, options.idleTimeoutMs], [16, 4 * 1024 * 1024, undefined]);
    const limited = parseServeArgs(['--gold', 'g', '--max-pipelined', '4', '--max-buffered-bytes', '65536', '--idle-timeout-ms', '10000']);
    assert.ok(limited !== 'help');
    assert.deepEqual([limited.maxPipelined, limited.maxBufferedBytes, limited.idleTimeoutMs], [4, 65536, 10000]);
    assert.throws(() => parseServeArgs(['--gold', 'g', '--max-pipelined', '0']), /--max-pipelined must be a whole number ≥ 1/);
    assert.throws(() => parseServeArgs(['--port', '8080']), /--gold/);
    assert.throws(() => parseServeArgs(['--gold', 'g', '--token', 'x']), /unexpected argument/);
    assert.equal(parseServeArgs(['--engine', 'databricks']) !== 'help', true);
  });
});
