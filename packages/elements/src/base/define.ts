/**
 * Registers a custom element unless the tag is already taken (two copies of the library on one
 * CMS page must not throw). Import the class and call this with another tag to rename it.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (existing && existing !== constructor) {
    console.warn(`<${tag}> is already defined by another script; keeping that definition.`);
    return;
  }
  if (!existing) customElements.define(tag, constructor);
}
