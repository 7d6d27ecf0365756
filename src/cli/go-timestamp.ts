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

/** The layouts GetTimestamp picks from, as Go's time package splits them (literals and elements). */
type Chunk = { lit: string } | { std: '2006' | '01' | '02' | '15' | '04' | '05' | '.999999999' | 'Z07:00' };
const L = (lit: string): Chunk => ({ lit });
const DATE: Chunk[] = [{ std: '2006' }, L('-'), { std: '01' }, L('-'), { std: '02' }];
const HOUR: Chunk[] = [...DATE, L('T'), { std: '15' }];
const MINUTE: Chunk[] = [...HOUR, L(':'), { std: '04' }];
const SECOND: Chunk[] = [...MINUTE, L(':'), { std: '05' }];
const NANO: Chunk[] = [...SECOND, { std: '.999999999' }];
const ZONE: Chunk = { std: 'Z07:00' };

const layoutText = (l: Chunk[]) => l.map((c) => ('lit' in c ? c.lit : c.std)).join('');
const isDigit = (s: string, i: number) => i < s.length && s[i] >= '0' && s[i] <= '9';
const quote = (s: string) => JSON.stringify(s);

/** time.getnum: one or two digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

const daysIn = (month: number, year: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * time.Parse / ParseInLocation (UTC) over one of GetTimestamp's layouts: Unix ms and the
 * nanosecond fraction, or Go's ParseError text ("parsing time … as …: cannot parse … as …",
 * "…: month out of range", "…: extra text: …").
 */
function goParse(layout: Chunk[], input: string): { ms: number; nanos: number } | { error: string } {
  const bad = (valueElem: string, layoutElem: string) => ({
    error: `parsing time ${quote(input)} as ${quote(layoutText(layout))}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`,
  });
  const msg = (m: string) => ({ error: `parsing time ${quote(input)}${m}` });
  let value = input;
  let [year, month, day, hour, min, sec, nanos, offset] = [0, 1, 1, 0, 0, 0, 0, 0];
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    if ('lit' in c) {
      // skip(): the literal run up to the next element must match; the error quotes all of it
      let lit = c.lit;
      while (i + 1 < layout.length && 'lit' in layout[i + 1]) lit += (layout[++i] as { lit: string }).lit;
      if (!value.startsWith(lit)) {
        let k = 0;
        while (k < lit.length && value[k] === lit[k]) k++;
        return bad(value.slice(k), lit);
      }
      value = value.slice(lit.length);
      continue;
    }
    const hold = value;
    let range = '';
    switch (c.std) {
      case '2006': {
        if (value.length < 4 || !isDigit(value, 0)) return bad(hold, c.std);
        const y = value.slice(0, 4);
        if (!/^\d{4}$/.test(y)) return bad(hold, c.std);
        year = Number(y);
        value = value.slice(4);
        break;
      }
      case '01':
      case '02':
      case '04':
      case '05':
      case '15': {
        const n = getnum(value, c.std !== '15');
        if (!n) return bad(hold, c.std);
        [, value] = n;
        const v = n[0];
        if (c.std === '01') [month, range] = [v, v < 1 || v > 12 ? 'month' : ''];
        else if (c.std === '02') [day, range] = [v, v > 31 ? 'day' : ''];
        else if (c.std === '15') [hour, range] = [v, v >= 24 ? 'hour' : ''];
        else if (c.std === '04') [min, range] = [v, v >= 60 ? 'minute' : ''];
        else [sec, range] = [v, v >= 60 ? 'second' : ''];
        break;
      }
      case '.999999999': {
        // an omitted fraction is fine; otherwise every digit after the point
        if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigit(value, 1)) break;
        let n = 1;
        while (isDigit(value, n)) n++;
        // parseNanoseconds reads nine digits at most and ignores the rest
        nanos = Number(value.slice(1, Math.min(n, 10)).padEnd(9, '0'));
        value = value.slice(n);
        break;
      }
      case 'Z07:00': {
        if (value[0] === 'Z') {
          value = value.slice(1);
          break;
        }
        if (value.length < 6 || value[3] !== ':' || (value[0] !== '+' && value[0] !== '-'))
          return bad(hold, c.std);
        const h = getnum(value.slice(1, 3), true);
        const m = getnum(value.slice(4, 6), true);
        if (!h || !m) return bad(hold, c.std);
        offset = (value[0] === '-' ? -1 : 1) * (h[0] * 60 + m[0]);
        value = value.slice(6);
        break;
      }
    }
    if (range) return msg(`: ${range} out of range`);
  }
  if (value !== '') return msg(`: extra text: ${quote(value)}`);
  if (day < 1 || day > daysIn(month, year)) return msg(': day out of range');
  const ms = Date.UTC(year, month - 1, day, hour, min, sec) - offset * 60_000;
  return { ms, nanos };
}

/** GetTimestamp's choice of layout from the value's shape (a zone when it has z, Z, + or three dashes). */
function layoutFor(value: string): Chunk[] {
  const inLocation = !/[zZ+]/.test(value) && value.split('-').length - 1 !== 3;
  const zone = inLocation ? [] : [ZONE];
  if (value.includes('.')) return [...NANO, ...zone];
  if (value.includes('T')) {
    let colons = value.split(':').length - 1;
    if (!inLocation && !/[zZ]/.test(value) && colons > 0) colons--;
    return [...(colons === 0 ? HOUR : colons === 1 ? MINUTE : SECOND), ...zone];
  }
  return [...DATE, ...zone];
}

/** parseTimestamp: "seconds[.nanoseconds]" as strconv.ParseInt reads each part. */
const unixTimestamp = (v: string) => /^[+-]?\d+(\.[+-]?\d+)?$/.test(v);

/** GetTimestamp(value, now): the query value, or Docker's error text. */
export function getTimestamp(value: string, nowMs: number): { value: string } | { error: string } {
  const d = value !== '0' ? parseGoDuration(value) : undefined;
  if (d !== undefined) return { value: String(Math.floor((nowMs - d) / 1000)) };
  const t = goParse(layoutFor(value), value);
  if (!('error' in t)) return { value: `${Math.floor(t.ms / 1000)}.${pad(t.nanos, 9)}` };
  // with a dash it was meant as a date: time.Parse's own error
  if (value.includes('-')) return t;
  if (!unixTimestamp(value))
    return { error: `failed to parse value as time or duration: ${JSON.stringify(value)}` };
  return { value };
}
