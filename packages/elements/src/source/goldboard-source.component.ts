import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { createFolderAdapter, createServerAdapter, registerSource, sharedLoader, unregisterSource, type GoldAdapter, type GoldFileFormat } from '@goldboard/core';

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
 *
 * <!-- live: revalidated every minute (ETag / 304), and at once when the server says the Gold changed -->
 * <goldboard-source name="live" server="https://gold.example.com" refresh="60"></goldboard-source>
 */
export class GoldboardSource extends LitElement {
  static override properties: PropertyDeclarations = {
    name: { type: String, reflect: true },
    base: { type: String },
    server: { type: String },
    fileFormat: { type: String, attribute: 'file-format' },
    refresh: { type: Number },
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
  /**
   * Seconds between revalidations of what the page's elements read from this source: one
   * conditional request per dataset asked (`If-None-Match`; an unchanged one answers `304`), and
   * the elements whose data changed show it in place. With `server`, the server's
   * `/v1/events` also says at once when its Gold was rebuilt. Unset or 0: no refresh.
   */
  declare refresh: number | undefined;
  /** The folder's file format: `arrow` (default) or `json`. */
  declare fileFormat: GoldFileFormat;
  /** @deprecated Use `base`: the former name of the folder's address, read when `base` is not set. */
  declare src: string;
  /** @deprecated Use `file-format`: its former name, read when `file-format` is not set. */
  declare format: GoldFileFormat | '';

  private registered: { name: string; adapter: GoldAdapter } | undefined;
  private live: { stop?: () => void } | undefined;

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
    if ((['name', 'base', 'server', 'fileFormat', 'src', 'format', 'refresh'] as const).some((k) => changed.has(k))) this.register();
  }

  /** Revalidates the source's answers now (what `refresh` does on its clock). */
  revalidate(): Promise<number> {
    return this.registered ? sharedLoader.revalidate(this.registered.adapter) : Promise.resolve(0);
  }

  private stopLive(): void {
    this.live?.stop?.();
    this.live = undefined;
  }

  /** The refresh's clock and server events: a chunk loaded by sources that refresh. */
  private startLive(): void {
    this.stopLive();
    const seconds = Number(this.refresh);
    if (!this.registered || !(seconds > 0)) return;
    const live: { stop?: () => void } = {};
    const { adapter } = this.registered;
    const { server } = this;
    this.live = live;
    // Started only if still wanted once the chunk is in.
    void import('./live.js').then(
      (m) => this.live === live && (live.stop = m.startLive(adapter, seconds, server)),
      (error: unknown) => console.error(`<${this.localName} name="${this.name}"> could not load its refresh:`, error),
    );
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
    if (current && current.name === this.name && current.adapter.key === adapter.key) return this.startLive();
    this.unregister();
    this.registered = { name: this.name, adapter };
    registerSource(this.name, adapter);
    this.startLive();
  }

  private unregister(): void {
    this.stopLive();
    if (!this.registered) return;
    unregisterSource(this.registered.name, this.registered.adapter);
    this.registered = undefined;
  }
}
