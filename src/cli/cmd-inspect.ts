// `docker image inspect` and the generic `docker inspect` (cli/command/image/inspect.go,
// cli/command/system/inspect.go): fetch each reference, then the inspector's output.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { DaemonError, callJson } from './api-call';
import { checkInspectFormat, renderInspect } from './inspect-json';
import type { InspectElement } from './inspect-json';
import type { FlagSpec } from './flags';
import { containerInspectResponse, imageInspectResponse, volumeType } from './api-types';
import { networkInspect } from './api-types-network';
import type { GoType } from './go-value';
import type { EngineClient } from '../core/daemon/api';

export const INSPECT_FORMAT_HELP = `Format output using a custom template:
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

const ALL_TYPES = [
  'config',
  'container',
  'image',
  'network',
  'node',
  'plugin',
  'secret',
  'service',
  'task',
  'volume',
];

type Lookup = InspectElement | { error: string; skippable?: boolean };

async function inspectOne(
  client: EngineClient,
  path: string,
  query: Record<string, string> | undefined,
  type?: GoType,
  noRaw = false,
): Promise<Lookup> {
  try {
    const raw = await callJson(client, { method: 'GET', path, query });
    return noRaw ? { raw, type, noRaw } : { raw, type };
  } catch (e) {
    // errdefs.IsNotFound, or the other errors isErrSkippable lets `docker inspect` move past
    if (e instanceof DaemonError)
      return {
        error: e.message,
        skippable: e.notFound || /not supported|invalid reference format/.test(e.message),
      };
    throw e;
  }
}

function report(ctx: RunContext, r: { stdout: string; errors: string[]; exitCode?: number }): number {
  ctx.io.stdout.write(r.stdout);
  if (r.errors.length) {
    ctx.io.stderr.write(r.errors.join('\n') + '\n');
    return r.exitCode ?? 1;
  }
  return 0;
}

// names go into the path as typed (the client does not escape them; the router matches {name:.*})
const enc = (s: string): string => s;

function output(ctx: RunContext, items: Lookup[]): number {
  return report(ctx, renderInspect(items, ctx.flags.string('format')));
}

/** A bad template fails before anything is looked up. */
function badFormat(ctx: RunContext): number | undefined {
  const r = checkInspectFormat(ctx.flags.string('format'));
  return r ? report(ctx, r) : undefined;
}

async function runImageInspect(ctx: RunContext): Promise<number> {
  const bad = badFormat(ctx);
  if (bad !== undefined) return bad;
  const platform = ctx.flags.string('platform');
  const query = platform ? { platform: JSON.stringify(parsePlatform(platform)) } : undefined;
  const items: Lookup[] = [];
  for (const ref of ctx.args)
    items.push(await inspectOne(ctx.client, `/images/${enc(ref)}/json`, query, imageInspectResponse));
  return output(ctx, items);
}

function parsePlatform(p: string): Record<string, string> {
  const [os, architecture, variant] = p.toLowerCase().split('/');
  return { architecture: architecture ?? '', os, ...(variant ? { variant } : {}) };
}

/** The object kinds `docker inspect` tries in order; swarm kinds only on a swarm manager. */
const searchers: Array<{
  type: string;
  swarm?: boolean;
  path: (ref: string) => string;
  query?: (size: boolean) => Record<string, string> | undefined;
  goType?: GoType;
}> = [
  {
    type: 'container',
    path: (r) => `/containers/${enc(r)}/json`,
    query: (size) => (size ? { size: '1' } : undefined),
    goType: containerInspectResponse,
  },
  { type: 'image', path: (r) => `/images/${enc(r)}/json`, goType: imageInspectResponse },
  { type: 'network', path: (r) => `/networks/${enc(r)}`, goType: networkInspect },
  { type: 'volume', path: (r) => `/volumes/${enc(r)}`, goType: volumeType },
  {
    type: 'service',
    swarm: true,
    path: (r) => `/services/${enc(r)}`,
    query: () => ({ insertDefaults: '1' }),
  },
  { type: 'task', swarm: true, path: (r) => `/tasks/${enc(r)}` },
  { type: 'node', swarm: true, path: (r) => `/nodes/${enc(r)}` },
  { type: 'plugin', path: (r) => `/plugins/${enc(r)}/json` },
  { type: 'secret', swarm: true, path: (r) => `/secrets/${enc(r)}` },
  { type: 'config', swarm: true, path: (r) => `/configs/${enc(r)}` },
];

async function runInspect(ctx: RunContext): Promise<number> {
  const { flags } = ctx;
  const objectType = flags.string('type');
  if (flags.changed('type') && objectType === '') {
    throw new CliError(`type is empty: must be one of "${ALL_TYPES.join('", "')}"`, 1);
  }
  if (objectType !== '' && !ALL_TYPES.includes(objectType)) {
    throw new CliError(
      `unknown type: ${JSON.stringify(objectType)}: must be one of "${ALL_TYPES.join('", "')}"`,
      1,
    );
  }
  const bad = badFormat(ctx);
  if (bad !== undefined) return bad;
  const size = flags.bool('size');
  let swarm: boolean | undefined;
  const isSwarmManager = async (): Promise<boolean> => {
    try {
      const info = (await callJson(ctx.client, { method: 'GET', path: '/info' })) as {
        Swarm?: { ControlAvailable?: boolean };
      };
      return info?.Swarm?.ControlAvailable === true;
    } catch (e) {
      // a daemon without /info is simply not a swarm manager here
      if (e instanceof DaemonError) return false;
      throw e;
    }
  };
  const items: Lookup[] = [];
  for (const ref of ctx.args) {
    let found: Lookup | undefined;
    for (const s of searchers) {
      if (objectType !== '' && s.type !== objectType) continue;
      if (objectType === '' && s.swarm) {
        if (swarm === undefined) swarm = await isSwarmManager();
        if (!swarm) continue;
      }
      const r = await inspectOne(ctx.client, s.path(ref), s.query?.(size), s.goType);
      if ('error' in r) {
        if (objectType === '' && r.skippable) continue;
        found = r;
        break;
      }
      if (size && s.type !== 'container') ctx.io.stderr.write(`WARNING: --size ignored for ${s.type}\n`);
      found = r;
      break;
    }
    items.push(found ?? { error: `Error: No such object: ${ref}` });
  }
  return output(ctx, items);
}

const formatFlag: FlagSpec = { name: 'format', shorthand: 'f', kind: 'string', usage: INSPECT_FORMAT_HELP };

export const imageInspectCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: [
    formatFlag,
    {
      name: 'platform',
      kind: 'string',
      usage: `Inspect a specific platform of the multi-platform image.
