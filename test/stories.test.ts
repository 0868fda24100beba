// Every story of every element renders in Chromium, settles in its intended state, and axe-core
// finds no accessibility violation in it. Stories are the catalogue of states (loading, empty,
// error, dark, narrow, large data), so this keeps each of them honest.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '@goldboard/elements';
import * as kpiCard from '../stories/kpi-card.stories.js';
import * as revenueTrend from '../stories/revenue-trend.stories.js';
import * as segmentBreakdown from '../stories/segment-breakdown.stories.js';
import * as topList from '../stories/top-list.stories.js';

type StoryFn = (args: Record<string, unknown>, context?: unknown) => TemplateResult;
type Decorator = (story: () => TemplateResult, context?: unknown) => TemplateResult;
interface StoryModule {
  default: { title: string; args?: Record<string, unknown>; render?: StoryFn; decorators?: Decorator[] };
  [name: string]: unknown;
}

const MODULES: StoryModule[] = [kpiCard, revenueTrend, segmentBreakdown, topList] as unknown as StoryModule[];

function renderStory(module: StoryModule, name: string): TemplateResult {
  const story = module[name] as { args?: Record<string, unknown>; render?: StoryFn; decorators?: Decorator[] };
  const args = { ...module.default.args, ...story.args };
  const render = story.render ?? module.default.render!;
  const decorators = [...(story.decorators ?? []), ...(module.default.decorators ?? [])];
  let fn = () => render(args, { args });
  for (const decorate of decorators) {
    const inner = fn;
    fn = () => decorate(inner, { args });
  }
  return fn();
}

for (const module of MODULES) {
  describe(`stories of ${module.default.title}`, () => {
    for (const name of Object.keys(module).filter((k) => k !== 'default' && !k.startsWith('__'))) {
      it(`${name} settles and has no axe violations`, async () => {
        const container = await fixture<HTMLDivElement>(html`<div>${renderStory(module, name)}</div>`);
        const elements = [...container.querySelectorAll('*')].filter((el) => el.hasAttribute('state')) as (HTMLElement & {
          state: string;
        })[];
        expect(elements.length, 'the story shows at least one Goldboard element').to.be.greaterThan(0);
        const expected = name === 'Loading' ? ['loading'] : name.startsWith('Error') || name.startsWith('Wrong') ? ['error'] : name.startsWith('Empty') ? ['empty'] : ['ready'];
        await waitUntil(() => elements.every((el) => expected.includes(el.state)), `${name}: expected ${expected}`, { timeout: 5000 });
        if (name === 'Loading') {
          // Every element starts loading: give it time to leave that state if it wrongly would.
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(elements.map((el) => el.state)).to.deep.equal(elements.map(() => 'loading'));
        }
        await expect(container).to.be.accessible();
      });
    }
  });
}
