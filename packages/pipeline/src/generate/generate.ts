/**
 * `goldboard generate`: writes synthetic raw events in the REES46 CSV layout, one file per
 * month, sorted by time. Output is streamed hour by hour, so memory stays flat whatever the
 * number of events.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readdirSync, rmSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { RAW_COLUMNS } from '@goldboard/gold-sql';
import { createCatalog } from './catalog.js';
import { HOUR_WEIGHTS, buyingMood, formatDay, monthFileName, parseDay, trafficWeight } from './calendar.js';
import { apportion, createRandom } from './random.js';
import { createPopulation, sessionEvents } from './shoppers.js';

/** Bumped whenever the generator's output for a given seed changes (the sample Gold checks it). */
export const GENERATOR_VERSION = 4;

export const RAW_HEADER = RAW_COLUMNS.join(',');

export interface GenerateOptions {
  out: string;
  events: number;
  seed: number | string;
  /** First day, `YYYY-MM-DD` (default 2019-10-01). */
  from?: string;
  /** Last day, inclusive (default 2020-04-30). */
  to?: string;
  onProgress?: (written: number) => void;
}

export interface GenerateResult {
  files: string[];
  /** Month files of an earlier run in `out` that this run does not write, removed. */
  removed: string[];
  events: number;
  users: number;
  products: number;
}

/** The name of a month file, as `monthFileName` writes it (`2019-Oct.csv`). */
const MONTH_FILE = /^\d{4}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.csv$/;

/** REES46 has no `remove_from_cart` before 2020. */
const REMOVALS_FROM = parseDay('2020-01-01');
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

function uuid(random: { uint32(): number }): string {
  let hex = '';
  for (let i = 0; i < 4; i++) {
    const w = random.uint32();
    hex += HEX[w & 255]! + HEX[(w >>> 8) & 255]! + HEX[(w >>> 16) & 255]! + HEX[w >>> 24]!;
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export async function generateEvents(options: GenerateOptions): Promise<GenerateResult> {
  const first = parseDay(options.from ?? '2019-10-01');
  const last = parseDay(options.to ?? '2020-04-30');
  if (last < first) throw new RangeError(`--to ${formatDay(last)} is before --from ${formatDay(first)}`);
  if (!Number.isInteger(options.events) || options.events < 0) throw new RangeError(`--events must be a whole number ≥ 0, got ${options.events}`);
  mkdirSync(options.out, { recursive: true });
  const months = new Set<string>();
  for (let d = first; d <= last; d++) months.add(monthFileName(d));
  // An earlier run over other months left files a build of the folder would read too.
  const removed = readdirSync(options.out).filter((name) => MONTH_FILE.test(name) && !months.has(name));
  for (const name of removed) rmSync(join(options.out, name));

  const random = createRandom(options.seed);
  const catalog = createCatalog(Math.max(200, Math.min(200_000, Math.round(options.events / 40))), random);
  const population = createPopulation(Math.max(50, Math.round(options.events / 26)), random);

  const days: number[] = [];
  for (let d = first; d <= last; d++) days.push(d);
  const perDay = apportion(options.events, days.map(trafficWeight));

  const files: string[] = [];
  let stream: WriteStream | undefined;
  let currentFile = '';
  let written = 0;
  const write = async (text: string): Promise<void> => {
    if (!stream!.write(text)) await once(stream!, 'drain');
  };

  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    const fileName = monthFileName(day);
    if (fileName !== currentFile) {
      if (stream) await closeStream(stream);
      currentFile = fileName;
      const path = join(options.out, fileName);
      files.push(path);
      stream = createWriteStream(path);
      await write(`${RAW_HEADER}\n`);
    }
    const dayText = `${formatDay(day)} `;
    const mood = buyingMood(day);
    const removals = day >= REMOVALS_FROM;
    const quirky = fileName.includes('-Nov'); // REES46 November: some zero prices and missing sessions
    const perHour = apportion(perDay[i]!, HOUR_WEIGHTS);
    for (let hour = 0; hour < 24; hour++) {
      const budget = perHour[hour]!;
      if (budget === 0) continue;
      const seconds: number[] = [];
      const lines: string[] = [];
      const hourStart = hour * 3600;
      while (lines.length < budget) {
        const { user, kind } = population.pickUser(random);
        const start = hourStart + random.int(3600);
        const events = sessionEvents(kind, start, hourStart + 3599, catalog, random, { mood, removals });
        const session = quirky && random.next() < 0.002 ? '' : uuid(random);
        const tail = `,${population.userIds[user]},${session}`;
        for (const event of events) {
          if (lines.length === budget) break;
          let fields = catalog.csvFields[event.product]!;
          if (quirky && random.next() < 0.003) fields = `${fields.slice(0, fields.lastIndexOf(','))},0.00`;
          const s = event.second;
          seconds.push(s);
          lines.push(`${dayText}${TWO[Math.floor(s / 3600)]}:${TWO[Math.floor(s / 60) % 60]}:${TWO[s % 60]} UTC,${event.type},${fields}${tail}`);
        }
      }
      // Sorted by time like the real files; the stable sort keeps generation order within a second.
      const order = Array.from(lines.keys()).sort((a, b) => seconds[a]! - seconds[b]!);
      let chunk = '';
      for (const index of order) chunk += `${lines[index]}\n`;
      await write(chunk);
      written += budget;
    }
    options.onProgress?.(written);
  }
  if (stream) await closeStream(stream);
  return { files, removed, events: written, users: population.size, products: catalog.size };
}

async function closeStream(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'close');
}
