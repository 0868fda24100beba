import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

/** CSS properties by name (`left`, `--_bar`); an undefined value removes the property. */
export type CssProps = Readonly<Record<string, string | undefined>>;

/**
 * Sets CSS properties on an element through CSSOM (`style.setProperty`), never through its
 * `style` attribute: a Content-Security-Policy without 'unsafe-inline' for styles refuses style
 * attributes, Lit's `styleMap` included (it writes the attribute in its first render), but not
 * CSSOM. Goes in an element position: `<span ${cssProps({ width: '40%' })}>`.
 */
class CssPropsDirective extends Directive {
  private readonly set = new Map<string, string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() goes in an element position, not in an attribute.');
  }

  render(_props: CssProps): unknown {
    return noChange;
  }

  override update(part: ElementPart, [props]: [CssProps]): unknown {
    const { style } = part.element as HTMLElement | SVGElement;
    for (const name of this.set.keys()) {
      if (props[name] !== undefined) continue;
      style.removeProperty(name);
      this.set.delete(name);
    }
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined || this.set.get(name) === value) continue;
      style.setProperty(name, value);
      this.set.set(name, value);
    }
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
