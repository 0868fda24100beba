/** The warehouse build's own statements and its reading of --events (the build itself runs in the server's tests, against the stand-in). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DATABRICKS, DUCKDB } from '@goldboard/gold-sql';
import { PipelineError, warehouseSql } from '../src/index.js';

describe('warehouse build SQL', () => {
  it('reads --events as volume paths or one table name, and nothing else', () => {
    assert.deepEqual(warehouseSql.eventsSource(['/Volumes/main/rees46/raw/*.csv']), { kind: 'files', paths: ['/Volumes/main/rees46/raw/*.csv'] });
    assert.deepEqual(warehouseSql.eventsSource(['s3://bucket/rees46/2019-Oct.csv', 'abfss://c@a.dfs.core.windows.net/x.csv']).kind, 'files');
    assert.deepEqual(warehouseSql.eventsSource(['main.rees46.raw_events']), { kind: 'table', table: 'main.rees46.raw_events' });
    assert.deepEqual(warehouseSql.eventsSource(['`my-catalog`.rees46.events']).kind, 'table');
    for (const bad of [['main.rees46.events; DROP TABLE x'], ['a.b.c.d'], ['raw/*.csv'], ['t1', 't2'], []]) {
      assert.throws(() => warehouseSql.eventsSource(bad), PipelineError, JSON.stringify(bad));
    }
  });

  it('reads a table source as text, its name quoted part by part', () => {
    const sql = warehouseSql.bronzeFromTableSql('main.rees46.raw_events', DATABRICKS);
    assert.match(sql, /^CREATE OR REPLACE TABLE bronze AS\nSELECT CAST\(event_time AS STRING\) AS event_time, /);
    assert.match(sql, /FROM `main`\.`rees46`\.`raw_events`$/);
    assert.equal(warehouseSql.silverSql({ kind: 'table', table: 'main.rees46.raw_events' }, DATABRICKS)[0], sql);
  });

  it('renders every statement for either engine, Databricks without DuckDB syntax', () => {
    const all = (d: typeof DATABRICKS) =>
      [warehouseSql.countsSql(d), warehouseSql.periodSql(d), warehouseSql.userFeaturesSql(d), warehouseSql.userSegmentsSql(d), warehouseSql.goldRowsSql(d), warehouseSql.manifestTableSql(d), ...warehouseSql.dropWorkSql(d)].join('\n');
    assert.doesNotMatch(all(DATABRICKS), /\$\w|\bVARCHAR\b|\bINTEGER\b|::|FILTER \(WHERE/);
    assert.match(all(DATABRICKS), /CAST\(:manifest AS STRING\)/);
    assert.match(all(DUCKDB), /CAST\(\$manifest AS VARCHAR\)/);
    // Every write replaces a whole table.
    for (const sql of all(DATABRICKS).split('\n').filter((l) => /^(CREATE|INSERT|DELETE|DROP)/.test(l))) assert.match(sql, /^(CREATE OR REPLACE TABLE \w+ AS|DROP TABLE IF EXISTS \w+)$/);
  });
});
