// `docker search` (cli/command/registry/search.go, formatter_search.go): GET
// /images/search?term=&limit=&filters=, answered by the daemon from the
// simulated Docker Hub; NAME, DESCRIPTION (45 columns), STARS, OFFICIAL.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { callJson, filtersJson } from './api-call';
import { contextValue, formatWrite, headerValue } from './formatter';
import { filterPairs } from './cmd-ps';
import { ellipsis } from './runewidth';

/** registry.SearchResult. */
export interface SearchResult {
  star_count: number;
  is_official: boolean;
  name: string;
  is_automated: boolean;
  description: string;
}

async function runSearch(ctx: RunContext): Promise<number> {
  const { flags, io } = ctx;
  const pairs = filterPairs(flags.strings('filter'));
  if (pairs.some(([k]) => k === 'is-automated'))
    io.stderr.write(
      'WARNING: the "is-automated" filter is deprecated, and searching for "is-automated=true" will not yield any results in future.\n',
    );
  const query: Record<string, string> = { term: ctx.args[0] };
  const limit = flags.int('limit');
  if (limit !== 0) query.limit = String(limit);
  const f = filtersJson(pairs);
  if (f) query.filters = f;
  const results = ((await callJson(ctx.client, { method: 'GET', path: '/images/search', query })) ??
    []) as SearchResult[];
  const trunc = !flags.bool('no-trunc');
  const format = flags.string('format');
  const json = format === 'json' || /\{\{\s*json\s+\.\s*\}\}/.test(format);
  const bool = (v: boolean) => (json ? String(v) : v ? '[OK]' : '');
  const rows = results.map((r) => {
    let desc = r.description.replace(/\n/g, ' ').replace(/\r/g, ' ');
    if (trunc) desc = ellipsis(desc, 45);
    return contextValue('registry.searchContext', {
      Name: r.name,
      Description: desc,
      StarCount: String(r.star_count),
      IsOfficial: bool(r.is_official),
    });
  });
  const header = headerValue({
    Name: 'NAME',
    Description: 'DESCRIPTION',
    StarCount: 'STARS',
    IsOfficial: 'OFFICIAL',
  });
  const source =
    format === '' || format === 'table'
      ? 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}'
      : format;
  const r = formatWrite(source, header, rows);
  if (r.error) throw new CliError(r.error, 1);
  io.stdout.write(r.out);
  return 0;
}

export const searchCommand: Partial<CommandSpec> = {
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
    { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
    { name: 'limit', kind: 'int', usage: 'Max number of search results' },
    { name: 'format', kind: 'string', usage: 'Pretty-print search using a Go template' },
  ],
  run: runSearch,
};
