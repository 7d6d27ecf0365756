// Value parsers of the run/create options, with the errors their Go originals
// return: go-units RAMInBytes, opts.NanoCPUs, go-connections nat port specs,
// volumespec (-v), opts.MountOpt (--mount), kvfile (--env-file) and restart policies.

/** strconv.ParseFloat(s, 64) for the decimal forms units.RAMInBytes sees. */
function parseFloat64(s: string): number | string {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) && !/^[+-]?(inf|infinity|nan)$/i.test(s))
    return `strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`;
  return Number(s.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
}

const BINARY: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** units.RAMInBytes (go-units v0.5.0 parseSize with the binary map). */
export function parseRamBytes(sizeStr: string): number | string {
  let sep = -1;
  for (let i = sizeStr.length - 1; i >= 0; i--)
    if ('01234567890. '.includes(sizeStr[i])) {
      sep = i;
      break;
    }
  if (sep === -1) return `invalid size: '${sizeStr}'`;
  const num = sizeStr[sep] !== ' ' ? sizeStr.slice(0, sep + 1) : sizeStr.slice(0, sep);
  let sfx = sizeStr.slice(sep + 1);
  const size = parseFloat64(num);
  if (typeof size === 'string') return size;
  if (size < 0) return `invalid size: '${sizeStr}'`;
  if (sfx.length === 0) return Math.trunc(size);
  const bad = () => `invalid suffix: '${sfx}'`;
  if (sfx.length > 3) return bad();
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') return sfx.length > 1 ? bad() : Math.trunc(size);
  const mul = BINARY[sfx[0]];
  if (mul === undefined) return bad();
  if ((sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) return bad();
  return Math.trunc(size * mul);
}

/** opts.ParseCPUs: a big.Rat times 1e9 that must be whole. */
export function parseCpus(value: string): number | string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value);
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(value);
  if (frac) {
    const n = BigInt(frac[1]) * 1_000_000_000n;
    const d = BigInt(frac[2]);
    if (d === 0n) return `failed to parse ${value} as a rational number`;
    if (n % d !== 0n) return 'value is too precise';
    return Number(n / d);
  }
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return `failed to parse ${value} as a rational number`;
  const digits = m[2] + (m[3] ?? '');
  let exp = Number(m[4] ?? 0) - (m[3] ?? '').length + 9;
  let n = BigInt(digits === '' ? '0' : digits);
  for (; exp > 0; exp--) n *= 10n;
  for (; exp < 0; exp++) {
    if (n % 10n !== 0n) return 'value is too precise';
    n /= 10n;
  }
  return Number(m[1] === '-' ? -n : n);
}

// ---- ports (github.com/docker/go-connections/nat) ----

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

/** strconv.ParseUint(s, 10, 16) */
function parseUint16(s: string): number | undefined {
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 65535 ? n : undefined;
}

/** nat.ParsePortRange */
function parsePortRange(ports: string): [number, number] | undefined {
  if (ports === '') return undefined;
  if (!ports.includes('-')) {
    const n = parseUint16(ports);
    return n === undefined ? undefined : [n, n];
  }
  const parts = ports.split('-');
  const start = parseUint16(parts[0]);
  const end = parseUint16(parts[1]);
  if (start === undefined || end === undefined || end < start) return undefined;
  return [start, end];
}

/** nat.SplitProtoPort */
function splitProtoPort(raw: string): [string, string] {
  const i = raw.indexOf('/');
  const port = i < 0 ? raw : raw.slice(0, i);
  let proto = i < 0 ? '' : raw.slice(i + 1);
  if (port === '') return ['', ''];
  if (proto === '') proto = 'tcp';
  return [proto, port];
}

