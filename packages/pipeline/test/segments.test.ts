/** K-Means, feature scaling and label choice: pure functions, no database. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRandom, normal } from '../src/generate/random.js';
import { type ClusterProfile, type FeatureMatrix, kmeans, labelClusters, scaleFeatures } from '../src/index.js';

/** Three well-separated blobs of `perBlob` points in 2-D. */
function blobs(perBlob: number, seed: number): FeatureMatrix {
  const random = createRandom(seed);
  const centres = [[0, 0], [10, 10], [-10, 10]];
  const values = new Float64Array(perBlob * 3 * 2);
  for (let b = 0; b < 3; b++) {
    for (let i = 0; i < perBlob; i++) {
      const row = b * perBlob + i;
      values[row * 2] = centres[b]![0]! + normal(random);
      values[row * 2 + 1] = centres[b]![1]! + normal(random);
    }
  }
  return { rows: perBlob * 3, dims: 2, values };
}

describe('kmeans', () => {
  it('recovers well-separated clusters', () => {
    const result = kmeans(blobs(200, 1), { k: 3, seed: 7 });
    assert.equal(result.k, 3);
    assert.ok(result.converged);
    for (let b = 0; b < 3; b++) {
      const ids = new Set(result.assignments.subarray(b * 200, (b + 1) * 200));
      assert.equal(ids.size, 1, `blob ${b} is one cluster`);
    }
    assert.equal(new Set(result.assignments).size, 3);
  });

  it('is deterministic for a seed', () => {
    const data = blobs(300, 2);
    const a = kmeans(data, { k: 4, seed: 'same' });
    const b = kmeans(data, { k: 4, seed: 'same' });
    assert.deepEqual(a.assignments, b.assignments);
    assert.deepEqual(a.centroids, b.centroids);
    assert.equal(a.inertia, b.inertia);
  });

  it('handles fewer rows than k, identical rows and no rows', () => {
    const two = kmeans({ rows: 2, dims: 1, values: Float64Array.of(1, 5) }, { k: 3, seed: 1 });
    assert.equal(two.k, 2);
    assert.notEqual(two.assignments[0], two.assignments[1]);
    const same = kmeans({ rows: 4, dims: 1, values: Float64Array.of(2, 2, 2, 2) }, { k: 3, seed: 1 });
    assert.equal(same.inertia, 0);
    const none = kmeans({ rows: 0, dims: 6, values: new Float64Array(0) }, { k: 3, seed: 1 });
    assert.equal(none.k, 0);
    assert.throws(() => kmeans(blobs(2, 1), { k: 0, seed: 1 }), RangeError);
  });
});

describe('scaleFeatures', () => {
  it('log1p-scales then standardizes each column; constant columns stay finite', () => {
    const raw = { rows: 3, dims: 2, values: Float64Array.of(0, 5, Math.E - 1, 5, Math.E ** 2 - 1, 5) };
    const { scaled, scaling } = scaleFeatures(raw);
    assert.ok(Math.abs(scaling.means[0]! - 1) < 1e-12);
    const column = [scaled.values[0]!, scaled.values[2]!, scaled.values[4]!];
    assert.ok(Math.abs(column.reduce((a, b) => a + b, 0)) < 1e-12);
    assert.ok(Math.abs(column.reduce((a, b) => a + b * b, 0) / 3 - 1) < 1e-12);
    for (const v of [scaled.values[1]!, scaled.values[3]!, scaled.values[5]!]) assert.ok(Math.abs(v) < 1e-12);
  });
});

describe('labelClusters', () => {
  const profiles: ClusterProfile[] = [
    { purchases: 0.01, spend: 2 },
    { purchases: 14, spend: 6200 },
    { purchases: 1.4, spend: 560 },
  ];

  it('labels from the centroids: highest spend, buyers, near-no purchases', () => {
    assert.deepEqual(labelClusters(profiles), ['Browsers / Non-Converters', 'High-Value Loyal Customers', 'Occasional Buyers']);
  });

  it('gives each cluster the same label whatever the cluster ids', () => {
    const expected = new Map(profiles.map((p, i) => [p, labelClusters(profiles)[i]]));
    for (const order of [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]) {
      const permuted = order.map((i) => profiles[i]!);
      const labels = labelClusters(permuted);
      permuted.forEach((p, i) => assert.equal(labels[i], expected.get(p)));
    }
  });

  it('never calls a non-buying cluster loyal, and breaks spend ties by purchases', () => {
    assert.deepEqual(labelClusters([{ purchases: 0, spend: 0 }, { purchases: 0.1, spend: 30 }]), ['Browsers / Non-Converters', 'Browsers / Non-Converters']);
    assert.deepEqual(labelClusters([{ purchases: 2, spend: 100 }, { purchases: 3, spend: 100 }]), ['Occasional Buyers', 'High-Value Loyal Customers']);
  });
});
