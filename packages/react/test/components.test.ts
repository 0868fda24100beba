// @goldboard/react in Node: a component for every tag of the manifest, and what the server
// writes (attributes for strings, numbers and true; nothing for objects, false or listeners).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { goldboardTags } from '@goldboard/elements/types';
import * as Components from '../src/index.js';
import { handlerName, serverAttributes } from '../src/component.js';

describe('@goldboard/react', () => {
  it('has a component for every tag, named as its class', () => {
    for (const [tag, { className }] of Object.entries(goldboardTags)) {
      assert.equal(typeof (Components as Record<string, unknown>)[className], 'object', `${className} for <${tag}>`);
    }
  });

  it('names the event props onReady, onError, onExportError and onSelect', () => {
    assert.deepEqual(goldboardTags['top-list'].events.map((e) => handlerName(e)).sort(), ['onError', 'onExportError', 'onReady', 'onSelect']);
  });

  it('writes attributes on the server, not objects, false values or listeners', () => {
    const html = renderToString(
      createElement(Components.KpiCard, {
        src: '/gold/kpi_summary.arrow',
        measure: 'revenue',
        datasetName: 'kpi_summary',
        trend: true,
        exportable: false,
        trendDays: 14,
        data: [{ revenue: 1 }],
        onReady: () => undefined,
        className: 'card',
        id: 'k',
      }),
    );
    assert.equal(html, '<kpi-card src="/gold/kpi_summary.arrow" measure="revenue" dataset-name="kpi_summary" trend="" trend-days="14" class="card" id="k"></kpi-card>');
  });

  it('passes through props the tag does not declare', () => {
    assert.deepEqual(serverAttributes('top-list', { 'aria-label': 'Top', limit: 10, label: 'Top 10', onSelect: () => undefined }), { 'aria-label': 'Top', limit: '10', label: 'Top 10' });
  });
});
