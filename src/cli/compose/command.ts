// `docker compose` as the CLI plugin presents itself (cmd/compose of
// docker/compose v2.40): the root's flags (-f, -p, --project-directory,
// --ansi), which every subcommand takes as well, and the subcommands
// Stevedore runs — up, down, ps, logs, start, stop, config. The others are
// listed with compose's own descriptions and say plainly they are not simulated.
import type { CommandSpec, RunContext } from '../command';
import { CliError } from '../command';
import type { FlagSpec } from '../flags';
import type { FlagSet } from '../flags';
import { clientCwd } from '../run-options';
import { renderConfig } from './config';
import { loadProject } from './load';
import { composeDown, composeStart, composeStop, warn } from './lifecycle';
import { composeLogs } from './logs';
import type { Project } from './model';
import { composePs } from './ps';
import { ComposeError } from './schema';
import { composeUp, type ComposeContext } from './up';

const ROOT_FLAGS: FlagSpec[] = [
  {
    name: 'ansi',
    kind: 'string',
    usage: 'Control when to print ANSI control characters ("never"|"always"|"auto")',
    defValue: 'auto',
  },
  { name: 'file', shorthand: 'f', kind: 'stringArray', usage: 'Compose configuration files', defValue: '[]' },
  {
    name: 'project-directory',
    kind: 'string',
    usage:
      'Specify an alternate working directory\n(default: the path of the, first specified, Compose file)',
  },
  { name: 'project-name', shorthand: 'p', kind: 'string', usage: 'Project name' },
];

const timeout: FlagSpec = {
  name: 'timeout',
  shorthand: 't',
  kind: 'int',
  usage: 'Specify a shutdown timeout in seconds',
  defValue: '0',
};

/** A subcommand: its own flags plus the root's (cobra's persistent flags). */
const sub = (spec: CommandSpec): CommandSpec => ({ ...spec, flags: [...(spec.flags ?? []), ...ROOT_FLAGS] });

/** The project the flags point at, with compose's loading warnings printed. */
function project(ctx: RunContext, flags: FlagSet): Project {
  const io = ctx.io;
  try {
    const p = loadProject({
      fs: io.hostFs,
      cwd: clientCwd(io),
      env: io.env ?? {},
      files: flags.strings('file'),
      projectName: flags.changed('project-name') ? flags.string('project-name') : undefined,
      projectDirectory: flags.string('project-directory') || undefined,
    });
    for (const w of p.warnings) warn(composeContext(ctx), w);
    return p;
  } catch (e) {
    if (e instanceof ComposeError) throw new CliError(e.message, 1);
    throw e;
  }
}

function composeContext(ctx: RunContext): ComposeContext {
  return { client: ctx.client, io: ctx.io, now: () => ctx.now() };
}

function color(ctx: RunContext, flags: FlagSet): boolean {
  const ansi = flags.string('ansi');
  return !flags.bool('no-color') && (ansi === 'always' || (ansi !== 'never' && ctx.io.isTTY));
}

function optionalTimeout(flags: FlagSet): number | undefined {
  return flags.changed('timeout') ? flags.int('timeout') : undefined;
}

const up = sub({
  use: 'up [OPTIONS] [SERVICE...]',
  short: 'Create and start containers',
  flags: [
    {
      name: 'detach',
      shorthand: 'd',
      kind: 'bool',
      usage: 'Detached mode: Run containers in the background',
    },
    {
      name: 'force-recreate',
      kind: 'bool',
      usage: "Recreate containers even if their configuration and image haven't changed",
    },
    { name: 'no-color', kind: 'bool', usage: 'Produce monochrome output' },
    { name: 'no-log-prefix', kind: 'bool', usage: "Don't print prefix in logs" },
    {
      name: 'no-recreate',
      kind: 'bool',
      usage: "If containers already exist, don't recreate them. Incompatible with --force-recreate.",
    },
    { name: 'no-start', kind: 'bool', usage: "Don't start the services after creating them" },
    {
      name: 'pull',
      kind: 'string',
      usage: 'Pull image before running ("always"|"missing"|"never")',
      defValue: 'policy',
    },
    { name: 'quiet-pull', kind: 'bool', usage: 'Pull without printing progress information' },
    {
      name: 'remove-orphans',
      kind: 'bool',
      usage: 'Remove containers for services not defined in the Compose file',
    },
    {
      ...timeout,
      usage:
        'Use this timeout in seconds for container shutdown when attached or when containers are already running',
    },
    { name: 'timestamps', kind: 'bool', usage: 'Show timestamps' },
  ],
  run: async (ctx) => {
    const f = ctx.flags;
    if (f.bool('force-recreate') && f.bool('no-recreate'))
      throw new CliError('--force-recreate and --no-recreate are incompatible', 1);
    const pull = f.string('pull');
    if (!['policy', 'always', 'missing', 'never'].includes(pull))
      throw new CliError(`invalid --pull option "${pull}"`, 1);
    return composeUp(composeContext(ctx), project(ctx, f), {
      detach: f.bool('detach'),
      pull: pull as 'policy',
      quietPull: f.bool('quiet-pull'),
      noStart: f.bool('no-start'),
      forceRecreate: f.bool('force-recreate'),
      noRecreate: f.bool('no-recreate'),
      removeOrphans: f.bool('remove-orphans'),
      timeout: optionalTimeout(f),
      services: ctx.args,
      log: { color: color(ctx, f), prefix: !f.bool('no-log-prefix'), timestamps: f.bool('timestamps') },
    });
  },
});

