import { expect } from '@open-wc/testing';
import { formatDate, formatNumber, isoDay, numberFormat, onTextWritten, rememberTexts } from './format.js';

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

  it('tells a listener every text it writes, by format, locale and currency', () => {
    const heard: [string, number, string][] = [];
    const stop = onTextWritten((key, value, text) => heard.push([key, value, text]));
    try {
      formatNumber(1_250_000, 'compact-currency', { locale: 'en-US' });
      formatDate(Date.UTC(2019, 9, 14), 'short-day', { locale: 'en-US' });
      formatNumber(Infinity, 'number', { locale: 'en-US' });
      formatNumber(-0, 'number', { locale: 'en-US' });
      formatNumber(null);
    } finally {
      stop();
    }
    formatNumber(2, 'number', { locale: 'en-US' });
    // Infinity and -0 do not survive JSON; no value, no text; nothing once stopped.
    expect(heard).to.deep.equal([
      ['number|compact-currency|en-US|', 1_250_000, '$1.3M'],
      ['date|short-day|en-US', Date.UTC(2019, 9, 14), 'Oct 14'],
    ]);
  });

  it('answers remembered texts without building a formatter until every holder has released them, and skips entries that are not a number and its text', async () => {
    const built: string[] = [];
    const { NumberFormat, DateTimeFormat } = Intl;
    const counting = <T extends object>(name: string, ctor: T) => new Proxy(ctor, { construct: (target, args) => (built.push(name), Reflect.construct(target as never, args)) });
    Object.assign(Intl, { NumberFormat: counting('NumberFormat', NumberFormat), DateTimeFormat: counting('DateTimeFormat', DateTimeFormat) });
    try {
      const release = rememberTexts({
        'number|compact|fr-CA|': [1234, '1,2 k (server)', 'x', 'not after a number', 5, 42, NaN, 'NaN', 0, '0 (server)'],
        'date|year|fr-CA': [Date.UTC(2020, 0, 1), '2020 (server)'],
        'other|compact|fr-CA|': [7, 'not a format key'],
        'number|integer|fr-CA|': 'not a list',
      });
      // A second holder: the first text remembered for a value stands.
      const second = rememberTexts({ 'number|compact|fr-CA|': [1234, 'another text'] });
      const none = rememberTexts(null);
      expect(formatNumber(1234, 'compact', { locale: 'fr-CA' })).to.equal('1,2 k (server)');
      expect(formatDate(Date.UTC(2020, 0, 1), 'year', { locale: 'fr-CA' })).to.equal('2020 (server)');
      expect(built).to.deep.equal([]);
      // Anything else is formatted, once a formatter is built: -0 is not 0.
      expect(plain(formatNumber(1235, 'compact', { locale: 'fr-CA' }))).to.equal('1,2 k');
      expect(formatNumber(5, 'compact', { locale: 'fr-CA' })).to.equal('5');
      expect(formatNumber(-0, 'compact', { locale: 'fr-CA' })).to.equal('-0');
      expect(built).to.deep.equal(['NumberFormat']);
      // Kept while any holder has not released them (twice is once), then forgotten.
      release();
      release();
      none();
      expect(formatNumber(1234, 'compact', { locale: 'fr-CA' })).to.equal('1,2 k (server)');
      second();
      // Forgotten once the page is idle (not before: the elements may draw again at once).
      expect(formatNumber(1234, 'compact', { locale: 'fr-CA' })).to.equal('1,2 k (server)');
      await new Promise((resolve) => requestIdleCallback(resolve));
      expect(plain(formatNumber(1234, 'compact', { locale: 'fr-CA' }))).to.equal('1,2 k');
      expect(formatDate(Date.UTC(2020, 0, 1), 'year', { locale: 'fr-CA' })).to.equal('2020');
    } finally {
      Object.assign(Intl, { NumberFormat, DateTimeFormat });
    }
  });
});
