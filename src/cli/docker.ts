// The `docker` program: argv -> the command tree (cobra/pflag rules, docker's usage
// errors and exit codes) -> Engine API requests -> text. Commands Stevedore does not
// simulate yet say so plainly instead of pretending.

import type { EngineClient } from '../core/daemon/api';
import type { CommandIO } from './io';
import type { CommandSpec, RunContext } from './command';
import { CliError, Command } from './command';
import { DOCKER_COMMANDS } from './command-table';
import { FlagSet } from './flags';
import { HELP_FLAG } from './command';
import { pullCommand } from './cmd-pull';
import { imagesCommand } from './cmd-images';
import { imageInspectCommand, inspectCommand } from './cmd-inspect';
import { historyCommand } from './cmd-history';
import { imagePruneCommand, removeCommand, tagCommand } from './cmd-image-manage';
import { READ_COMMANDS } from './read-commands';
import { CLIENT_GIT_COMMIT, CLIENT_VERSION } from './client-version';
import { CONTAINER_COMMANDS } from './container-commands';
import { composeCommand } from './compose/command';
import { ClientConnection } from './client-connection';

export { CLIENT_GIT_COMMIT, CLIENT_VERSION };

/** Behaviour attached to command paths (a root shortcut and its `docker image …` twin share one). */
export const DOCKER_IMPLEMENTATIONS: Record<string, Partial<CommandSpec>> = {
  pull: pullCommand,
  'image pull': pullCommand,
  images: imagesCommand,
  'image ls': imagesCommand,
  inspect: inspectCommand,
  'image inspect': imageInspectCommand,
  history: historyCommand,
  'image history': historyCommand,
  rmi: removeCommand,
  'image rm': removeCommand,
  tag: tagCommand,
  'image tag': tagCommand,
  'image prune': imagePruneCommand,
  ...READ_COMMANDS,
  ...CONTAINER_COMMANDS,
  compose: composeCommand,
};

/** Plugins a standard Docker Engine install ships (docker-compose-plugin, docker-buildx-plugin). */
const PLUGINS: CommandSpec[] = [
  { use: 'buildx', short: 'Docker Buildx', hidden: true },
  { use: 'compose', short: 'Docker Compose', hidden: true },
];

function attach(spec: CommandSpec, path: string, impls: Record<string, Partial<CommandSpec>>): CommandSpec {
  const impl = impls[path];
  const children = spec.children?.map((c) => attach(c, `${path} ${c.use.split(' ')[0]}`, impls));
  return { ...spec, ...(impl ?? {}), ...(children ? { children } : {}) };
}

/** The root `docker` command with every subcommand. */
export function buildDockerCommand(
  impls: Record<string, Partial<CommandSpec>> = DOCKER_IMPLEMENTATIONS,
): Command {
  return new Command({
    use: 'docker [OPTIONS] COMMAND [ARG...]',
    short: 'A self-sufficient runtime for containers',
    flags: [{ name: 'version', shorthand: 'v', kind: 'bool', usage: 'Print version information and quit' }],
    children: [...DOCKER_COMMANDS, ...PLUGINS].map((c) => attach(c, c.use.split(' ')[0], impls)),
  });
}

/** The help text width: docker asks the terminal on stdin, 80 columns otherwise. */
function helpColumns(io: CommandIO): number {
  return io.isTTY && io.columns > 0 ? io.columns : 80;
}

async function execute(root: Command, argv: string[], io: CommandIO, client: EngineClient): Promise<number> {
  // global flags first, up to the first command word (HandleGlobalFlags, SetInterspersed(false))
  const global = new FlagSet([...(root.spec.flags ?? []), HELP_FLAG], false);
  const gerr = global.parse(argv);
  if (gerr) throw root.flagError(gerr);
  if (global.bool('version')) {
    io.stdout.write(`Docker version ${CLIENT_VERSION}, build ${CLIENT_GIT_COMMIT}\n`);
    return 0;
  }
  const args = global.args;
  const cols = helpColumns(io);
  if (args.length === 0) {
    // `docker` alone shows help on stderr; `docker --help` on stdout
    (global.bool('help') ? io.stdout : io.stderr).write(root.usage(cols, io.isTTY));
    return 0;
  }

  if (args[0] === 'help') {
    let target = root;
    let i = 1;
    while (i < args.length) {
      const next = target.findChild(args[i]);
      if (!next) throw new CliError(`unknown help topic: ${args.slice(i).join(' ')}`, 1);
      target = next;
      i++;
    }
    io.stdout.write(
      target.spec.run || target.hasSubCommands() ? target.usage(cols, io.isTTY) : notSimulated(target),
    );
    return 0;
  }

  // walk down the command words (cobra Find/Traverse)
  let cmd = root;
  let i = 0;
  let calledAs = '';
  while (cmd.hasSubCommands() && i < args.length && !args[i].startsWith('-')) {
    const next = cmd.findChild(args[i]);
    if (!next) break;
    calledAs = args[i];
    cmd = next;
    i++;
  }
  if (cmd === root)
    throw new CliError(
      `docker: unknown command: docker ${args[0]}\n\nRun 'docker --help' for more information`,
      1,
    );
  if (!cmd.spec.run && !cmd.hasSubCommands()) {
    // Without its flag table we cannot parse flags, but a plain wrong argument count
    // gets Docker's own usage error.
    const rest = args.slice(i);
    if (!rest.some((a) => a.startsWith('-'))) {
      const aerr = cmd.validateArgs(rest);
      if (aerr) throw new CliError(aerr, 1);
    }
    io.stderr.write(notSimulated(cmd));
    return 1;
  }

  const flags = cmd.flagSet();
  const ferr = flags.parse(args.slice(i));
  if (ferr) throw cmd.flagError(ferr);
  for (const n of flags.notices) io.stdout.write(n);
  if (flags.bool('help')) {
    io.stdout.write(cmd.usage(cols, io.isTTY));
    return 0;
  }
  const aerr = cmd.validateArgs(flags.args);
  if (aerr) throw new CliError(aerr, 1);
  if (!cmd.spec.run) {
    // management commands run bare print their help to stderr (command.ShowHelp)
    io.stderr.write(cmd.usage(cols, io.isTTY));
    return 0;
  }
  const ctx: RunContext = {
    cmd,
    flags,
    args: flags.args,
    io,
    client,
    calledAs,
    now: () => (io.now ? io.now() : Date.now()),
  };
  return cmd.spec.run(ctx);
}

function notSimulated(cmd: Command): string {
  return `Stevedore does not simulate '${cmd.commandPath()}' yet.\n`;
}

/** The tree of the docker program itself: built once, as nothing in it changes between runs. */
let dockerRoot: Command | undefined;

/** Run `docker ARGS…`; resolves to the exit code. Errors go to stderr as the real CLI prints them. */
export async function runDocker(argv: string[], io: CommandIO, client: EngineClient): Promise<number> {
  // the command's end is the process's: what the daemon still does for it stops
  const connection = client instanceof ClientConnection ? client : new ClientConnection(client);
  try {
    return await execute((dockerRoot ??= buildDockerCommand()), argv, io, connection);
  } catch (e) {
    if (e instanceof CliError) {
      if (e.message !== '') io.stderr.write(e.message + '\n');
      return e.code;
    }
    throw e;
  } finally {
    connection.hangUp();
  }
}
