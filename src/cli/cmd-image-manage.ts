// `docker rmi` / `docker image rm`, `docker tag` / `docker image tag` and `docker image
// prune` (cli/command/image/remove.go, tag.go, prune.go; client/image_tag.go).

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { DaemonError, callJson, filtersJson } from './api-call';
import { isReferenceError, parseNormalizedNamed, tagNameOnly } from './reference';
import { humanSize } from './units';
import { INTERRUPTED } from './cmd-pull';

interface DeleteResponse {
  Untagged?: string;
  Deleted?: string;
}

async function runRemove(ctx: RunContext): Promise<number> {
  const force = ctx.flags.bool('force');
  const query: Record<string, string> = {};
  if (force) query.force = '1';
  if (ctx.flags.bool('no-prune')) query.noprune = '1';
  let fatal = false;
  const errs: string[] = [];
  for (const img of ctx.args) {
    try {
      const dels = ((await callJson(ctx.client, { method: 'DELETE', path: `/images/${img}`, query })) ??
        []) as DeleteResponse[];
      for (const d of dels)
        ctx.io.stdout.write(d.Deleted ? `Deleted: ${d.Deleted}\n` : `Untagged: ${d.Untagged ?? ''}\n`);
    } catch (e) {
      if (!(e instanceof DaemonError)) throw e;
      if (!e.notFound) fatal = true;
      errs.push(e.message);
    }
  }
  if (errs.length === 0) return 0;
  // with --force, images that were not there are reported but do not fail the command
  if (!force || fatal) throw new CliError(errs.join('\n'), 1);
  ctx.io.stderr.write(errs.join('\n') + '\n');
  return 0;
}

async function runTag(ctx: RunContext): Promise<number> {
  const [source, target] = ctx.args;
  const src = /^[a-f0-9]{64}$/.test(source) ? undefined : parseNormalizedNamed(source);
  if (src && isReferenceError(src))
    throw new CliError(
      `Error parsing reference: ${JSON.stringify(source)} is not a valid repository/tag: ${src.error}`,
      1,
    );
  const dst = parseNormalizedNamed(target);
  if (isReferenceError(dst))
    throw new CliError(
      `Error parsing reference: ${JSON.stringify(target)} is not a valid repository/tag: ${dst.error}`,
      1,
    );
  if (dst.digest !== undefined) throw new CliError('refusing to create a tag with a digest reference', 1);
  const ref = tagNameOnly(dst);
  await callJson(ctx.client, {
    method: 'POST',
    path: `/images/${source}/tag`,
    query: { repo: ref.name, tag: ref.tag ?? '' },
  });
  return 0;
}

const ALL_WARNING =
  'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?';
const DANGLING_WARNING = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?';

/** prompt.Confirm: true only for y/Y; Ctrl-C while waiting prints a newline and ends the command. */
export async function confirm(ctx: RunContext, message: string): Promise<boolean | typeof INTERRUPTED> {
  ctx.io.stdout.write(`${message} [y/N] `);
  if (!ctx.io.readLine) return false;
  let onInt: () => void = () => undefined;
  const interrupted = new Promise<typeof INTERRUPTED>((resolve) => (onInt = () => resolve(INTERRUPTED)));
  const off = ctx.io.interrupt?.onInterrupt(onInt);
  try {
    const answer = await Promise.race([ctx.io.readLine(), interrupted]);
    if (answer === INTERRUPTED) {
      ctx.io.stdout.write('\n');
      return INTERRUPTED;
    }
    return answer !== null && answer.trim().toLowerCase() === 'y';
  } finally {
    off?.();
  }
}

async function runPrune(ctx: RunContext): Promise<number> {
  const all = ctx.flags.bool('all');
  const pairs: Array<[string, string]> = ctx.flags
    .strings('filter')
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]);
  pairs.push(['dangling', String(!all)]);
  if (!ctx.flags.bool('force')) {
    const ok = await confirm(ctx, all ? ALL_WARNING : DANGLING_WARNING);
    if (ok === INTERRUPTED) return INTERRUPTED;
    // a "no" is a cancellation: Docker prints nothing more and exits 0
    if (!ok) return 0;
  }
  const report = (await callJson(ctx.client, {
    method: 'POST',
    path: '/images/prune',
    query: { filters: filtersJson(pairs) },
  })) as {
    ImagesDeleted: DeleteResponse[] | null;
    SpaceReclaimed: number;
  };
  let reclaimed = 0;
  const deleted = report?.ImagesDeleted ?? [];
  if (deleted.length > 0) {
    let out = 'Deleted Images:\n';
    for (const d of deleted)
      out += d.Untagged ? `untagged: ${d.Untagged}\n` : `deleted: ${d.Deleted ?? ''}\n`;
    ctx.io.stdout.write(out + '\n');
    reclaimed = report.SpaceReclaimed;
  }
  ctx.io.stdout.write(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  return 0;
}

export const removeCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Force removal of the image' },
    { name: 'no-prune', kind: 'bool', usage: 'Do not delete untagged parents' },
  ],
  run: runRemove,
};

export const tagCommand: Partial<CommandSpec> = {
  args: { kind: 'exact', n: 2 },
  flags: [],
  interspersed: false,
  run: runTag,
};

export const imagePruneCommand: Partial<CommandSpec> = {
  args: { kind: 'none' },
  flags: [
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
    { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Remove all unused images, not just dangling ones' },
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
  ],
  run: runPrune,
};
