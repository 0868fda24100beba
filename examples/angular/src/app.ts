// The Business KPIs page of the reference dashboard: four KPI cards (one from rows set as its
// `data` property), the revenue trend and the top products. The log lists the events received.
// Goldboard's tags are custom elements, not Angular components: CUSTOM_ELEMENTS_SCHEMA lets the
// template bind their properties (`[data]`, `[measure]`) and events (`(goldboard-select)`).
import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import type { GoldErrorDetail, GoldReadyDetail, TopSelectDetail, TrendSelectDetail } from '@goldboard/elements';

/** Where the Gold files are served (the sample fixtures in the tests). */
const GOLD = '/gold/';

@Component({
  selector: 'goldboard-app',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Business KPIs</h1>
      <div class="controls">
        <button type="button" id="measure" (click)="measure.set(measure() === 'revenue' ? 'purchases' : 'revenue')">
          Trend of {{ measure() === 'revenue' ? 'purchases' : 'revenue' }}
        </button>
        <button type="button" id="toggle" (click)="shown.set(!shown())">{{ shown() ? 'Hide' : 'Show' }} the page</button>
      </div>
      @if (shown()) {
        <section id="page">
          <div class="kpis">
            <kpi-card [src]="gold + 'kpi_summary.arrow'" measure="revenue" format="compact-currency" trend (goldboard-ready)="ready($event)" (goldboard-error)="error($event)"></kpi-card>
            <kpi-card [src]="gold + 'kpi_summary.arrow'" measure="purchases" format="compact" trend (goldboard-ready)="ready($event)" (goldboard-error)="error($event)"></kpi-card>
            <kpi-card [src]="gold + 'kpi_summary.arrow'" measure="conversion_rate" (goldboard-ready)="ready($event)" (goldboard-error)="error($event)"></kpi-card>
            <!-- [data]: rows are an object, set as the property even before the tag is defined -->
            @if (summary(); as rows) {
              <kpi-card id="from-data" [data]="rows" measure="avg_order_value" (goldboard-ready)="ready($event)" (goldboard-error)="error($event)"></kpi-card>
            }
          </div>
          <revenue-trend
            [src]="gold + 'daily_metrics.arrow'"
            dataset-name="daily_metrics"
            [measure]="measure()"
            (goldboard-ready)="ready($event)"
            (goldboard-error)="error($event)"
            (goldboard-select)="selectDay($event)"
          ></revenue-trend>
          <top-list
            [src]="gold + 'top_products.arrow'"
            dataset-name="top_products"
            measure="revenue"
            [limit]="10"
            label="Top 10 Products by Revenue"
            (goldboard-ready)="ready($event)"
            (goldboard-error)="error($event)"
            (goldboard-select)="selectProduct($event)"
          ></top-list>
        </section>
      }
      <p id="selected">{{ selected() && 'Selected: ' + selected() }}</p>
      <ol id="log">
        @for (line of log(); track $index) {
          <li>{{ line }}</li>
        }
      </ol>
    </main>
  `,
})
export class App {
  protected readonly gold = GOLD;
  protected readonly measure = signal<'revenue' | 'purchases'>('revenue');
  protected readonly shown = signal(true);
  protected readonly summary = signal<Record<string, number | string | null>[] | undefined>(undefined);
  protected readonly selected = signal('');
  protected readonly log = signal<string[]>([]);

  constructor() {
    fetch(`${GOLD}kpi_summary.json`)
      .then((response) => response.json())
      .then(
        (rows: Record<string, number | string | null>[]) => this.summary.set(rows),
        (error: Error) => this.note(`fetch failed: ${error.message}`),
      );
  }

  private note(line: string): void {
    this.log.update((lines) => [...lines, line]);
  }

  // Angular types a DOM event binding's $event as Event: the details are read as the elements declare them.
  protected ready(event: Event): void {
    this.note(`ready ${(event.target as Element).localName} ${(event as CustomEvent<GoldReadyDetail>).detail.dataset}`);
  }

  protected error(event: Event): void {
    this.note(`error ${(event as CustomEvent<GoldErrorDetail>).detail.message}`);
  }

  protected selectDay(event: Event): void {
    this.note(`select day ${(event as CustomEvent<TrendSelectDetail>).detail.day}`);
  }

  protected selectProduct(event: Event): void {
    const { rank, label, productId } = (event as CustomEvent<TopSelectDetail>).detail;
    this.selected.set(`${rank}. ${label}`);
    this.note(`select product ${productId}`);
  }
}
