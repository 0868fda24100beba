import { LitElement, css, type PropertyDeclarations, type PropertyValues } from 'lit';
import {
  filterFollowers,
  getSource,
  isAbortError,
  onSourceChanged,
  setSourceFilter,
  sharedLoader,
  sourceFilter,
  toGoldError,
  validateTable,
  type DatasetName,
  type GoldAdapter,
  type GoldTable,
  type SourceFilter,
} from '@goldboard/core';
import { GoldElement } from '../base/gold-element.js';
import { themeStyles } from '../base/theme.styles.js';
import { addressKey, filterFromAddress, filterOf } from './address.js';
import { addressNote } from './address-note.js';

/** Detail of `goldboard-filter-change`: the source and what is now chosen for it. */
export interface FilterChangeDetail extends SourceFilter {
  source: string;
}

/**
 * The shared part of the filter elements (`<goldboard-date-range>`, `<goldboard-filter>`): the
 * source whose filter they set, the address and history when asked (`history`), the Gold table
 * their choices come from (read through the source, shared with its elements), and the
 * `goldboard-filter-change` event. The controls themselves are each element's own.
 *
 * @event {CustomEvent<FilterChangeDetail>} goldboard-filter-change - The source's filter was changed by a person's choice. `detail: { source, from, to, segment }`.
 */
