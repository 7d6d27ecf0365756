// Resource options whose values are small records: --ulimit (go-units ParseUlimit),
// --device-read/write-bps/iops (opts.ThrottledeviceOpt) and --blkio-weight-device
// (opts.WeightdeviceOpt), with the errors their Set methods return.

import { parseRamBytes } from './run-values';

export interface Ulimit {
  Name: string;
  Hard: number;
  Soft: number;
}

const ULIMITS = [
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
];

/** strconv.ParseInt(s, 10, 64) */
function parseInt64(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return `strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n)
    return `strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`;
  return Number(v);
}

/** units.ParseUlimit: `name=soft[:hard]`. */
export function parseUlimit(val: string): Ulimit | string {
  const eq = val.indexOf('=');
  if (eq < 0) return `invalid ulimit argument: ${val}`;
  const name = val.slice(0, eq);
  const limits = val.slice(eq + 1);
  if (!ULIMITS.includes(name)) return `invalid ulimit type: ${name}`;
  const parts = limits.split(':');
  if (parts.length > 2)
    return `too many limit value arguments - ${limits}, can only have up to two, \`soft[:hard]\``;
  let hard: number | undefined;
  if (parts.length === 2) {
    const h = parseInt64(parts[1]);
    if (typeof h === 'string') return h;
    hard = h;
  }
  const soft = parseInt64(parts[0]);
  if (typeof soft === 'string') return soft;
  const h = hard ?? soft;
  if (h !== -1) {
    if (soft === -1)
      return `ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: ${h}`;
    if (soft > h) return `ulimit soft limit must be less than or equal to hard limit: ${soft} > ${h}`;
  }
  return { Name: name, Hard: h, Soft: soft };
}

export interface ThrottleDevice {
  Path: string;
  Rate: number;
}

function devicePath(val: string): [string, string] | string {
  const i = val.indexOf(':');
  if (i <= 0) return `bad format: ${val}`;
  const k = val.slice(0, i);
  if (!k.startsWith('/dev/')) return `bad format for device path: ${val}`;
  return [k, val.slice(i + 1)];
}

/** opts.ValidateThrottleBpsDevice: `/dev/sda:1mb`. */
export function parseThrottleBps(val: string): ThrottleDevice | string {
  const kv = devicePath(val);
  if (typeof kv === 'string') return kv;
  const rate = parseRamBytes(kv[1]);
  if (typeof rate === 'string' || rate < 0)
    return `invalid rate for device: ${val}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb`;
  return { Path: kv[0], Rate: rate };
}

/** opts.ValidateThrottleIOpsDevice: `/dev/sda:1000`. */
export function parseThrottleIOps(val: string): ThrottleDevice | string {
  const kv = devicePath(val);
  if (typeof kv === 'string') return kv;
  if (!/^\d+$/.test(kv[1]) || BigInt(kv[1]) >= 1n << 64n)
    return `invalid rate for device: ${val}. The correct format is <device-path>:<number>. Number must be a positive integer`;
  return { Path: kv[0], Rate: Number(kv[1]) };
}

export interface WeightDevice {
  Path: string;
  Weight: number;
}

/** opts.ValidateWeightDevice: `/dev/sda:200` (10 to 1000, or 0). */
export function parseWeightDevice(val: string): WeightDevice | string {
  const kv = devicePath(val);
  if (typeof kv === 'string') return kv;
  const w = /^\d+$/.test(kv[1]) ? Number(kv[1]) : NaN;
  if (!(w <= 65535) || (w > 0 && (w < 10 || w > 1000))) return `invalid weight for device: ${val}`;
  return { Path: kv[0], Weight: w };
}

/** A flag.Value check from a parser: its error text, or nothing. */
export function check<T>(parse: (v: string) => T | string): (v: string) => string | undefined {
  return (v) => {
    const r = parse(v);
    return typeof r === 'string' ? r : undefined;
  };
}

/** The parsed values of a repeated flag (every one passed its check when it was set). */
export function parsedAll<T>(values: string[], parse: (v: string) => T | string): T[] {
  return values.map(parse).filter((r): r is T => typeof r !== 'string');
}

export interface DeviceRequest {
  Driver: string;
  Count: number;
  DeviceIDs: string[] | null;
  Capabilities: string[][];
  Options: Record<string, string>;
}

/** opts.GpuOpts.Set: `all`, `2`, `device=0,1`, `count=…,capabilities=…,driver=…`. */
export function parseGpus(value: string): DeviceRequest | string {
  // a CSV record: "device=0,1" quoted keeps its comma
  const fields: string[] = [];
  for (const m of value.matchAll(/"((?:[^"]|"")*)"|([^,]*)/g)) {
    if (m.index === undefined || (m[0] === '' && m.index > 0 && value[m.index - 1] !== ',')) continue;
    fields.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
  }
  const req: DeviceRequest = { Driver: '', Count: 0, DeviceIDs: null, Capabilities: [], Options: {} };
  const seen = new Set<string>();
  const count = (s: string): number | string => {
    if (s === 'all') return -1;
    return /^[+-]?\d+$/.test(s)
      ? Number(s)
      : `invalid count (${s}): value must be either "all" or an integer: invalid syntax`;
  };
  let caps: string[][] | undefined;
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = eq < 0 ? field : field.slice(0, eq);
    const val = field.slice(eq + 1);
    if (seen.has(key)) return `gpu request key '${key}' can be specified only once`;
    seen.add(key);
    if (eq < 0) {
      seen.add('count');
      const c = count(key);
      if (typeof c === 'string') return c;
      req.Count = c;
      continue;
    }
    switch (key) {
      case 'driver':
        req.Driver = val;
        break;
      case 'count': {
        const c = count(val);
        if (typeof c === 'string') return c;
        req.Count = c;
        break;
      }
      case 'device':
        req.DeviceIDs = val.split(',');
        break;
      case 'capabilities':
        caps = [[...val.split(','), 'gpu']];
        break;
      case 'options':
        for (const kv of val.split(',')) {
          const i = kv.indexOf('=');
          req.Options[i < 0 ? kv : kv.slice(0, i)] = i < 0 ? '' : kv.slice(i + 1);
        }
        break;
      default:
        return `unexpected key '${key}' in '${field}'`;
    }
  }
  if (!seen.has('count') && req.DeviceIDs === null) req.Count = 1;
  req.Capabilities = caps ?? [['gpu']];
  return req;
}
