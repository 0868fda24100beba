import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { createFolderAdapter, createServerAdapter, registerSource, unregisterSource, type GoldAdapter, type GoldFileFormat } from '@goldboard/core';

/**
 * Registers a named data source for the page, declaratively: elements then read it with
 * `source="NAME"` and their `dataset`. Renders nothing.
 *
 * @tagname goldboard-source
 * @summary A named Gold source: a Gold folder (one `<dataset>.arrow` or `.json` file per dataset) or a Goldboard server.
 *
 * @example
 * <goldboard-source name="gold" src="/gold/"></goldboard-source>
 * <kpi-card source="gold" metric="revenue"></kpi-card>
 *
 * <!-- the Goldboard server: each element's from/to/limit/segment are computed by the server -->
 * <goldboard-source name="live" server="https://gold.example.com"></goldboard-source>
 * <kpi-card source="live" metric="revenue" from="2019-11-01" to="2019-11-30"></kpi-card>
 */
export class GoldboardSource extends LitElement {
  static override properties: PropertyDeclarations = {
    name: { type: String, reflect: true },
    src: { type: String },
    server: { type: String },
    format: { type: String },
  };

  /** The name elements refer to in their `source` attribute. */
  declare name: string;
  /** The Gold folder's address. */
  declare src: string;
  /** A Goldboard server's address (instead of `src`). */
  declare server: string;
  /** `arrow` (default) or `json`. */
  declare format: GoldFileFormat;

  private registered: { name: string; adapter: GoldAdapter } | undefined;

  constructor() {
    super();
    this.name = '';
    this.src = '';
    this.server = '';
    this.format = 'arrow';
  }

  protected override createRenderRoot(): HTMLElement {
    this.style.display = 'none';
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.register();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unregister();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('name') || changed.has('src') || changed.has('server') || changed.has('format')) this.register();
  }

  private register(): void {
    if (!this.isConnected) return;
    if (!this.name || !(this.src || this.server)) {
      // Name or address cleared: the source this element registered is no longer offered.
      this.unregister();
      return;
    }
    const adapter = this.server
      ? createServerAdapter({ base: this.server })
      : createFolderAdapter({ base: this.src, format: this.format === 'json' ? 'json' : 'arrow' });
    const current = this.registered;
    if (current && current.name === this.name && current.adapter.key === adapter.key) return;
    this.unregister();
    this.registered = { name: this.name, adapter };
    registerSource(this.name, adapter);
  }

  private unregister(): void {
    if (!this.registered) return;
    unregisterSource(this.registered.name, this.registered.adapter);
    this.registered = undefined;
  }
}
