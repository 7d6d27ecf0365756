// GET /events (api/server/router/system getEvents, daemon/events): the last
// 256 events replayed when `since`/`until` ask for the past, then new ones as
// they happen until `until` passes on the world's clock or the client hangs
// up; filters as daemon/events/filter.go applies them (a key it does not know
// filters nothing out). Container and image events carry the deprecated
// status/id/from fields the daemon still fills.
import type { Clock } from '../clock';
import type { DockerEvent, EventLog } from '../events';
import { parseFilters, type Filters } from '../image/filters';
import { familiarName, parseNormalizedNamed } from '../image/reference';
import type { ApiResponse } from './api';
import { errorResponse, MessageStream, type Router } from './engine';


/** events.Message in Go's field order. */
export function eventMessage(e: DockerEvent): Record<string, unknown> {
  const legacy: Record<string, unknown> = {};
  if (e.Type === 'container' || e.Type === 'image') {
    legacy.status = e.Action;
    legacy.id = e.Actor.ID;
    if (e.Type === 'container' && e.Actor.Attributes.image !== undefined)
      legacy.from = e.Actor.Attributes.image;
  }
  return {
    ...legacy,
    Type: e.Type,
    Action: e.Action,
    Actor: { ID: e.Actor.ID, Attributes: e.Actor.Attributes },
    scope: e.scope,
    time: e.time,
    timeNano: e.timeNano,
  };
}

const exact = (f: Filters, key: string, v: string) => !f.get(key)?.size || f.get(key)!.has(v);
const fuzzy = (f: Filters, key: string, v: string | undefined) =>
  !f.get(key)?.size || (v !== undefined && [...f.get(key)!].some((p) => v === p || v.startsWith(p)));

function stripTag(image: string): string {
  const r = parseNormalizedNamed(image);
  return r.ok ? familiarName(r.value) : image;
}

/** events.Filter.Include. */
export function includeEvent(f: Filters, e: DockerEvent): boolean {
  const fuzzyEvents = [...(f.get('event') ?? [])].some((v) =>
    ['health_status', 'exec_create', 'exec_start'].includes(v),
  );
  if (!(fuzzyEvents ? fuzzy(f, 'event', e.Action) : exact(f, 'event', e.Action))) return false;
  if (!exact(f, 'type', e.Type)) return false;
  if (!exact(f, 'scope', e.scope)) return false;
  for (const t of [
    'daemon',
    'container',
    'plugin',
    'volume',
    'network',
    'node',
    'service',
    'secret',
    'config',
  ]) {
    if (!f.get(t)?.size) continue;
    // fuzzyMatchName does not look at the event's type: container=web also keeps a
    // network or volume event whose actor's ID or name starts with "web"
    if (!(fuzzy(f, t, e.Actor.ID) || fuzzy(f, t, e.Actor.Attributes.name ?? ''))) return false;
  }
  if (f.get('image')?.size) {
    const name = e.Actor.Attributes[e.Type === 'image' ? 'name' : 'image'] ?? '';
    const id = e.Actor.ID;
    if (![id, name, stripTag(id), stripTag(name)].some((v) => f.get('image')!.has(v))) return false;
  }
  const labels = f.get('label');
  if (labels?.size) {
    for (const kv of labels) {
      const i = kv.indexOf('=');
      const k = i < 0 ? kv : kv.slice(0, i);
      if (!(k in e.Actor.Attributes)) return false;
      if (i >= 0 && e.Actor.Attributes[k] !== kv.slice(i + 1)) return false;
    }
  }
  return true;
}

/** eventTime: "seconds[.nanoseconds]" as ms; undefined for none, a string for a bad value. */
function eventTime(v: string | undefined): number | undefined | string {
  if (v === undefined || v === '') return undefined;
  const m = /^(-?\d+)(?:\.(\d{1,9}))?$/.exec(v);
  if (!m) return `strconv.ParseInt: parsing ${JSON.stringify(v.split('.')[0])}: invalid syntax`;
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(9, '0').slice(0, 3) || '0');
}

export function registerEventRoutes(router: Router, log: EventLog, clock: Clock): void {
  router.add('GET', '/events', (req): ApiResponse => {
    const since = eventTime(req.query.since);
    const until = eventTime(req.query.until);
    if (typeof since === 'string') return { status: 400, body: { message: since } };
    if (typeof until === 'string') return { status: 400, body: { message: until } };
    if (until !== undefined && since !== undefined && until < since)
      return {
        status: 400,
        body: {
          message: `\`since\` time (${req.query.since}) cannot be after \`until\` time (${req.query.until})`,
        },
      };
    const f = parseFilters(req.query.filters);
    if (!f.ok) return errorResponse(f);
    // getEvents takes any filter key (no Validate): one the filter does not know matches everything
    const filters = f.value;
    const out = new MessageStream<unknown>();
    if (since !== undefined || until !== undefined) {
      for (const e of log.all()) {
        const ms = e.timeNano / 1e6;
        if (since !== undefined && ms < since) continue;
        if (until !== undefined && ms > until) continue;
        if (includeEvent(filters, e)) out.push(eventMessage(e));
      }
    }
    const now = clock.now();
    if (until !== undefined && until < now) {
      out.end();
      return { status: 200, json: out };
    }
    const off = log.subscribe((e) => {
      if (includeEvent(filters, e)) out.push(eventMessage(e));
    });
    let timer: number | undefined;
    if (until !== undefined)
      timer = clock.setTimeout(() => {
        off();
        out.end();
      }, until - now);
    out.onCancel(() => {
      off();
      if (timer !== undefined) clock.clearTimeout(timer);
    });
    return { status: 200, json: out };
  });
}
