import { GoldError } from '../errors.js';
import { rowsFromJson, type Row } from '../table/row-table.js';
import { isTableLike, type TableLike } from '../table/table-like.js';
import type { GoldAdapter } from './adapter.js';

/** In-memory data: row arrays or tables, by dataset name. */
export function createRowsAdapter(datasets: Readonly<Record<string, readonly Row[] | TableLike>>): GoldAdapter {
  return {
    async load(query) {
      const data = datasets[query.dataset];
      if (data === undefined) {
        throw new GoldError('unknown-dataset', `This in-memory source has no dataset \`${query.dataset}\` (it has: ${Object.keys(datasets).join(', ') || 'none'})`, {
          dataset: query.dataset,
        });
      }
      // Rows are checked as JSON rows are: an array of objects, each bad one named.
      return isTableLike(data) ? data : rowsFromJson(data, `in-memory ${query.dataset}`);
    },
  };
}
