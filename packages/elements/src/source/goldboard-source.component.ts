import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { createFolderAdapter, createServerAdapter, registerSource, unregisterSource, type GoldAdapter, type GoldFileFormat } from '@goldboard/core';

/**
 * Registers a named data source for the page, declaratively: elements then read it with
 * `source="NAME"` and their `dataset-name`. Renders nothing.
 *
 * @tagname goldboard-source
 * @summary A named Gold source: a Gold folder (one `<dataset>.arrow` or `.json` file per dataset) or a Goldboard server.
 *
 * @example
 * <goldboard-source name="gold" base="/gold/"></goldboard-source>
 * <kpi-card source="gold" measure="revenue"></kpi-card>
 *
 * <!-- the Goldboard server: each element's from/to/limit/segment are computed by the server -->
 * <goldboard-source name="live" server="https://gold.example.com"></goldboard-source>
 * <kpi-card source="live" measure="revenue" from="2019-11-01" to="2019-11-30"></kpi-card>
 */
export class GoldboardSource extends LitElement {
  static override properties: PropertyDeclarations = {
    name: { type: String, reflect: true },
    base: { type: String },
    server: { type: String },
    fileFormat: { type: String, attribute: 'file-format' },
    // Former names, still read: on the data elements `src` is one file and `format` a number format.
    src: { type: String },
    format: { type: String },
  };

  /** The name elements refer to in their `source` attribute. */
  declare name: string;
  /** The Gold folder's address (as `createFolderAdapter({ base })`). */
  declare base: string;
  /** A Goldboard server's address (instead of `base`). */
  declare server: string;
  /** The folder's file format: `arrow` (default) or `json`. */
  declare fileFormat: GoldFileFormat;
  /** @deprecated Use `base`: the former name of the folder's address, read when `base` is not set. */
  declare src: string;
  /** @deprecated Use `file-format`: its former name, read when `file-format` is not set. */
  declare format: GoldFileFormat | '';

  private registered: { name: string; adapter: GoldAdapter } | undefined;

  constructor() {
    super();
    this.name = '';
    this.base = '';
    this.server = '';
    this.fileFormat = 'arrow';
    this.src = '';
    this.format = '';
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
    if ((['name', 'base', 'server', 'fileFormat', 'src', 'format'] as const).some((k) => changed.has(k))) this.register();
  }

  private register(): void {
    if (!this.isConnected) return;
    const base = this.base || this.src;
    if (!this.name || !(base || this.server)) {
      // Name or address cleared: the source this element registered is no longer offered.
      this.unregister();
      return;
    }
    const adapter = this.server
      ? createServerAdapter({ base: this.server })
      : createFolderAdapter({ base, format: (this.hasAttribute('file-format') ? this.fileFormat : this.format || this.fileFormat) === 'json' ? 'json' : 'arrow' });
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
