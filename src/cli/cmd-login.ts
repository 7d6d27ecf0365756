// `docker login` / `docker logout` (cli/command/registry/login.go, logout.go,
// cli/command/registry.go): credentials are checked by the daemon's POST /auth
// against the simulated Docker Hub — nothing leaves the page — and kept in the
// client's ~/.docker/config.json as Docker's plain file store keeps them.
// The web-based (device code) flow cannot open a browser here, so it falls back
// to the command-line prompts exactly as Docker does when it fails to start.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { callJson } from './api-call';
import { INTERRUPTED } from './cmd-pull';
import {
  configPath,
  eraseCredentials,
  INDEX_SERVER,
  storeCredentials,
  storedCredentials,
} from './docker-config';

const REGISTER_SUGGEST =
  "Log in with your Docker ID or email address to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com/ to create one.";
const PAT_SUGGEST =
  'You can log in with your password or a Personal Access Token (PAT). Using a limited-scope PAT grants better security and is required for organizations using SSO. Learn more at https://docs.docker.com/go/access-tokens/';

const INFO_PLAIN = ' Info -> ';
const INFO_FANCY = '\x1b[1m\x1b[106m\x1b[30mi\x1b[0m\x1b[0m \x1b[96mInfo → \x1b[0m\x1b[0m';

/** tui.Output.PrintNote on stderr: the Info header, then each line indented under it (italic on a terminal). */
function printNote(ctx: RunContext, text: string): void {
  const tty = ctx.io.isTTY;
  let out = '\n' + (tty ? INFO_FANCY : INFO_PLAIN);
  text.split('\n').forEach((line, i) => {
    if (i > 0) out += ' '.repeat(9);
    out += (tty ? `\x1b[3m${line}\x1b[0m` : line) + '\n';
  });
  ctx.io.stderr.write(out);
}

/** prompt.ReadInput: the message, then one line (trimmed); Ctrl-C ends the command. */
async function readInput(ctx: RunContext, message: string): Promise<string | typeof INTERRUPTED> {
  ctx.io.stdout.write(message);
  if (!ctx.io.readLine) return '';
  let onInt: () => void = () => undefined;
  const interrupted = new Promise<typeof INTERRUPTED>((r) => (onInt = () => r(INTERRUPTED)));
  const off = ctx.io.interrupt?.onInterrupt(onInt);
  try {
    const line = await Promise.race([ctx.io.readLine(), interrupted]);
    if (line === INTERRUPTED) return INTERRUPTED;
    return (line ?? '').trim();
  } finally {
    off?.();
  }
}

async function readAllStdin(ctx: RunContext): Promise<string> {
  const lines: string[] = [];
  if (ctx.io.readLine)
    for (let l = await ctx.io.readLine(); l !== null; l = await ctx.io.readLine()) lines.push(l);
  // what io.ReadAll gave, with one trailing newline (and CR) removed
  return lines.join('\n').replace(/\r$/, '');
}

async function authenticate(
  ctx: RunContext,
  user: string,
  password: string,
  server: string,
): Promise<string> {
  const res = (await callJson(ctx.client, {
    method: 'POST',
    path: '/auth',
    body: { username: user, password, serveraddress: server },
  })) as { Status: string; IdentityToken?: string };
  return res.Status;
}

function store(ctx: RunContext, server: string, user: string, password: string): void {
  const err = storeCredentials(ctx.io, server, user, password);
  if (err === false) return;
  if (err) throw new CliError(`Error saving credentials: ${err}`, 1);
  ctx.io.stderr.write(
    `\nWARNING! Your credentials are stored unencrypted in '${configPath(ctx.io)}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`,
  );
}

async function runLogin(ctx: RunContext): Promise<number> {
  const { flags, io } = ctx;
  if (flags.changed('password-stdin')) {
    if (flags.changed('password'))
      throw new CliError('conflicting options: cannot specify both --password and --password-stdin', 1);
    if (!flags.changed('username'))
      throw new CliError('the --password-stdin option requires --username to be set', 1);
  }
  if (flags.changed('username') && flags.string('username') === '')
    throw new CliError('username is empty', 1);
  if (flags.changed('password') && flags.string('password') === '')
    throw new CliError('password is empty', 1);
  let user = flags.string('username');
  let password = flags.string('password');
  if (password !== '')
    io.stderr.write('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
  if (flags.bool('password-stdin')) password = await readAllStdin(ctx);
  const arg = ctx.args[0] ?? '';
  const server = arg !== '' && arg !== 'docker.io' ? arg : INDEX_SERVER;
  const isHub = server === INDEX_SERVER;

  const stored = user === '' && password === '' ? storedCredentials(io, server) : undefined;
  if (stored) {
    io.stderr.write(`Authenticating with existing credentials... [Username: ${stored[0]}]\n`);
    printNote(ctx, "To login with a different account, run 'docker logout' followed by 'docker login'");
    io.stderr.write('\n\n');
    const status = await authenticate(ctx, stored[0], stored[1], server);
    io.stdout.write(status + '\n');
    return 0;
  }

  if ((user === '' || password === '') && !io.isTTY)
    throw new CliError('Error: Cannot perform an interactive login from a non TTY device', 1);
  if (isHub && user === '' && password === '')
    io.stderr.write('Failed to start web-based login - falling back to command line login...\n\n');
  user = user.trim();
  if (user === '') {
    if (isHub) io.stdout.write(`${REGISTER_SUGGEST}\n${PAT_SUGGEST}\n\n`);
    const u = await readInput(ctx, 'Username: ');
    if (u === INTERRUPTED) return INTERRUPTED;
    if (u === '') throw new CliError('Error: Non-null Username Required', 1);
    user = u;
  }
  password = password.trim();
  if (password === '') {
    if (isHub)
      printNote(
        ctx,
        `A Personal Access Token (PAT) can be used instead.\nTo create a PAT, visit ${io.isTTY ? '\x1b[4mhttps://app.docker.com/settings\x1b[0m' : 'https://app.docker.com/settings'}\n\n`,
      );
    const p = await readInput(ctx, 'Password: ');
    if (p === INTERRUPTED) return INTERRUPTED;
    io.stdout.write('\n');
    if (p === '') throw new CliError('Error: Password Required', 1);
    password = p;
  }
  const status = await authenticate(ctx, user, password, server);
  store(ctx, server, user, password);
  io.stdout.write(status + '\n');
  return 0;
}

async function runLogout(ctx: RunContext): Promise<number> {
  const arg = ctx.args[0] ?? '';
  const server = arg === '' ? INDEX_SERVER : arg;
  const host = arg === '' ? server : server.replace(/^https?:\/\//, '').split('/')[0];
  ctx.io.stdout.write(`Removing login credentials for ${host}\n`);
  for (const r of arg === '' ? [server] : [server, host, `http://${host}`, `https://${host}`])
    eraseCredentials(ctx.io, r);
  return 0;
}

export const loginCommand: Partial<CommandSpec> = {
  long: 'Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.',
  args: { kind: 'max', n: 1 },
  flags: [
    { name: 'username', shorthand: 'u', kind: 'string', usage: 'Username' },
    { name: 'password', shorthand: 'p', kind: 'string', usage: 'Password or Personal Access Token (PAT)' },
    {
      name: 'password-stdin',
      kind: 'bool',
      usage: 'Take the Password or Personal Access Token (PAT) from stdin',
    },
  ],
  run: runLogin,
};

export const logoutCommand: Partial<CommandSpec> = {
  long: 'Log out from a registry.\nIf no server is specified, the default is defined by the daemon.',
  args: { kind: 'max', n: 1 },
  flags: [],
  run: runLogout,
};
