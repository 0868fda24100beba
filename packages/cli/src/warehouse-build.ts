/**
 * `goldboard build --engine databricks`: @goldboard/pipeline's warehouse build through
 * @goldboard/server's Statement Execution API client. It is joined here because the CLI is the
 * one package that imports both (the pipeline must not depend on the server, nor the server on
 * the pipeline). The warehouse and sign-in come from the same environment variables as
 * `goldboard serve --engine databricks`.
 */
import { writeFileSync } from 'node:fs';
import { type Command, PipelineError, type WarehouseManifest, type WarehouseProgress, buildOnWarehouse } from '@goldboard/pipeline';
import type { DatabricksConfig } from '@goldboard/server';
import { buildCounts } from './summary.js';

export type WarehouseBuildCommand = Extract<Command, { command: 'build'; engine: 'databricks' }>;

export interface WarehouseBuildIo {
  env: Record<string, string | undefined>;
  /** The manifest when there is no --manifest file. */
  stdout: (text: string) => void;
  /** Progress and the summary. */
  stderr: (text: string) => void;
  signal?: AbortSignal;
  /** Test settings merged into the warehouse config (a stand-in's loopback address). */
  config?: Partial<DatabricksConfig>;
}

export async function runWarehouseBuild(command: WarehouseBuildCommand, io: WarehouseBuildIo): Promise<WarehouseManifest> {
  const { databricksConfigFromEnv, warehouseSession } = await import('@goldboard/server');
  const catalog = command.catalog ?? io.env.DATABRICKS_CATALOG?.trim();
  const schema = command.schema ?? io.env.DATABRICKS_SCHEMA?.trim();
  // The build replaces tables: it never writes into whatever default the warehouse has.
  if (!catalog || !schema) {
    throw new PipelineError('bad-argument', 'A build on Databricks needs --catalog and --schema (or DATABRICKS_CATALOG and DATABRICKS_SCHEMA): where its tables are written.');
  }
  let config: DatabricksConfig;
  try {
    config = { ...databricksConfigFromEnv(io.env), ...io.config, catalog, schema };
  } catch (error) {
    throw new PipelineError('bad-argument', (error as Error).message.replace('--engine databricks', 'goldboard build --engine databricks'));
  }
  const session = warehouseSession(config);
  const started = performance.now();
  const onProgress = command.quiet
    ? undefined
    : (event: WarehouseProgress) => {
        const at = `${((performance.now() - started) / 1000).toFixed(1)} s`;
        if (event.kind === 'stage') io.stderr(`goldboard build · ${event.stage} · started · ${at}\n`);
        else if (event.kind === 'statement') io.stderr(`goldboard build · ${event.stage} · statement ${event.statementId} · ${event.seconds.toFixed(1)} s\n`);
        else io.stderr(`goldboard build · ${event.stage} · done in ${event.seconds.toFixed(1)} s (${event.statements} statements)\n`);
      };
  let manifest: WarehouseManifest;
  try {
    manifest = await buildOnWarehouse(session, {
      events: command.events,
      k: command.k,
      seed: command.seed,
      allowEmpty: command.allowEmpty,
      ...(io.signal ? { signal: io.signal } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
  } finally {
    // On Ctrl-C the running statement's cancel is under way: the command exits right after this,
    // which would drop the cancel and leave the statement running on the warehouse.
    await session.client.idle();
  }
  const json = `${JSON.stringify(manifest, null, 2)}\n`;
  if (command.manifest) writeFileSync(command.manifest, json);
  else io.stdout(json);
  io.stderr(`built ${catalog}.${schema} on warehouse ${config.warehouseId} in ${manifest.buildSeconds} s: ${buildCounts(manifest)}\n`);
  return manifest;
}
