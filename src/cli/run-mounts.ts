// -v (internal/volumespec: which values are binds, named or anonymous volumes) and
// --mount (opts.MountOpt: the CSV fields and their errors).

import { parseRamBytes } from './run-values';

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
