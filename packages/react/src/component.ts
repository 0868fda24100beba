/**
 * One React component per Goldboard tag, made with @lit/react's `createComponent`, with two
 * additions:
 * - the element class is finalized first, so @lit/react sets every declared property (`data`
 *   included) as a property even while the tag is not defined yet (Lit takes such properties
 *   when the tag is defined, a lazy import or after hydration);
 * - on the server (`renderToString`, `renderToPipeableStream`), the properties that have an
 *   attribute are written as attributes, so the HTML already says what each element shows and
 *   the elements start loading as soon as their tags are defined, before React hydrates.
 */
import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import type { GoldboardElements, GoldboardTag } from '@goldboard/elements/types';

/** `goldboard-export-error` → `onExportError`. */
type Handler<E extends string> = E extends `goldboard-${infer Rest}` ? `on${Pascal<Rest>}` : never;
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;

type EventsOf<T extends GoldboardTag> = GoldboardElements[T]['events'];

/** The React event props of a tag: each Goldboard event as `on` + its name, its detail typed. */
export type GoldboardEvents<T extends GoldboardTag> = {
  [E in keyof EventsOf<T> & string as Handler<E>]: EventName<EventsOf<T>[E] & Event>;
};

/**
 * A tag's React component: the element's props by property name, with the contract's unions for
 * `measure` and `datasetName` (from the generated typings), and its `on…` event props.
 */
export type GoldboardComponent<T extends GoldboardTag, E extends HTMLElement> = React.ForwardRefExoticComponent<
  Omit<React.ComponentProps<ReactWebComponent<E, GoldboardEvents<T>>>, keyof GoldboardElements[T]['props']> & GoldboardElements[T]['props']
>;

/** A Lit element class with its static declarations (what finalizing reads). */
interface ElementClass<E extends HTMLElement> {
  new (): E;
  readonly observedAttributes: string[];
  readonly elementProperties: ReadonlyMap<PropertyKey, { attribute?: boolean | string }>;
}

/** `goldboard-export-error` → `onExportError`, at run time. */
export function handlerName(event: string): string {
  return `on${event.replace(/^goldboard-/, '').replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`;
}

const REACT_PROPS = new Set(['children', 'className', 'style', 'key', 'ref', 'suppressHydrationWarning']);

/**
 * The attributes an element's props stand for, as the server writes them: strings and numbers as
 * text, `true` as a bare attribute; objects (`data`, `adapter`) and event handlers are the
 * browser's to set. Props the element does not declare (`id`, `aria-*`, …) pass through.
 */
export function serverAttributes(elementClass: ElementClass<HTMLElement>, props: Record<string, unknown>, handlers: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(props)) {
    if (handlers.has(name)) continue;
    if (REACT_PROPS.has(name)) {
      out[name === 'className' ? 'class' : name] = value;
      continue;
    }
    const declaration = elementClass.elementProperties.get(name);
    if (!declaration) {
      out[name] = value;
      continue;
    }
    if (declaration.attribute === false || value === undefined || value === null || value === false) continue;
    const attribute = typeof declaration.attribute === 'string' ? declaration.attribute : name.toLowerCase();
    if (value === true) out[attribute] = '';
    else if (typeof value === 'string' || typeof value === 'number') out[attribute] = String(value);
  }
  return out;
}

/** A React component for `tag`, listening to `events` (each a key of the tag's event map). */
export function goldboardComponent<T extends GoldboardTag, E extends HTMLElement>(
  tag: T,
  elementClass: ElementClass<E>,
  events: readonly (keyof EventsOf<T> & string)[],
): GoldboardComponent<T, E> {
  // Lit creates the property accessors when a class is finalized (on define, or here): @lit/react
  // reads them from the prototype to tell properties from attributes.
  void elementClass.observedAttributes;
  const map = Object.fromEntries(events.map((event) => [handlerName(event), event])) as unknown as GoldboardEvents<T>;
  const component = createComponent({ react: React, tagName: tag, elementClass, events: map, displayName: elementClass.name });
  if (typeof document !== 'undefined') return component as GoldboardComponent<T, E>;
  const handlers = new Set(Object.keys(map));
  const server = React.forwardRef<E, Record<string, unknown>>((props, ref) => React.createElement(tag, { ...serverAttributes(elementClass, props, handlers), ref }));
  server.displayName = elementClass.name;
  return server as unknown as GoldboardComponent<T, E>;
}
