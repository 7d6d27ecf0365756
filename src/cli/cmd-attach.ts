// `docker attach` / `docker container attach` (cli/command/container/attach.go): join a
// running container's streams; its exit code is docker's. Detaching reports
// "read escape sequence" (the EscapeError attach returns), exit 1.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { INTERRUPTED } from './cmd-pull';
import { callConn, detachKeyBytes, streamSession } from './attach-session';
import { checkTty, forwardSignal, inspectContainer, resizeTty } from './container-api';
import type { ContainerInspect } from './container-api';
import { callJson } from './api-call';

/** inspectContainerAndCheckState */
export async function runningContainer(ctx: RunContext, ref: string): Promise<ContainerInspect> {
  const c = await inspectContainer(ctx.client, ref);
  if (!c.State.Running) throw new CliError('You cannot attach to a stopped container, start it first', 1);
  if (c.State.Paused) throw new CliError('You cannot attach to a paused container, unpause it first', 1);
  if (c.State.Restarting)
    throw new CliError('You cannot attach to a restarting container, wait until it is running', 1);
  return c;
}

async function runAttach(ctx: RunContext): Promise<number> {
  const { flags, io, client } = ctx;
  const ref = ctx.args[0];
  // the wait is registered before anything else, so an exit while attaching is not missed
  const wait = callJson(client, { method: 'POST', path: `/containers/${ref}/wait` }).then(
    (b) => b as { StatusCode?: number; Error?: { Message?: string } | null },
    (e: unknown) => e,
  );
  const c = await runningContainer(ctx, ref);
  checkTty(io, !flags.bool('no-stdin'), c.Config.Tty);
  const stdin = !flags.bool('no-stdin') && c.Config.OpenStdin;
  const keys = flags.string('detach-keys');
  const conn = await callConn(client, {
    method: 'POST',
    path: `/containers/${ref}/attach`,
    query: {
      stream: '1',
      ...(stdin ? { stdin: '1' } : {}),
      stdout: '1',
      stderr: '1',
      ...(keys ? { detachKeys: keys } : {}),
    },
  });
  try {
    await runningContainer(ctx, ref);
  } catch (e) {
    conn.cancel();
    throw e;
  }
  if (c.Config.Tty && io.isTTY) {
    // one size off and back, so a shell redraws its prompt for a second attach
    await resizeTty(client, `/containers/${ref}/resize`, {
      ...io,
      rows: (io.rows ?? 24) + 1,
      columns: io.columns + 1,
    });
    await resizeTty(client, `/containers/${ref}/resize`, io);
  }
  const end = await streamSession({
    conn,
    io,
    tty: c.Config.Tty,
    stdin,
    stdout: true,
    stderr: true,
    detachKeys: detachKeyBytes(keys),
    onInterrupt:
      flags.bool('sig-proxy') && !c.Config.Tty ? () => forwardSignal(client, ref, 'INT') : undefined,
  });
  if (end === 'detached') throw new CliError('read escape sequence', 1);
  if (end === 'interrupted') return INTERRUPTED;
  const r = await wait;
  if (r instanceof Error) throw r;
  const result = r as { StatusCode?: number; Error?: { Message?: string } | null };
  if (result.Error?.Message) throw new CliError(result.Error.Message, 1);
  return result.StatusCode ?? 0;
}

export const attachCommand: Partial<CommandSpec> = {
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'no-stdin', kind: 'bool', usage: 'Do not attach STDIN' },
    { name: 'sig-proxy', kind: 'bool', usage: 'Proxy all received signals to the process', defValue: 'true' },
    { name: 'detach-keys', kind: 'string', usage: 'Override the key sequence for detaching a container' },
  ],
  run: runAttach,
};
