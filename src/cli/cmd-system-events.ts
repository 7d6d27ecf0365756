// `docker events` / `docker system events` (cli/command/system/events.go,
// client/events.go): GET /events?since=&until=&filters=, one line per event
// (`<RFC3339Nano> <type> <action> <id> (k=v, …)`) or a template, until the
// daemon ends the stream (--until) or Ctrl-C.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { filtersJson } from './api-call';
import { callJsonStream } from './api-stream';
import { INSPECT_FORMAT_HELP } from './cmd-inspect';
import { INTERRUPTED } from './cmd-pull';
import { filterPairs } from './cmd-ps';
import { getTimestamp } from './go-timestamp';
import type { GoType, GoValue } from './go-value';
import { T } from './go-value';
import { parseGoTemplate, TemplateError } from './template';
import type { GoTemplate } from './template';

/** events.Message as the daemon sends it. */
export interface EventMessage {
  status?: string;
  id?: string;
  from?: string;
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> | null };
  scope?: string;
  time?: number;
  timeNano?: number;
}

/** events.Message, for templates: `{{.Actor.Attributes.name}}`, `{{json .}}` in Go's field order. */
export const eventMessageType: GoType = {
  kind: 'struct',
  name: 'events.Message',
  fields: [
    { name: 'Status', json: 'status', type: T.string, omitempty: true },
    { name: 'ID', json: 'id', type: T.string, omitempty: true },
    { name: 'From', json: 'from', type: T.string, omitempty: true },
    { name: 'Type', type: { kind: 'string', name: 'events.Type' } },
    { name: 'Action', type: { kind: 'string', name: 'events.Action' } },
    {
      name: 'Actor',
      type: {
        kind: 'struct',
        name: 'events.Actor',
        fields: [
          { name: 'ID', type: T.string },
          { name: 'Attributes', type: T.map(T.string) },
        ],
      },
    },
    { name: 'Scope', json: 'scope', type: T.string, omitempty: true },
    { name: 'Time', json: 'time', type: T.int64, omitempty: true },
    { name: 'TimeNano', json: 'timeNano', type: T.int64, omitempty: true },
  ],
};

/**
 * Go's "2006-01-02T15:04:05.000000000Z07:00" in UTC. A Unix time in nanoseconds
 * is beyond a double's exact integers (±128 ns), so the fraction is taken to the
 * microsecond: the daemon's clock ticks in milliseconds anyway.
 */
export function rfc3339NanoFixedFromNanos(nanos: number): string {
  let sec = Math.floor(nanos / 1e9);
  // exact: both are doubles this close together
  let micros = Math.round((nanos - sec * 1e9) / 1000);
  if (micros >= 1e6) {
    sec++;
    micros -= 1e6;
  }
  const iso = new Date(sec * 1000).toISOString().slice(0, 19);
  return `${iso}.${String(micros).padStart(6, '0')}000Z`;
}

/** prettyPrintEvent. */
export function prettyEvent(e: EventMessage): string {
  let out = '';
  if (e.timeNano) out += rfc3339NanoFixedFromNanos(e.timeNano) + ' ';
  else if (e.time) out += rfc3339NanoFixedFromNanos(e.time * 1e9) + ' ';
  out += `${e.Type} ${e.Action} ${e.Actor.ID}`;
  const attrs = e.Actor.Attributes ?? {};
  const keys = Object.keys(attrs).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length > 0) out += ` (${keys.map((k) => `${k}=${attrs[k]}`).join(', ')})`;
  return out + '\n';
}

/** makeTemplate: parse, then run over an empty Message; errors are exit 64 "Error parsing format: …". */
function makeTemplate(format: string): GoTemplate | undefined {
  if (format === '') return undefined;
  const source = format === 'json' ? '{{json .}}' : format;
  try {
    const t = parseGoTemplate(source);
    const r = t.run({
      t: T.ptr(eventMessageType),
      v: { Type: '', Action: '', Actor: { ID: '', Attributes: null } },
    });
    if (r.error) throw new CliError(`Error parsing format: ${r.error.message}`, 64);
    return t;
  } catch (e) {
    if (e instanceof TemplateError) throw new CliError(`Error parsing format: ${e.message}`, 64);
    throw e;
  }
}

async function runEvents(ctx: RunContext): Promise<number> {
  const { flags, io } = ctx;
  const tmpl = makeTemplate(flags.string('format'));
  const query: Record<string, string> = {};
  for (const key of ['since', 'until'] as const) {
    const v = flags.string(key);
    if (v === '') continue;
    const ts = getTimestamp(v, ctx.now());
    if ('error' in ts) throw new CliError(ts.error, 1);
    query[key] = ts.value;
  }
  const f = filtersJson(filterPairs(flags.strings('filter')));
  if (f) query.filters = f;
  const stream = await callJsonStream(ctx.client, { method: 'GET', path: '/events', query });
  let onInt: () => void = () => undefined;
  const interrupted = new Promise<typeof INTERRUPTED>((r) => (onInt = () => r(INTERRUPTED)));
  const off = io.interrupt?.onInterrupt(onInt);
  if (io.interrupt?.interrupted) onInt();
  const it = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await Promise.race([it.next(), interrupted]);
      if (next === INTERRUPTED) {
        stream.cancel();
        return INTERRUPTED;
      }
      if (next.done) return 0;
      const e = next.value as EventMessage;
      if (!tmpl) {
        io.stdout.write(prettyEvent(e));
        continue;
      }
      const value: GoValue = { t: eventMessageType, v: e };
      const r = tmpl.run(value);
      io.stdout.write(r.output + '\n');
      if (r.error) throw new CliError(r.error.message, 1);
    }
  } finally {
    off?.();
  }
}

export const eventsCommand: Partial<CommandSpec> = {
  args: { kind: 'none' },
  flags: [
    { name: 'since', kind: 'string', usage: 'Show all events created since timestamp' },
    { name: 'until', kind: 'string', usage: 'Stream events until this timestamp' },
    { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
    { name: 'format', kind: 'string', usage: INSPECT_FORMAT_HELP },
  ],
  run: runEvents,
};
