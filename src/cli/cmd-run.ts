// `docker run` / `docker container run` (cli/command/container/run.go): create, then for
// an attached run attach + wait + start and stream until the container exits (its exit
// code is docker's); `-d` prints the ID. Failures are `docker: …` with exit 125/126/127.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { callJson } from './api-call';
import { INTERRUPTED } from './cmd-pull';
import { Interrupted, createContainer, createOptions, pullOptionError, withHelp } from './cmd-create';
import { RUN_FLAGS } from './run-flags';
import { buildCreateBody } from './run-options';
import { callConn, detachKeyBytes, streamSession } from './attach-session';
import { checkTty, waitExitOrRemoved, resizeTty, forwardSignal } from './container-api';

/** toStatusError: 127 for "not found" errors, 126 for permission problems, 125 otherwise. */
export function toStatusError(message: string): CliError {
  if (
    /executable file not found|no such file or directory|system cannot find the file specified/.test(message)
  )
    return withHelp(message, 'run', 127);
  if (/permission denied|is a directory/.test(message)) return withHelp(message, 'run', 126);
  return withHelp(message, 'run', 125);
}

async function runRun(ctx: RunContext): Promise<number> {
  const { flags, io, client } = ctx;
  const opts = createOptions(ctx);
  const pullErr = pullOptionError(opts.pull);
  if (pullErr) throw withHelp(pullErr, 'run', 125);
  const body = buildCreateBody(flags, ctx.args[0], ctx.args.slice(1), io);
  if ('error' in body) throw withHelp(body.error, 'run', 125);

  const detach = flags.bool('detach');
  if (!detach) checkTty(io, body.AttachStdin, body.Tty);
  else {
    if (flags.strings('attach').length !== 0)
      throw new CliError('conflicting options: cannot specify both --attach and --detach', 1);
    body.AttachStdin = false;
    body.AttachStdout = false;
    body.AttachStderr = false;
    body.StdinOnce = false;
  }

  let id: string;
  try {
    id = await createContainer(ctx, body, opts);
  } catch (e) {
    if (e instanceof Interrupted) return INTERRUPTED;
    if (e instanceof CliError) throw toStatusError(e.message);
    throw e;
  }

  const attach = body.AttachStdin || body.AttachStdout || body.AttachStderr;
  const keys = flags.string('detach-keys');
  const conn = attach
    ? await callConn(client, {
        method: 'POST',
        path: `/containers/${id}/attach`,
        query: {
          stream: '1',
          ...(body.AttachStdin ? { stdin: '1' } : {}),
          ...(body.AttachStdout ? { stdout: '1' } : {}),
          ...(body.AttachStderr ? { stderr: '1' } : {}),
          ...(keys ? { detachKeys: keys } : {}),
        },
      })
    : undefined;

  // detached, the ID is printed at once (a goroutine in run.go), even if the start then fails
  if (!conn) io.stdout.write(id + '\n');
  const status = waitExitOrRemoved(client, id, body.HostConfig.AutoRemove);
  try {
    await callJson(client, { method: 'POST', path: `/containers/${id}/start` });
  } catch (e) {
    conn?.cancel();
    if (body.HostConfig.AutoRemove) await status;
    if (e instanceof CliError) throw toStatusError(e.message);
    throw e;
  }

  if (!conn) return 0;
  if (body.Tty && io.isTTY) await resizeTty(client, `/containers/${id}/resize`, io);
  const end = await streamSession({
    conn,
    io,
    tty: body.Tty,
    stdin: body.AttachStdin,
    stdout: body.AttachStdout,
    stderr: body.AttachStderr,
    detachKeys: detachKeyBytes(keys),
    onInterrupt: flags.bool('sig-proxy') ? () => forwardSignal(client, id, 'INT') : undefined,
  });
  if (end === 'detached') return 0;
  if (end === 'interrupted') return INTERRUPTED;
  return status;
}

export const runCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: RUN_FLAGS,
  interspersed: false,
  run: runRun,
};
