import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { GoldboardDateRange } from '@goldboard/elements';
import { GOLD, definedElement, pendingSource } from './story-data.js';

interface DateRangeArgs {
  source: string;
  base: string;
  label?: string;
  locale?: string;
}

/**
 * A date range over a Gold folder, with elements of that source: choosing a period reloads them
 * for those days, with no page code.
 */
const render = (args: DateRangeArgs) => html`<goldboard-source name=${args.source} base=${args.base}></goldboard-source>
  <goldboard-date-range source=${args.source} label=${ifDefined(args.label)} locale=${ifDefined(args.locale)}></goldboard-date-range>
  <div style="display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); margin-top: 12px">
    <kpi-card source=${args.source} measure="revenue" locale=${ifDefined(args.locale)}></kpi-card>
    <kpi-card source=${args.source} measure="purchases" locale=${ifDefined(args.locale)}></kpi-card>
  </div>
  <revenue-trend source=${args.source} smoothing="0" locale=${ifDefined(args.locale)} style="margin-top: 12px"></revenue-trend>`;

// Each story has its own source name: a Docs page shows every story at once, and a source's
// range is shared by all its elements.
const meta: Meta<DateRangeArgs> = {
  title: 'Elements/goldboard-date-range',
  component: 'goldboard-date-range',
  render,
  args: { source: 'range-gold', base: `${GOLD}/` },
  decorators: [(story) => html`<div style="max-width: 760px">${story()}</div>`],
};
export default meta;

type Story = StoryObj<DateRangeArgs>;

/** The Period menu offers every day, the last 7 days and each month of the Gold period. */
export const AllDays: Story = {};

/** The last 7 days chosen (as the Period menu does): the cards and the trend show those days. */
export const LastSevenDays: Story = {
  args: { source: 'range-chosen' },
  parameters: { docs: { story: { autoplay: true } } },
  play: async ({ canvasElement }) => {
    const range = await definedElement<GoldboardDateRange>(canvasElement, 'goldboard-date-range');
    range.select('2019-10-08', '2019-10-14');
  },
};

export const GermanDates: Story = { args: { source: 'range-de', locale: 'de-DE', label: 'Zeitraum' } };

/** No day in the Gold data: only "All days" to offer, and the cards say there is no data. */
export const Empty: Story = { args: { source: 'range-empty', base: `${GOLD}/empty/` } };

/** The Gold folder is not there: the range says why it has no period, as the elements do. */
export const Error: Story = { args: { source: 'range-missing', base: `${GOLD}/missing/` } };

/** The source has not answered yet. */
export const Loading: Story = {
  render: () => {
    const source = pendingSource('range-pending');
    return html`<goldboard-date-range source=${source}></goldboard-date-range>
      <kpi-card source=${source} measure="revenue" style="margin-top: 12px"></kpi-card>`;
  },
};
