import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createRowsAdapter } from '@goldboard/core';
import { GOLD, pendingAdapter } from './story-data.js';

interface TopListArgs {
  src?: string;
  datasetName: string;
  measure?: string;
  limit?: number;
  segment?: string;
  label?: string;
  locale?: string;
  currency?: string;
  theme?: string;
}

const render = (args: TopListArgs) => html`<top-list
  src=${ifDefined(args.src)}
  dataset-name=${args.datasetName}
  measure=${ifDefined(args.measure)}
  limit=${ifDefined(args.limit)}
  segment=${ifDefined(args.segment)}
  label=${ifDefined(args.label)}
  locale=${ifDefined(args.locale)}
  currency=${ifDefined(args.currency)}
  theme=${ifDefined(args.theme)}
></top-list>`;

const meta: Meta<TopListArgs> = {
  title: 'Elements/top-list',
  component: 'top-list',
  render,
  args: { src: `${GOLD}/top_products.arrow`, datasetName: 'top_products' },
  argTypes: {
    datasetName: { control: 'inline-radio', options: ['top_products', 'top_users'] },
    measure: { control: 'select', options: [undefined, 'revenue', 'purchases', 'views', 'spend', 'events'] },
    limit: { control: { type: 'number', min: 1, max: 100 } },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  decorators: [(story) => html`<div style="max-width: 520px">${story()}</div>`],
};
export default meta;

type Story = StoryObj<TopListArgs>;

export const TopProductsByRevenue: Story = {};

export const TopProductsByPurchases: Story = { args: { measure: 'purchases', limit: 5 } };

export const TopUsersBySpend: Story = { args: { src: `${GOLD}/top_users.json`, datasetName: 'top_users' } };

export const TopUsersByPurchases: Story = { args: { src: `${GOLD}/top_users.json`, datasetName: 'top_users', measure: 'purchases' } };

/** What a click on a segment of `<segment-breakdown>` does on the dashboard. */
export const TopUsersOfOneSegment: Story = { args: { src: `${GOLD}/top_users.json`, datasetName: 'top_users', segment: 'Occasional Buyers' } };

export const GermanEuro: Story = { args: { locale: 'de-DE', currency: 'EUR' } };

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [(story) => html`<div style="background: #0d1117; padding: 16px">${story()}</div>`],
};

/** Long labels are cut with an ellipsis; the full text is in the tooltip and the accessible name. */
export const Narrow: Story = { decorators: [(story) => html`<div style="width: 220px">${story()}</div>`] };

export const Loading: Story = {
  render: () => html`<top-list .adapter=${pendingAdapter}></top-list>`,
};

export const Empty: Story = {
  render: () => html`<top-list .adapter=${createRowsAdapter({ top_products: [] })}></top-list>`,
};

export const Error: Story = { args: { src: `${GOLD}/missing/top_products.arrow` } };

export const WrongColumnType: Story = {
  render: () => html`<top-list .data=${[{ rank: 1, product_id: 1, category_code: null, brand: null, revenue: 'plenty' }]}></top-list>`,
};

/** 100,000 ranked rows, the top 100 listed. */
export const LargeData: Story = {
  render: () =>
    html`<top-list
      limit="100"
      .data=${Array.from({ length: 100_000 }, (_, i) => ({
        rank: i + 1,
        product_id: 1_000_000 + i,
        category_code: i % 3 ? 'electronics.smartphone' : null,
        brand: i % 5 ? `brand${i % 97}` : null,
        revenue: Math.round(1e6 / (1 + i / 50)),
      }))}
    ></top-list>`,
};