export abstract class FilterControl extends LitElement {
  static override styles = [
    themeStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 8px 12px;
        margin: 0;
      }
      label {
        display: grid;
        gap: 2px;
        color: var(--_muted);
        font-size: 0.9em;
      }
      input,
      select,
      button {
        font: inherit;
        color: var(--_fg);
        background: var(--_bg);
        border: 1px solid var(--_border);
        border-radius: 6px;
        padding: 4px 8px;
        min-height: 2.2em;
      }
      button {
        cursor: pointer;
      }
      :is(input, select, button):focus-visible {
        outline: 2px solid var(--_focus);
        outline-offset: 1px;
      }
      [part~='summary'] {
        margin: 4px 0 0;
        color: var(--_muted);
      }
      [part~='error'] {
        margin: 4px 0 0;
      }
    `,
  ];

  /** Focusing the element focuses its first control (a page can move the focus to the filter). */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties: PropertyDeclarations = {
    source: { type: String, reflect: true },
    // Present or not, as a boolean attribute; its value, when it has one, names the filter's keys.
    history: { reflect: true, converter: { fromAttribute: (value: string | null) => (value === null ? false : value || true), toAttribute: (value: boolean | string) => (value === true ? '' : value || null) } },
    label: { type: String },
    locale: { type: String },
  };

  /** The name of the source whose elements follow this filter. */
  declare source: string | undefined;
  /**
   * Keeps the choice in the page's address: each choice is a history entry, and Back returns to
   * the one before. A page whose filters set several sources names each filter's keys:
   * `history="sales"` keeps `?sales-from=…&sales-to=…` (or `sales-segment`).
   */
  declare history: boolean | string;
  /** The accessible name of the control. */
  declare label: string | undefined;
  /** BCP 47 locale of the dates and names shown; the page's by default. */
  declare locale: string | undefined;

  /** Why the address or the Gold data could not be used; shown until the next choice. */
  protected note: string | undefined;
  /** The Gold table the choices come from, once read. */
  protected choices: GoldTable | undefined;
  private stops: (() => void)[] = [];
  private abort: AbortController | undefined;
  /** The choices came with the server's markup (or why they could not be read): none to load now. */
  private given = false;
  /** Server rendering: what is chosen for the source, read from the page's address. */
  private shown: SourceFilter | undefined;

  constructor() {
    super();
    this.history = false;
  }

  /** The dataset and columns the choices come from. */
  protected abstract readonly choicesFrom: readonly [DatasetName, readonly string[]];

  /** What this element chooses, of the source's filter. */
  protected abstract readonly keys: readonly (keyof SourceFilter)[];

  override connectedCallback(): void {
    super.connectedCallback();
    const fromAddress = () => {
      if (!this.history) return;
      filterFromAddress(this);
      this.note = addressNote(this);
      this.requestUpdate();
    };
    fromAddress();
    // Rendered on the server: the choices came with it (so it takes over the same markup, without a request).
    const snapshot = this.hasUpdated ? undefined : GoldElement.readSnapshot?.(this);
    if (snapshot) {
      const [dataset, columns] = this.choicesFrom;
      const table = snapshot.tables[dataset];
      try {
        if (snapshot.error) this.note = snapshot.error.message;
        else if (table) this.choices = validateTable(dataset, table, { columns, label: `${dataset} (sent with the page)` });
        this.given = Boolean(snapshot.error || table);
      } catch {
        // Not what the contract says: read as usual.
      }
    }
    const onPop = fromAddress;
    window.addEventListener('popstate', onPop);
    // Shows what is chosen for the source, by this element or another.
    filterFollowers.add(this);
    this.stops.push(() => window.removeEventListener('popstate', onPop), () => filterFollowers.delete(this));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stops.splice(0).forEach((stop) => stop());
    this.abort?.abort();
    this.abort = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.given && (changed.has('source') || (!this.choices && !this.abort))) this.loadChoices();
    this.given = false;
  }

  /** What is chosen for the source now. */
  protected get chosen(): SourceFilter {
    return this.shown ?? (this.source ? sourceFilter(this.source) : {});
  }

  /**
   * Server rendering: reads the choices through `adapter`, and what is chosen from the page's
   * address (`search`, with `history`), as the browser will; resolves to what the source's
   * elements follow, and the choices' table (or why it could not be read) to send with the markup.
   * @internal
   */
  async prerender(adapter: GoldAdapter, search: string): Promise<{ filter: SourceFilter; dataset: DatasetName; table?: GoldTable; columns: readonly string[]; error?: { code: string; message: string } }> {
    this.shown = filterOf(this, search);
    this.given = true;
    this.note = this.history ? addressNote(this, search) : undefined;
    const [dataset, columns] = this.choicesFrom;
    try {
      this.choices = validateTable(dataset, await adapter.load({ dataset }, new AbortController().signal), { columns });
      return { filter: this.shown, dataset, table: this.choices, columns };
    } catch (error) {
      const { code, message } = toGoldError(error);
      this.note = message;
      return { filter: this.shown, dataset, columns, error: { code, message } };
    }
  }

  /** Reads the choices' table through the source (waiting for it to be registered). */
  private loadChoices(): void {
    this.abort?.abort();
    const name = this.source;
    const adapter = name ? getSource(name) : undefined;
    if (!name) return;
    const abort = (this.abort = new AbortController());
    if (!adapter) {
      const stop = onSourceChanged(name, () => {
        stop();
        if (this.abort === abort) {
          this.abort = undefined;
          this.requestUpdate();
        }
      });
      abort.signal.addEventListener('abort', stop);
      return;
    }
    const [dataset, columns] = this.choicesFrom;
    sharedLoader
      .load(adapter, { dataset }, abort.signal)
      .then((table) => validateTable(dataset, table, { columns }))
      .then(
        (table) => {
          if (this.abort !== abort) return;
          this.choices = table;
          this.requestUpdate();
        },
        (error: unknown) => {
          if (this.abort !== abort || isAbortError(error)) return;
          // The control still works without its choices; it says why they are missing.
          this.note = `${toGoldError(error).message}`;
          this.requestUpdate();
        },
      );
  }

  /**
   * Sets the source's filter to `change` (a person's choice): a history entry when asked, and
   * `goldboard-filter-change`. Returns false when nothing changed.
   */
  protected choose(change: SourceFilter): boolean {
    const name = this.source;
    if (!name) return false;
    this.note = undefined;
    const before = sourceFilter(name);
    setSourceFilter(name, change);
    const after = sourceFilter(name);
    this.requestUpdate();
    if (this.keys.every((key) => before[key] === after[key])) return false;
    if (this.history) {
      const url = new URL(location.href);
      for (const key of this.keys) {
        const value = after[key];
        if (value) url.searchParams.set(addressKey(this, key), value);
        else url.searchParams.delete(addressKey(this, key));
      }
      history.pushState(history.state, '', url);
    }
    this.dispatchEvent(new CustomEvent<FilterChangeDetail>('goldboard-filter-change', { detail: { source: name, ...after }, bubbles: true, composed: true }));
    return true;
  }
}
