// The API's `filters` query parameter (api/types/filters): both JSON shapes
// the daemon accepts, and the helpers list and prune use, with their error texts.
import { fail, ok, type Result } from './errors';

/** name → set of values, as filters.Args holds them. */
export type Filters = Map<string, Set<string>>;

/** filters.FromJSON: {"dangling":{"true":true}} or the legacy {"dangling":["true"]}. */
export function parseFilters(json: string | undefined): Result<Filters> {
  const out: Filters = new Map();
  if (json === undefined || json === '') return ok(out);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return fail('invalid', 'invalid filter');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail('invalid', 'invalid filter');
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const set = new Set<string>();
    if (Array.isArray(v)) {
      for (const x of v) {
        if (typeof x !== 'string') return fail('invalid', 'invalid filter');
        set.add(x);
      }
    } else if (v !== null && typeof v === 'object') {
      for (const [x, b] of Object.entries(v as Record<string, unknown>)) {
        if (typeof b !== 'boolean') return fail('invalid', 'invalid filter');
        if (b) set.add(x);
      }
    } else if (v !== null) return fail('invalid', 'invalid filter');
    out.set(k, set);
  }
  return ok(out);
}

/** invalidFilter.Error: `invalid filter 'name'` or `invalid filter 'name=[a b]'`. */
export function invalidFilter(name: string, values?: string[]): string {
  let msg = `invalid filter '${name}`;
  if (values !== undefined) msg += `=[${values.join(' ')}]`;
  return `${msg}'`;
}

/** The first filter name not accepted, as an error text; undefined when all are. */
export function validateFilters(f: Filters, accepted: readonly string[]): string | undefined {
  for (const name of f.keys()) if (!accepted.includes(name)) return invalidFilter(name);
  return undefined;
}

export function getBoolOrDefault(f: Filters, key: string, dflt: boolean): Result<boolean> {
  const values = f.get(key);
  if (values === undefined) return ok(dflt);
  if (values.size === 0) return fail('invalid', invalidFilter(key));
  const isFalse = values.has('0') || values.has('false');
  const isTrue = values.has('1') || values.has('true');
  if (isFalse === isTrue) return fail('invalid', invalidFilter(key, [...values]));
  return ok(isTrue);
}

/** MatchKVList: every `key` or `key=value` filter value is among the labels. */
export function matchKVList(f: Filters, key: string, labels: Record<string, string>): boolean {
  const values = f.get(key);
  if (values === undefined || values.size === 0) return true;
  if (Object.keys(labels).length === 0) return false;
  for (const v of values) {
    const eq = v.indexOf('=');
    const k = eq < 0 ? v : v.slice(0, eq);
    if (!(k in labels)) return false;
    if (eq >= 0 && labels[k] !== v.slice(eq + 1)) return false;
  }
  return true;
}

const UNITS_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds; undefined if it is not one. */
export function parseGoDuration(s: string): number | undefined {
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  while (rest !== '') {
    const m = /^([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') return undefined;
    total += Number(m[1]) * UNITS_MS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** timetypes.GetTimestamp for one value: a duration before `now`, a date, or Unix seconds; ms since the epoch. */
export function parseTimestamp(value: string, now: number): Result<number> {
  const d = parseGoDuration(value);
  if (value !== '0' && d !== undefined) return ok(now - d);
  if (value.includes('-')) {
    const hasZone = /[zZ]|[+-]\d\d:?\d\d$/.test(value.slice(10));
    const t = Date.parse(hasZone ? value : `${value.length === 10 ? `${value}T00:00:00` : value}Z`);
    if (Number.isNaN(t)) return fail('invalid', `parsing time ${JSON.stringify(value)}: cannot parse`);
    return ok(t);
  }
  if (/^[0-9]+(\.[0-9]{1,9})?$/.test(value)) return ok(Math.floor(Number(value) * 1000));
  return fail('invalid', `failed to parse value as time or duration: ${JSON.stringify(value)}`);
}

/** The prune `until` filter: at most one value. */
export function parseUntil(f: Filters, now: number): Result<number | undefined> {
  const values = f.get('until');
  if (values === undefined) return ok(undefined);
  if (values.size > 1) return fail('invalid', 'more than one until filter specified');
  const [v] = [...values];
  if (v === undefined) return ok(undefined);
  return parseTimestamp(v, now);
}
