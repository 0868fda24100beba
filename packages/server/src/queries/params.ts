/**
 * The typed parameters of a dataset request, parsed from the query string. Pure: every bad value
 * becomes a `RequestError` naming the parameter, and nothing from the request is ever pasted
 * into SQL — the values found here are bound as typed parameters by the engines.
 */
import { DATASETS, type DatasetName, type GoldQuery, SEGMENT_LABELS, type SegmentLabel, isCalendarDay } from '@goldboard/core';
import { RequestError } from '../http/errors.js';
import { RANGED, SEGMENTED } from './catalog.js';

/**
 * A named query with its bound parameters: the only thing an engine is ever asked to run. A
 * core `GoldQuery` with a contract dataset and a known segment; with `from` and `to`, the
 * dataset is computed for the range.
 */
export interface DatasetRequest extends GoldQuery {
  readonly dataset: DatasetName;
  readonly segment?: SegmentLabel | undefined;
}

/** The query-string parameters a dataset request may carry. */
export const DATASET_PARAMS = ['from', 'to', 'limit', 'segment'] as const;

/** The ends of an open range when the engine does not know the Gold period (safe for date arithmetic in both dialects). */
export const OPEN_RANGE = { from: '1900-01-01', to: '2999-12-31' } as const;

/** The largest `limit` of a dataset without its own maximum. */
export const MAX_LIMIT = 10_000_000;


/** A value from a request as shown in an error message: quoted, and cut short. */
export function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}


/**
 * Parses the parameters of `GET /v1/datasets/{dataset}`. A missing bound of a range is the
 * Gold period's own bound (`period`), so `?from=2019-11-01` means "from then to the end".
 */
export function parseDatasetRequest(
  dataset: DatasetName,
  search: URLSearchParams,
  period: { from: string; to: string } | undefined,
): DatasetRequest {
  for (const name of new Set(search.keys())) {
    if (!(DATASET_PARAMS as readonly string[]).includes(name)) {
      throw new RequestError(400, 'bad-param', `Unknown parameter ${shown(name)} (parameters: ${DATASET_PARAMS.join(', ')}).`, { param: name });
    }
    if (search.getAll(name).length > 1) throw new RequestError(400, 'bad-param', `Parameter ${shown(name)} is given more than once.`, { param: name });
  }
  const day = (name: 'from' | 'to'): string | undefined => {
    const text = search.get(name);
    if (text === null) return undefined;
    if (!isCalendarDay(text)) throw new RequestError(400, 'bad-param', `${name} must be a calendar day like 2019-11-01, got ${shown(text)}.`, { param: name });
    return text;
  };
  let from = day('from');
  let to = day('to');
  if ((from !== undefined || to !== undefined) && !RANGED.has(dataset)) {
    const param = from !== undefined ? 'from' : 'to';
    throw new RequestError(400, 'bad-param', `${dataset} is not computed for a date range (it is the model's output for the whole period); drop "${param}".`, { param });
  }
  if (from !== undefined || to !== undefined) {
    // An open end is the Gold period's end, or unbounded when the engine does not know it.
    from ??= period?.from ?? OPEN_RANGE.from;
    to ??= period?.to ?? OPEN_RANGE.to;
    if (from! > to!) throw new RequestError(400, 'bad-param', `to (${to}) is before from (${from}).`, { param: 'to' });
  }

  let limit: number | undefined;
  const limitText = search.get('limit');
  if (limitText !== null) {
    const max = DATASETS[dataset].maxRows ?? MAX_LIMIT;
    if (!/^\d+$/.test(limitText) || Number(limitText) > max) {
      throw new RequestError(400, 'bad-param', `limit must be a whole number from 0 to ${max.toLocaleString('en-US')} for ${dataset}, got ${shown(limitText)}.`, {
        param: 'limit',
      });
    }
    limit = Number(limitText);
  }

  let segment: SegmentLabel | undefined;
  const segmentText = search.get('segment');
  if (segmentText !== null) {
    if (!SEGMENTED.has(dataset)) {
      throw new RequestError(400, 'bad-param', `${dataset} has no segment column; "segment" applies to ${[...SEGMENTED].join(', ')}.`, { param: 'segment' });
    }
    if (!(SEGMENT_LABELS as readonly string[]).includes(segmentText)) {
      throw new RequestError(400, 'bad-param', `Unknown segment ${shown(segmentText)} (segments: ${SEGMENT_LABELS.join(', ')}).`, { param: 'segment' });
    }
    segment = segmentText as SegmentLabel;
  }
  return { dataset, from, to, limit, segment };
}

