// `docker history` / `docker image history` (cli/command/image/history.go,
// formatter_history.go): GET /images/{name}/history as a table.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { callJson } from './api-call';
import { contextValue, formatWrite, headerValue, DEFAULT_QUIET_FORMAT, TABLE_FORMAT } from './formatter';
import { FORMAT_HELP, truncateID } from './cmd-images';
import { ellipsis } from './runewidth';
import { humanDuration, humanSizeWithPrecision } from './units';

interface HistoryItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

const EPOCH_2000 = Date.UTC(2000, 0, 1) / 1000;

function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function runHistory(ctx: RunContext): Promise<number> {
  const { flags } = ctx;
  const query: Record<string, string> = {};
  const platform = flags.string('platform');
  if (platform) {
    const [os, architecture, variant] = platform.toLowerCase().split('/');
    query.platform = JSON.stringify({
      architecture: architecture ?? '',
      os,
      ...(variant ? { variant } : {}),
    });
  }
  const items = (await callJson(ctx.client, {
    method: 'GET',
    path: `/images/${ctx.args[0]}/history`,
    query,
  })) as HistoryItem[];
  const human = flags.bool('human');
  const trunc = !flags.bool('no-trunc');
  let format = flags.string('format') || TABLE_FORMAT;
  if (format === TABLE_FORMAT) {
    format = flags.bool('quiet')
      ? DEFAULT_QUIET_FORMAT
      : human
        ? 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}'
        : 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
  }
  const now = ctx.now();
  const rows = items.map((h) => {
    const createdBy = h.CreatedBy.replace(/\t/g, ' ');
    const createdAt = rfc3339(h.Created);
    return contextValue('image.historyContext', {
      ID: trunc ? truncateID(h.Id) : h.Id,
      CreatedAt: createdAt,
      CreatedSince: !human
        ? createdAt
        : h.Created <= EPOCH_2000
          ? 'N/A'
          : humanDuration(now - h.Created * 1000) + ' ago',
      CreatedBy: trunc ? ellipsis(createdBy, 45) : createdBy,
      Size: human ? humanSizeWithPrecision(h.Size, 3) : String(h.Size),
      Comment: h.Comment,
    });
  });
  const header = headerValue({
    ID: 'IMAGE',
    CreatedSince: 'CREATED',
    CreatedAt: 'CREATED AT',
    CreatedBy: 'CREATED BY',
    Size: 'SIZE',
    Comment: 'COMMENT',
  });
  const r = formatWrite(format, header, rows);
  if (r.error) throw new CliError(r.error, 1);
  ctx.io.stdout.write(r.out);
  return 0;
}

export const historyCommand: Partial<CommandSpec> = {
  args: { kind: 'exact', n: 1 },
  flags: [
    {
      name: 'human',
      shorthand: 'H',
      kind: 'bool',
      usage: 'Print sizes and dates in human readable format',
      defValue: 'true',
    },
    { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Only show image IDs' },
    { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
    { name: 'format', kind: 'string', usage: FORMAT_HELP },
    {
      name: 'platform',
      kind: 'string',
      usage: 'Show history for the given platform. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")',
    },
  ],
  run: runHistory,
};
