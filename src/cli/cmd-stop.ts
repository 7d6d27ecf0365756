// `docker stop`, `restart`, `kill`, `pause`, `unpause` (cli/command/container/stop.go,
// restart.go, kill.go, pause.go, unpause.go): one request per container, each argument
// printed as typed on success, every error printed together at the end (exit 1).

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import type { FlagSpec } from './flags';
import { DaemonError, callJson } from './api-call';

/**
 * parallelOperation: `op` runs for every argument at once (docker stop a b waits one grace
 * period, not two); then, in argument order, successes print their argument as typed and
 * the failures are joined at the end (errors.Join).
 */
export async function eachContainer(ctx: RunContext, op: (name: string) => Promise<void>): Promise<number> {
  const results = await Promise.all(
    ctx.args.map((name) =>
      op(name).then(
        () => undefined,
        (e: unknown) => {
          if (!(e instanceof DaemonError)) throw e;
          return e;
        },
      ),
    ),
  );
  const errs: string[] = [];
  results.forEach((err, i) => {
    if (err) errs.push(err.message);
    else ctx.io.stdout.write(ctx.args[i] + '\n');
  });
  if (errs.length) throw new CliError(errs.join('\n'), 1);
  return 0;
}

/** Restart goes one container after the other (restart.go has no parallelOperation). */
async function eachInTurn(ctx: RunContext, op: (name: string) => Promise<void>): Promise<number> {
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
    return eachInTurn(ctx, (n) => post(ctx, `/containers/${n}/restart`, q));
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
