import { useEffect, useState } from 'react';
import { KpiCard, RevenueTrend, TopList, type GoldReadyDetail, type GoldErrorDetail } from '@goldboard/react';

/** Where the Gold files are served (the sample fixtures in the tests). */
const GOLD = import.meta.env.VITE_GOLD_BASE ?? '/gold/';
type Row = Record<string, number | string | null>;

/**
 * The Business KPIs page of the reference dashboard: four KPI cards (one from rows set as its
 * `data` property), the revenue trend and the top products. The log lists the events received.
 */
export function App({ onMounted }: { onMounted?: () => void }) {
  const [measure, setMeasure] = useState<'revenue' | 'purchases'>('revenue');
  const [shown, setShown] = useState(true);
  const [summary, setSummary] = useState<Row[]>();
  const [selected, setSelected] = useState('');
  const [log, setLog] = useState<string[]>([]);
  const note = (line: string) => setLog((lines) => [...lines, line]);

  // After the first commit (React has set the elements' properties and listeners by then).
  useEffect(() => {
    onMounted?.();
  }, []);

  useEffect(() => {
    fetch(`${GOLD}kpi_summary.json`)
      .then((response) => response.json())
      .then(setSummary, (error: Error) => note(`fetch failed: ${error.message}`));
  }, []);

  const ready = (event: CustomEvent<GoldReadyDetail>) => note(`ready ${(event.target as Element).localName} ${event.detail.dataset}`);
  const error = (event: CustomEvent<GoldErrorDetail>) => note(`error ${event.detail.message}`);

  return (
    <main>
      <h1>Business KPIs</h1>
      <div className="controls">
        <button type="button" id="measure" onClick={() => setMeasure(measure === 'revenue' ? 'purchases' : 'revenue')}>
          Trend of {measure === 'revenue' ? 'purchases' : 'revenue'}
        </button>
        <button type="button" id="toggle" onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'} the page
        </button>
      </div>
      {shown && (
        <section id="page">
          <div className="kpis">
            <KpiCard src={`${GOLD}kpi_summary.arrow`} measure="revenue" format="compact-currency" trend onReady={ready} onError={error} />
            <KpiCard src={`${GOLD}kpi_summary.arrow`} measure="purchases" format="compact" trend onReady={ready} onError={error} />
            <KpiCard src={`${GOLD}kpi_summary.arrow`} measure="conversion_rate" onReady={ready} onError={error} />
            {summary && <KpiCard id="from-data" data={summary} measure="avg_order_value" onReady={ready} onError={error} />}
          </div>
          <RevenueTrend src={`${GOLD}daily_metrics.arrow`} datasetName="daily_metrics" measure={measure} onReady={ready} onError={error} onSelect={(e) => note(`select day ${e.detail.day}`)} />
          <TopList
            src={`${GOLD}top_products.arrow`}
            datasetName="top_products"
            measure="revenue"
            limit={10}
            label="Top 10 Products by Revenue"
            onReady={ready}
            onError={error}
            onSelect={(e) => {
              setSelected(`${e.detail.rank}. ${e.detail.label}`);
              note(`select product ${e.detail.productId}`);
            }}
          />
        </section>
      )}
      <p id="selected">{selected && `Selected: ${selected}`}</p>
      <ol id="log">
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </main>
  );
}
