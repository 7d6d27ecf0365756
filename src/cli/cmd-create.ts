// `docker create` / `docker container create` and the container creation that `run`
// shares with it (cli/command/container/create.go): pull policy, POST /containers/create,
// the implicit pull on "No such image" (progress on stderr), warnings, the ID on stdout.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { DaemonError, callJson } from './api-call';
import { INTERRUPTED, displayStream, platformFlag, pullImage } from './cmd-pull';
import { clientPlatformQuery, parsePlatform } from '../core/image/platform';
import { familiarString, isReferenceError, parseNormalizedNamed, tagNameOnly } from './reference';
import type { NamedRef } from './reference';
import { CREATE_FLAGS } from './run-flags';
import { buildCreateBody } from './run-options';
import type { CreateBody } from './run-options';

export interface CreateOptions {
  name: string;
  pull: string;
  quiet: boolean;
  platform: string;
}

/** Ctrl-C stopped the command (a pull in progress): exit 130, nothing more printed. */
export class Interrupted extends Error {}

/** cli.StatusError with docker's `withHelp` trailer: `docker: <err>` + the --help hint. */
export function withHelp(message: string, command: string, code: number): CliError {
  return new CliError(`docker: ${message}\n\nRun 'docker ${command} --help' for more information`, code);
}

/** validatePullOpt */
export function pullOptionError(pull: string): string | undefined {
  if (['always', 'missing', 'never', ''].includes(pull)) return undefined;
  return `invalid pull option: '${pull}': must be one of "always", "missing" or "never"`;
}

export function createOptions(ctx: RunContext): CreateOptions {
  return {
    name: ctx.flags.string('name'),
    pull: ctx.flags.string('pull'),
    quiet: ctx.flags.bool('quiet'),
    platform: platformFlag(ctx),
  };
}

/** reference.ParseAnyReference: a full ID or digest is not a name (and is never pulled). */
function namedReference(image: string): NamedRef | undefined {
  if (/^[a-f0-9]{64}$/.test(image) || /^sha256:[a-f0-9]{64}$/.test(image)) return undefined;
  const r = parseNormalizedNamed(image);
  if (isReferenceError(r)) throw new CliError(r.error, 1);
  return tagNameOnly(r);
}

/** pullImage of create.go: the progress goes to stderr (nowhere with -q) and is not followed by the reference. */
async function pullForCreate(ctx: RunContext, ref: NamedRef, opts: CreateOptions): Promise<void> {
  const stream = await pullImage(ctx.client, ref, opts.platform || undefined);
  const write = opts.quiet ? undefined : (s: string) => ctx.io.stderr.write(s);
  const result = await displayStream(stream, ctx.io, write, ctx.io.isTTY);
  if (result === INTERRUPTED) throw new Interrupted();
  if (result !== undefined) throw new CliError(result, 1);
}

/** createContainer: resolves to the new container's ID; daemon and pull errors are thrown as the client reports them. */
export async function createContainer(
  ctx: RunContext,
  body: CreateBody,
  opts: CreateOptions,
): Promise<string> {
  const ref = namedReference(body.Image);
  // the client parses --platform itself and sends it normalised (`arm64` -> `linux/arm64`)
  let platform = '';
  if (opts.platform !== '') {
    const p = parsePlatform(opts.platform);
    if (!p.ok) throw new CliError(`error parsing specified platform: ${p.message}`, 1);
    platform = clientPlatformQuery(p.value);
  }
  if (opts.pull === 'always' && ref) await pullForCreate(ctx, ref, opts);
  const query: Record<string, string> = {};
  if (platform !== '') query.platform = platform;
  if (opts.name !== '') query.name = opts.name;
  const create = async () =>
    (await callJson(ctx.client, { method: 'POST', path: '/containers/create', query, body })) as {
      Id: string;
      Warnings: string[] | null;
    };
  let res: { Id: string; Warnings: string[] | null };
  try {
    res = await create();
  } catch (e) {
    if (!(e instanceof DaemonError && e.notFound && ref && opts.pull === 'missing')) throw e;
    if (!opts.quiet) ctx.io.stderr.write(`Unable to find image '${familiarString(ref)}' locally\n`);
    await pullForCreate(ctx, ref, opts);
    res = await create();
  }
  for (const w of res.Warnings ?? []) ctx.io.stderr.write(`WARNING: ${w}\n`);
  return res.Id;
}

async function runCreate(ctx: RunContext): Promise<number> {
  const opts = createOptions(ctx);
  const pullErr = pullOptionError(opts.pull);
  if (pullErr) throw withHelp(pullErr, 'create', 125);
  const body = buildCreateBody(ctx.flags, ctx.args[0], ctx.args.slice(1), ctx.io);
  if ('error' in body) throw withHelp(body.error, 'create', 125);
  try {
    const id = await createContainer(ctx, body, opts);
    ctx.io.stdout.write(id + '\n');
    return 0;
  } catch (e) {
    if (e instanceof Interrupted) return INTERRUPTED;
    throw e;
  }
}

export const createCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: CREATE_FLAGS,
  interspersed: false,
  run: runCreate,
};
