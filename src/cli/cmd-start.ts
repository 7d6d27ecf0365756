// `docker start` / `docker container start` (cli/command/container/start.go): start
// several containers printing each name, or with -a/-i attach to one first and stream
// it until it exits (its exit code is docker's).

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { DaemonError, callJson } from './api-call';
import { INTERRUPTED } from './cmd-pull';
import { callConn, detachKeyBytes, streamSession } from './attach-session';
import { forwardSignal, inspectContainer, resizeTty, waitExitOrRemoved } from './container-api';

async function startAttached(ctx: RunContext): Promise<number> {
  const { flags, io, client } = ctx;
  if (ctx.args.length > 1) throw new CliError('you cannot start and attach multiple containers at once', 1);
  const c = await inspectContainer(client, ctx.args[0]);
  const stdin = flags.bool('interactive') && c.Config.OpenStdin;
  const keys = flags.string('detach-keys');
  const conn = await callConn(client, {
    method: 'POST',
    path: `/containers/${c.Id}/attach`,
    query: {
      stream: '1',
      ...(stdin ? { stdin: '1' } : {}),
      stdout: '1',
      stderr: '1',
      ...(keys ? { detachKeys: keys } : {}),
    },
  });
  const session = streamSession({
    conn,
    io,
    tty: c.Config.Tty,
    stdin,
    stdout: true,
    stderr: true,
    detachKeys: detachKeyBytes(keys),
    onInterrupt: c.Config.Tty ? undefined : () => forwardSignal(client, c.Id, 'INT'),
  });
  const status = waitExitOrRemoved(client, c.Id, c.HostConfig.AutoRemove);
  try {
    await callJson(client, { method: 'POST', path: `/containers/${c.Id}/start` });
  } catch (e) {
    conn.cancel();
    await session;
    if (c.HostConfig.AutoRemove) await status;
    throw e;
  }
  if (c.Config.Tty && io.isTTY) await resizeTty(client, `/containers/${c.Id}/resize`, io);
  const end = await session;
  if (end === 'detached') return 0;
  if (end === 'interrupted') return INTERRUPTED;
  return status;
}

async function runStart(ctx: RunContext): Promise<number> {
  if (ctx.flags.bool('attach') || ctx.flags.bool('interactive')) return startAttached(ctx);
  const failed: string[] = [];
  for (const name of ctx.args) {
    try {
      await callJson(ctx.client, { method: 'POST', path: `/containers/${name}/start` });
      ctx.io.stdout.write(name + '\n');
    } catch (e) {
      if (!(e instanceof DaemonError)) throw e;
      ctx.io.stderr.write(e.message + '\n');
      failed.push(name);
    }
  }
  if (failed.length > 0) throw new CliError(`Error: failed to start containers: ${failed.join(', ')}`, 1);
  return 0;
}

export const startCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'attach', shorthand: 'a', kind: 'bool', usage: 'Attach STDOUT/STDERR and forward signals' },
    { name: 'interactive', shorthand: 'i', kind: 'bool', usage: "Attach container's STDIN" },
    { name: 'detach-keys', kind: 'string', usage: 'Override the key sequence for detaching a container' },
    // experimental (CRIU) flags, hidden unless the daemon runs in experimental mode
    { name: 'checkpoint', kind: 'string', usage: 'Restore from this checkpoint', hidden: true },
    {
      name: 'checkpoint-dir',
      kind: 'string',
      usage: 'Use a custom checkpoint storage directory',
      hidden: true,
    },
  ],
  run: runStart,
};
