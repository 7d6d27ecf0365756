// `docker top` / `docker container top` (cli/command/container/top.go): GET
// /containers/{id}/top?ps_args=…, printed through Go's stdlib tabwriter with a
// minimum cell width of 20 (not the formatter's 10).

import type { CommandSpec, RunContext } from './command';
import { callJson } from './api-call';
import { TabWriter } from './tabwriter';

/** container.TopResponse. */
export interface TopResponse {
  Titles: string[] | null;
  Processes: string[][] | null;
}

async function runTop(ctx: RunContext): Promise<number> {
  const [container, ...psArgs] = ctx.args;
  const query: Record<string, string> = {};
  if (psArgs.length > 0) query.ps_args = psArgs.join(' ');
  const top = (await callJson(ctx.client, {
    method: 'GET',
    path: `/containers/${container}/top`,
    query,
  })) as TopResponse;
  // the stdlib tabwriter counts runes, not display columns
  const w = new TabWriter({
    minwidth: 20,
    tabwidth: 1,
    padding: 3,
    padchar: ' ',
    measure: (s) => Array.from(s).length,
  });
  w.write((top.Titles ?? []).join('\t') + '\n');
  for (const p of top.Processes ?? []) w.write(p.join('\t') + '\n');
  ctx.io.stdout.write(w.flush());
  return 0;
}

export const topCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: [],
  interspersed: false,
  run: runTop,
};
