// Every story of every element renders in Chromium, settles in its intended state, logs no
// console error, throws nothing into the page, and axe-core finds no accessibility violation in
// it. Stories are the catalogue of states (loading, empty, error, dark, narrow, large data), so
// this keeps each of them honest. A story's `play` (a choice in a filter) is played, and every
// element of that source follows it.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '@goldboard/elements';
import { sourceFilter } from '@goldboard/core';
import { expectNothingThrownIntoThePage } from '@goldboard/test-helpers';
import * as dateRange from '../stories/goldboard-date-range.stories.js';
import * as filter from '../stories/goldboard-filter.stories.js';
import * as insight from '../stories/goldboard-insight.stories.js';
import * as source from '../stories/goldboard-source.stories.js';
import * as kpiCard from '../stories/kpi-card.stories.js';
import * as revenueTrend from '../stories/revenue-trend.stories.js';
import * as segmentBreakdown from '../stories/segment-breakdown.stories.js';
import * as topList from '../stories/top-list.stories.js';

type StoryFn = (args: Record<string, unknown>, context?: unknown) => TemplateResult;
type Decorator = (story: () => TemplateResult, context?: unknown) => TemplateResult;
type Play = (context: { canvasElement: HTMLElement; args: Record<string, unknown> }) => Promise<void> | void;
interface Story {
  args?: Record<string, unknown>;
  render?: StoryFn;
  decorators?: Decorator[];
  play?: Play;
}
interface StoryModule {
  default: { title: string; args?: Record<string, unknown>; render?: StoryFn; decorators?: Decorator[] };
  [name: string]: unknown;
}
type Stateful = HTMLElement & { state: string; source?: string; filter?: { from?: string; to?: string }; selected?: string };
/** `<goldboard-date-range>` and `<goldboard-filter>`: controls with no `state` of their own. */
type Control = HTMLElement & { source?: string; from?: string; to?: string; value?: string };

const MODULES: StoryModule[] = [kpiCard, revenueTrend, segmentBreakdown, topList, source, dateRange, filter, insight] as unknown as StoryModule[];

function storyArgs(module: StoryModule, name: string): Record<string, unknown> {
  return { ...module.default.args, ...(module[name] as Story).args };
}

function renderStory(module: StoryModule, name: string): TemplateResult {
  const story = module[name] as Story;
  const args = storyArgs(module, name);
  const render = story.render ?? module.default.render!;
  const decorators = [...(story.decorators ?? []), ...(module.default.decorators ?? [])];
  let fn = () => render(args, { args });
  for (const decorate of decorators) {
    const inner = fn;
    fn = () => decorate(inner, { args });
  }
  return fn();
}

/** The choices a control's menu offers (the Period or Segment menu), hidden ones left out. */
const offered = (control: Control) => [...(control.shadowRoot?.querySelectorAll('select option') ?? [])].filter((o) => !(o as HTMLOptionElement).hidden).length;
const complaint = (control: Control) => control.shadowRoot?.querySelector('[part~="error"]')?.textContent?.trim() ?? '';

for (const module of MODULES) {
  describe(`stories of ${module.default.title}`, () => {
    expectNothingThrownIntoThePage();
    let consoleErrors: string[] = [];
    const consoleError = console.error;
    beforeEach(() => {
      consoleErrors = [];
      console.error = (...data: unknown[]) => {
        consoleErrors.push(data.map(String).join(' '));
        consoleError.apply(console, data);
      };
    });
    afterEach(() => {
      console.error = consoleError;
      expect(consoleErrors, 'no console error').to.deep.equal([]);
    });

    for (const name of Object.keys(module).filter((k) => k !== 'default' && !k.startsWith('__'))) {
      it(`${name} settles and has no axe violations`, async () => {
        const container = await fixture<HTMLDivElement>(html`<div>${renderStory(module, name)}</div>`);
        const elements = [...container.querySelectorAll('*')].filter((el) => el.hasAttribute('state')) as Stateful[];
        const controls = [...container.querySelectorAll('goldboard-date-range, goldboard-filter')] as Control[];
        expect(elements.length, 'the story shows at least one Goldboard element').to.be.greaterThan(0);
        const expected = name === 'Loading' ? ['loading'] : name.startsWith('Error') || name.startsWith('Wrong') ? ['error'] : name.startsWith('Empty') ? ['empty'] : ['ready'];
        await waitUntil(() => elements.every((el) => expected.includes(el.state)), `${name}: expected ${expected}`, { timeout: 5000 });
        // The controls' own states: their choices read (ready), none in the Gold data (empty),
        // why not (error), or not yet (loading).
        if (expected[0] === 'ready') await waitUntil(() => controls.every((c) => offered(c) > 1 && !complaint(c)), `${name}: every control offers the Gold's choices`, { timeout: 5000 });
        if (expected[0] === 'error') await waitUntil(() => controls.every((c) => complaint(c) !== ''), `${name}: every control says what is wrong`, { timeout: 5000 });
        if (name === 'Loading') {
          // Every element starts loading: give it time to leave that state if it wrongly would.
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(elements.map((el) => el.state)).to.deep.equal(elements.map(() => 'loading'));
        }
        if (name === 'Loading' || expected[0] === 'empty') {
          for (const control of controls) {
            expect(offered(control), `${control.localName} offers only "All …"`).to.equal(1);
            expect(complaint(control), `${control.localName} has nothing to complain of`).to.equal('');
          }
        }
        const play = (module[name] as Story).play;
        if (play) {
          await play({ canvasElement: container, args: storyArgs(module, name) });
          await waitUntil(() => elements.every((el) => el.state === 'ready'), `${name}: settled again after its play`, { timeout: 5000 });
          // Every element of the control's source follows the choice (and only of that source).
          for (const control of controls) {
            const chosen = sourceFilter(control.source!);
            expect(Object.values(chosen).some(Boolean), `${name}: the play chose something for ${control.source}`).to.equal(true);
            const followers = elements.filter((el) => el.getAttribute('source') === control.source);
            expect(followers.length).to.be.greaterThan(0);
            if (control.localName === 'goldboard-date-range') {
              for (const el of followers) expect([el.localName, el.filter?.from, el.filter?.to]).to.deep.equal([el.localName, control.from, control.to]);
            } else {
              for (const el of followers.filter((f) => f.localName === 'segment-breakdown')) expect(el.selected).to.equal(control.value);
            }
          }
        }
        await expect(container).to.be.accessible();
      });
    }
  });
}
