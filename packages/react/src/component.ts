/**
 * One React component per Goldboard tag, made with @lit/react's `createComponent` from the tag's
 * declarations (`goldboardTags`, generated from the elements' manifest) rather than from the
 * element classes, so that this package loads no element and defines no tag:
 * - every declared property (`data` included) is set as a property, also while the tag is not
 *   defined yet (a lazy import, or a definition after hydration): Lit takes such properties when
 *   the tag is defined, and the listeners are on the element already;
 * - on the server (`renderToString`, `renderToPipeableStream`), the props that have an attribute
 *   are written as attributes, so the HTML already says what each element shows and the elements
 *   start loading as soon as their tags are defined, before React hydrates.
 */
import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import { goldboardTags, type GoldboardElements, type GoldboardTag } from '@goldboard/elements/types';

/** `goldboard-export-error` → `onExportError`. */
type Handler<E extends string> = E extends `goldboard-${infer Rest}` ? `on${Pascal<Rest>}` : never;
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;

type EventsOf<T extends GoldboardTag> = GoldboardElements[T]['events'];
type ElementOf<T extends GoldboardTag> = GoldboardElements[T]['element'];

/** The React event props of a tag: each Goldboard event as `on` + its name, its detail typed. */
export type GoldboardEvents<T extends GoldboardTag> = {
  [E in keyof EventsOf<T> & string as Handler<E>]: EventName<EventsOf<T>[E] & Event>;
};

/**
 * A tag's React component: the element's props by property name, with the contract's unions for
 * `measure` and `datasetName` (from the generated typings), and its `on…` event props.
 */
export type GoldboardComponent<T extends GoldboardTag> = React.ForwardRefExoticComponent<
  Omit<React.ComponentProps<ReactWebComponent<ElementOf<T>, GoldboardEvents<T>>>, keyof GoldboardElements[T]['props']> & GoldboardElements[T]['props']
>;

/** `goldboard-export-error` → `onExportError`, at run time. */
export function handlerName(event: string): string {
  return `on${event.replace(/^goldboard-/, '').replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`;
}

const REACT_PROPS = new Set(['children', 'className', 'style', 'key', 'ref', 'suppressHydrationWarning']);

/**
 * The attributes a tag's props stand for, as the server writes them: strings and numbers as text,
 * `true` as a bare attribute; objects (`data`, `adapter`) and event handlers are the browser's to
 * set. Props the tag does not declare (`id`, `aria-*`, …) pass through.
 */
export function serverAttributes(tag: GoldboardTag, props: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { properties, events } = goldboardTags[tag];
  const handlers = new Set<string>(events.map((e) => handlerName(e as string)));
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(props)) {
    if (handlers.has(name)) continue;
    if (REACT_PROPS.has(name)) {
      out[name === 'className' ? 'class' : name] = value;
      continue;
    }
    if (!Object.hasOwn(properties, name)) {
      out[name] = value;
      continue;
    }
    const attribute = (properties as Record<string, string | null>)[name];
    if (attribute === null || value === undefined || value === null || value === false) continue;
    if (value === true) out[attribute] = '';
    else if (typeof value === 'string' || typeof value === 'number') out[attribute] = String(value);
  }
  return out;
}

/** The React component of `tag`, with an `on…` prop for each of its events. */
export function goldboardComponent<T extends GoldboardTag>(tag: T): GoldboardComponent<T> {
  const { className, properties, events } = goldboardTags[tag];
  const map = Object.fromEntries(events.map((event) => [handlerName(event as string), event])) as unknown as GoldboardEvents<T>;
  if (typeof document === 'undefined') {
    const server = React.forwardRef<ElementOf<T>, Record<string, unknown>>((props, ref) => React.createElement(tag, { ...serverAttributes(tag, props), ref }));
    server.displayName = className;
    return server as unknown as GoldboardComponent<T>;
  }
  // @lit/react tells properties from attributes with `name in elementClass.prototype`: the
  // declared properties stand for the class, which need not be loaded (nor the tag defined).
  const declared = { name: className, prototype: Object.fromEntries(Object.keys(properties).map((name) => [name, undefined])) };
  const elementClass = declared as unknown as new () => ElementOf<T>;
  return createComponent({ react: React, tagName: tag, elementClass, events: map, displayName: className }) as unknown as GoldboardComponent<T>;
}
