// `docker rename` / `docker container rename` (cli/command/container/rename.go).

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { DaemonError, callJson } from './api-call';

async function runRename(ctx: RunContext): Promise<number> {
  const oldName = ctx.args[0].trim();
  const newName = ctx.args[1].trim();
  if (oldName === '' || newName === '')
    throw new CliError('Error: Neither old nor new names may be empty', 1);
  try {
    await callJson(ctx.client, {
      method: 'POST',
      path: `/containers/${oldName}/rename`,
      query: { name: newName },
    });
  } catch (e) {
    if (!(e instanceof DaemonError)) throw e;
    ctx.io.stderr.write(e.message + '\n');
    throw new CliError(`Error: failed to rename container named ${oldName}`, 1);
  }
  return 0;
}

export const renameCommand: Partial<CommandSpec> = {
  args: { kind: 'exact', n: 2 },
  flags: [],
  run: runRename,
};
