/** The dialect table, function by function: the text each dialect renders. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DATABRICKS, DUCKDB, type Dialect } from '../src/index.js';

const CASES: Array<[string, (d: Dialect) => string, string, string]> = [
  ['param', (d) => d.param('from'), '$from', ':from'],
  ['ident', (d) => d.ident('rank'), '"rank"', '`rank`'],
  ['string', (d) => d.string("it's C:\\x"), "'it''s C:\\x'", "'it\\'s C:\\\\x'"],
  ['countIf', (d) => d.countIf('x > 0'), 'count(*) FILTER (WHERE x > 0)', 'count_if(x > 0)'],
  ['sumIf', (d) => d.sumIf('p', 'x > 0'), 'sum(p) FILTER (WHERE x > 0)', 'sum(CASE WHEN x > 0 THEN p END)'],
  ['countDistinctIf', (d) => d.countDistinctIf('u', 'x > 0'), 'count(DISTINCT u) FILTER (WHERE x > 0)', 'count(DISTINCT CASE WHEN x > 0 THEN u END)'],
  ['double', (d) => d.double('n'), 'CAST(n AS DOUBLE)', 'CAST(n AS DOUBLE)'],
  ['utcDay', (d) => d.utcDay('t'), 'CAST(t AS DATE)', 'date_from_unix_date(CAST(floor(unix_seconds(t) / 86400) AS INT))'],
  ['month', (d) => d.month('x'), "strftime(x, '%Y-%m')", 'substr(CAST(x AS STRING), 1, 7)'],
  ['dayStart', (d) => d.dayStart('d'), 'd', 'timestamp_seconds(CAST(unix_date(d) AS BIGINT) * 86400)'],
  ['nextDay', (d) => d.nextDay('d'), 'd + INTERVAL 1 DAY', 'date_add(d, 1)'],
  ['daysBetween', (d) => d.daysBetween('a', 'b'), 'epoch(a - b) / 86400.0', 'CAST(unix_micros(a) - unix_micros(b) AS DOUBLE) / 86400000000'],
  [
    'parseTimestampUtc',
    (d) => d.parseTimestampUtc('s'),
    "coalesce(try_strptime(s, '%Y-%m-%d %H:%M:%S UTC'), TRY_CAST(s AS TIMESTAMP))",
    "coalesce(try_to_timestamp(s, 'yyyy-MM-dd HH:mm:ss z'), timestamp_seconds(0) + (try_cast(s AS TIMESTAMP_NTZ) - TIMESTAMP_NTZ '1970-01-01 00:00:00'))",
  ],
  [
    'tryBigint',
    (d) => d.tryBigint('s'),
    "CASE WHEN CAST(TRY_CAST(s AS BIGINT) AS VARCHAR) = s OR regexp_matches(s, '^\\s*[+-]?[0-9]+\\s*$') THEN TRY_CAST(s AS BIGINT) END",
    "CASE WHEN s RLIKE '^\\\\s*[+-]?[0-9]+\\\\s*$' THEN try_cast(s AS BIGINT) END",
  ],
  ['tryDouble', (d) => d.tryDouble('s'), 'TRY_CAST(s AS DOUBLE)', 'try_cast(s AS DOUBLE)'],
  ['modeSmallest', (d) => d.modeSmallest('c'), 'mode() WITHIN GROUP (ORDER BY c)', 'mode(c, true)'],
  [
    'readCsv',
    (d) => d.readCsv(['a.csv'], ['x', 'y']),
    "read_csv(['a.csv'], header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = {'x': 'VARCHAR', 'y': 'VARCHAR'}, null_padding = false, store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_reject_scans', compression = 'auto', filename = true)",
    "(SELECT *, _metadata.file_name AS _source FROM read_files('a.csv', format => 'csv', header => true, mode => 'PERMISSIVE', columnNameOfCorruptRecord => '_corrupt_record', schema => 'x STRING, y STRING, _corrupt_record STRING'))",
  ],
];

describe('dialect table', () => {
  for (const [name, render, duckdb, databricks] of CASES) {
    it(name, () => {
      assert.equal(render(DUCKDB), duckdb, `duckdb ${name}`);
      assert.equal(render(DATABRICKS), databricks, `databricks ${name}`);
    });
  }

  it('covers every function of the table', () => {
    const functions = Object.keys(DUCKDB).filter((key) => typeof DUCKDB[key as keyof Dialect] === 'function');
    assert.deepEqual(functions.sort(), CASES.map(([name]) => name).sort());
    assert.deepEqual(Object.keys(DATABRICKS).sort(), Object.keys(DUCKDB).sort());
  });

  it('maps the contract\'s types', () => {
    assert.deepEqual(DUCKDB.types, { float64: 'DOUBLE', int64: 'BIGINT', int32: 'INTEGER', text: 'VARCHAR', date: 'DATE' });
    assert.deepEqual(DATABRICKS.types, { float64: 'DOUBLE', int64: 'BIGINT', int32: 'INT', text: 'STRING', date: 'DATE' });
  });
});
