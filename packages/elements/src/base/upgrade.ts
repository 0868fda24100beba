/**
 * Properties set on an element before its definition (a framework binding `.data` on a tag it
 * renders before the import that defines it) are taken on upgrade: Lit keeps them as the element
 * is constructed and sets them at the start of its first update. A value set in between (the
 * framework binding again once the element is defined) is newer; Lit's late restore would
 * replace it with the older one. This keeps the newer, as the `_upgradeProperty` pattern does by
 * taking the early values at once.
 */
export class UpgradedProperties {
  /** Values set through the accessors since construction, before the first update. */
  private readonly since = new Map<PropertyKey, unknown>();
  /** Within the first update, until Lit has set the kept values. */
  private restoring = false;

  constructor(private readonly host: object) {}

  /** From the host's `requestUpdate(name)`: property `name` was just set. */
  changed(name: PropertyKey): void {
    const host = this.host as Record<PropertyKey, unknown>;
    if (!this.restoring) this.since.set(name, host[name]);
    else if (this.since.has(name) && !Object.is(host[name], this.since.get(name))) host[name] = this.since.get(name);
  }

  /** Runs the host's first update: the kept values Lit sets in its first steps give way to newer ones. */
  firstUpdate(update: () => void): void {
    this.restoring = this.since.size > 0;
    try {
      update();
    } finally {
      this.restoring = false;
    }
  }

  /** From the host's `shouldUpdate`: Lit has set the kept values. */
  restored(): void {
    this.restoring = false;
  }
}
