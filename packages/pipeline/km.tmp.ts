import { DuckDBInstance } from '@duckdb/node-api';
import { FEATURE_NAMES, scaleFeatures, clusterMeans } from './src/segments/features.js';
import { kmeans } from './src/segments/kmeans.js';
const c = await (await DuckDBInstance.create()).connect();
const rows = (await c.runAndReadAll(`select ${FEATURE_NAMES.join(",")} from "${process.argv[2]}"`)).getRowsJS();
const dims = 6; const values = new Float64Array(rows.length * dims);
rows.forEach((r, i) => r.forEach((v, d) => values[i * dims + d] = Number(v)));
const raw = { rows: rows.length, dims, values };
const { scaled } = scaleFeatures(raw);
for (let s = 1; s <= 8; s++) {
  const m = kmeans(scaled, { k: 3, seed: s });
  const { counts, means } = clusterMeans(raw, m.assignments, 3);
  console.log(s, m.inertia.toFixed(0), m.iterations, Array.from(counts), [0,1,2].map(k => means[k*dims+1].toFixed(2)));
}
