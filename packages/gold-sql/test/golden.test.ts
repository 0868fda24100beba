/**
 * Every statement of a build, rendered for each dialect, is the text committed under
 * test/golden/<dialect>/. A change shows as a diff to review; `pnpm --filter
 * @goldboard/gold-sql golden` rewrites the files.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DIALECTS } from '../src/index.js';
import { buildStatements, expandIncludes } from './build-statements.js';

for (const dialect of Object.values(DIALECTS)) {
  describe(`golden ${dialect.name} SQL`, () => {
    const dir = fileURLToPath(new URL(`./golden/${dialect.name}/`, import.meta.url));
    const rendered = buildStatements(dialect);

    it('has a golden file for every statement file and no other', () => {
      assert.deepEqual(readdirSync(dir).sort(), Object.keys(rendered).map((name) => `${name}.sql`).sort());
    });

    const golden = (): Record<string, string> => Object.fromEntries(Object.keys(rendered).map((name) => [name, readFileSync(`${dir}${name}.sql`, 'utf8')]));

    for (const [name, text] of Object.entries(rendered)) {
      it(`${name}.sql`, () => {
        const files = golden();
        // gold_tables.sql includes each query's golden file: every statement is still compared whole.
        assert.equal(text, name === 'gold_tables' ? expandIncludes(files) : files[name], `${dialect.name}/${name}.sql changed: run \`pnpm --filter @goldboard/gold-sql golden\` and review the diff`);
      });
    }
  });
}

describe('Databricks rendering', () => {
  const all = Object.values(buildStatements(DIALECTS.databricks)).join('\n').replace(/--.*$/gm, '');

  it('never depends on the session time zone', () => {
    // A cast between TIMESTAMP and DATE uses the warehouse's TIMEZONE: only parameters (text) and
    // columns already DATE are cast to DATE, and nothing to TIMESTAMP (NTZ has no zone).
    for (const match of all.matchAll(/CAST\(([^()]*) AS (DATE|TIMESTAMP)\)/g)) {
      assert.match(match[1]!, /^(?::\w+|`\w+_date`)$/, `CAST(${match[1]} AS ${match[2]})`);
    }
    assert.doesNotMatch(all, /from_utc_timestamp|to_utc_timestamp|current_timezone|to_date\(/);
    assert.doesNotMatch(all, /HH:mm:ss 'UTC'/, "a quoted 'UTC' reads the time in the session's zone");
    assert.match(all, /try_to_timestamp\(b\.event_time, 'yyyy-MM-dd HH:mm:ss z'\)/);
  });

  it('divides only in DOUBLE (Spark divides DECIMALs as DECIMAL(38, 6), rounding)', () => {
    const dividends = all.split(/\s+\/\s+/).slice(0, -1);
    assert.ok(dividends.length > 10);
    for (const left of dividends) assert.match(left, /(?:AS DOUBLE\)|unix_seconds\([^()]*(?:\([^()]*\))?\))$/, `…${left.slice(-60)} / …`);
  });

  it('has no DuckDB-only syntax', () => {
    assert.doesNotMatch(all, /FILTER \(WHERE|\$\w|INTERVAL 1 DAY|epoch\(|strptime|::|\bVARCHAR\b|\bINTEGER\b/);
  });
});
