/// <reference types="vite/client" />
import { createFolderAdapter, createServerAdapter, type GoldAdapter } from '@goldboard/core';

export interface DashboardSource {
  adapter: GoldAdapter;
  /** What a reader should know about this source, or undefined. */
  note: string | undefined;
}

/**
 * Where the dashboard reads Gold: the Goldboard server when one is configured (`?server=URL` in
 * the address, or VITE_GOLD_SERVER when built or served; `/` means this page's own origin, as
 * `pnpm start` proxies it), else the static Gold folder served at /gold/.
 */
export function goldSource(): DashboardSource {
  // A page rendered by the Gold server's side names it (`<meta name="goldboard-server">`).
  const fromPage = new URL(location.href).searchParams.get('server') ?? document.querySelector<HTMLMetaElement>('meta[name="goldboard-server"]')?.content;
  const configured = import.meta.env.VITE_GOLD_SERVER as string | undefined;
  const server = fromPage ?? configured;
  if (server && server !== 'off') {
    return { adapter: createServerAdapter({ base: server }), note: undefined };
  }
  return {
    adapter: createFolderAdapter({ base: '/gold/' }),
    note: 'Static Gold files: the date range filters the trend; totals, top lists and segments cover the whole period, and a segment filters the 100 biggest buyers only. Run with the Gold server for figures computed per range and segment.',
  };
}
