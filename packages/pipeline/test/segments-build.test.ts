/** Segments on generated events: every user segmented, revenue adding up, stable for a seed. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { SEGMENT_LABELS } from '@goldboard/core';
import { buildGold, generateEvents } from '../src/index.js';
import { readArrow, readManifest, rows, tempDir } from './helpers.js';

describe('segments on generated events', () => {
  const dir = tempDir('segments');
  before(async () => {
    await generateEvents({ out: join(dir, 'raw'), events: 150_000, seed: 3 });
    await buildGold({ events: join(dir, 'raw'), out: join(dir, 'a'), progress: false, seed: 9 });
    await buildGold({ events: join(dir, 'raw'), out: join(dir, 'b'), progress: false, seed: 9 });
  });

  it('gives every user a segment, and segment revenue adds up to total revenue', () => {
    const gold = join(dir, 'a');
    const kpi = rows(readArrow(gold, 'kpi_summary'))[0]!;
    const users = readArrow(gold, 'user_segments');
    assert.equal(users.numRows, kpi.users);
    assert.equal(users.getChild('segment')!.nullCount, 0);
    const summary = rows(readArrow(gold, 'segment_summary'));
    const revenue = summary.reduce((sum, s) => sum + (s.revenue as number), 0);
    assert.ok(Math.abs(revenue - (kpi.revenue as number)) < 1e-6 * (kpi.revenue as number));
    assert.equal(summary.reduce((sum, s) => sum + (s.users as number), 0), kpi.users);
  });

  it('tells the story: three segments, a small loyal group making most revenue', () => {
    const summary = rows(readArrow(join(dir, 'a'), 'segment_summary'));
    assert.deepEqual(summary.map((s) => s.segment).sort(), [...SEGMENT_LABELS].sort());
    const loyal = summary.find((s) => s.segment === 'High-Value Loyal Customers')!;
    assert.ok((loyal.user_share as number) < 0.15, `loyal share of users ${loyal.user_share}`);
    assert.ok((loyal.revenue_share as number) > 0.5, `loyal share of revenue ${loyal.revenue_share}`);
  });

  it('is deterministic for a seed', () => {
    for (const name of ['user_segments', 'segment_summary', 'top_users']) {
      assert.ok(readFileSync(join(dir, 'a', `${name}.arrow`)).equals(readFileSync(join(dir, 'b', `${name}.arrow`))), name);
    }
    assert.deepEqual(readManifest(join(dir, 'a')).segmentation.clusters, readManifest(join(dir, 'b')).segmentation.clusters);
  });
});
