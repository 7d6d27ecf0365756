// `docker exec` / `docker container exec` (cli/command/container/exec.go): inspect, exec
// create, then start hijacked (or detached with -d); the exit code comes from
// GET /exec/{id}/json. Detaching reports "read escape sequence", exit 1.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { callJson } from './api-call';
import { INTERRUPTED } from './cmd-pull';
import { callConn, detachKeyBytes, streamSession } from './attach-session';
import { checkTty, inspectContainer, resizeTty } from './container-api';
import { readEnvFile } from './run-options';

const validateEnv = (v: string) =>
  v.split('=')[0] === '' ? `invalid environment variable: ${v}` : undefined;

async function runExec(ctx: RunContext): Promise<number> {
  const { flags, io, client } = ctx;
  const [ref, ...cmd] = ctx.args;
  const detach = flags.bool('detach');
  const tty = flags.bool('tty');

  // ReadKVEnvStrings: env files first, then -e (NAME alone takes the client's value)
  const lookup = (k: string) => io.env?.[k];
  let env: string[] | null = null;
  for (const f of flags.strings('env-file')) {
    const vars = readEnvFile(io, f, lookup);
    if (typeof vars === 'string') throw new CliError(vars, 1);
    env = [...(env ?? []), ...vars];
  }
  for (const e of flags.strings('env')) {
    const v = e.includes('=') || lookup(e) === undefined ? e : `${e}=${lookup(e)}`;
    env = [...(env ?? []), v];
  }
  const attachStdin = !detach && flags.bool('interactive');

  await inspectContainer(client, ref);
  if (!detach) checkTty(io, attachStdin, tty);
  const consoleSize: [number, number] | undefined = tty
    ? io.isTTY
      ? [io.rows ?? 24, io.columns]
      : [0, 0]
    : undefined;
  const body = {
    User: flags.string('user'),
    Privileged: flags.bool('privileged'),
    Tty: tty,
    ...(consoleSize ? { ConsoleSize: consoleSize } : {}),
    AttachStdin: attachStdin,
    AttachStderr: !detach,
    AttachStdout: !detach,
    Detach: detach,
    DetachKeys: flags.string('detach-keys'),
    Env: env,
    WorkingDir: flags.string('workdir'),
    Cmd: cmd,
  };
  const created = (await callJson(client, { method: 'POST', path: `/containers/${ref}/exec`, body })) as {
    Id: string;
  };
  const execId = created.Id;
  if (!execId) throw new CliError('exec ID empty', 1);
  const startBody = { Detach: detach, Tty: tty, ...(consoleSize ? { ConsoleSize: consoleSize } : {}) };
  if (detach) {
    await callJson(client, { method: 'POST', path: `/exec/${execId}/start`, body: startBody });
    return 0;
  }
  const conn = await callConn(client, { method: 'POST', path: `/exec/${execId}/start`, body: startBody });
  if (tty && io.isTTY) await resizeTty(client, `/exec/${execId}/resize`, io);
  const end = await streamSession({
    conn,
    io,
    tty,
    stdin: attachStdin,
    stdout: true,
    stderr: true,
    detachKeys: detachKeyBytes(flags.string('detach-keys')),
  });
  if (end === 'detached') throw new CliError('read escape sequence', 1);
  // exec forwards no signals: Ctrl-C ends the client, the process goes on
  if (end === 'interrupted') return INTERRUPTED;
  const inspect = (await callJson(client, { method: 'GET', path: `/exec/${execId}/json` })) as {
    ExitCode: number;
  };
  return inspect.ExitCode;
}

export const execCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 2 },
  interspersed: false,
  flags: [
    { name: 'detach-keys', kind: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'interactive', shorthand: 'i', kind: 'bool', usage: 'Keep STDIN open even if not attached' },
    { name: 'tty', shorthand: 't', kind: 'bool', usage: 'Allocate a pseudo-TTY' },
    { name: 'detach', shorthand: 'd', kind: 'bool', usage: 'Detached mode: run command in the background' },
    {
      name: 'user',
      shorthand: 'u',
      kind: 'string',
      usage: 'Username or UID (format: "<name|uid>[:<group|gid>]")',
    },
    { name: 'privileged', kind: 'bool', usage: 'Give extended privileges to the command' },
    { name: 'env', shorthand: 'e', kind: 'list', usage: 'Set environment variables', validate: validateEnv },
    { name: 'env-file', kind: 'list', usage: 'Read in a file of environment variables' },
    { name: 'workdir', shorthand: 'w', kind: 'string', usage: 'Working directory inside the container' },
  ],
  run: runExec,
};
