import { expect } from '@open-wc/testing';
import { SharedLoader } from './shared-loader.js';
import { createArrowAdapter } from '../adapters/arrow.js';
import { createJsonAdapter } from '../adapters/json.js';
import { useConditionalRequests } from '../adapters/http.js';
import { etagMemory } from './conditional.js';
import { serverHits, uniqueKey } from '@goldboard/test-helpers';

/** Records the status and If-None-Match of every fetch (the real one, passed through). */
function watchFetch() {
  const original = window.fetch;
  const seen: { url: string; ifNoneMatch: string | null; status: number }[] = [];
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await original(input, init);
    seen.push({ url: String(input), ifNoneMatch: new Headers(init?.headers).get('If-None-Match'), status: response.status });
    return response;
  }) as typeof fetch;
  return { seen, restore: () => (window.fetch = original) };
}

/** Answers JSON rows with an ETag, `304` when asked with the same one; `rows` can change between requests. */
function versionedFetch(rows: () => { revenue: number }[], etag: () => string) {
  const original = window.fetch;
  const statuses: number[] = [];
  window.fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const status = new Headers(init?.headers).get('If-None-Match') === etag() ? 304 : 200;
    statuses.push(status);
    return new Response(status === 304 ? null : JSON.stringify(rows()), { status, headers: { ETag: etag(), 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return { statuses, restore: () => (window.fetch = original) };
}

describe('SharedLoader revalidation (ETag / 304)', () => {
  // What live refresh turns on (pages that never refresh make plain requests).
  before(() => useConditionalRequests(etagMemory()));
  after(() => useConditionalRequests(undefined));

  it('asks each kept answer again with If-None-Match: a 304 keeps the same table, one request per dataset', async () => {
    const key = uniqueKey();
    const loader = new SharedLoader();
    const adapter = createArrowAdapter({ url: `/test/fixtures/gold/kpi_summary.arrow?key=${key}` });
    const signal = new AbortController().signal;
    const table = await loader.load(adapter, { dataset: 'kpi_summary' }, signal);
    // Three elements' equal queries: one kept answer.
    await Promise.all([1, 2, 3].map(() => loader.load(adapter, { dataset: 'kpi_summary' }, signal)));
    const heard: string[] = [];
    loader.onChange((k) => heard.push(k));
    const watch = watchFetch();
    try {
      expect(await loader.revalidate(adapter)).to.equal(0);
    } finally {
      watch.restore();
    }
    expect(watch.seen).to.have.length(1);
    expect(watch.seen[0]!.ifNoneMatch).to.be.a('string').and.not.equal('');
    expect(watch.seen[0]!.status).to.equal(304);
    expect(await serverHits(key)).to.equal(2);
    expect(await loader.load(adapter, { dataset: 'kpi_summary' }, signal)).to.equal(table);
    expect(heard).to.deep.equal([]);
  });

  it('takes a changed answer (a new ETag), tells the listeners, and keeps it for the next loads', async () => {
    let revenue = 10;
    let version = 'v1';
    const fake = versionedFetch(() => [{ revenue }], () => `"${version}"`);
    try {
      const loader = new SharedLoader();
      const adapter = createJsonAdapter({ url: `/nowhere/kpi_summary.json?key=${uniqueKey()}` });
      const signal = new AbortController().signal;
      const first = await loader.load(adapter, { dataset: 'kpi_summary' }, signal);
      const heard: string[] = [];
      loader.onChange((k) => heard.push(k));
      expect(await loader.revalidate(adapter)).to.equal(0);
      revenue = 20;
      version = 'v2';
      expect(await loader.revalidate(adapter)).to.equal(1);
      expect(heard).to.deep.equal([adapter.key]);
      const second = await loader.load(adapter, { dataset: 'kpi_summary' }, signal);
      expect(second).to.not.equal(first);
      expect(second.getChild('revenue')!.get(0)).to.equal(20);
      expect(fake.statuses).to.deep.equal([200, 304, 200]);
    } finally {
      fake.restore();
    }
  });

  it('keeps the old answer when a revalidation fails', async () => {
    const fake = versionedFetch(() => [{ revenue: 1 }], () => '"a"');
    const loader = new SharedLoader();
    const adapter = createJsonAdapter({ url: `/nowhere/kpi_summary.json?key=${uniqueKey()}` });
    const signal = new AbortController().signal;
    let first;
    try {
      first = await loader.load(adapter, { dataset: 'kpi_summary' }, signal);
    } finally {
      fake.restore();
    }
    const original = window.fetch;
    window.fetch = (() => Promise.reject(new TypeError('offline'))) as typeof fetch;
    try {
      expect(await loader.revalidate(adapter)).to.equal(0);
    } finally {
      window.fetch = original;
    }
    expect(await loader.load(adapter, { dataset: 'kpi_summary' }, signal)).to.equal(first);
  });

  it('a 304 gives back the answer it was asked for, even when many other URLs were read meanwhile', async () => {
    const original = window.fetch;
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const conditional = new Headers(init?.headers).get('If-None-Match') === '"a"';
      // The conditional request for the first URL answers only after the others were read.
      if (conditional && String(input).includes('first')) await held;
      return new Response(conditional ? null : JSON.stringify([{ revenue: 1 }]), { status: conditional ? 304 : 200, headers: { ETag: '"a"' } });
    }) as typeof fetch;
    try {
      const loader = new SharedLoader();
      const signal = new AbortController().signal;
      const first = createJsonAdapter({ url: `/nowhere/first.json?key=${uniqueKey()}` });
      const table = await loader.load(first, { dataset: 'kpi_summary' }, signal);
      // Loaded again (a retry): a conditional request.
      loader.invalidate(first);
      const again = loader.load(first, { dataset: 'kpi_summary' }, signal);
      const others = Array.from({ length: 20 }, (_, i) => createJsonAdapter({ url: `/nowhere/other-${i}.json?key=${uniqueKey()}` }));
      await Promise.all(others.map((adapter) => loader.load(adapter, { dataset: 'kpi_summary' }, signal)));
      release!();
      expect(await again).to.equal(table);
    } finally {
      window.fetch = original;
    }
  });

  it('a revalidation that answers after a newer load leaves the newer answer', async () => {
    const original = window.fetch;
    let version = 1;
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    window.fetch = (async () => {
      const v = version;
      // The revalidation's request (the second) is slow; the fresh load after it is not.
      if (v === 2) await held;
      return new Response(JSON.stringify([{ revenue: v }]), { status: 200 });
    }) as typeof fetch;
    try {
      const loader = new SharedLoader();
      const signal = new AbortController().signal;
      const adapter = createJsonAdapter({ url: `/nowhere/kpi_summary.json?key=${uniqueKey()}` });
      await loader.load(adapter, { dataset: 'kpi_summary' }, signal);
      version = 2;
      const slow = loader.revalidate(adapter);
      await Promise.resolve();
      version = 3;
      loader.invalidate(adapter);
      const newer = await loader.load(adapter, { dataset: 'kpi_summary' }, signal);
      expect(newer.getChild('revenue')!.get(0)).to.equal(3);
      release!();
      await slow;
      expect((await loader.load(adapter, { dataset: 'kpi_summary' }, signal)).getChild('revenue')!.get(0)).to.equal(3);
    } finally {
      window.fetch = original;
    }
  });

  it('makes plain requests while conditional requests are off', async () => {
    useConditionalRequests(undefined);
    let version = 'v1';
    const fake = versionedFetch(() => [{ revenue: 1 }], () => `"${version}"`);
    try {
      const loader = new SharedLoader();
      const adapter = createJsonAdapter({ url: `/nowhere/kpi_summary.json?key=${uniqueKey()}` });
      await loader.load(adapter, { dataset: 'kpi_summary' }, new AbortController().signal);
      expect(await loader.revalidate(adapter)).to.equal(1);
      expect(fake.statuses).to.deep.equal([200, 200]);
    } finally {
      fake.restore();
      useConditionalRequests(etagMemory());
    }
  });
});
