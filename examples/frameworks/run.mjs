// The framework examples as a new user gets them: packs the public packages (`pnpm pack`),
// installs the tarballs into fresh copies of examples/react, examples/vue, examples/svelte and
// examples/angular (one pnpm workspace in a temporary folder, from the local store where it
// can), builds each app once, then runs the tests beside this file against what was built:
//   apps.test.mjs   each app in headless Chromium (and React's server render + hydration)
//   types.test.mjs  the type tests (tsc, vue-tsc, svelte-check; Angular's strict template check
//                   is its build) and @arethetypeswrong/cli
// `pnpm test:frameworks` runs it (part of `pnpm test`, after `pnpm build`). FRAMEWORKS=react,vue
// limits the apps; KEEP_APPS=1 keeps the folder and prints where it is.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const frameworks = (process.env.FRAMEWORKS ?? 'react,vue,svelte,angular').split(',').filter(Boolean);
const packages = ['core', 'elements', 'react'];

function run(command, args, cwd, what) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}\n${result.stderr}\n`);
    throw new Error(`${what} failed (${command} ${args.join(' ')} in ${cwd}).`);
  }
  console.log(`== ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result.stdout;
}

for (const name of packages) {
  if (!existsSync(join(root, 'packages', name, 'dist'))) throw new Error(`packages/${name} is not built: run \`pnpm build\` first.`);
}

const dir = mkdtempSync(join(tmpdir(), 'goldboard-apps-'));
let status = 1;
try {
  const packs = join(dir, 'packs');
  mkdirSync(packs);
  for (const name of packages) run('pnpm', ['pack', '--pack-destination', packs], join(root, 'packages', name), `pack @goldboard/${name}`);
  const tarball = (name) => join(packs, readdirSync(packs).find((f) => f.startsWith(`goldboard-${name}-`)));

  for (const framework of frameworks) {
    cpSync(join(root, 'examples', framework), join(dir, framework), {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|dist|dist-server)$/.test(source),
    });
  }
  // The apps name the packages by version, as a user's would; the workspace maps them to the tarballs.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'goldboard-apps', private: true }, null, 2));
  writeFileSync(
    join(dir, 'pnpm-workspace.yaml'),
    [
      'packages:',
      ...frameworks.map((f) => `  - ${f}`),
      'overrides:',
      ...packages.map((name) => `  '@goldboard/${name}': 'file:${tarball(name)}'`),
      'allowBuilds:',
      '  esbuild: true',
      // Angular's CLI brings native add-ons for its watch mode and build cache (both unused by a
      // one-off build with the cache off); their prebuilt binaries or JavaScript fallbacks serve.
      "  '@parcel/watcher': false",
      '  lmdb: false',
      "  'msgpackr-extract': false",
      '',
    ].join('\n'),
  );
  run('pnpm', ['install', '--prefer-offline', '--reporter=silent'], dir, 'install the tarballs and the frameworks');
  for (const framework of frameworks) run('pnpm', ['run', 'build'], join(dir, framework), `build examples/${framework}`);

  const tests = ['apps.test.mjs', 'types.test.mjs'].map((f) => join(import.meta.dirname, f));
  const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...tests], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, GOLDBOARD_APPS: dir, GOLDBOARD_PACKS: packs, FRAMEWORKS: frameworks.join(',') },
  });
  status = result.status ?? 1;
} finally {
  if (process.env.KEEP_APPS) console.log(`The apps are in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
