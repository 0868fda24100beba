import { expect } from '@open-wc/testing';
import { createServerAdapter, serverQueryUrl } from './server.js';
import { GoldError } from '../errors.js';
import { validateTable } from '../contract/validate.js';
import { GOLD, OTHER_ORIGIN, rejection } from '@goldboard/test-helpers';

const never = new AbortController().signal;

interface Seen {
  url: string;
  accept: string | null;
}

/** Replaces `fetch` for one test: records each request and answers with `answer(url)`. */
function stubFetch(answer: (url: string, init: RequestInit | undefined) => Promise<Response>): { seen: Seen[]; restore: () => void } {
  const original = window.fetch;
  const seen: Seen[] = [];
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    seen.push({ url, accept: new Headers(init?.headers).get('accept') });
    return answer(url, init);
  }) as typeof fetch;
  return { seen, restore: () => (window.fetch = original) };
}

const jsonError = (status: number, message: string, param: string) =>
  new Response(JSON.stringify({ error: { code: 'bad-param', message, param } }), { status, headers: { 'Content-Type': 'application/json' } });

const failure = (promise: Promise<unknown>) => rejection(promise, GoldError);

describe('Server adapter', () => {
  let stream: ArrayBuffer;
  before(async () => {
    stream = await (await fetch(`${GOLD}/kpi_summary.stream.arrow`)).arrayBuffer();
  });

  it('asks for the dataset with the range, limit and segment, leaving out absent ones', () => {
    expect(serverQueryUrl('https://gold.example/', { dataset: 'top_users', from: '2019-11-01', to: '2019-11-30', limit: 5, segment: 'Occasional Buyers' })).to.equal(
      'https://gold.example/v1/datasets/top_users?from=2019-11-01&to=2019-11-30&limit=5&segment=Occasional+Buyers',
    );
    expect(serverQueryUrl('https://gold.example/api', { dataset: 'kpi_summary' })).to.equal('https://gold.example/api/v1/datasets/kpi_summary');
    expect(serverQueryUrl('https://gold.example', { dataset: 'kpi_summary', to: '2020-01-31', limit: undefined })).to.equal(
      'https://gold.example/v1/datasets/kpi_summary?to=2020-01-31',
    );
  });

  it('has a key naming its base, so equal requests are shared', () => {
    expect(createServerAdapter({ base: 'https://gold.example' }).key).to.equal('server:https://gold.example/');
    expect(createServerAdapter({ base: 'https://gold.example/' }).key).to.equal(createServerAdapter({ base: 'https://gold.example' }).key);
    expect(createServerAdapter({ base: 'https://other.example' }).key).to.not.equal(createServerAdapter({ base: 'https://gold.example' }).key);
  });

  it('decodes the Arrow stream the server answers', async () => {
    const stub = stubFetch(async () => new Response(stream, { headers: { 'Content-Type': 'application/vnd.apache.arrow.stream' } }));
    try {
      const table = await createServerAdapter({ base: 'https://gold.example' }).load({ dataset: 'kpi_summary', from: '2019-10-01', to: '2019-10-14' }, never);
      expect(validateTable('kpi_summary', table).numbers('users')[0]).to.equal(50000);
      expect(stub.seen).to.deep.equal([{ url: 'https://gold.example/v1/datasets/kpi_summary?from=2019-10-01&to=2019-10-14', accept: 'application/vnd.apache.arrow.stream' }]);
    } finally {
      stub.restore();
    }
  });

  it("turns the server's JSON errors into GoldErrors with its message", async () => {
    const stub = stubFetch(async (url) =>
      url.includes('nope')
        ? new Response(JSON.stringify({ error: { code: 'unknown-dataset', message: 'Unknown dataset "nope" (see /v1/datasets).', param: 'dataset' } }), { status: 404 })
        : jsonError(400, 'to (2019-11-01) is before from (2019-11-30).', 'to'),
    );
    try {
      const adapter = createServerAdapter({ base: 'https://gold.example' });
      const bad = await failure(adapter.load({ dataset: 'kpi_summary', from: '2019-11-30', to: '2019-11-01' }, never));
      expect(bad.code).to.equal('bad-param');
      expect(bad.status).to.equal(400);
      expect(bad.message).to.equal('kpi_summary: to (2019-11-01) is before from (2019-11-30).');
      const unknown = await failure(adapter.load({ dataset: 'nope' }, never));
      expect(unknown.code).to.equal('unknown-dataset');
    } finally {
      stub.restore();
    }
  });

  it('says a 503 is the server failing when it sends no JSON', async () => {
    const stub = stubFetch(async () => new Response('busy', { status: 503, statusText: 'Service Unavailable' }));
    try {
      const error = await failure(createServerAdapter({ base: 'https://gold.example' }).load({ dataset: 'kpi_summary' }, never));
      expect(error.code).to.equal('http');
      expect(error.status).to.equal(503);
      expect(error.message).to.contain('503');
    } finally {
      stub.restore();
    }
  });

  it('names the server when nothing answers', async () => {
    const stub = stubFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    try {
      const error = await failure(createServerAdapter({ base: 'https://gold.example' }).load({ dataset: 'kpi_summary' }, never));
      expect(error.code).to.equal('network');
      expect(error.message).to.contain('Check that the Goldboard server at https://gold.example/ is running');
      expect(error.message).to.not.contain('CORS');
    } finally {
      stub.restore();
    }
  });

  it('names CORS and --cors-origin when a server on another origin answers without allowing this page', async () => {
    const error = await failure(createServerAdapter({ base: OTHER_ORIGIN }).load({ dataset: 'kpi_summary' }, never));
    expect(error.code).to.equal('network');
    expect(error.message).to.contain('The server answered, but the browser withheld the answer');
    expect(error.message).to.contain(`goldboard serve --cors-origin ${location.origin}`);
    expect(error.message).to.not.contain('is running');
  });

  it('stops when aborted', async () => {
    const stub = stubFetch(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    try {
      const controller = new AbortController();
      const pending = createServerAdapter({ base: 'https://gold.example' }).load({ dataset: 'kpi_summary' }, controller.signal);
      controller.abort();
      expect((await failure(pending)).code).to.equal('aborted');
    } finally {
      stub.restore();
    }
  });
});
