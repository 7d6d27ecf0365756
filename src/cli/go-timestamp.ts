// moby api/types/time GetTimestamp: what `--since` / `--until` become before
// they are sent (a duration ago, an RFC 3339 date or time, or a Unix timestamp
// as typed). The client's zone is the simulated machine's: UTC.

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 3.6e6,
};

/** time.ParseDuration in ms, or undefined when `s` is not a duration. */
export function parseGoDuration(s: string): number | undefined {
  const m0 = /^([+-]?)(.+)$/.exec(s);
  if (!m0) return undefined;
  if (m0[2] === '0') return 0;
  const re = /^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)/;
  let rest = m0[2];
  let total = 0;
  while (rest !== '') {
    const m = re.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') return undefined;
    total += Number(m[1]) * UNITS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return m0[1] === '-' ? -total : total;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Parse `value` against the Go layouts GetTimestamp picks; ms and the nanosecond fraction, or undefined. */
function parseTime(value: string): { ms: number; nanos: number } | undefined {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?(Z|z|[+-]\d{2}:\d{2})?$/.exec(
      value,
    );
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  let offset = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  const ms =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset * 60_000;
  if (
    Number.isNaN(ms) ||
    Number(mo) > 12 ||
    Number(d) > 31 ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  )
    return undefined;
  return { ms, nanos: Number(frac.padEnd(9, '0') || '0') };
}

/** GetTimestamp(value, now): the query value, or Docker's error text. */
export function getTimestamp(value: string, nowMs: number): { value: string } | { error: string } {
  const d = value !== '0' ? parseGoDuration(value) : undefined;
  if (d !== undefined) return { value: String(Math.floor((nowMs - d) / 1000)) };
  const t = parseTime(value);
  if (t) return { value: `${Math.floor(t.ms / 1000)}.${pad(t.nanos, 9)}` };
  if (value.includes('-'))
    return { error: `parsing time ${JSON.stringify(value)}: cannot parse ${JSON.stringify(value)}` };
  if (!/^\d+(\.\d+)?$/.test(value))
    return { error: `failed to parse value as time or duration: ${JSON.stringify(value)}` };
  return { value };
}
