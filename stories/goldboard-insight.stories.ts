import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { GoldboardDateRange } from '@goldboard/elements';
import { GOLD, definedElement, pendingSource } from './story-data.js';

interface InsightArgs {
  source: string;
  base: string;
  kind?: string;
  label?: string;
  locale?: string;
  currency?: string;
  theme?: string;
}

const insight = (args: InsightArgs) => html`<goldboard-insight
  source=${args.source}
  kind=${ifDefined(args.kind)}
  label=${ifDefined(args.label)}
  locale=${ifDefined(args.locale)}
  currency=${ifDefined(args.currency)}
  theme=${ifDefined(args.theme)}
></goldboard-insight>`;

/**
 * Insights over a Gold folder (JSON files: top_users is one), beside a date range and a trend of
 * the same source: choosing days changes what the sentences say.
 */
const render = (args: InsightArgs) => html`<goldboard-source name=${args.source} base=${args.base} file-format="json"></goldboard-source>
  <goldboard-date-range source=${args.source} locale=${ifDefined(args.locale)}></goldboard-date-range>
  <div style="display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); margin-top: 12px">
    ${insight(args)}
    <revenue-trend source=${args.source} smoothing="0" locale=${ifDefined(args.locale)} currency=${ifDefined(args.currency)}></revenue-trend>
  </div>`;

// Each story has its own source name: a Docs page shows every story at once, and a source's
// filters are shared by all its elements.
const meta: Meta<InsightArgs> = {
  title: 'Elements/goldboard-insight',
  component: 'goldboard-insight',
  render,
  args: { source: 'insight-gold', base: `${GOLD}/`, kind: 'key' },
  argTypes: {
    kind: {
      control: 'select',
      options: ['key', 'business', 'segments', 'recommendations', 'concentration', 'top-buyers', 'engagement', 'largest-segment', 'peak-low', 'movers', 'high-value', 'browsers', 'occasional'],
    },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  decorators: [(story) => html`<div style="max-width: 900px">${story()}</div>`],
};
export default meta;

type Story = StoryObj<InsightArgs>;

/** Every key insight of the whole Gold period. */
export const KeyInsights: Story = {};

/** The last 7 days chosen: peak and low days, and the biggest movers against the 7 days before. */
export const ChosenDays: Story = {
  args: { source: 'insight-chosen', kind: 'business' },
  parameters: { docs: { story: { autoplay: true } } },
  play: async ({ canvasElement }) => {
    const range = await definedElement<GoldboardDateRange>(canvasElement, 'goldboard-date-range');
    range.select('2019-10-08', '2019-10-14');
  },
};

/** A recommendation per segment; a segment filter on the source narrows them to its segment. */
export const Recommendations: Story = {
  args: { source: 'insight-recommendations', kind: 'recommendations' },
  render: (args) => html`<goldboard-source name=${args.source} base=${args.base} file-format="json"></goldboard-source>
    <goldboard-filter source=${args.source} segment></goldboard-filter>
    <div style="display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); margin-top: 12px">
      ${insight(args)}
      <segment-breakdown source=${args.source} measure="revenue_share"></segment-breakdown>
    </div>`,
};

export const GermanEuro: Story = { args: { source: 'insight-de', locale: 'de-DE', currency: 'EUR', label: 'Erkenntnisse' } };

export const Dark: Story = {
  args: { source: 'insight-dark', theme: 'dark' },
  render: (args) => html`<goldboard-source name=${args.source} base=${args.base} file-format="json"></goldboard-source>${insight(args)}`,
  decorators: [(story) => html`<div style="background: #0d1117; padding: 16px">${story()}</div>`],
};

/** A Gold set with no rows: nothing to report, and it says so. */
export const Empty: Story = {
  args: { source: 'insight-empty', base: `${GOLD}/empty/`, kind: 'segments peak-low' },
  render: (args) => html`<goldboard-source name=${args.source} base=${args.base}></goldboard-source>${insight(args)}`,
};

/** Days outside the Gold period (its own `from`, `to`): too little data for a peak or a comparison, and it says so. */
export const NoDayInRange: Story = {
  args: { source: 'insight-range', kind: 'peak-low movers' },
  render: (args) => html`<goldboard-source name=${args.source} base=${args.base} file-format="json"></goldboard-source>
    <goldboard-insight source=${args.source} kind=${args.kind!} from="2021-01-01" to="2021-01-31"></goldboard-insight>`,
};

/** The Gold folder is not there. */
export const Error: Story = { args: { source: 'insight-missing', base: `${GOLD}/missing/` } };

/** A kind it does not know: the error names the kinds it knows. */
export const WrongKind: Story = {
  args: { source: 'insight-wrong', kind: 'trends' },
  render: (args) => html`<goldboard-source name=${args.source} base=${args.base} file-format="json"></goldboard-source>${insight(args)}`,
};

/** The source has not answered yet. */
export const Loading: Story = {
  render: () => html`<goldboard-insight source=${pendingSource('insight-pending')}></goldboard-insight>`,
};
