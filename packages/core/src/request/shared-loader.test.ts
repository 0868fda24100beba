import { expect } from '@open-wc/testing';
import { LatestRequest, SharedLoader } from './shared-loader.js';
import { createArrowAdapter } from '../adapters/arrow.js';
import { RowTable } from '../table/row-table.js';
import type { GoldAdapter } from '../adapters/adapter.js';
import { GoldError } from '../errors.js';
import { serverHits, uniqueKey } from '@goldboard/test-helpers';

/** An adapter that answers after `ms` and counts its calls and aborts. */
function countingAdapter(ms = 50) {
  const stats = { calls: 0, aborted: 0 };
  const adapter: GoldAdapter = {
    load: (query, signal) =>
      new Promise((resolve, reject) => {
        stats.calls++;
        const timer = setTimeout(() => resolve(new RowTable([{ dataset: query.dataset }])), ms);
        signal.addEventListener('abort', () => {
          stats.aborted++;
          clearTimeout(timer);
          reject(new GoldError('aborted', 'aborted'));
        });
      }),
  };
  return { adapter, stats };
}

describe('SharedLoader', () => {
  it('makes one request for three equal loads at once (counted by the server)', async () => {
    const key = uniqueKey();
    const adapter = createArrowAdapter({ url: `/test/fixtures/gold/kpi_summary.arrow?key=${key}` });
    const loader = new SharedLoader();
    const signal = new AbortController().signal;
    const tables = await Promise.all([1, 2, 3].map(() => loader.load(adapter, { dataset: 'kpi_summary' }, signal)));
    expect(tables[0]).to.equal(tables[1]);
    expect(tables[1]).to.equal(tables[2]);
    expect(await serverHits(key)).to.equal(1);
  });

  it('shares one file between queries that differ only in what the file ignores', async () => {
    const key = uniqueKey();
    const adapter = createArrowAdapter({ url: `/test/fixtures/gold/kpi_summary.arrow?key=${key}` });
    const loader = new SharedLoader();
    const signal = new AbortController().signal;
    await Promise.all([
      loader.load(adapter, { dataset: 'kpi_summary', limit: 10 }, signal),
      loader.load(adapter, { dataset: 'kpi_summary', limit: 100, from: '2019-11-01' }, signal),
    ]);
    expect(await serverHits(key)).to.equal(1);
  });

  it('keeps different parameters apart', async () => {
    const { adapter, stats } = countingAdapter();
    const loader = new SharedLoader();
    const signal = new AbortController().signal;
    await Promise.all([
      loader.load(adapter, { dataset: 'daily_metrics', from: '2019-10-01' }, signal),
      loader.load(adapter, { dataset: 'daily_metrics', from: '2019-11-01' }, signal),
      loader.load(adapter, { dataset: 'daily_metrics', from: '2019-11-01' }, signal),
    ]);
    expect(stats.calls).to.equal(2);
  });

  it('reuses an answer until invalidated', async () => {
    const { adapter, stats } = countingAdapter(5);
    const loader = new SharedLoader();
    const signal = new AbortController().signal;
    await loader.load(adapter, { dataset: 'kpi_summary' }, signal);
    await loader.load(adapter, { dataset: 'kpi_summary' }, signal);
    expect(stats.calls).to.equal(1);
    loader.invalidate(adapter);
    await loader.load(adapter, { dataset: 'kpi_summary' }, signal);
    expect(stats.calls).to.equal(2);
  });

  it('invalidates one query exactly, not the queries whose keys start like it', async () => {
    const { adapter, stats } = countingAdapter(5);
    const loader = new SharedLoader();
    const signal = new AbortController().signal;
    const occasional = { dataset: 'top_users', segment: 'Occasional' };
    const buyers = { dataset: 'top_users', segment: 'Occasional Buyers' };
    await loader.load(adapter, occasional, signal);
    await loader.load(adapter, buyers, signal);
    loader.invalidate(adapter, occasional);
    await loader.load(adapter, buyers, signal);
    expect(stats.calls).to.equal(2, 'the other segment stays cached');
    await loader.load(adapter, occasional, signal);
    expect(stats.calls).to.equal(3, 'the invalidated query is asked again');
  });

  it('lets one caller leave without cancelling the others', async () => {
    const { adapter, stats } = countingAdapter(100);
    const loader = new SharedLoader();
    const leaving = new AbortController();
    const first = loader.load(adapter, { dataset: 'kpi_summary' }, leaving.signal);
    const second = loader.load(adapter, { dataset: 'kpi_summary' }, new AbortController().signal);
    leaving.abort();
    const error = await first.catch((e: GoldError) => e);
    expect((error as GoldError).code).to.equal('aborted');
    expect((await second).numRows).to.equal(1);
    expect(stats.aborted).to.equal(0);
  });

  it('cancels the request when every caller has left', async () => {
    const { adapter, stats } = countingAdapter(500);
    const loader = new SharedLoader();
    const a = new AbortController();
    const b = new AbortController();
    const pa = loader.load(adapter, { dataset: 'kpi_summary' }, a.signal).catch(() => 'aborted');
    const pb = loader.load(adapter, { dataset: 'kpi_summary' }, b.signal).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 10));
    a.abort();
    b.abort();
    expect(await pa).to.equal('aborted');
    expect(await pb).to.equal('aborted');
    expect(stats.aborted).to.equal(1);
    expect(loader.pending).to.equal(0);
  });

  it('shares a failure with every caller and does not cache it', async () => {
    let calls = 0;
    const adapter: GoldAdapter = {
      load: async () => {
        calls++;
        throw new GoldError('http', 'x answered 500');
      },
    };
    const loader = new SharedLoader();
    const signal = new AbortController().signal;
    const results = await Promise.all([1, 2].map(() => loader.load(adapter, { dataset: 'kpi_summary' }, signal).catch((e: GoldError) => e.message)));
    expect(results).to.deep.equal(['x answered 500', 'x answered 500']);
    await loader.load(adapter, { dataset: 'kpi_summary' }, signal).catch(() => undefined);
    expect(calls).to.equal(2);
  });
});

describe('LatestRequest', () => {
  it('drops an older answer that arrives after a newer request started', async () => {
    const latest = new LatestRequest();
    const slow = latest.run(() => new Promise<string>((r) => setTimeout(() => r('old'), 80)));
    const fast = latest.run(() => new Promise<string>((r) => setTimeout(() => r('new'), 10)));
    expect(await fast).to.deep.equal({ current: true, value: 'new' });
    expect(await slow).to.deep.equal({ current: false });
  });

  it('aborts the older request', async () => {
    const latest = new LatestRequest();
    let firstSignal: AbortSignal | undefined;
    const first = latest.run((signal) => {
      firstSignal = signal;
      return new Promise<string>((r) => setTimeout(() => r('old'), 50));
    });
    await latest.run(async () => 'new');
    expect(firstSignal!.aborted).to.be.true;
    expect((await first).current).to.be.false;
  });

  it('reports a failure of the newest request', async () => {
    const latest = new LatestRequest();
    let message = '';
    await latest.run(async () => {
      throw new Error('boom');
    }).catch((e: Error) => (message = e.message));
    expect(message).to.equal('boom');
  });
});
