import { expect } from '@open-wc/testing';
import '../kpi-card/kpi-card.js';
import '../revenue-trend/revenue-trend.js';
import { loadArrowDecoder } from '@goldboard/core';
import { waitForState, type Stateful } from '../../../../test/helpers/wait.js';
import { expectNothingThrownIntoThePage } from '../../../../test/helpers/errors.js';

const CORRUPT = '/test/fixtures/corrupt';
const shadowText = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const errorText = (el: Element) => el.shadowRoot!.querySelector('[part~="error"]')!.textContent!.replace(/\s+/g, ' ');

/** The state an element reaches and the messages of its goldboard-error events. */
async function settle(el: Stateful): Promise<string[]> {
  const events: string[] = [];
  el.addEventListener('goldboard-error', (event) => events.push((event as CustomEvent<{ message: string }>).detail.message));
  await waitForState(el, 'error');
  return events;
}

describe('corrupt Arrow files are errors naming the file, in the element', () => {
  expectNothingThrownIntoThePage();
  // The time below is the element's; the decoder's first download is not.
  before(() => loadArrowDecoder());

  for (const [tag, file] of [
    ['kpi-card', 'kpi_summary.arrow'], // a count of 0x10000000 at byte 1116: 24-38 s of allocation before
    ['revenue-trend', 'daily_metrics.arrow'], // byte 244 changed: out of memory in Node before
    ['kpi-card', 'zero-bytes.arrow'], // both of these read as an empty table: "No data for this selection."
    ['kpi-card', 'negative-length.arrow'],
  ]) {
    it(`<${tag} src=".../corrupt/${file}"> goes to error within a second`, async () => {
      const started = performance.now();
      const el = document.createElement(tag) as Stateful;
      el.setAttribute('src', `${CORRUPT}/${file}`);
      const events = settle(el);
      document.body.append(el);
      try {
        const messages = await events;
        expect(performance.now() - started).to.be.below(1000);
        expect(errorText(el)).to.contain(`corrupt/${file} is not an Arrow IPC file or stream`);
        expect(messages.length).to.equal(1);
        expect(messages[0]).to.contain(`corrupt/${file}`);
        expect(shadowText(el)).not.to.contain('No data for this selection.');
      } finally {
        el.remove();
      }
    });
  }
});
