// `docker logs` / `docker container logs` (cli/command/container/logs.go): inspect, then
// GET /containers/{id}/logs; a TTY container's log is copied raw, others demultiplexed
// to stdout and stderr. `-f` follows until the container stops or Ctrl-C.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { INTERRUPTED } from './cmd-pull';
import { callConn } from './attach-session';
import { inspectContainer } from './container-api';

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** time.ParseDuration in seconds, or undefined. */
function parseGoDuration(s: string): number | undefined {
  const m = /^([+-]?)(.+)$/.exec(s);
  if (!m) return undefined;
  if (m[2] === '0') return 0;
  let rest = m[2];
  let total = 0;
  const re = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  if (rest === '') return undefined;
  while (rest !== '') {
    const p = re.exec(rest);
    if (!p) return undefined;
    total += Number(p[1]) * DURATION_UNITS[p[2]];
    rest = rest.slice(p[0].length);
  }
  return m[1] === '-' ? -total : total;
}

/**
 * api/types/time.GetTimestamp: a duration counts back from the client's now (Unix seconds);
 * RFC 3339-like times become "seconds.nanoseconds"; plain Unix timestamps pass through.
 * The simulated machine's zone is UTC.
 */
export function getTimestamp(value: string, nowMs: number): string {
  const d = parseGoDuration(value);
  if (value !== '0' && d !== undefined) return String(Math.floor((nowMs - d * 1000) / 1000));
  const m =
    /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d)(?::(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?)?)?(Z|[+-]\d\d:\d\d)?$/i.exec(
      value,
    );
  if (m) {
    const [, y, mo, da, h = '0', mi = '0', se = '0', frac = '', zone] = m;
    let ms = Date.UTC(Number(y), Number(mo) - 1, Number(da), Number(h), Number(mi), Number(se));
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
    }
    const secs = Math.floor(ms / 1000);
    return `${secs}.${frac.padEnd(9, '0')}`;
  }
  if (value.includes('-'))
    throw new CliError(
      `parsing time ${JSON.stringify(value)}: cannot parse ${JSON.stringify(value)} as "2006"`,
      1,
    );
  if (/^\d+(\.\d{1,9})?$/.test(value)) return value;
  throw new CliError(`failed to parse value as time or duration: ${JSON.stringify(value)}`, 1);
}

async function runLogs(ctx: RunContext): Promise<number> {
  const { flags, io, client } = ctx;
  const c = await inspectContainer(client, ctx.args[0]);
  const query: Record<string, string> = { stdout: '1', stderr: '1' };
  if (flags.string('since')) query.since = getTimestamp(flags.string('since'), ctx.now());
  if (flags.string('until')) query.until = getTimestamp(flags.string('until'), ctx.now());
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
