#!/usr/bin/env node
/**
 * The `goldboard` command: `generate` raw events and `build` Gold from them (@goldboard/pipeline),
 * `serve` it (@goldboard/server). It lives in a package of its own so that it can import both,
 * which do not import each other.
 */
import { ArgumentError, PipelineError, USAGE, buildGold, generateEvents, parseArgs } from '@goldboard/pipeline';
import { buildCounts } from './summary.js';

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'serve') return serve(argv.slice(1));
  const command = parseArgs(argv);
  switch (command.command) {
    case 'help':
      console.log(USAGE);
      return 0;
    case 'generate': {
      const started = performance.now();
      const tty = process.stderr.isTTY;
      const result = await generateEvents({
        ...command,
        onProgress: tty ? (n) => process.stderr.write(`\r\x1b[Kgoldboard generate · ${n.toLocaleString('en-US')} events`) : undefined,
      });
      if (tty) process.stderr.write('\r\x1b[K');
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `generated ${result.events.toLocaleString('en-US')} events (${result.users.toLocaleString('en-US')} users, ` +
          `${result.products.toLocaleString('en-US')} products) in ${result.files.length} files under ${command.out} in ${seconds.toFixed(1)} s`,
      );
      if (result.removed.length > 0) console.log(`removed month files of an earlier run: ${result.removed.join(', ')}`);
      return 0;
    }
    case 'build': {
      if (command.engine === 'databricks') {
        const { runWarehouseBuild } = await import('./warehouse-build.js');
        // Ctrl-C cancels the running statement on the warehouse rather than leaving it running.
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        await runWarehouseBuild(command, {
          env: process.env,
          stdout: (text) => process.stdout.write(text),
          stderr: (text) => process.stderr.write(text),
          signal: stop.signal,
        });
        return 0;
      }
      const manifest = await buildGold({
        events: command.events,
        out: command.out,
        k: command.k,
        seed: command.seed,
        ...(command.memoryLimit ? { memoryLimit: command.memoryLimit } : {}),
        ...(command.threads ? { threads: command.threads } : {}),
        ...(command.full ? { full: true } : {}),
        ...(command.quiet ? { progress: false } : {}),
        ...(command.allowEmpty ? { allowEmpty: true } : {}),
      });
      console.log(`built ${command.out} in ${manifest.buildSeconds} s: ${buildCounts(manifest)}`);
      if (manifest.build.incremental) {
        console.log(`incremental: read ${manifest.build.read.join(', ') || 'no file'}; rebuilt months ${manifest.build.rebuiltMonths.join(', ') || 'none'}; kept ${manifest.build.keptMonths.length} months`);
      }
      const skipped = manifest.sources.filter((s) => s.skipped === 'empty').map((s) => s.name);
      if (skipped.length > 0) console.log(`skipped empty inputs (0 bytes or a header only): ${skipped.join(', ')}`);
      return 0;
    }
  }
}

/** `goldboard serve …` is @goldboard/server's command, loaded only when asked for. */
async function serve(argv: readonly string[]): Promise<number> {
  const { runServeCommand } = await import('@goldboard/server');
  return runServeCommand(argv);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ArgumentError) console.error(`goldboard: ${error.message}\n\n${USAGE}`);
    else if (error instanceof PipelineError || error instanceof RangeError) console.error(`goldboard: ${error.message}`);
    else console.error(error);
    process.exit(error instanceof ArgumentError ? 2 : 1);
  },
);
