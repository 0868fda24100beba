import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { GoldboardFilter } from '@goldboard/elements';
import { GOLD, definedElement, pendingSource } from './story-data.js';

interface FilterArgs {
  source: string;
  base: string;
  follow?: string;
  label?: string;
}

/**
 * A segment filter over a Gold folder (JSON files: top_users is one), with elements of that
 * source: the segment chart shows the chosen segment as its selection and the list of users
 * shows that segment's only; the revenue card, which has no segment, is untouched.
 */
const render = (args: FilterArgs) => html`<goldboard-source name=${args.source} base=${args.base} file-format="json"></goldboard-source>
  <goldboard-filter source=${args.source} segment follow=${ifDefined(args.follow)} label=${ifDefined(args.label)}></goldboard-filter>
  <div style="display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); margin-top: 12px">
    <segment-breakdown source=${args.source} measure="users"></segment-breakdown>
    <top-list source=${args.source} dataset-name="top_users" limit="5"></top-list>
  </div>
  <kpi-card source=${args.source} measure="revenue" style="margin-top: 12px; max-width: 320px"></kpi-card>`;

// Each story has its own source name: a Docs page shows every story at once, and a source's
// segment is shared by all its elements.
const meta: Meta<FilterArgs> = {
  title: 'Elements/goldboard-filter',
  component: 'goldboard-filter',
  render,
  args: { source: 'filter-gold', base: `${GOLD}/`, follow: 'select' },
  argTypes: {
    follow: { control: 'inline-radio', options: [undefined, 'select'] },
  },
  decorators: [(story) => html`<div style="max-width: 760px">${story()}</div>`],
};
export default meta;

type Story = StoryObj<FilterArgs>;

/** Every segment shown; with `follow="select"`, a click on a segment of the chart chooses it here too. */
export const AllSegments: Story = {};

/** One segment chosen (as the menu does): the chart selects it, the list shows its users only. */
export const OneSegment: Story = {
  args: { source: 'filter-chosen' },
  parameters: { docs: { story: { autoplay: true } } },
  play: async ({ canvasElement }) => {
    const filter = await definedElement<GoldboardFilter>(canvasElement, 'goldboard-filter');
    filter.select('High-Value Loyal Customers');
  },
};

/** With a date range on the same source: both filters drive the same elements. */
export const WithDateRange: Story = {
  args: { source: 'filter-range' },
  render: (args) => html`<goldboard-source name=${args.source} base=${args.base} file-format="json"></goldboard-source>
    <div style="display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: end">
      <goldboard-date-range source=${args.source}></goldboard-date-range>
      <goldboard-filter source=${args.source} segment follow="select"></goldboard-filter>
    </div>
    <div style="display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); margin-top: 12px">
      <kpi-card source=${args.source} measure="revenue"></kpi-card>
      <kpi-card source=${args.source} measure="purchases"></kpi-card>
    </div>
    <revenue-trend source=${args.source} smoothing="0" style="margin-top: 12px"></revenue-trend>
    <div style="display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); margin-top: 12px">
      <segment-breakdown source=${args.source} measure="users"></segment-breakdown>
      <top-list source=${args.source} dataset-name="top_users" limit="5"></top-list>
    </div>`,
};

/** No segment in the Gold data: only "All segments" to offer, and the chart says there is no data. */
export const Empty: Story = {
  args: { source: 'filter-empty', base: `${GOLD}/empty/` },
  render: (args) => html`<goldboard-source name=${args.source} base=${args.base}></goldboard-source>
    <goldboard-filter source=${args.source} segment></goldboard-filter>
    <segment-breakdown source=${args.source} measure="users" style="margin-top: 12px"></segment-breakdown>`,
};

/** The Gold folder is not there: the filter says why it has no segments, as the elements do. */
export const Error: Story = { args: { source: 'filter-missing', base: `${GOLD}/missing/` } };

/** The source has not answered yet. */
export const Loading: Story = {
  render: () => {
    const source = pendingSource('filter-pending');
    return html`<goldboard-filter source=${source} segment></goldboard-filter>
      <segment-breakdown source=${source} measure="users" style="margin-top: 12px"></segment-breakdown>`;
  },
};
