// `docker logs` / `docker container logs` (cli/command/container/logs.go): inspect, then
// GET /containers/{id}/logs; a TTY container's log is copied raw, others demultiplexed
// to stdout and stderr. `-f` follows until the container stops or Ctrl-C.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { INTERRUPTED } from './cmd-pull';
import { callConn } from './attach-session';
import { inspectContainer } from './container-api';
import { getTimestamp as goTimestamp } from './go-timestamp';

/**
 * The client's GetTimestamp (api/types/time) for --since/--until, throwing its error as the
 * command's; `docker logs` itself wraps it with the flag's name (client.ContainerLogs).
 */
export function getTimestamp(value: string, nowMs: number, flag?: 'since' | 'until'): string {
  const ts = goTimestamp(value, nowMs);
  if ('value' in ts) return ts.value;
  throw new CliError(flag ? `invalid value for ${JSON.stringify(flag)}: ${ts.error}` : ts.error, 1);
}

async function runLogs(ctx: RunContext): Promise<number> {
  const { flags, io, client } = ctx;
  const c = await inspectContainer(client, ctx.args[0]);
  const query: Record<string, string> = { stdout: '1', stderr: '1' };
  for (const flag of ['since', 'until'] as const)
    if (flags.string(flag)) query[flag] = getTimestamp(flags.string(flag), ctx.now(), flag);
  if (flags.bool('timestamps')) query.timestamps = '1';
  if (flags.bool('details')) query.details = '1';
  if (flags.bool('follow')) query.follow = '1';
  query.tail = flags.string('tail');
  const conn = await callConn(client, { method: 'GET', path: `/containers/${c.Id}/logs`, query });
  let interrupted = io.interrupt?.interrupted ?? false;
  const off = io.interrupt?.onInterrupt(() => {
    interrupted = true;
    conn.cancel();
  });
  try {
    if (interrupted) conn.cancel();
    for await (const f of conn) {
      if (interrupted) break;
      if (c.Config.Tty || f.stream === 'stdout') io.stdout.write(f.data);
      else io.stderr.write(f.data);
    }
  } finally {
    off?.();
  }
  return interrupted ? INTERRUPTED : 0;
}

export const logsCommand: Partial<CommandSpec> = {
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'follow', shorthand: 'f', kind: 'bool', usage: 'Follow log output' },
    {
      name: 'since',
      kind: 'string',
      usage:
        'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)',
    },
    {
      name: 'until',
      kind: 'string',
      usage:
        'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)',
    },
    { name: 'timestamps', shorthand: 't', kind: 'bool', usage: 'Show timestamps' },
    { name: 'details', kind: 'bool', usage: 'Show extra details provided to logs' },
    {
      name: 'tail',
      shorthand: 'n',
      kind: 'string',
      usage: 'Number of lines to show from the end of the logs',
      defValue: 'all',
    },
  ],
  run: runLogs,
};