If the image or the server is not multi-platform capable, the command will error out if the platform does not match.
'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)`,
    },
  ],
  run: runImageInspect,
};

export const inspectCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: [
    formatFlag,
    { name: 'type', kind: 'string', usage: 'Only inspect objects of the given type' },
    {
      name: 'size',
      shorthand: 's',
      kind: 'bool',
      usage: 'Display total file sizes if the type is container',
    },
  ],
  run: runInspect,
};

/**
 * `docker container inspect`, `docker volume inspect`, `docker network inspect`: one
 * kind of object, its path, and the Go type the CLI decodes it into (if typed).
 */
export function objectInspectCommand(
  path: (name: string) => string,
  goType?: GoType,
  opts: { size?: boolean; verbose?: boolean; noRaw?: boolean } = {},
): Partial<CommandSpec> {
  const flags: FlagSpec[] = [formatFlag];
  if (opts.size)
    flags.push({ name: 'size', shorthand: 's', kind: 'bool', usage: 'Display total file sizes' });
  if (opts.verbose)
    flags.push({ name: 'verbose', shorthand: 'v', kind: 'bool', usage: 'Verbose output for diagnostics' });
  return {
    args: { kind: 'min', n: 1 },
    flags,
    run: async (ctx) => {
      const bad = badFormat(ctx);
      if (bad !== undefined) return bad;
      const query: Record<string, string> = {};
      if (opts.size && ctx.flags.bool('size')) query.size = '1';
      if (opts.verbose && ctx.flags.bool('verbose')) query.verbose = 'true';
      const items: Lookup[] = [];
      for (const name of ctx.args)
        items.push(await inspectOne(ctx.client, path(enc(name)), query, goType, opts.noRaw));
      return output(ctx, items);
    },
  };
}

export const containerInspectCommand = objectInspectCommand(
  (n) => `/containers/${n}/json`,
  containerInspectResponse,
  { size: true },
);
