/** The event generator: layout, determinism, exact counts and the shape of the story. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { blackFridayOf, monthFileName, parseDay, trafficWeight } from '../src/generate/calendar.js';
import { apportion, createRandom, weightedSampler } from '../src/generate/random.js';
import { RAW_HEADER, generateEvents } from '../src/index.js';
import { tempDir } from './helpers.js';

describe('generate', () => {
  const dir = tempDir('generate');
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const c = join(dir, 'c');
  before(async () => {
    await generateEvents({ out: a, events: 60_000, seed: 5 });
    await generateEvents({ out: b, events: 60_000, seed: 5 });
    await generateEvents({ out: c, events: 60_000, seed: 6 });
  });

  const files = (d: string) => readdirSync(d).sort();
  const lines = (d: string) => files(d).flatMap((f) => readFileSync(join(d, f), 'utf8').trimEnd().split('\n').slice(1));

  it('writes one REES46 file per month with the header', () => {
    assert.deepEqual(files(a), ['2019-Dec.csv', '2019-Nov.csv', '2019-Oct.csv', '2020-Apr.csv', '2020-Feb.csv', '2020-Jan.csv', '2020-Mar.csv']);
    for (const f of files(a)) assert.ok(readFileSync(join(a, f), 'utf8').startsWith(`${RAW_HEADER}\n`));
    const row = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC,(view|cart|remove_from_cart|purchase),\d+,\d{19},[a-z_.]*,[a-z0-9]*,\d+\.\d{2},\d+,([0-9a-f-]{36})?$/;
    for (const line of lines(a).slice(0, 5000)) assert.match(line, row);
  });

  it('removes the month files of an earlier run over other months, and nothing else', async () => {
    const d = join(dir, 'rerun');
    await generateEvents({ out: d, events: 2_000, seed: 1, from: '2019-10-01', to: '2019-11-30' });
    writeFileSync(join(d, 'notes.txt'), 'mine');
    writeFileSync(join(d, '2019-Oct.csv.bak'), 'mine');
    const result = await generateEvents({ out: d, events: 2_000, seed: 1, from: '2019-11-01', to: '2019-12-31' });
    assert.deepEqual(result.removed, ['2019-Oct.csv']);
    assert.deepEqual(files(d), ['2019-Dec.csv', '2019-Nov.csv', '2019-Oct.csv.bak', 'notes.txt']);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    for (const f of files(a)) assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f);
    assert.ok(!readFileSync(join(a, '2019-Oct.csv')).equals(readFileSync(join(c, '2019-Oct.csv'))));
  });

  it('writes exactly the events asked for, in time order', () => {
    const all = lines(a);
    assert.equal(all.length, 60_000);
    const oct = readFileSync(join(a, '2019-Oct.csv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.slice(0, 19));
    for (let i = 1; i < oct.length; i++) assert.ok(oct[i - 1]! <= oct[i]!, `row ${i} out of order`);
  });

  it('tells the story: mostly views, a few percent converting, remove_from_cart only from 2020', () => {
    const counts = new Map<string, number>();
    const buyers = new Set<string>();
    const users = new Set<string>();
    for (const line of lines(a)) {
      const fields = line.split(',');
      counts.set(fields[1]!, (counts.get(fields[1]!) ?? 0) + 1);
      users.add(fields[7]!);
      if (fields[1] === 'purchase') buyers.add(fields[7]!);
    }
    const views = counts.get('view')!;
    assert.ok(views / 60_000 > 0.8, 'most events are views');
    const conversion = counts.get('purchase')! / views;
    assert.ok(conversion > 0.01 && conversion < 0.08, `purchase / view ${conversion}`);
    assert.ok(buyers.size / users.size < 0.3, 'most users only view');
    const early = files(a).filter((f) => f.startsWith('2019')).flatMap((f) => readFileSync(join(a, f), 'utf8').split('\n'));
    assert.ok(!early.some((l) => l.includes(',remove_from_cart,')));
    assert.ok(counts.get('remove_from_cart')! > 0);
  });
});

describe('generator distributions', () => {
  it('apportions a total exactly', () => {
    assert.deepEqual(apportion(10, [1, 1, 1]), [4, 3, 3]);
    assert.equal(apportion(1_000_003, [0.3, 2, 5.5, 0.01]).reduce((x, y) => x + y, 0), 1_000_003);
    assert.deepEqual(apportion(0, [1, 2]), [0, 0]);
  });

  it('samples by weight', () => {
    const random = createRandom(1);
    const pick = weightedSampler([1, 0, 3]);
    const seen = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) seen[pick(random)]!++;
    assert.equal(seen[1], 0);
    assert.ok(Math.abs(seen[2]! / seen[0]! - 3) < 0.2);
  });

  it('peaks on Black Friday and dips at year end', () => {
    const bf = blackFridayOf(2019);
    assert.equal(new Date(bf * 86_400_000).toISOString().slice(0, 10), '2019-11-29');
    assert.ok(trafficWeight(bf) > 1.8 * trafficWeight(parseDay('2019-10-16')));
    assert.ok(trafficWeight(parseDay('2019-12-27')) < trafficWeight(parseDay('2019-12-12')));
    assert.ok(trafficWeight(parseDay('2020-04-15')) > trafficWeight(parseDay('2020-03-18')));
    assert.equal(monthFileName(parseDay('2020-02-29')), '2020-Feb.csv');
    assert.throws(() => parseDay('2019-02-30'), RangeError);
  });
});
