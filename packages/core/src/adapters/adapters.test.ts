import { expect } from '@open-wc/testing';
import { createArrowAdapter } from './arrow.js';
import { createJsonAdapter } from './json.js';
import { createFolderAdapter, adapterForSrc } from './folder.js';
import { createRowsAdapter } from './rows.js';
import { GoldError } from '../errors.js';
import { validateTable } from '../contract/validate.js';
import { GOLD, OTHER_ORIGIN, rejection } from '@goldboard/test-helpers';

const never = new AbortController().signal;

const failure = (promise: Promise<unknown>) => rejection(promise, GoldError);

describe('Arrow adapter', () => {
  it('reads the IPC file format', async () => {
    const table = await createArrowAdapter({ url: `${GOLD}/kpi_summary.arrow` }).load({ dataset: 'kpi_summary' }, never);
    const kpi = validateTable('kpi_summary', table);
    expect(kpi.numbers('revenue')[0]).to.equal(1234567.89);
    expect(kpi.numbers('purchases')[0]).to.equal(4321);
    expect(kpi.numbers('first_date')[0]).to.equal(Date.UTC(2019, 9, 1));
  });

  it('reads the IPC stream format', async () => {
    const table = await createArrowAdapter({ url: `${GOLD}/kpi_summary.stream.arrow` }).load({ dataset: 'kpi_summary' }, never);
    expect(validateTable('kpi_summary', table).numbers('users')[0]).to.equal(50000);
  });

  it('reads a 14-day daily_metrics with every day in order', async () => {
    const table = validateTable('daily_metrics', await createArrowAdapter({ url: `${GOLD}/daily_metrics.arrow` }).load({ dataset: 'daily_metrics' }, never));
    expect(table.numRows).to.equal(14);
    expect(table.numbers('event_date')[13]).to.equal(Date.UTC(2019, 9, 14));
  });

  it('says 404 with the URL', async () => {
    const error = await failure(createArrowAdapter({ url: `${GOLD}/missing.arrow` }).load({ dataset: 'kpi_summary' }, never));
    expect(error.code).to.equal('http');
    expect(error.status).to.equal(404);
    expect(error.message).to.match(/missing\.arrow answered 404/);
  });

  it('says 500 and that the server failed', async () => {
    const error = await failure(createArrowAdapter({ url: '/test-api/status/500' }).load({ dataset: 'kpi_summary' }, never));
    expect(error.status).to.equal(500);
    expect(error.message).to.contain('The server failed');
  });

  it('rejects bytes that are not Arrow with a decode error naming the file', async () => {
    const error = await failure(createArrowAdapter({ url: `${GOLD}/bad/not-arrow.arrow` }).load({ dataset: 'kpi_summary' }, never));
    expect(error.code).to.equal('decode');
    expect(error.message).to.match(/not-arrow\.arrow is not an Arrow IPC file or stream/);
  });

  it('waits for a slow response', async () => {
    const started = performance.now();
    const table = await createArrowAdapter({ url: `/test-api/slow?ms=300&file=test/fixtures/gold/kpi_summary.arrow` }).load({ dataset: 'kpi_summary' }, never);
    expect(performance.now() - started).to.be.greaterThan(250);
    expect(table.numRows).to.equal(1);
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    const pending = createArrowAdapter({ url: `/test-api/slow?ms=2000&file=test/fixtures/gold/kpi_summary.arrow` }).load({ dataset: 'kpi_summary' }, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const error = await failure(pending);
    expect(error.code).to.equal('aborted');
    expect(performance.now() - started).to.be.lessThan(1000);
  });
});

describe('JSON adapter', () => {
  it('reads an array of rows with ISO dates', async () => {
    const table = validateTable('daily_metrics', await createJsonAdapter({ url: `${GOLD}/daily_metrics.json` }).load({ dataset: 'daily_metrics' }, never));
    expect(table.numRows).to.equal(14);
    expect(table.numbers('event_date')[0]).to.equal(Date.UTC(2019, 9, 1));
    expect(table.numbers('revenue')[7]).to.equal(1100);
  });

  it('rejects text that is not JSON, naming what the server sent', async () => {
    const error = await failure(createJsonAdapter({ url: `${GOLD}/bad/not-json.json` }).load({ dataset: 'kpi_summary' }, never));
    expect(error.code).to.equal('decode');
    expect(error.message).to.contain('not-json.json is not valid JSON');
  });

  it('rejects JSON that is not rows', async () => {
    const error = await failure(createJsonAdapter({ url: `${GOLD}/bad/object.json` }).load({ dataset: 'kpi_summary' }, never));
    expect(error.message).to.contain('is not an array of rows');
  });

  it('reports a connection cut mid-body', async () => {
    const error = await failure(createJsonAdapter({ url: '/test-api/cut' }).load({ dataset: 'kpi_summary' }, never));
    expect(['network', 'decode']).to.include(error.code);
    expect(error.message).to.contain('/test-api/cut');
  });

  it('reports an unreachable server as a network error', async () => {
    const error = await failure(createJsonAdapter({ url: 'http://127.0.0.1:9/kpi_summary.json' }).load({ dataset: 'kpi_summary' }, never));
    expect(error.code).to.equal('network');
    expect(error.message).to.contain('Could not reach http://127.0.0.1:9/kpi_summary.json');
    // Nothing answered the second, opaque request either: not a CORS refusal.
    expect(error.message).to.contain('Check the address and that the server is running');
    expect(error.message).to.not.contain('CORS');
  });

  it('names CORS when a server on another origin answered but the browser withheld the answer', async () => {
    const url = `${OTHER_ORIGIN}${GOLD}/kpi_summary.json`;
    const error = await failure(createJsonAdapter({ url }).load({ dataset: 'kpi_summary' }, never));
    expect(error.code).to.equal('network');
    expect(error.message).to.contain(`Could not reach ${url}`);
    expect(error.message).to.contain(`The server answered, but the browser withheld the answer: ${OTHER_ORIGIN} is another origin than this page's (${location.origin})`);
    expect(error.message).to.contain(`Access-Control-Allow-Origin: ${location.origin}`);
    expect(error.message).to.not.contain('Check the address');
    // The same file from the same server, allowed by CORS: read.
    const table = await createJsonAdapter({ url: `${url}?cors=allow` }).load({ dataset: 'kpi_summary' }, never);
    expect(table.numRows).to.equal(1);
  });
});

describe('folder, src and rows adapters', () => {
  it('reads each dataset from its file in a Gold folder', async () => {
    const folder = createFolderAdapter({ base: GOLD });
    const kpi = await folder.load({ dataset: 'kpi_summary' }, never);
    const daily = await folder.load({ dataset: 'daily_metrics' }, never);
    expect(kpi.numRows).to.equal(1);
    expect(daily.numRows).to.equal(14);
    expect(folder.key).to.equal(`folder:arrow:${new URL(`${GOLD}/`, location.href).href}`);
  });

  it('gives one adapter per src, choosing the format by extension', async () => {
    expect(adapterForSrc(`${GOLD}/kpi_summary.json`)).to.equal(adapterForSrc(new URL(`${GOLD}/kpi_summary.json`, location.href).href));
    const table = await adapterForSrc(`${GOLD}/kpi_summary.json`).load({ dataset: 'kpi_summary' }, never);
    expect(validateTable('kpi_summary', table).numbers('buyers')[0]).to.equal(2500);
  });

  it('serves in-memory rows and names a missing dataset', async () => {
    const rows = createRowsAdapter({ kpi_summary: [{ revenue: 5 }] });
    expect((await rows.load({ dataset: 'kpi_summary' }, never)).numRows).to.equal(1);
    const error = await failure(rows.load({ dataset: 'daily_metrics' }, never));
    expect(error.message).to.contain('has no dataset `daily_metrics` (it has: kpi_summary)');
  });
});
