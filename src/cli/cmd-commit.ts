// `docker commit` / `docker container commit` (cli/command/container/commit.go,
// client/container_commit.go): POST /commit with the container, repo, tag,
// comment, author, changes and pause, then the new image's ID.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { callJson } from './api-call';
import { isReferenceError, parseNormalizedNamed, tagNameOnly } from './reference';

async function runCommit(ctx: RunContext): Promise<number> {
  const { flags } = ctx;
  const [container, reference] = ctx.args;
  let repo = '';
  let tag = '';
  if (reference !== undefined && reference !== '') {
    const ref = parseNormalizedNamed(reference);
    if (isReferenceError(ref)) throw new CliError(ref.error, 1);
    if (ref.digest !== undefined) throw new CliError('refusing to create a tag with a digest reference', 1);
    const t = tagNameOnly(ref);
    tag = t.tag ?? '';
    repo = t.name;
  }
  const query: Record<string, string> = {
    container,
    repo,
    tag,
    comment: flags.string('message'),
    author: flags.string('author'),
  };
  // repeated `changes` parameters travel as one value, lines joined: the daemon joins them so anyway
  const changes = flags.strings('change');
  if (changes.length > 0) query.changes = changes.join('\n');
  if (!flags.bool('pause')) query.pause = '0';
  const res = (await callJson(ctx.client, { method: 'POST', path: '/commit', query })) as { Id: string };
  ctx.io.stdout.write(`${res.Id}\n`);
  return 0;
}

export const commitCommand: Partial<CommandSpec> = {
  args: { kind: 'range', min: 1, max: 2 },
  interspersed: false,
  flags: [
    { name: 'pause', shorthand: 'p', kind: 'bool', usage: 'Pause container during commit', defValue: 'true' },
    { name: 'message', shorthand: 'm', kind: 'string', usage: 'Commit message' },
    {
      name: 'author',
      shorthand: 'a',
      kind: 'string',
      usage: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")',
    },
    {
      name: 'change',
      shorthand: 'c',
      kind: 'list',
      usage: 'Apply Dockerfile instruction to the created image',
    },
  ],
  run: runCommit,
};
