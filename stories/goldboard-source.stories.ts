import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { GOLD } from './story-data.js';

interface SourceArgs {
  name: string;
  base?: string;
  fileFormat?: string;
}

/** The source and the elements that read it by name: the source itself draws nothing. */
const render = (args: SourceArgs) => html`<goldboard-source name=${args.name} base=${ifDefined(args.base)} file-format=${ifDefined(args.fileFormat)}></goldboard-source>
  <div style="display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr))">
    <kpi-card source=${args.name} measure="revenue" trend></kpi-card>
    <kpi-card source=${args.name} measure="purchases"></kpi-card>
  </div>
  <revenue-trend source=${args.name} smoothing="3" style="margin-top: 12px"></revenue-trend>`;

// Each story registers its own source name: a Docs page shows every story at once.
const meta: Meta<SourceArgs> = {
  title: 'Elements/goldboard-source',
  component: 'goldboard-source',
  render,
  args: { name: 'source-gold', base: `${GOLD}/` },
  argTypes: {
    fileFormat: { control: 'inline-radio', options: [undefined, 'arrow', 'json'] },
  },
  decorators: [(story) => html`<div style="max-width: 760px">${story()}</div>`],
};
export default meta;

type Story = StoryObj<SourceArgs>;

/** A Gold folder of Arrow files: each element reads its dataset through the source by name. */
export const GoldFolder: Story = {};

/** The same folder's JSON files (`file-format="json"`). */
export const JsonFiles: Story = { args: { name: 'source-json', fileFormat: 'json' } };

/** A Gold folder whose datasets have no rows. */
export const Empty: Story = { args: { name: 'source-empty', base: `${GOLD}/empty/` } };

/** A folder that is not there: every element of the source says so. */
export const Error: Story = { args: { name: 'source-missing', base: `${GOLD}/missing/` } };
