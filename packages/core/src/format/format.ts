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

/**
 * Texts written before, as `{ key: [value, text, value, text, …] }`: the key names the format,
 * locale and currency (`number|compact-currency|en-US|`, `date|short-day|en-US`). A server sends
 * those it wrote an element's markup with (see `rememberTexts`).
 */
export type WrittenTexts = Readonly<Record<string, readonly (number | string)[]>>;

/**
 * Texts by key, then value: what a server records as it renders an element, and what the
 * browser remembers of it. The first text added for a value stands.
 */
export class WrittenTextMap {
  private readonly byKey = new Map<string, Map<number, string>>();
  /** How many texts it holds. */
  size = 0;
  get(key: string, value: number): string | undefined {
    return this.byKey.get(key)?.get(value);
  }
  /** Adds `text` for `value` under `key`, unless it has one for that value already. */
  add(key: string, value: number, text: string): void {
    let byValue = this.byKey.get(key);
    if (!byValue) this.byKey.set(key, (byValue = new Map()));
    if (byValue.has(value)) return;
    byValue.set(value, text);
    this.size++;
  }
  clear(): void {
    this.byKey.clear();
    this.size = 0;
  }
  /** The wire form; undefined when it holds none. */
  toJSON(): WrittenTexts | undefined {
    if (this.size === 0) return undefined;
    return Object.fromEntries([...this.byKey].map(([key, byValue]) => [key, [...byValue].flat()]));
  }
}

/** The texts remembered in this page. */
const written = new WrittenTextMap();
/** At most this many texts are remembered at once. */
const WRITTEN_MAX = 20_000;
/** Holders of remembered texts not released yet: the texts are forgotten once there is none. */
let holders = 0;
/** Stops the forgetting scheduled when the last holder released its texts. */
let cancelForget: (() => void) | undefined;
const listeners = new Set<(key: string, value: number, text: string) => void>();

/**
 * Remembers texts a server wrote (the ones sent with an element it rendered) until the returned
 * function is called (the element has drawn once): meanwhile `formatNumber` and `formatDate`
 * answer those values with them, without building an Intl formatter. In a page the first
 * formatter loads the locale's data (20–40 ms on a slow machine), so elements taking over their
 * server-written markup build none. Once every holder has released its texts, all are forgotten
 * when the page is next idle: what is written afterwards is the browser's own. The first text
 * remembered for a value stands; entries that are not a finite number followed by a text are
 * skipped; past 20,000 texts nothing more is remembered.
 */
export function rememberTexts(texts: unknown): () => void {
  holders++;
  if (typeof texts === 'object' && texts !== null) {
    for (const [key, list] of Object.entries(texts)) {
      if (!Array.isArray(list) || !/^(number|date)\|/.test(key)) continue;
      for (let i = 0; i + 1 < list.length && written.size < WRITTEN_MAX; i += 2) {
        const value: unknown = list[i];
        const text: unknown = list[i + 1];
        if (typeof value === 'number' && sendable(value) && typeof text === 'string' && text.length <= 200) written.add(key, value, text);
      }
    }
  }
  cancelForget?.();
  cancelForget = undefined;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders > 0) return;
    // Once the page is idle: what the elements draw right after their first drawing (a headline
    // fitted to its box, say) writes the same values again.
    const forget = () => {
      cancelForget = undefined;
      written.clear();
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(forget, { timeout: 1000 });
      cancelForget = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(forget, 0);
      cancelForget = () => clearTimeout(id);
    }
  };
}

/**
 * Calls `fn` with every text `formatNumber` and `formatDate` write from now on, until the
 * returned function is called. A server rendering elements records them, to send with each
 * (`rememberTexts`).
 */
export function onTextWritten(fn: (key: string, value: number, text: string) => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

/** -0 and the infinities do not survive JSON: neither remembered nor sent. */
const sendable = (value: number) => Number.isFinite(value) && !Object.is(value, -0);

/**
 * Texts remembered or listened for: then a text is looked up and told. Otherwise (most of the
 * time in a page) formatting is Intl's alone, with no key made.
 */
const tracking = () => written.size > 0 || listeners.size > 0;

/** The text remembered for `value` under `key`, else `make()`'s; told to the listeners. */
function writeText(key: string, value: number, make: () => string): string {
  const ok = sendable(value);
  const text = (ok ? written.get(key, value) : undefined) ?? make();
  if (ok) for (const listener of listeners) listener(key, value, text);
  return text;
}

/** A number formatter's key: the format, locale and currency as given. */
const numberKey = (format: NumberFormatName, options: FormatOptions) => `${format}|${options.locale ?? ''}|${options.currency ?? ''}`;
/** A date formatter's key: the format and locale as given. */
const dateKey = (format: DateFormatName, options: FormatOptions) => `${format}|${options.locale ?? ''}`;

/** Tags canonicalised before (every element checks its `locale`): at most 64. */
const canonicalLocales = new Map<string, string | undefined>();

/** The canonical form of a BCP 47 language tag; undefined when `locale` is not one. */
export function canonicalLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  if (canonicalLocales.has(locale)) return canonicalLocales.get(locale);
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(locale)[0];
  } catch {
    canonical = undefined;
  }
  if (canonicalLocales.size < 64) canonicalLocales.set(locale, canonical);
  return canonical;
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
  const key = numberKey(format, options);
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
  if (!tracking()) return numberFormat(format, options).format(value);
  return writeText(`number|${numberKey(format, options)}`, value, () => numberFormat(format, options).format(value));
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
  const key = dateKey(format, options);
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
  if (!tracking()) return dateFormat(format, options).format(epochMs);
  return writeText(`date|${dateKey(format, options)}`, epochMs, () => dateFormat(format, options).format(epochMs));
}

/** `YYYY-MM-DD` of epoch milliseconds, in UTC. */
export function isoDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
