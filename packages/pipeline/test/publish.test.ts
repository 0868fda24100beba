/**
 * Putting a Gold in place: `--out` is a link flipped in one rename, so a reader of it sees the
 * old Gold or the new one at every point of the swap, and a build killed at any of those points
 * leaves a Gold the next build keeps (a kill is simulated by a hook that throws between the
 * renames: `publishGold` has no clean-up on that path, so the folder is left as a kill leaves it).
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { PipelineError, buildGold } from '../src/index.js';
import { type PublishStep, publishGold } from '../src/build/publish.js';
import { FIXTURES, tempDir } from './helpers.js';

const STEPS: PublishStep[] = ['moved-aside', 'migrated', 'published', 'linked', 'flipped'];
/** A pid no process has (above any pid_max), so what it left counts as abandoned. */
const DEAD = 999999999;

class Killed extends Error {}

describe('publish: the Gold swap', () => {
  const dir = tempDir('publish');
  const goldA = join(dir, 'a');
  const goldB = join(dir, 'b');
  const manifestOf = (gold: string) => readFileSync(join(gold, 'manifest.json'), 'utf8');
  before(async () => {
    await buildGold({ events: join(FIXTURES, 'hand-written.csv'), out: goldA, progress: false, threads: 1 });
    await buildGold({ events: join(FIXTURES, 'rees46-2019-Oct-first-1000.csv'), out: goldB, progress: false, threads: 1 });
  });

  /** A case folder: `gold` holding Gold A (a real folder, or linked), and Gold B staged as a dead build's. */
  const setUp = (name: string, real: boolean) => {
    const root = join(dir, name);
    const out = join(root, 'gold');
    if (real) cpSync(goldA, out, { recursive: true, dereference: true });
    else {
      cpSync(goldA, join(root, `.gold.building-${DEAD}-1-old`), { recursive: true, dereference: true });
      publishGold(join(root, `.gold.building-${DEAD}-1-old`), out);
    }
    const staging = join(root, `.gold.building-${DEAD}-2-new`);
    cpSync(goldB, staging, { recursive: true, dereference: true });
    return { root, out, staging };
  };

  it('links --out to a version folder and removes the version it replaced', async () => {
    const { root, out, staging } = setUp('flip', false);
    const before = readlinkSync(out);
    publishGold(staging, out);
    assert.ok(lstatSync(out).isSymbolicLink());
    assert.notEqual(readlinkSync(out), before);
    assert.equal(manifestOf(out), manifestOf(goldB));
    assert.deepEqual(readdirSync(root).sort(), [readlinkSync(out), 'gold'].sort());
  });

  it('moves a real Gold folder aside and links it before publishing; the new Gold replaces it', () => {
    const { root, out, staging } = setUp('migrate', true);
    publishGold(staging, out);
    assert.ok(lstatSync(out).isSymbolicLink());
    assert.equal(manifestOf(out), manifestOf(goldB));
    assert.deepEqual(readdirSync(root).sort(), [readlinkSync(out), 'gold'].sort());
  });

  it('shows a reader of --out a whole Gold, old or new, between every two steps (one gap only when moving a real folder aside)', () => {
    for (const real of [false, true]) {
      const { out, staging } = setUp(`reader-${real}`, real);
      const seen: Array<[PublishStep, string]> = [];
      publishGold(staging, out, (step) => {
        const manifest = existsSync(join(out, 'manifest.json')) ? manifestOf(out) : 'missing';
        seen.push([step, manifest === manifestOf(goldA) ? 'A' : manifest === manifestOf(goldB) ? 'B' : manifest]);
      });
      const expected: Array<[PublishStep, string]> = [['published', 'A'], ['linked', 'A'], ['flipped', 'B']];
      assert.deepEqual(seen, real ? [['moved-aside', 'missing'], ['migrated', 'A'], ...expected] : expected);
    }
  });

  for (const real of [false, true]) {
    for (const step of STEPS.filter((s) => real || (s !== 'moved-aside' && s !== 'migrated'))) {
      it(`a build killed at "${step}" (${real ? 'real folder' : 'linked'}): the next build, even a failing one, keeps the last Gold and clears the rest`, async () => {
        const { root, out, staging } = setUp(`killed-${step}-${real}`, real);
        assert.throws(
          () =>
            publishGold(staging, out, (at) => {
              if (at === step) throw new Killed();
            }),
          Killed,
        );
        writeFileSync(join(root, 'photo.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        await assert.rejects(buildGold({ events: join(root, 'photo.csv'), out, progress: false }), (error: unknown) => error instanceof PipelineError && error.code === 'not-csv');
        assert.equal(manifestOf(out), manifestOf(step === 'flipped' ? goldB : goldA), 'the Gold --out showed last (or the new one once flipped)');
        assert.ok(lstatSync(out).isSymbolicLink());
        assert.deepEqual(readdirSync(root).sort(), [readlinkSync(out), 'gold', 'photo.csv'].sort(), 'nothing else left behind');
      });
    }
  }
});