/** nat.ParsePortSpec: the container ports and host bindings of one -p value. */
function parsePortSpec(raw: string): Array<[string, PortBinding]> | string {
  const parts = raw.split(':');
  const n = parts.length;
  let ip = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
  const hostPort = n >= 2 ? parts[n - 2] : '';
  const [rawProto, containerPort] = splitProtoPort(parts[n - 1]);
  const proto = rawProto.toLowerCase();
  if (!['tcp', 'udp', 'sctp'].includes(proto)) return `invalid proto: ${proto}`;
  if (ip !== '' && ip[0] === '[') {
    const m = /^\[([^\]]*)\]$/.exec(ip);
    if (!m) return `invalid IP address ${ip}: address ${ip}: missing ']' in address`;
    ip = m[1];
  }
  if (ip !== '' && !isIPAddress(ip)) return `invalid IP address: ${ip}`;
  if (containerPort === '') return `no port specified: ${raw}<empty>`;
  const cRange = parsePortRange(containerPort);
  if (!cRange) return `invalid containerPort: ${containerPort}`;
  let hRange: [number, number] | undefined;
  if (hostPort !== '') {
    hRange = parsePortRange(hostPort);
    if (!hRange) return `invalid hostPort: ${hostPort}`;
    if (cRange[1] - cRange[0] !== hRange[1] - hRange[0] && cRange[1] !== cRange[0])
      return `invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`;
  }
  const count = cRange[1] - cRange[0] + 1;
  const out: Array<[string, PortBinding]> = [];
  for (let i = 0; i < count; i++) {
    let hPort = '';
    if (hRange) {
      hPort = String(hRange[0] + i);
      if (count === 1 && hRange[0] !== hRange[1]) hPort += `-${hRange[1]}`;
    }
    out.push([`${cRange[0] + i}/${proto}`, { HostIp: ip, HostPort: hPort }]);
  }
  return out;
}

/** nat.ParsePortSpecs: exposed ports and bindings of every -p. */
export function parsePortSpecs(
  specs: string[],
): { exposed: string[]; bindings: Record<string, PortBinding[]> } | string {
  const exposed: string[] = [];
  const bindings: Record<string, PortBinding[]> = {};
  for (const p of specs) {
    const r = parsePortSpec(p);
    if (typeof r === 'string') return r;
    for (const [port, b] of r) {
      if (!exposed.includes(port)) exposed.push(port);
      (bindings[port] ??= []).push(b);
    }
  }
  return { exposed, bindings };
}

/** --expose: `80`, `80/udp`, `8000-8010`. */
export function parseExpose(e: string): string[] | string {
  if (e.includes(':')) return `invalid port format for --expose: ${e}`;
  const [proto, port] = splitProtoPort(e);
  const r = parsePortRange(port);
  if (!r) {
    const why = port === '' ? 'empty string specified for ports' : portRangeError(port);
    return `invalid range format for --expose: ${e}, error: ${why}`;
  }
  const out: string[] = [];
  for (let i = r[0]; i <= r[1]; i++) out.push(`${i}/${proto}`);
  return out;
}

function portRangeError(port: string): string {
  const parts = port.includes('-') ? port.split('-').slice(0, 2) : [port];
  for (const p of parts)
    if (parseUint16(p) === undefined)
      return /^\d+$/.test(p)
        ? `strconv.ParseUint: parsing ${JSON.stringify(p)}: value out of range`
        : `strconv.ParseUint: parsing ${JSON.stringify(p)}: invalid syntax`;
  return `invalid range specified for port: ${port}`;
}

