import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createRowsAdapter } from '@goldboard/core';
import { GOLD, pendingAdapter } from './story-data.js';

interface SegmentBreakdownArgs {
  src?: string;
  measure: string;
  variant?: string;
  selected?: string;
  label?: string;
  locale?: string;
  currency?: string;
  theme?: string;
}

const render = (args: SegmentBreakdownArgs) => html`<segment-breakdown
  src=${ifDefined(args.src)}
  measure=${args.measure}
  variant=${ifDefined(args.variant)}
  selected=${ifDefined(args.selected)}
  label=${ifDefined(args.label)}
  locale=${ifDefined(args.locale)}
  currency=${ifDefined(args.currency)}
  theme=${ifDefined(args.theme)}
></segment-breakdown>`;

const meta: Meta<SegmentBreakdownArgs> = {
  title: 'Elements/segment-breakdown',
  component: 'segment-breakdown',
  render,
  args: { src: `${GOLD}/segment_summary.arrow`, measure: 'users' },
  argTypes: {
    measure: {
      control: 'select',
      options: ['users', 'user_share', 'revenue', 'revenue_share', 'avg_revenue', 'avg_events', 'avg_purchases', 'conversion_rate'],
    },
    variant: { control: 'inline-radio', options: [undefined, 'bar', 'donut'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  decorators: [(story) => html`<div style="max-width: 520px">${story()}</div>`],
};
export default meta;

type Story = StoryObj<SegmentBreakdownArgs>;

export const UserCount: Story = {};

export const AverageRevenue: Story = { args: { measure: 'avg_revenue' } };

export const Engagement: Story = { args: { measure: 'avg_events' } };

export const ConversionRate: Story = { args: { measure: 'conversion_rate' } };

export const RevenueDonut: Story = { args: { measure: 'revenue', variant: 'donut' } };

export const UsersDonut: Story = { args: { measure: 'users', variant: 'donut', selected: 'Occasional Buyers' } };

export const Selected: Story = { args: { selected: 'High-Value Loyal Customers' } };

export const GermanEuro: Story = { args: { measure: 'avg_revenue', locale: 'de-DE', currency: 'EUR' } };

export const Dark: Story = {
  args: { theme: 'dark', variant: 'donut', measure: 'revenue' },
  decorators: [(story) => html`<div style="background: #0d1117; padding: 16px">${story()}</div>`],
};

export const Narrow: Story = { decorators: [(story) => html`<div style="width: 220px">${story()}</div>`] };

export const Loading: Story = {
  render: (args) => html`<segment-breakdown measure=${args.measure} .adapter=${pendingAdapter}></segment-breakdown>`,
};

export const Empty: Story = {
  render: () => html`<segment-breakdown .adapter=${createRowsAdapter({ segment_summary: [] })}></segment-breakdown>`,
};

export const Error: Story = { args: { src: `${GOLD}/missing/segment_summary.arrow` } };

export const WrongColumnType: Story = {
  render: () => html`<segment-breakdown .data=${[{ segment: 'Occasional Buyers', users: 'many' }]}></segment-breakdown>`,
};

/** Twelve segments from another model: unknown labels get stable fallback colours. */
export const LargeData: Story = {
  render: () =>
    html`<segment-breakdown
      variant="donut"
      .data=${Array.from({ length: 12 }, (_, i) => ({ segment: `Cluster ${String.fromCharCode(65 + i)}`, users: 1000 + ((i * 7919) % 5000) }))}
    ></segment-breakdown>`,
};

export const CustomColours: Story = {
  decorators: [
    (story) => html`<div
      style="--goldboard-segment-high-value: #1a7f37; --goldboard-segment-occasional: #8250df; --goldboard-segment-browsers: #bc4c00"
    >
      ${story()}
    </div>`,
  ],
};
