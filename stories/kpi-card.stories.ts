import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createRowsAdapter } from '@goldboard/core';
import { GOLD, dailyRows, pendingAdapter } from './story-data.js';

interface KpiCardArgs {
  src?: string;
  measure: string;
  label?: string;
  format?: string;
  locale?: string;
  currency?: string;
  theme?: string;
  trend: boolean;
  trendDays: number;
}

const render = (args: KpiCardArgs) => html`<kpi-card
  src=${ifDefined(args.src)}
  measure=${args.measure}
  label=${ifDefined(args.label)}
  format=${ifDefined(args.format)}
  locale=${ifDefined(args.locale)}
  currency=${ifDefined(args.currency)}
  theme=${ifDefined(args.theme)}
  ?trend=${args.trend}
  trend-days=${args.trendDays}
></kpi-card>`;

const meta: Meta<KpiCardArgs> = {
  title: 'Elements/kpi-card',
  component: 'kpi-card',
  render,
  args: { src: `${GOLD}/kpi_summary.arrow`, measure: 'revenue', trend: true, trendDays: 7 },
  argTypes: {
    measure: { control: 'select', options: ['revenue', 'purchases', 'events', 'views', 'carts', 'users', 'buyers', 'conversion_rate', 'avg_order_value'] },
    format: { control: 'select', options: [undefined, 'currency', 'number', 'percent', 'compact', 'compact-currency', 'integer'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  decorators: [(story) => html`<div style="max-width: 320px">${story()}</div>`],
};
export default meta;

type Story = StoryObj<KpiCardArgs>;

export const Revenue: Story = {};

export const Purchases: Story = { args: { measure: 'purchases' } };

export const ConversionRate: Story = { args: { measure: 'conversion_rate', trend: false } };

export const GermanEuro: Story = { args: { locale: 'de-DE', currency: 'EUR', label: 'Umsatz' } };

export const FromJson: Story = { args: { src: `${GOLD}/kpi_summary.json`, measure: 'avg_order_value' } };

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [(story) => html`<div style="background: #0d1117; padding: 16px">${story()}</div>`],
};

export const Narrow: Story = { decorators: [(story) => html`<div style="width: 160px">${story()}</div>`] };

/** A long currency value in a narrow card: smaller, else compact ($5.5M), never cut; the exact value is in the title. */
export const NarrowLongValue: Story = {
  render: () => html`<div style="width: 160px"><kpi-card measure="revenue" format="currency" locale="en-US" .data=${[{ revenue: 5_493_771_234.56 }]}></kpi-card></div>`,
};

export const Loading: Story = {
  render: (args) => html`<kpi-card measure=${args.measure} .adapter=${pendingAdapter}></kpi-card>`,
};

export const Empty: Story = { args: { src: `${GOLD}/empty/kpi_summary.arrow`, trend: false } };

export const Error: Story = { args: { src: `${GOLD}/missing/kpi_summary.arrow` } };

export const WrongColumnType: Story = { args: { src: `${GOLD}/bad/kpi_summary.arrow` } };

/** Five years of days behind the sparkline. */
export const LargeData: Story = {
  render: (args) => {
    const daily = dailyRows(5 * 365);
    const revenue = daily.reduce((sum, d) => sum + (d.revenue as number), 0);
    const adapter = createRowsAdapter({ kpi_summary: [{ revenue }], daily_metrics: daily });
    return html`<kpi-card measure=${args.measure} trend trend-days="30" .adapter=${adapter}></kpi-card>`;
  },
};

export const ThemedByCss: Story = {
  decorators: [
    (story) => html`<style>
        .branded {
          --goldboard-accent: #6f42c1;
          --goldboard-radius: 0;
          --goldboard-font-family: Georgia, serif;
        }
        .branded::part(value) {
          color: #6f42c1;
        }
      </style>
      <div class="branded">${story()}</div>`,
  ],
  render: (args) => html`<kpi-card class="branded" src=${ifDefined(args.src)} measure=${args.measure} trend></kpi-card>`,
};