/** net.ParseIP */
export function isIPAddress(s: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) return v4.slice(1).every((p) => Number(p) <= 255 && !(p.length > 1 && p[0] === '0'));
  if (!s.includes(':') || /[^0-9a-fA-F:.]/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const all = [...groups(dbl[0]), ...(dbl.length === 2 ? groups(dbl[1]) : [])];
  let count = 0;
  for (const [i, g] of all.entries()) {
    if (g.includes('.')) {
      if (i !== all.length - 1 || !isIPAddress(g)) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count++;
    else return false;
  }
  return dbl.length === 2 ? count < 8 : count === 8;
}

// ---- -v (internal/volumespec) ----

export interface VolumeSpec {
  type: 'bind' | 'volume';
  source: string;
  target: string;
}

/** volumespec.Parse: which -v values are binds (a path source), named volumes or anonymous ones. */
export function parseVolumeSpec(spec: string): VolumeSpec | string {
  if (spec.length === 0) return 'invalid empty volume spec';
  if (spec.length <= 2) return { type: 'volume', source: '', target: spec };
  let source = '';
  let target = '';
  let buffer = '';
  const chars = [...spec, '\0'];
  for (const ch of chars) {
    const drive = ch === ':' && buffer.length === 1 && /\p{L}/u.test(buffer);
    if (drive) buffer += ch;
    else if (ch === ':' || ch === '\0') {
      if (buffer.length === 0) return `invalid spec: ${spec}: empty section between colons`;
      if (source === '' && ch === '\0') target = buffer;
      else if (source === '') source = buffer;
      else if (target === '') target = buffer;
      else if (ch === ':') return `invalid spec: ${spec}: too many colons`;
      buffer = '';
    } else buffer += ch;
  }
  const isPath =
    source !== '' &&
    ('./~'.includes(source[0]) ||
      ([...source].length > 1 && (source.startsWith('\\\\') || /^\p{L}:/u.test(source))));
  return { type: isPath ? 'bind' : 'volume', source, target };
}

/** filepath.Abs against the client's working directory. */
export function absPath(p: string, cwd: string): string {
  const parts: string[] = [];
  for (const seg of (p.startsWith('/') ? p : `${cwd}/${p}`).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

// ---- --mount (opts.MountOpt) ----

export interface MountJson {
  Type: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean };
  VolumeOptions?: {
    NoCopy?: boolean;
    Labels?: Record<string, string>;
    Subpath?: string;
    DriverConfig?: { Name?: string; Options?: Record<string, string> };
  };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

/** encoding/csv's reading of one record: fields split on commas, "quoted" fields may hold commas. */
function csvFields(value: string): string[] | string {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (value[i] === '"') {
      let f = '';
      i++;
      for (;;) {
        if (i >= value.length)
          return `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`;
        if (value[i] === '"') {
          if (value[i + 1] === '"') {
            f += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        f += value[i++];
      }
      if (i < value.length && value[i] !== ',')
        return `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`;
      out.push(f);
    } else {
      const j = value.indexOf(',', i);
      const f = j < 0 ? value.slice(i) : value.slice(i, j);
      if (f.includes('"'))
        return `parse error on line 1, column ${i + f.indexOf('"') + 1}: bare " in non-quoted-field`;
      out.push(f);
      i = j < 0 ? value.length : j;
    }
    if (i >= value.length) return out;
    i++; // the comma
  }
}

/** strconv.ParseBool */
function goBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** MountOpt.Set for one --mount value. Relative sources starting with "." are made absolute. */
export function parseMount(value: string, cwd: string): MountJson | string {
  const fields = csvFields(value);
  if (typeof fields === 'string') return fields;
  const m: MountJson = { Type: 'volume' };
  const volumeOptions = () => {
    m.VolumeOptions ??= { Labels: {} };
    m.VolumeOptions.DriverConfig ??= {};
    return m.VolumeOptions;
  };
  const bindOptions = () => (m.BindOptions ??= {});
  const tmpfsOptions = () => (m.TmpfsOptions ??= {});
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? '' : field.slice(eq + 1);
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro') m.ReadOnly = true;
      else if (key === 'volume-nocopy') volumeOptions().NoCopy = true;
      else if (key === 'bind-nonrecursive') bindOptions().NonRecursive = true;
      else return `invalid field '${field}' must be a key=value pair`;
      continue;
    }
    switch (key) {
      case 'type':
        m.Type = val.toLowerCase();
        break;
      case 'source':
      case 'src':
        m.Source = !val.startsWith('/') && val.startsWith('.') ? absPath(val, cwd) : val;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        m.Target = val;
        break;
      case 'readonly':
      case 'ro': {
        const b = goBool(val);
        if (b === undefined) return `invalid value for ${key}: ${val}`;
        m.ReadOnly = b;
        break;
      }
      case 'consistency':
        m.Consistency = val.toLowerCase();
        break;
      case 'bind-propagation':
        bindOptions().Propagation = val.toLowerCase();
        break;
      case 'volume-subpath':
        volumeOptions().Subpath = val;
        break;
      case 'volume-nocopy': {
        const b = goBool(val);
        if (b === undefined) return `invalid value for volume-nocopy: ${val}`;
        volumeOptions().NoCopy = b;
        break;
      }
      case 'volume-label': {
        const [k, ...v] = val.split('=');
        if (k !== '') volumeOptions().Labels![k] = v.join('=');
        break;
      }
      case 'volume-driver':
        volumeOptions().DriverConfig!.Name = val;
        break;
      case 'tmpfs-size': {
        const n = parseRamBytes(val);
        if (typeof n === 'string') return `invalid value for ${key}: ${val}`;
        tmpfsOptions().SizeBytes = n;
        break;
      }
      case 'tmpfs-mode': {
        if (!/^[0-7]+$/.test(val) || parseInt(val, 8) > 0xffffffff) return `invalid value for ${key}: ${val}`;
        tmpfsOptions().Mode = parseInt(val, 8);
        break;
      }
      default:
        return `unexpected key '${key}' in '${field}'`;
    }
  }
  if (m.Type === '') return 'type is required';
  if (!m.Target) return 'target is required';
  if (m.VolumeOptions && m.Type !== 'volume')
    return `cannot mix 'volume-*' options with mount type '${m.Type}'`;
  if (m.BindOptions && m.Type !== 'bind') return `cannot mix 'bind-*' options with mount type '${m.Type}'`;
  if (m.TmpfsOptions && m.Type !== 'tmpfs') return `cannot mix 'tmpfs-*' options with mount type '${m.Type}'`;
  return m;
}

// ---- --env-file (pkg/kvfile) ----

/** kvfile.Parse: the variables of an env file; a bare NAME takes the client's value or is dropped. */
export function parseEnvFile(
  filename: string,
  content: string,
  lookup: (key: string) => string | undefined,
): string[] | string {
  const out: string[] = [];
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const [n, text] of lines.entries()) {
    // bufio.ScanLines drops a trailing CR; the first line loses a UTF-8 BOM
    let raw = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (n === 0) raw = raw.replace(/^\uFEFF/, '');
    const line = raw.replace(/^\s+/, '');
    if (line.length === 0 || line[0] === '#') continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (key.length === 0) return `invalid env file (${filename}): no variable name on line '${line}'`;
    if (/[ \t]/.test(key)) return `invalid env file (${filename}): variable '${key}' contains whitespaces`;
    if (eq >= 0) {
      out.push(line);
      continue;
    }
    const v = lookup(line);
    if (v !== undefined) out.push(`${key}=${v}`);
  }
  return out;
}

// ---- --restart (opts.ParseRestartPolicy) ----

export interface RestartPolicy {
  Name: string;
  MaximumRetryCount: number;
}

export function parseRestartPolicy(policy: string): RestartPolicy | string {
  if (policy === '') return { Name: '', MaximumRetryCount: 0 };
  const i = policy.indexOf(':');
  const k = i < 0 ? policy : policy.slice(0, i);
  const v = i < 0 ? '' : policy.slice(i + 1);
  if (i >= 0 && k === '') return 'invalid restart policy format: no policy provided before colon';
  let count = 0;
  if (v !== '') {
    if (!/^[+-]?\d+$/.test(v)) return 'invalid restart policy format: maximum retry count must be an integer';
    count = Number(v);
  }
  return { Name: k, MaximumRetryCount: count };
}
