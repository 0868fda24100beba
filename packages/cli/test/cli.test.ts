/** The `goldboard` command reaches both packages: help from the pipeline, `serve --help` from the server. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { WarehouseBuildError, parseArgs } from '@goldboard/pipeline';
import { DatabricksStandIn, TOKEN, WAREHOUSE } from '../../server/test/databricks-standin.js';
import { type WarehouseBuildCommand, runWarehouseBuild } from '../src/warehouse-build.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const run = (...args: string[]) => execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', CLI, ...args], { encoding: 'utf8' });

describe('goldboard', () => {
  it('prints the pipeline\'s usage', () => {
    assert.match(run('help'), /goldboard build --events PATH\|GLOB/);
  });

  it('runs the server\'s serve command', () => {
    assert.match(run('serve', '--help'), /goldboard serve — named Gold queries over HTTP/);
  });

  it('build --engine databricks says what it lacks: the catalog and schema, then the warehouse settings', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DATABRICKS_')));
    const build = (...args: string[]) => spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', CLI, 'build', '--engine', 'databricks', '--events', '/Volumes/main/rees46/raw/*.csv', ...args], { encoding: 'utf8', env });
    let result = build();
    assert.equal(result.status, 1);
    assert.match(result.stderr, /needs --catalog and --schema/);
    result = build('--catalog', 'main', '--schema', 'gold');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /goldboard build --engine databricks needs DATABRICKS_HOST/);
  });

  it('runs the warehouse build through the server\'s client, in the catalog and schema given', async () => {
    const standIn = new DatabricksStandIn();
    await standIn.start();
    try {
      standIn.scenario = { execute: async () => ({ error: { error_code: 'BAD_REQUEST', message: '[PATH_NOT_FOUND] Path does not exist: /Volumes/main/rees46/raw/*.csv' } }) };
      const command = parseArgs(['build', '--engine', 'databricks', '--events', '/Volumes/main/rees46/raw/*.csv', '--schema', 'gold']) as WarehouseBuildCommand;
      const stderr: string[] = [];
      const error = await runWarehouseBuild(command, {
        env: { DATABRICKS_HOST: 'https://adb-1.azuredatabricks.net', DATABRICKS_WAREHOUSE_ID: WAREHOUSE, DATABRICKS_TOKEN: TOKEN, DATABRICKS_CATALOG: 'main' },
        stdout: () => assert.fail('no manifest for a failed build'),
        stderr: (text) => stderr.push(text),
        config: { host: standIn.base, allowLoopbackHttp: true, pollInitialMs: 2 },
      }).then(
        () => assert.fail('the build should fail'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof WarehouseBuildError);
      assert.equal(error.stage, 'silver');
      assert.equal(error.statementId, standIn.submitted[0]!.id);
      assert.match(error.message, /PATH_NOT_FOUND/);
      assert.equal(standIn.submitted.length, 1);
      const body = standIn.calls('POST', /statements$/)[0]!.body!;
      assert.equal(body.catalog, 'main');
      assert.equal(body.schema, 'gold');
      assert.match(String(body.statement), /read_files\('\/Volumes\/main\/rees46\/raw\/\*\.csv'/);
      assert.deepEqual(stderr, ['goldboard build · silver · started · ' + stderr[0]!.split(' · ').at(-1)]);
    } finally {
      await standIn.stop();
    }
  });

  it('on abort (Ctrl-C) returns only once the running statement\'s cancel is sent, so the exit that follows does not drop it', async () => {
    const standIn = new DatabricksStandIn();
    await standIn.start();
    try {
      // The submit answers late: the abort comes while it waits, before the statement id is known.
      standIn.scenario = { execute: async () => ({ hang: true }), postDelayMs: 400 };
      const command = parseArgs(['build', '--engine', 'databricks', '--events', '/Volumes/main/rees46/raw/*.csv', '--catalog', 'main', '--schema', 'gold', '--quiet']) as WarehouseBuildCommand;
      const stop = new AbortController();
      const running = runWarehouseBuild(command, {
        env: { DATABRICKS_HOST: 'https://adb-1.azuredatabricks.net', DATABRICKS_WAREHOUSE_ID: WAREHOUSE, DATABRICKS_TOKEN: TOKEN },
        stdout: () => {},
        stderr: () => {},
        signal: stop.signal,
        config: { host: standIn.base, allowLoopbackHttp: true, pollInitialMs: 2 },
      });
      const end = Date.now() + 20_000;
      while (standIn.submitted.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
      stop.abort();
      await assert.rejects(running, WarehouseBuildError);
      assert.deepEqual(standIn.cancels, [standIn.submitted[0]!.id]);
    } finally {
      await standIn.stop();
    }
  });
});
