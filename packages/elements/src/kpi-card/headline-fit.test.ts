import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import './kpi-card.js';
import type { KpiCard } from './kpi-card.component.js';
import { fitHeadline } from './headline-fit.js';
import { expectNothingThrownIntoThePage, part, text, waitForState } from '@goldboard/test-helpers';

describe('fitHeadline', () => {
  it('keeps the exact number when it fits, or fits at 80% of its size or more', () => {
    expect(fitHeadline(200, 150, 50)).to.deep.equal({ compact: false, scale: 1 });
    expect(fitHeadline(181, 200, 50)).to.deep.equal({ compact: false, scale: 0.9 });
  });

  it('shows the compact number below that, smaller if need be', () => {
    expect(fitHeadline(120, 200, 60)).to.deep.equal({ compact: true, scale: 1 });
    expect(fitHeadline(61, 200, 80)).to.deep.equal({ compact: true, scale: 0.75 });
    expect(fitHeadline(31, 200, 80)).to.deep.equal({ compact: true, scale: 0.37 });
  });

  it('leaves the number alone before the card is laid out', () => {
    expect(fitHeadline(0, 200, 60)).to.deep.equal({ compact: false, scale: 1 });
  });
});

describe('<kpi-card> headline in a narrow card', () => {
  expectNothingThrownIntoThePage();

  const REVENUE = [{ revenue: 5_493_771.23, purchases: 48_213 }];

  /** Lets the ResizeObserver report and the card draw again. */
  async function settled(el: KpiCard): Promise<void> {
    for (let i = 0; i < 3; i++) await nextFrame();
    await el.updateComplete;
  }

  function expectWhole(el: KpiCard, exact: string): void {
    const value = part(el, 'value')!;
    expect(getComputedStyle(value).textOverflow, 'no ellipsis').to.not.equal('ellipsis');
    expect(value.scrollWidth, `${value.textContent} fits its box`).to.be.at.most(value.clientWidth);
    expect(value.getBoundingClientRect().right, 'inside the card').to.be.at.most(el.getBoundingClientRect().right);
    expect(value.title.startsWith(exact), `title ${value.title}`).to.be.true;
    expect(el.shadowRoot!.querySelector('#description')!.textContent).to.contain(exact);
  }

  for (const width of [160, 200, 240, 320]) {
    it(`shows 5,493,771.23 USD whole at ${width}px, the exact value in its title and accessible text`, async () => {
      const el = await fixture<KpiCard>(html`<kpi-card measure="revenue" format="currency" locale="en-US" .data=${REVENUE}></kpi-card>`);
      el.style.width = `${width}px`;
      await waitForState(el, 'ready');
      await settled(el);
      expectWhole(el, '$5,493,771.23');
      const shown = part(el, 'value')!.querySelector('[aria-hidden="true"]')?.textContent ?? text(el, 'value');
      // Exact when it fits (scaled down a little at most), else compact: never cut.
      expect(['$5,493,771.23', '$5.5M']).to.include(shown);
    });
  }

  it('is compact when even a smaller exact number does not fit, and exact again once the card is wide', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card measure="revenue" format="currency" locale="en-US" .data=${[{ revenue: 5_493_771_234.56 }]}></kpi-card>`);
    el.style.width = '160px';
    await waitForState(el, 'ready');
    await settled(el);
    const value = part(el, 'value')!;
    expect(value.querySelector('[aria-hidden="true"]')!.textContent).to.equal('$5.5B');
    expect(value.querySelector('.visually-hidden')!.textContent).to.equal('$5,493,771,234.56');
    expectWhole(el, '$5,493,771,234.56');
    el.style.width = '480px';
    await settled(el);
    expect(text(el, 'value')).to.equal('$5,493,771,234.56');
    expect(value.style.getPropertyValue('--_fit')).to.equal('1');
    expectWhole(el, '$5,493,771,234.56');
  });

  it('fits long values in other locales and currencies, and plain numbers', async () => {
    const cases: [string, string, string][] = [
      ['de-DE', 'EUR', 'revenue'],
      ['ja-JP', 'JPY', 'revenue'],
      ['en-IN', 'INR', 'revenue'],
      ['en-US', 'USD', 'purchases'],
    ];
    for (const [locale, currency, measure] of cases) {
      const el = await fixture<KpiCard>(
        html`<kpi-card measure=${measure} locale=${locale} currency=${currency} .data=${[{ revenue: 987_654_321.99, purchases: 123_456_789 }]}></kpi-card>`,
      );
      el.style.width = '160px';
      await waitForState(el, 'ready');
      await settled(el);
      const exact = el.shadowRoot!.querySelector('.ruler')!.textContent!;
      expectWhole(el, exact);
      el.remove();
    }
  });

  it('makes the compact number smaller still, rather than cut it, in a card narrower than its minimum', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card measure="revenue" locale="en-US" .data=${REVENUE}></kpi-card>`);
    el.style.minWidth = '0';
    el.style.width = '56px';
    await waitForState(el, 'ready');
    await settled(el);
    const value = part(el, 'value')!;
    expect(Number(value.style.getPropertyValue('--_fit'))).to.be.below(1);
    expect(value.querySelector('[aria-hidden="true"]')!.textContent).to.equal('$5.5M');
    expectWhole(el, '$5,493,771.23');
  });
});
