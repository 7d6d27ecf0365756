// `docker ps` / `docker container ls` (cli/command/container/list.go): GET
// /containers/json with all/limit/size/filters, then the container table.
// CREATED is computed here on the client from its own clock, as Docker does.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import type { FlagSpec } from './flags';
import { callJson, filtersJson } from './api-call';
import { formatWrite } from './formatter';
import { FORMAT_HELP } from './cmd-images';
import type { ContainerSummary } from './container-format';
import { AgeSpan, containerContext, containerFormat, containerHeader } from './container-format';
import { parseGoTemplate, TemplateError } from './template';

/** `--filter k=v` values as (name, value) pairs (opts.FilterOpt keeps the first `=`). */
export function filterPairs(values: string[]): Array<[string, string]> {
  return values.map((kv) => {
    const i = kv.indexOf('=');
    return [kv.slice(0, i), kv.slice(i + 1)];
  });
}

const EMPTY: ContainerSummary = {
  Id: '',
  Names: null,
  Image: '',
  ImageID: '',
  Command: '',
  Created: 0,
  Ports: null,
  Labels: null,
  State: '',
  Status: '',
  Mounts: null,
};

/** buildContainerListOptions: a custom template must parse and run over an empty container; `.Size` asks for sizes. */
function templateNeedsSize(format: string): boolean {
  let tmpl;
  try {
    tmpl = parseGoTemplate(format);
  } catch (e) {
    if (e instanceof TemplateError) throw new CliError(`failed to parse template: ${e.message}`, 1);
    throw e;
  }
  let used = false;
  const r = tmpl.run(containerContext(EMPTY, false, 0, () => (used = true)));
  if (r.error) throw new CliError(`failed to execute template: ${r.error.message}`, 1);
  return used;
}

/**
 * The last table printed and what it came from: the daemon hands out the same
 * summaries again while nothing about a container changed, so the same format over
 * the very same summaries, while every CREATED text still holds, is the same text.
 */
interface PrintedTable {
  format: string;
  trunc: boolean;
  list: ContainerSummary[];
  out: string;
  span: AgeSpan;
}
let lastTable: PrintedTable | undefined;

function printedBefore(
  format: string,
  trunc: boolean,
  list: ContainerSummary[],
  now: number,
): string | undefined {
  const t = lastTable;
  if (!t || t.format !== format || t.trunc !== trunc || t.list.length !== list.length) return undefined;
  if (now < t.span.from || now >= t.span.until) return undefined;
  for (let i = 0; i < list.length; i++) if (t.list[i] !== list[i]) return undefined;
  return t.out;
}

async function runPs(ctx: RunContext): Promise<number> {
  const { flags, io } = ctx;
  const format = flags.string('format');
  const quiet = flags.bool('quiet');
  if (format !== '' && quiet)
    io.stderr.write('WARNING: Ignoring custom format, because both --format and --quiet are set.\n');
  let size = flags.bool('size');
  let limit = flags.int('last');
  if (flags.bool('latest') && limit === -1) limit = 1;
  if (format !== '') {
    const needs = templateNeedsSize(format);
    if (!quiet && !size && !flags.changed('size') && needs) size = true;
  }
  const query: Record<string, string> = {};
  if (flags.bool('all')) query.all = '1';
  if (limit > 0) query.limit = String(limit);
  if (size) query.size = '1';
  const f = filtersJson(filterPairs(flags.strings('filter')));
  if (f) query.filters = f;
  const containers = ((await callJson(ctx.client, { method: 'GET', path: '/containers/json', query })) ??
    []) as ContainerSummary[];
  const trunc = !flags.bool('no-trunc');
  const now = ctx.now();
  const fmt = containerFormat(format, quiet, size);
  const again = printedBefore(fmt, trunc, containers, now);
  if (again !== undefined) {
    io.stdout.write(again);
    return 0;
  }
  const span = new AgeSpan();
  const rows = containers.map((c) => containerContext(c, trunc, now, undefined, span));
  const r = formatWrite(fmt, containerHeader(), rows);
  if (r.error) throw new CliError(r.error, 1);
  lastTable = { format: fmt, trunc, list: containers, out: r.out, span };
  io.stdout.write(r.out);
  return 0;
}

export const psFlags: FlagSpec[] = [
  { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Only display container IDs' },
  { name: 'size', shorthand: 's', kind: 'bool', usage: 'Display total file sizes' },
  { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Show all containers (default shows just running)' },
  { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
  {
    name: 'latest',
    shorthand: 'l',
    kind: 'bool',
    usage: 'Show the latest created container (includes all states)',
  },
  {
    name: 'last',
    shorthand: 'n',
    kind: 'int',
    usage: 'Show n last created containers (includes all states)',
    defValue: '-1',
  },
  { name: 'format', kind: 'string', usage: FORMAT_HELP },
  { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
];

export const psCommand: Partial<CommandSpec> = {
  args: { kind: 'none' },
  flags: psFlags,
  run: runPs,
};