const down = sub({
  use: 'down [OPTIONS] [SERVICES]',
  short: 'Stop and remove containers, networks',
  flags: [
    {
      name: 'remove-orphans',
      kind: 'bool',
      usage: 'Remove containers for services not defined in the Compose file',
    },
    timeout,
    {
      name: 'volumes',
      shorthand: 'v',
      kind: 'bool',
      usage:
        'Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers',
    },
  ],
  run: (ctx) =>
    composeDown(composeContext(ctx), project(ctx, ctx.flags), {
      volumes: ctx.flags.bool('volumes'),
      timeout: optionalTimeout(ctx.flags),
      removeOrphans: ctx.flags.bool('remove-orphans'),
    }),
});

const ps = sub({
  use: 'ps [OPTIONS] [SERVICE...]',
  short: 'List containers',
  flags: [
    {
      name: 'all',
      shorthand: 'a',
      kind: 'bool',
      usage: 'Show all stopped containers (including those created by the run command)',
    },
    { name: 'format', kind: 'string', usage: 'Format output using a custom template', defValue: 'table' },
    { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
    { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Only display IDs' },
    { name: 'services', kind: 'bool', usage: 'Display services' },
    {
      name: 'status',
      kind: 'stringArray',
      usage:
        'Filter services by status. Values: [paused | restarting | removing | running | dead | created | exited]',
      defValue: '[]',
    },
  ],
  run: (ctx) =>
    composePs(composeContext(ctx), project(ctx, ctx.flags), {
      all: ctx.flags.bool('all'),
      quiet: ctx.flags.bool('quiet'),
      services: ctx.flags.bool('services'),
      status: ctx.flags.strings('status'),
      format: ctx.flags.string('format'),
      noTrunc: ctx.flags.bool('no-trunc'),
      names: ctx.args,
    }),
});

const logs = sub({
  use: 'logs [OPTIONS] [SERVICE...]',
  short: 'View output from containers',
  flags: [
    { name: 'follow', shorthand: 'f', kind: 'bool', usage: 'Follow log output' },
    { name: 'no-color', kind: 'bool', usage: 'Produce monochrome output' },
    { name: 'no-log-prefix', kind: 'bool', usage: "Don't print prefix in logs" },
    {
      name: 'since',
      kind: 'string',
      usage: 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)',
    },
    {
      name: 'tail',
      shorthand: 'n',
      kind: 'string',
      usage: 'Number of lines to show from the end of the logs for each container',
      defValue: 'all',
    },
    { name: 'timestamps', shorthand: 't', kind: 'bool', usage: 'Show timestamps' },
    {
      name: 'until',
      kind: 'string',
      usage: 'Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)',
    },
  ],
  run: (ctx) =>
    composeLogs(composeContext(ctx), project(ctx, ctx.flags), {
      follow: ctx.flags.bool('follow'),
      tail: ctx.flags.string('tail'),
      since: ctx.flags.string('since'),
      until: ctx.flags.string('until'),
      timestamps: ctx.flags.bool('timestamps'),
      color: color(ctx, ctx.flags),
      prefix: !ctx.flags.bool('no-log-prefix'),
      services: ctx.args,
    }),
});

const start = sub({
  use: 'start [SERVICE...]',
  short: 'Start services',
  run: (ctx) => composeStart(composeContext(ctx), project(ctx, ctx.flags), ctx.args),
});

const stop = sub({
  use: 'stop [OPTIONS] [SERVICE...]',
  short: 'Stop services',
  flags: [timeout],
  run: (ctx) =>
    composeStop(composeContext(ctx), project(ctx, ctx.flags), ctx.args, optionalTimeout(ctx.flags)),
});

const config = sub({
  use: 'config [OPTIONS] [SERVICE...]',
  short: 'Parse, resolve and render compose file in canonical format',
  aliases: ['convert'],
  flags: [
    { name: 'format', kind: 'string', usage: 'Format the output. Values: [yaml | json]' },
    { name: 'images', kind: 'bool', usage: 'Print the image names, one per line.' },
    { name: 'networks', kind: 'bool', usage: 'Print the network names, one per line.' },
    {
      name: 'quiet',
      shorthand: 'q',
      kind: 'bool',
      usage: "Only validate the configuration, don't print anything",
    },
    { name: 'services', kind: 'bool', usage: 'Print the service names, one per line.' },
    { name: 'volumes', kind: 'bool', usage: 'Print the volume names, one per line.' },
  ],
  run: async (ctx) => {
    const f = ctx.flags;
    const format = f.string('format') || 'yaml';
    if (format !== 'yaml' && format !== 'json') throw new CliError(`unsupported format "${format}"`, 1);
    const p = project(ctx, f);
    if (f.bool('quiet')) return 0;
    const list = (['services', 'volumes', 'networks', 'images'] as const).find((k) => f.bool(k));
    ctx.io.stdout.write(renderConfig(p, { format, quiet: false, list }));
    return 0;
  },
});

/** compose's other commands: listed, not simulated (yet). */
const NOT_SIMULATED: Array<[string, string]> = [
  [
    'attach [OPTIONS] SERVICE',
    "Attach local standard input, output, and error streams to a service's running container",
  ],
  ['build [OPTIONS] [SERVICE...]', 'Build or rebuild services'],
  [
    'cp [OPTIONS] SERVICE:SRC_PATH DEST_PATH|-',
    'Copy files/folders between a service container and the local filesystem',
  ],
  ['create [OPTIONS] [SERVICE...]', 'Creates containers for a service'],
  ['events [OPTIONS] [SERVICE...]', 'Receive real time events from containers'],
  ['exec [OPTIONS] SERVICE COMMAND [ARGS...]', 'Execute a command in a running container'],
  ['images [OPTIONS] [SERVICE...]', 'List images used by the created containers'],
  ['kill [OPTIONS] [SERVICE...]', 'Force stop service containers'],
  ['ls [OPTIONS]', 'List running compose projects'],
  ['pause [SERVICE...]', 'Pause services'],
  ['port [OPTIONS] SERVICE PRIVATE_PORT', 'Print the public port for a port binding'],
  ['pull [OPTIONS] [SERVICE...]', 'Pull service images'],
  ['restart [OPTIONS] [SERVICE...]', 'Restart service containers'],
  ['rm [OPTIONS] [SERVICE...]', 'Removes stopped service containers'],
  ['run [OPTIONS] SERVICE [COMMAND] [ARGS...]', 'Run a one-off command on a service'],
  ['top [SERVICES...]', 'Display the running processes'],
  ['unpause [SERVICE...]', 'Unpause services'],
  ['version [OPTIONS]', 'Show the Docker Compose version information'],
  ['wait SERVICE [SERVICE...] [OPTIONS]', 'Block until containers of all (or specified) services stop.'],
];

/** The `docker compose` command with its subcommands, for DOCKER_IMPLEMENTATIONS['compose']. */
export const composeCommand: Partial<CommandSpec> = {
  use: 'compose [OPTIONS] COMMAND',
  short: 'Docker Compose',
  long: 'Define and run multi-container applications with Docker',
  flags: ROOT_FLAGS,
  interspersed: false,
  children: [
    ...[config, down, logs, ps, start, stop, up],
    ...NOT_SIMULATED.map(([use, short]) => sub({ use, short })),
  ].sort((a, b) => (a.use < b.use ? -1 : 1)),
  args: { kind: 'any' },
  // flags before the subcommand (`docker compose -f x.yaml up`) end up here: find the subcommand and run it
  run: async (ctx) => {
    const [name, ...rest] = ctx.args;
    const help = ctx.cmd.usage(ctx.io.isTTY && ctx.io.columns > 0 ? ctx.io.columns : 80, ctx.io.isTTY);
    if (name === undefined) {
      ctx.io.stdout.write(help);
      return 0;
    }
    const child = ctx.cmd.findChild(name);
    if (!child) throw new CliError(`unknown docker command: "compose ${name}"`, 1);
    if (!child.spec.run) {
      ctx.io.stderr.write(`Stevedore does not simulate '${child.commandPath()}' yet.\n`);
      return 1;
    }
    const flags = child.flagSet();
    const err = flags.parse([
      ...ctx.flags.strings('file').flatMap((f) => ['-f', f]),
      ...rootValues(ctx.flags),
      ...rest,
    ]);
    if (err) throw child.flagError(err);
    if (flags.bool('help')) {
      ctx.io.stdout.write(
        child.usage(ctx.io.isTTY && ctx.io.columns > 0 ? ctx.io.columns : 80, ctx.io.isTTY),
      );
      return 0;
    }
    return child.spec.run({ ...ctx, cmd: child, flags, args: flags.args, calledAs: name });
  },
};

/** The root's single-valued flags, passed on to the subcommand. */
function rootValues(flags: FlagSet): string[] {
  const out: string[] = [];
  for (const n of ['ansi', 'project-directory', 'project-name'])
    if (flags.changed(n)) out.push(`--${n}=${flags.string(n)}`);
  return out;
}
