import { expect, waitUntil } from '@open-wc/testing';
import { createFolderAdapter, registerSource, sourceFilter, unregisterSource, type GoldAdapter, type GoldQuery } from '@goldboard/core';
import './lazy-elements.js';
import '../kpi-card/kpi-card.js';
import { GOLD, uniqueKey, waitForState, type Stateful } from '@goldboard/test-helpers';

describe('the lazily loaded elements', () => {
  const address = location.href;
  afterEach(() => history.replaceState(null, '', address));

  it('are defined when their tag is added, and a filter with history applies the address before its code arrives', async () => {
    const name = `lazy-${uniqueKey()}`;
    const folder = createFolderAdapter({ base: `${GOLD}/`, format: 'json' });
    const seen: GoldQuery[] = [];
    const adapter: GoldAdapter = { key: name, load: (query, signal) => (seen.push(query), folder.load(query, signal)) };
    registerSource(name, adapter);
    const url = new URL(address);
    url.searchParams.set('from', '2019-10-03');
    url.searchParams.set('to', '2019-10-06');
    history.replaceState(null, '', url);
    expect(customElements.get('goldboard-date-range')).to.equal(undefined);
    const box = document.createElement('div');
    box.innerHTML = `<goldboard-date-range source="${name}" history></goldboard-date-range><kpi-card source="${name}"></kpi-card>`;
    document.body.append(box);
    // The loader has seen the tag (a microtask later): the range is the source's, the code not yet here.
    await Promise.resolve();
    expect(sourceFilter(name)).to.deep.equal({ from: '2019-10-03', to: '2019-10-06' });
    expect(customElements.get('goldboard-date-range')).to.equal(undefined);
    await waitForState(box.querySelector('kpi-card') as unknown as Stateful, 'ready');
    expect(seen[0], 'the card\'s first request has the range').to.deep.include({ dataset: 'kpi_summary', from: '2019-10-03', to: '2019-10-06' });
    await customElements.whenDefined('goldboard-date-range');
    // A tag added later is found too.
    const later = document.createElement('goldboard-filter');
    box.append(later);
    await waitUntil(() => customElements.get('goldboard-filter'), 'goldboard-filter is defined');
    box.remove();
    unregisterSource(name);
  });
});
