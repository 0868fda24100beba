// Type tests of the framework typings, in the apps run.mjs installed from the packed packages:
// each framework's checker (tsc with React's JSX, vue-tsc, svelte-check) must report nothing on
// the app and on types/correct.*, and exactly the marked errors on types/wrong.* (a line after
// an `expect-error: TEXT` comment must have an error whose message holds TEXT; any other line
// none). Then @arethetypeswrong/cli on each tarball.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const apps = process.env.GOLDBOARD_APPS;
const packs = process.env.GOLDBOARD_PACKS;
if (!apps) throw new Error('Run through examples/frameworks/run.mjs (`pnpm test:frameworks`).');
const frameworks = process.env.FRAMEWORKS.split(',');

/** Each checker, and how its diagnostics read: `{ file, line, message }`. */
const CHECKERS = {
  react: {
    command: ['tsc', '-p', 'tsconfig.json', '--noEmit', '--pretty', 'false'],
    parse: (out) => [...out.matchAll(/^(.+?)\((\d+),\d+\): error TS\d+: (.*)$/gm)].map(([, file, line, message]) => ({ file, line: Number(line), message })),
    wrong: 'types/wrong.tsx',
  },
  vue: {
    command: ['vue-tsc', '-p', 'tsconfig.json', '--noEmit', '--pretty', 'false'],
    parse: (out) => [...out.matchAll(/^(.+?)\((\d+),\d+\): error TS\d+: (.*)$/gm)].map(([, file, line, message]) => ({ file, line: Number(line), message })),
    wrong: 'types/Wrong.vue',
  },
  svelte: {
    command: ['svelte-check', '--tsconfig', './tsconfig.json', '--output', 'machine'],
    parse: (out) => [...out.matchAll(/^\d+ ERROR "(.+?)" (\d+):\d+ "(.*)"$/gm)].map(([, file, line, message]) => ({ file, line: Number(line), message: message.replace(/\\"/g, '"') })),
    wrong: 'types/Wrong.svelte',
  },
};

/** The marked lines of a file: line number (1-based) → text its error must hold. */
function expectations(text) {
  const expected = new Map();
  text.split('\n').forEach((line, i) => {
    const marker = /expect-error: (.+?)\s*(?:\*\/\}|-->|$)/.exec(line);
    if (marker) expected.set(i + 2, marker[1]);
  });
  return expected;
}

describe('framework typings', () => {
  // Angular has no checker here: its templates do not type the bindings of custom elements (they
  // are allowed by CUSTOM_ELEMENTS_SCHEMA, unchecked); its build runs the strict template check
  // on the app, and run.mjs fails when that build reports an error.
  for (const framework of frameworks.filter((f) => CHECKERS[f])) {
    it(`${framework}: the checker reports exactly the marked wrong uses`, async () => {
      const checker = CHECKERS[framework];
      const cwd = join(apps, framework);
      const [bin, ...args] = checker.command;
      // The checkers exit non-zero when they report errors: what counts is what they report.
      const out = await run(join(cwd, 'node_modules/.bin', bin), args, { cwd, maxBuffer: 1 << 24 }).then(
        (r) => r.stdout,
        (e) => `${e.stdout}\n${e.stderr}`,
      );
      const diagnostics = checker.parse(out);
      const expected = expectations(readFileSync(join(cwd, checker.wrong), 'utf8'));
      assert.ok(expected.size >= 8, `${checker.wrong} marks its wrong uses`);
      const normal = (file) => resolve(cwd, file).slice(cwd.length + 1);
      // Nothing outside the wrong-use file: the app and the correct uses type-check clean.
      assert.deepEqual(
        diagnostics.filter((d) => normal(d.file) !== checker.wrong).map((d) => `${d.file}:${d.line} ${d.message}`),
        [],
        out,
      );
      const inWrong = diagnostics.filter((d) => normal(d.file) === checker.wrong);
      for (const [line, text] of expected) {
        assert.ok(
          inWrong.some((d) => d.line === line && d.message.includes(text)),
          `${checker.wrong}:${line}: expected an error mentioning ${text}; got ${JSON.stringify(inWrong.filter((d) => d.line === line))}`,
        );
      }
      assert.deepEqual(inWrong.filter((d) => !expected.has(d.line)).map((d) => `${d.line}: ${d.message}`), [], 'no error on an unmarked line');
    });
  }
});

describe('@arethetypeswrong/cli on the packed packages', () => {
  const attw = resolve('node_modules/.bin/attw');
  // ESM-only packages: CommonJS `require` and node10 resolution are out of scope.
  it('finds types that resolve for node16 (ESM) and bundlers in every tarball', async () => {
    const tarballs = readdirSync(packs);
    assert.equal(tarballs.length, 3);
    const results = await Promise.all(
      tarballs.map((tarball) =>
        run(attw, ['--profile', 'esm-only', '--format', 'json', join(packs, tarball)], { maxBuffer: 1 << 24 }).then(
          (r) => ({ tarball, code: 0, out: r.stdout }),
          (e) => ({ tarball, code: e.code, out: e.stdout }),
        ),
      ),
    );
    for (const { tarball, code, out } of results) {
      const problems = JSON.parse(out).analysis?.problems ?? [];
      assert.deepEqual(problems.filter((p) => !['node10', 'node16-cjs'].includes(p.resolutionKind)), [], tarball);
      assert.equal(code, 0, `attw exits with 0 for ${tarball}`);
    }
  });
});
