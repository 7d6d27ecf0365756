// `docker wait` / `docker container wait` (cli/command/container/wait.go): block until
// each container stops and print its exit code; errors are reported together at the end.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { DaemonError, callJson } from './api-call';

async function runWait(ctx: RunContext): Promise<number> {
  const errs: string[] = [];
  for (const name of ctx.args) {
    try {
      const r = (await callJson(ctx.client, { method: 'POST', path: `/containers/${name}/wait` })) as {
        StatusCode: number;
      };
      ctx.io.stdout.write(`${r.StatusCode}\n`);
    } catch (e) {
      if (!(e instanceof DaemonError)) throw e;
      errs.push(e.message);
    }
  }
  if (errs.length) throw new CliError(errs.join('\n'), 1);
  return 0;
}

export const waitCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: [],
  run: runWait,
};
