import { expect, fixture, html } from '@open-wc/testing';
import { getSource } from '@goldboard/core';
import './goldboard-source.js';
import '../kpi-card/kpi-card.js';
import type { KpiCard } from '../kpi-card/kpi-card.component.js';
import { GOLD, uniqueKey, waitForState } from '@goldboard/test-helpers';

describe('<goldboard-source>', () => {
  it('registers a Gold folder while connected, and forgets it when removed', async () => {
    const name = `folder-${uniqueKey()}`;
    const el = await fixture(html`<goldboard-source name=${name} base="${GOLD}/"></goldboard-source>`);
    expect(getSource(name)?.key).to.equal(`folder:arrow:${new URL(`${GOLD}/`, location.href).href}`);
    el.remove();
    expect(getSource(name)).to.equal(undefined);
  });

  it('forgets its source when its address is cleared, and offers it again when set', async () => {
    const name = `cleared-${uniqueKey()}`;
    const el = await fixture<HTMLElement & { base: string; updateComplete: Promise<boolean> }>(html`<goldboard-source name=${name} base="${GOLD}/"></goldboard-source>`);
    expect(getSource(name)).to.not.equal(undefined);
    el.base = '';
    await el.updateComplete;
    expect(getSource(name)).to.equal(undefined);
    el.base = `${GOLD}/`;
    await el.updateComplete;
    expect(getSource(name)?.key).to.equal(`folder:arrow:${new URL(`${GOLD}/`, location.href).href}`);
    el.remove();
  });

  it('registers a Goldboard server: the cards\' range and segment go to the server', async () => {
    const name = `server-${uniqueKey()}`;
    const bytes = await (await fetch(`${GOLD}/kpi_summary.stream.arrow`)).arrayBuffer();
    const original = window.fetch;
    const seen: string[] = [];
    window.fetch = (async (input: RequestInfo | URL) => {
      seen.push(String(input));
      return new Response(bytes, { headers: { 'Content-Type': 'application/vnd.apache.arrow.stream' } });
    }) as typeof fetch;
    try {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <goldboard-source name=${name} server="https://gold.example"></goldboard-source>
        <kpi-card source=${name} measure="revenue" from="2019-11-01" to="2019-11-30"></kpi-card>
      </div>`);
      const card = wrapper.querySelector('kpi-card') as KpiCard;
      await waitForState(card, 'ready');
      expect(seen).to.deep.equal(['https://gold.example/v1/datasets/kpi_summary?from=2019-11-01&to=2019-11-30']);
      expect(getSource(name)?.key).to.equal('server:https://gold.example/');
    } finally {
      window.fetch = original;
    }
  });

  it('still reads its former attribute names: src for base, format for file-format', async () => {
    const name = `former-${uniqueKey()}`;
    const el = await fixture(html`<goldboard-source name=${name} src="${GOLD}/" format="json"></goldboard-source>`);
    expect(getSource(name)?.key).to.equal(`folder:json:${new URL(`${GOLD}/`, location.href).href}`);
    el.remove();
    const both = await fixture(html`<goldboard-source name=${name} base="${GOLD}/" src="elsewhere/" file-format="arrow" format="json"></goldboard-source>`);
    expect(getSource(name)?.key, 'the new names win').to.equal(`folder:arrow:${new URL(`${GOLD}/`, location.href).href}`);
    both.remove();
  });
});
