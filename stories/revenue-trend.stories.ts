import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { GoldTable, NumberColumn, createRowsAdapter } from '@goldboard/core';
import { GOLD, dailyRows, pendingAdapter } from './story-data.js';

interface RevenueTrendArgs {
  src?: string;
  measure: string;
  smoothing?: number;
  variant?: string;
  from?: string;
  to?: string;
  label?: string;
  locale?: string;
  currency?: string;
  theme?: string;
}

/** Seven months of days, shaped like the REES46 data (a late-November peak, a January dip). */
const SEVEN_MONTHS = dailyRows(213);

const render = (args: RevenueTrendArgs) => html`<revenue-trend
  src=${ifDefined(args.src)}
  .data=${args.src ? undefined : SEVEN_MONTHS}
  measure=${args.measure}
  smoothing=${ifDefined(args.smoothing)}
  variant=${ifDefined(args.variant)}
  from=${ifDefined(args.from)}
  to=${ifDefined(args.to)}
  label=${ifDefined(args.label)}
  locale=${ifDefined(args.locale)}
  currency=${ifDefined(args.currency)}
  theme=${ifDefined(args.theme)}
></revenue-trend>`;

/** A series of `n` points, one every `stepMs`, as typed arrays (what a large Arrow column gives). */
function largeSeries(n: number, stepMs: number): GoldTable {
  const dates = new Float64Array(n);
  const revenue = new Float64Array(n);
  const t0 = Date.UTC(2019, 9, 1);
  for (let i = 0; i < n; i++) {
    dates[i] = t0 + i * stepMs;
    revenue[i] = 10_000 + 4_000 * Math.sin(i / (n / 20)) + 1_500 * Math.sin(i * 0.37) + (i % 9973 === 0 ? 9_000 : 0);
  }
  return new GoldTable('daily_metrics', n, [new NumberColumn('event_date', 'date', dates), new NumberColumn('revenue', 'number', revenue)]);
}

const meta: Meta<RevenueTrendArgs> = {
  title: 'Elements/revenue-trend',
  component: 'revenue-trend',
  render,
  args: { measure: 'revenue', smoothing: 7 },
  argTypes: {
    measure: { control: 'select', options: ['revenue', 'purchases', 'events', 'views', 'carts', 'users', 'buyers'] },
    variant: { control: 'inline-radio', options: [undefined, 'area', 'line'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    smoothing: { control: { type: 'number', min: 0, max: 60 } },
  },
  decorators: [(story) => html`<div style="max-width: 760px">${story()}</div>`],
};
export default meta;

type Story = StoryObj<RevenueTrendArgs>;

export const DailyRevenue: Story = {};

export const WithoutSmoothing: Story = { args: { smoothing: 0 } };

export const Purchases: Story = { args: { measure: 'purchases', variant: 'line' } };

export const FromArrowFile: Story = { args: { src: `${GOLD}/daily_metrics.arrow`, smoothing: 3 } };

/** `from`/`to` on a static file: the element filters the days itself. */
export const DateRange: Story = { args: { from: '2019-11-01', to: '2019-12-31' } };

export const GermanEuro: Story = { args: { locale: 'de-DE', currency: 'EUR', label: 'Umsatz pro Tag' } };

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [(story) => html`<div style="background: #0d1117; padding: 16px">${story()}</div>`],
};

export const Narrow: Story = { decorators: [(story) => html`<div style="width: 260px">${story()}</div>`] };

export const Tall: Story = { decorators: [(story) => html`<div style="--goldboard-chart-height: 420px">${story()}</div>`] };

export const Loading: Story = {
  render: (args) => html`<revenue-trend measure=${args.measure} .adapter=${pendingAdapter}></revenue-trend>`,
};

export const Empty: Story = {
  render: () => html`<revenue-trend .adapter=${createRowsAdapter({ daily_metrics: [] })}></revenue-trend>`,
};

export const EmptyRange: Story = {
  name: 'Empty (no day in range)',
  render: () => html`<revenue-trend .data=${SEVEN_MONTHS} from="2021-01-01" to="2021-01-31"></revenue-trend>`,
};

export const Error: Story = { args: { src: `${GOLD}/missing/daily_metrics.arrow` } };

export const WrongColumnType: Story = {
  render: () => html`<revenue-trend .data=${[{ event_date: '2019-10-01', revenue: 'a lot' }]}></revenue-trend>`,
};

/** Nulls break the line; negative days go below zero. */
export const GapsAndNegatives: Story = {
  render: () =>
    html`<revenue-trend
      .data=${SEVEN_MONTHS.slice(0, 60).map((r, i) => ({ ...r, revenue: i % 17 === 5 ? null : i === 30 ? -50_000 : r.revenue }))}
    ></revenue-trend>`,
};

/** 100,000 hourly points: drawn through ≤ 4 points per pixel column (M4). */
export const LargeDataHourly: Story = {
  render: () => html`<revenue-trend .data=${largeSeries(100_000, 3_600_000)} label="Hourly revenue (100k points)"></revenue-trend>`,
};

/** A million points (one a minute for two years): the page never freezes. */
export const LargeDataMillion: Story = {
  render: () => html`<revenue-trend .data=${largeSeries(1_000_000, 60_000)} label="Revenue per minute (1M points)"></revenue-trend>`,
};

export const ThemedByCss: Story = {
  decorators: [
    (story) => html`<style>
        .branded {
          --goldboard-accent: #6f42c1;
          --goldboard-trend-area: rgba(111, 66, 193, 0.15);
          --goldboard-peak-color: #1a7f37;
          --goldboard-radius: 0;
        }
      </style>
      <div class="branded">${story()}</div>`,
  ],
};
