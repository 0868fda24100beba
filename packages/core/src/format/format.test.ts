import { expect } from '@open-wc/testing';
import { formatDate, formatNumber, isoDay, numberFormat } from './format.js';

// Intl puts narrow no-break spaces in some locales; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting', () => {
  it('formats currency in en-US and de-DE', () => {
    expect(formatNumber(1234567.891, 'currency', { locale: 'en-US' })).to.equal('$1,234,567.89');
    expect(plain(formatNumber(1234567.891, 'currency', { locale: 'de-DE', currency: 'EUR' }))).to.equal('1.234.567,89 €');
  });

  it('formats compact numbers and compact currency', () => {
    expect(formatNumber(6_850_000, 'compact', { locale: 'en-US' })).to.equal('6.9M');
    expect(plain(formatNumber(6_850_000, 'compact', { locale: 'de-DE' }))).to.equal('6,9 Mio.');
    expect(formatNumber(1_250_000, 'compact-currency', { locale: 'en-US' })).to.equal('$1.3M');
  });

  it('formats percentages', () => {
    expect(formatNumber(0.0523, 'percent', { locale: 'en-US' })).to.equal('5.2%');
    expect(plain(formatNumber(0.0523, 'percent', { locale: 'de-DE' }))).to.equal('5,2 %');
  });

  it('shows missing values as a dash', () => {
    expect(formatNumber(NaN)).to.equal('—');
    expect(formatNumber(null)).to.equal('—');
    expect(formatDate(undefined)).to.equal('—');
  });

  it('formats UTC days whatever the local zone', () => {
    const day = Date.UTC(2019, 10, 29);
    expect(formatDate(day, 'day', { locale: 'en-US' })).to.equal('Nov 29, 2019');
    expect(formatDate(day, 'day', { locale: 'de-DE' })).to.equal('29. Nov. 2019');
    expect(isoDay(day)).to.equal('2019-11-29');
  });

  it('falls back from a bad locale and a bad currency instead of throwing', () => {
    expect(formatNumber(5, 'currency', { locale: 'not a locale!', currency: 'dollars' })).to.equal(formatNumber(5, 'currency'));
    expect(formatDate(0, 'day', { locale: 'not a locale!' })).to.equal(formatDate(0, 'day'));
  });

  it('reuses formatters', () => {
    expect(numberFormat('currency', { locale: 'en-US' })).to.equal(numberFormat('currency', { locale: 'en-US' }));
  });
});
