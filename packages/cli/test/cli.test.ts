/** The `goldboard` command reaches both packages: help from the pipeline, `serve --help` from the server. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const run = (...args: string[]) => execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', CLI, ...args], { encoding: 'utf8' });

describe('goldboard', () => {
  it('prints the pipeline\'s usage', () => {
    assert.match(run('help'), /goldboard build --events PATH\|GLOB/);
  });

  it('runs the server\'s serve command', () => {
    assert.match(run('serve', '--help'), /goldboard serve — named Gold queries over HTTP/);
  });
});
