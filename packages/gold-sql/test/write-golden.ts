/** Rewrites test/golden/<dialect>/*.sql from the current rendering (`pnpm --filter @goldboard/gold-sql golden`); review the diff. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIALECTS } from '../src/index.js';
import { buildStatements, withIncludes } from './build-statements.js';

for (const dialect of Object.values(DIALECTS)) {
  const dir = fileURLToPath(new URL(`./golden/${dialect.name}/`, import.meta.url));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(withIncludes(buildStatements(dialect)))) writeFileSync(`${dir}${name}.sql`, text);
  console.log(`wrote ${dir}`);
}
