/**
 * Number, currency, percent and date formatting with Intl, honouring a locale and a currency.
 * Formatters are built once per (locale, options) and reused: building an Intl formatter costs
 * far more than using one.
 */
export type NumberFormatName = 'currency' | 'number' | 'percent' | 'compact' | 'compact-currency' | 'integer';

export interface FormatOptions {
  locale?: string | undefined;
  currency?: string | undefined;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The canonical form of a BCP 47 language tag; undefined when `locale` is not one. */
export function canonicalLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

/** True for a three-letter ISO 4217 currency code (any case). */
export function isCurrencyCode(currency: string): boolean {
  return /^[A-Za-z]{3}$/.test(currency);
}

function validCurrency(currency: string | undefined): string {
  return currency && isCurrencyCode(currency) ? currency.toUpperCase() : 'USD';
}

const NUMBER_OPTIONS: Record<NumberFormatName, (currency: string) => Intl.NumberFormatOptions> = {
  currency: (currency) => ({ style: 'currency', currency, maximumFractionDigits: 2 }),
  'compact-currency': (currency) => ({ style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }),
  number: () => ({ maximumFractionDigits: 2 }),
  integer: () => ({ maximumFractionDigits: 0 }),
  compact: () => ({ notation: 'compact', maximumFractionDigits: 1 }),
  percent: () => ({ style: 'percent', maximumFractionDigits: 1 }),
};

/** Every named number format. */
export const NUMBER_FORMATS = Object.keys(NUMBER_OPTIONS) as readonly NumberFormatName[];

/**
 * The Intl.NumberFormat for a named format; unknown locales fall back to the page's. Cached by
 * the options as given: the locale is checked only when a formatter is built.
 */
export function numberFormat(format: NumberFormatName, options: FormatOptions = {}): Intl.NumberFormat {
  const key = `${format}|${options.locale ?? ''}|${options.currency ?? ''}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(canonicalLocale(options.locale), NUMBER_OPTIONS[format](validCurrency(options.currency)));
    numberFormats.set(key, f);
  }
  return f;
}

/** Formats a number; null, undefined and NaN are shown as an em dash (no value). */
export function formatNumber(value: number | null | undefined, format: NumberFormatName = 'number', options: FormatOptions = {}): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return numberFormat(format, options).format(value);
}

export type DateFormatName = 'day' | 'short-day' | 'month' | 'long-day' | 'time' | 'short-month' | 'year' | 'weekday-day' | 'weekday-day-time';

const DATE_OPTIONS: Record<DateFormatName, Intl.DateTimeFormatOptions> = {
  day: { year: 'numeric', month: 'short', day: 'numeric' },
  'short-day': { month: 'short', day: 'numeric' },
  'long-day': { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  month: { year: 'numeric', month: 'short' },
  // Axis ticks and tooltips of time series.
  time: { hour: 'numeric', minute: '2-digit' },
  'short-month': { month: 'short' },
  year: { year: 'numeric' },
  'weekday-day': { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' },
  'weekday-day-time': { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
};

/** The Intl.DateTimeFormat for UTC calendar days (Gold dates are UTC days). */
export function dateFormat(format: DateFormatName, options: FormatOptions = {}): Intl.DateTimeFormat {
  const key = `${format}|${options.locale ?? ''}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(canonicalLocale(options.locale), { ...DATE_OPTIONS[format], timeZone: 'UTC' });
    dateFormats.set(key, f);
  }
  return f;
}

/** Formats epoch milliseconds as a UTC day; NaN is an em dash. */
export function formatDate(epochMs: number | null | undefined, format: DateFormatName = 'day', options: FormatOptions = {}): string {
  if (epochMs === null || epochMs === undefined || Number.isNaN(epochMs)) return '—';
  return dateFormat(format, options).format(epochMs);
}

/** `YYYY-MM-DD` of epoch milliseconds, in UTC. */
export function isoDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
