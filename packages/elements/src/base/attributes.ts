import { GoldError, canonicalLocale, isCalendarDay, isCurrencyCode } from '@goldboard/core';
import type { PropertyDeclaration } from 'lit';

/**
 * An attribute, declared once: Lit's declaration (type, attribute name, reflection) with its
 * default, its domain (`check`, see `oneOf` and `wholeNumber`) and whether a change loads the
 * data again (`data: true`) or only draws again. Its TypeScript type and its docs are on the
 * class's `declare` line beside it.
 */
export interface GoldProperty extends PropertyDeclaration {
  readonly default?: unknown;
  readonly data?: boolean;
  /** Throws a GoldError when a value that is set lies outside the attribute's domain. */
  readonly check?: (value: never, el: Element, attribute: string) => void;
}

/** The attribute-declaration table of a Goldboard element (its `static properties`). */
export type GoldProperties = Readonly<Record<string, GoldProperty>>;

function refusal(el: Element, attribute: string, what: string, got: unknown): GoldError {
  return new GoldError('bad-param', `${el.localName} ${attribute} must be ${what}, got \`${got}\`.`);
}

/** A domain of a few words (`variant`). */
export const oneOf =
  (...options: string[]) =>
  (value: string | undefined, el: Element, attribute: string): void => {
    if (value && !options.includes(value)) throw refusal(el, attribute, options.join(' or '), value);
  };

/** A domain of whole numbers from `min`; `what` says what they count. */
export const wholeNumber =
  (min: number, what: string) =>
  (value: number | null | undefined, el: Element, attribute: string): void => {
    // Lit reads a removed attribute as null: unset.
    if (value !== null && value !== undefined && !(Number.isInteger(value) && value >= min)) throw refusal(el, attribute, what, el.getAttribute(attribute) ?? value);
  };

export const calendarDay = (value: string | undefined, el: Element, attribute: string): void => {
  // As the Gold server checks it: a day that exists, written YYYY-MM-DD.
  if (value && !isCalendarDay(value)) throw refusal(el, attribute, 'a calendar day like 2019-11-01', value);
};

/** A BCP 47 language tag. */
export const languageTag = (value: string | undefined, el: Element, attribute: string): void => {
  if (value && !canonicalLocale(value)) throw refusal(el, attribute, 'a language tag like en-US', value);
};

/** An ISO 4217 currency code. */
export const currencyCode = (value: string | undefined, el: Element, attribute: string): void => {
  if (value && !isCurrencyCode(value)) throw refusal(el, attribute, 'a three-letter ISO 4217 code like USD', value);
};

/** The deprecated attribute read by `legacyDatasetName` (not in the manifest: no framework should set it). */
export const LEGACY_DATASET = 'dataset';
let warnedDataset = false;

/**
 * The attribute `dataset` of older pages, read as `dataset-name` when that is absent
 * (deprecated, reported once per page). It has no property of its own: `dataset` is
 * HTMLElement's data-* map, which frameworks would try to set. Returns the dataset name to take,
 * or null to keep the current one.
 */
export function legacyDatasetName(el: Element, value: string | null): string | undefined | null {
  if (el.hasAttribute('dataset-name')) return null;
  if (value !== null && !warnedDataset) {
    warnedDataset = true;
    console.warn(`<${el.localName} dataset="${value}">: the dataset attribute is deprecated; write dataset-name="${value}".`);
  }
  return value ?? undefined;
}

/** The properties that take objects (`attribute: false`): as attributes, they can only be text. */
export const OBJECT_PROPERTIES: readonly ('data' | 'adapter')[] = ['data', 'adapter'];

/**
 * Why an object property given as an attribute is refused: `data="[object Object]"` is what a
 * framework writes when it renders before the element is defined (it sets attributes on an
 * element it does not know). The message says to set the property.
 */
export function objectAsTextError(el: Element, name: string, text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  const what = name === 'data' ? 'rows or a table' : 'a GoldAdapter';
  return (
    `${el.localName} got ${name}="${shown}", text where an object belongs: set the ${name} property (element.${name} = ${what}), not the attribute. ` +
    'A framework passes objects as text when it renders before the element is defined: import the elements before rendering.'
  );
}
