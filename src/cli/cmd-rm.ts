// `docker rm` / `docker container rm|remove` (cli/command/container/rm.go): DELETE each
// container; each argument is printed as typed on success. With -f a missing container
// is reported on stderr without failing; other errors are joined at the end (exit 1).

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { DaemonError, callJson } from './api-call';

async function runRm(ctx: RunContext): Promise<number> {
  const { flags } = ctx;
  const force = flags.bool('force');
  const query: Record<string, string> = {};
  if (flags.bool('volumes')) query.v = '1';
  if (flags.bool('link')) query.link = '1';
  if (force) query.force = '1';
  // parallelOperation: every removal at once, reported in argument order
  const results = await Promise.all(
    ctx.args.map(async (name): Promise<string | DaemonError | undefined> => {
      const id = name.replace(/^\/+|\/+$/g, '');
      if (id === '') return 'container name cannot be empty';
      try {
        await callJson(ctx.client, { method: 'DELETE', path: `/containers/${id}`, query });
        return undefined;
      } catch (e) {
        if (!(e instanceof DaemonError)) throw e;
        return e;
      }
    }),
  );
  const errs: string[] = [];
  results.forEach((r, i) => {
    if (r === undefined) ctx.io.stdout.write(ctx.args[i] + '\n');
    else if (typeof r === 'string') errs.push(r);
    else if (force && r.notFound) ctx.io.stderr.write(r.message + '\n');
    else errs.push(r.message);
  });
  if (errs.length) throw new CliError(errs.join('\n'), 1);
  return 0;
}

export const rmCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: [
    {
      name: 'volumes',
      shorthand: 'v',
      kind: 'bool',
      usage: 'Remove anonymous volumes associated with the container',
    },
    { name: 'link', shorthand: 'l', kind: 'bool', usage: 'Remove the specified link' },
    {
      name: 'force',
      shorthand: 'f',
      kind: 'bool',
      usage: 'Force the removal of a running container (uses SIGKILL)',
    },
  ],
  run: runRm,
};
