// `docker stop`, `restart`, `kill`, `pause`, `unpause` (cli/command/container/stop.go,
// restart.go, kill.go, pause.go, unpause.go): one request per container, each argument
// printed as typed on success, every error printed together at the end (exit 1).

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import type { FlagSpec } from './flags';
import { DaemonError, callJson } from './api-call';

/** Run `op` for each argument in order; the successes print their argument, the failures are joined (errors.Join). */
async function eachContainer(ctx: RunContext, op: (name: string) => Promise<void>): Promise<number> {
  const errs: string[] = [];
  for (const name of ctx.args) {
    try {
      await op(name);
      ctx.io.stdout.write(name + '\n');
    } catch (e) {
      if (!(e instanceof DaemonError)) throw e;
      errs.push(e.message);
    }
  }
  if (errs.length) throw new CliError(errs.join('\n'), 1);
  return 0;
}

/** StopOptions as the client sends them: signal and t only when given. */
function stopQuery(ctx: RunContext): Record<string, string> {
  const { flags } = ctx;
  if (flags.changed('time') && flags.changed('timeout'))
    throw new CliError('conflicting options: cannot specify both --timeout and --time', 1);
  const q: Record<string, string> = {};
  if (flags.string('signal')) q.signal = flags.string('signal');
  if (flags.changed('timeout')) q.t = String(flags.int('timeout'));
  else if (flags.changed('time')) q.t = String(flags.int('time'));
  return q;
}

const post = (ctx: RunContext, path: string, query: Record<string, string> = {}) =>
  callJson(ctx.client, { method: 'POST', path, query }).then(() => undefined);

const STOP_FLAGS: FlagSpec[] = [
  { name: 'signal', shorthand: 's', kind: 'string', usage: 'Signal to send to the container' },
  { name: 'timeout', shorthand: 't', kind: 'int', usage: 'Seconds to wait before killing the container' },
  {
    name: 'time',
    kind: 'int',
    usage: 'Seconds to wait before killing the container (deprecated: use --timeout)',
    deprecated: 'use --timeout instead',
  },
];

export const stopCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: STOP_FLAGS,
  run: (ctx) => {
    const q = stopQuery(ctx);
    return eachContainer(ctx, (n) => post(ctx, `/containers/${n}/stop`, q));
  },
};

export const restartCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: STOP_FLAGS,
  run: (ctx) => {
    const q = stopQuery(ctx);
    return eachContainer(ctx, (n) => post(ctx, `/containers/${n}/restart`, q));
  },
};

export const killCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: [{ name: 'signal', shorthand: 's', kind: 'string', usage: 'Signal to send to the container' }],
  run: (ctx) => {
    const sig = ctx.flags.string('signal');
    return eachContainer(ctx, (n) => post(ctx, `/containers/${n}/kill`, sig ? { signal: sig } : {}));
  },
};

export const pauseCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: [],
  run: (ctx) => eachContainer(ctx, (n) => post(ctx, `/containers/${n}/pause`)),
};

export const unpauseCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: [],
  run: (ctx) => eachContainer(ctx, (n) => post(ctx, `/containers/${n}/unpause`)),
};
