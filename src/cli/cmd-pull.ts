// `docker pull` / `docker image pull` (cli/command/image/pull.go, trust.go): parse the
// reference, POST /images/create, render the progress stream, print the full reference.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { callStream } from './api-call';
import { JsonMessageRenderer } from './jsonmessage';
import { isReferenceError, parseNormalizedNamed, referenceString, tagNameOnly } from './reference';
import type { NamedRef } from './reference';
import type { ApiStream, JsonMessage, EngineClient } from '../core/daemon/api';
import type { CommandIO } from './io';

/**
 * The POST /images/create query the client library builds for a reference (client/image_pull.go);
 * `all` (pull --all-tags) sends no tag, and the daemon pulls every tag of the repository.
 */
export function pullQuery(ref: NamedRef, platform?: string, all = false): Record<string, string> {
  const q: Record<string, string> = all
    ? { fromImage: ref.name }
    : { fromImage: ref.name, tag: ref.digest ?? ref.tag ?? 'latest' };
  if (platform) q.platform = platform.toLowerCase();
  return q;
}

/** Exit code of a command stopped by Ctrl-C: 128 + SIGINT, printing nothing (cmd/docker/docker.go). */
export const INTERRUPTED = 130;

/**
 * Render a pull stream to `out` (jsonstream.Display). Resolves to the stream's error text,
 * `INTERRUPTED` when Ctrl-C cancelled it, or undefined when it completed.
 */
export async function displayStream(
  stream: ApiStream<JsonMessage>,
  io: CommandIO,
  write: ((s: string) => void) | undefined,
  isTerminal: boolean,
): Promise<string | typeof INTERRUPTED | undefined> {
  const renderer = new JsonMessageRenderer(write ?? (() => undefined), isTerminal, io.columns);
  let interrupted = io.interrupt?.interrupted ?? false;
  const off = io.interrupt?.onInterrupt(() => {
    interrupted = true;
    stream.cancel();
  });
  try {
    if (interrupted) {
      stream.cancel();
      return INTERRUPTED;
    }
    for await (const msg of stream) {
      if (interrupted) break;
      const err = renderer.display(msg);
      if (err !== undefined) {
        stream.cancel();
        return err;
      }
    }
    return interrupted ? INTERRUPTED : undefined;
  } finally {
    off?.();
  }
}

/** --platform, whose default is $DOCKER_DEFAULT_PLATFORM (addPlatformFlag). */
export function platformFlag(ctx: RunContext): string {
  if (ctx.flags.changed('platform')) return ctx.flags.string('platform');
  return ctx.io.env?.DOCKER_DEFAULT_PLATFORM ?? '';
}

export async function pullImage(
  client: EngineClient,
  ref: NamedRef,
  platform?: string,
  all = false,
): Promise<ApiStream<JsonMessage>> {
  return callStream(client, {
    method: 'POST',
    path: '/images/create',
    query: pullQuery(ref, platform, all),
  });
}

async function runPull(ctx: RunContext): Promise<number> {
  const { io, flags } = ctx;
  const quiet = flags.bool('quiet');
  const parsed = parseNormalizedNamed(ctx.args[0]);
  if (isReferenceError(parsed)) throw new CliError(parsed.error, 1);
  let ref = parsed;
  const all = flags.bool('all-tags');
  const nameOnly = ref.tag === undefined && ref.digest === undefined;
  if (all && !nameOnly) throw new CliError("tag can't be used with --all-tags/-a", 1);
  if (!all && nameOnly) {
    ref = tagNameOnly(ref);
    if (!quiet) io.stdout.write(`Using default tag: ${ref.tag}\n`);
  }
  const stream = await pullImage(ctx.client, ref, platformFlag(ctx) || undefined, all);
  const result = await displayStream(stream, io, quiet ? undefined : (s) => io.stdout.write(s), io.isTTY);
  if (result === INTERRUPTED) return INTERRUPTED;
  if (result !== undefined) throw new CliError(result, 1);
  io.stdout.write(referenceString(ref) + '\n');
  return 0;
}

export const pullCommand: Partial<CommandSpec> = {
  args: { kind: 'exact', n: 1 },
  flags: [
    {
      name: 'all-tags',
      shorthand: 'a',
      kind: 'bool',
      usage: 'Download all tagged images in the repository',
    },
    { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Suppress verbose output' },
    { name: 'platform', kind: 'string', usage: 'Set platform if server is multi-platform capable' },
    { name: 'disable-content-trust', kind: 'bool', usage: 'Skip image verification', defValue: 'true' },
  ],
  run: runPull,
};
