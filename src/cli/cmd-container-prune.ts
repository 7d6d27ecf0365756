// `docker container prune` (cli/command/container/prune.go): the [y/N] prompt,
// POST /containers/prune?filters=…, the deleted IDs and the space reclaimed.

import type { CommandSpec, RunContext } from './command';
import type { EngineClient } from '../core/daemon/api';
import { callJson, filtersJson } from './api-call';
import { confirm } from './cmd-image-manage';
import { INTERRUPTED } from './cmd-pull';
import { filterPairs } from './cmd-ps';
import { humanSize } from './units';

const WARNING = 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?';

/** container.RunPrune: the report's text ("" when nothing went) and the bytes reclaimed. */
export async function pruneContainers(
  client: EngineClient,
  pairs: Array<[string, string]>,
): Promise<{ output: string; reclaimed: number }> {
  const report = (await callJson(client, {
    method: 'POST',
    path: '/containers/prune',
    query: { filters: filtersJson(pairs) },
  })) as { ContainersDeleted: string[] | null; SpaceReclaimed: number };
  const deleted = report?.ContainersDeleted ?? [];
  if (deleted.length === 0) return { output: '', reclaimed: 0 };
  return {
    output: 'Deleted Containers:\n' + deleted.map((id) => id + '\n').join(''),
    reclaimed: report.SpaceReclaimed,
  };
}

async function runContainerPrune(ctx: RunContext): Promise<number> {
  if (!ctx.flags.bool('force')) {
    const ok = await confirm(ctx, WARNING);
    if (ok === INTERRUPTED) return INTERRUPTED;
    // "no" cancels: nothing more is printed and the exit code is 0
    if (!ok) return 0;
  }
  const r = await pruneContainers(ctx.client, filterPairs(ctx.flags.strings('filter')));
  if (r.output !== '') ctx.io.stdout.write(r.output + '\n');
  ctx.io.stdout.write(`Total reclaimed space: ${humanSize(r.reclaimed)}\n`);
  return 0;
}

export const containerPruneCommand: Partial<CommandSpec> = {
  args: { kind: 'none' },
  flags: [
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
  ],
  run: runContainerPrune,
};
