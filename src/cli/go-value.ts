// Go values as text/template sees them: a JSON value from the Engine API paired with
// the Go type the docker CLI decodes it into, so `{{.Config.Entrypoint}}` prints `[]`
// for a nil slice, maps print sorted as `map[k:v]`, and type names in errors match.

import { fileModeString } from './go-file-mode';
import { formatFloatV } from './go-float';
import { goJsonString } from './go-json';

export interface StructField {
  name: string;
  /** JSON key when it differs from the Go field name (`ID` is `"Id"`). */
  json?: string;
  type: GoType;
  /** Embedded struct: its fields are promoted and share the parent's JSON object. */
  embedded?: boolean;
  omitempty?: boolean;
  /**
   * Reads the field off the JavaScript object when that is not a plain property read by
   * name: a getter found by a name that changes from column to column is a slow lookup,
   * and a table reads seven of them on each of a thousand rows.
   */
  read?: (obj: Record<string, unknown>) => unknown;
}

export type GoType =
  | {
      kind: 'string';
      name?: string;
      /** Methods of a named string type (`container.NetworkMode`'s IsHost…), by name. */
      methods?: Record<string, GoMethod>;
    }
  | { kind: 'bool' }
  | { kind: 'int'; name?: string }
  | { kind: 'float'; name?: string }
  | { kind: 'number' } // json.Number, from raw decoding with UseNumber
  | { kind: 'slice'; elem: GoType; name?: string }
  | {
      kind: 'map';
      elem: GoType;
      name?: string;
      /** Methods of a named map type (formatter.SubHeaderContext's Label), by name. */
      methods?: Record<string, GoMethod>;
    }
  | { kind: 'ptr'; elem: GoType }
  | {
      kind: 'struct';
      name: string;
      fields: StructField[];
      marshal?: (v: Record<string, unknown>) => string;
      /** A String method on the pointer receiver: fmt uses it through a pointer, or on an addressable value. */
      stringer?: (v: Record<string, unknown>) => string;
      /** Methods with arguments (`{{.Label "name"}}` of the formatter contexts), by name. */
      methods?: Record<string, GoMethod>;
    }
  | { kind: 'iface' }
  | { kind: 'time' }
  | { kind: 'duration' }
  | { kind: 'empty' };

/** A method bound to its receiver's value (a struct's object, a named string's text): its parameter types and how it is called. */
export interface GoMethod {
  params: Array<'string' | 'any'>;
  call(recv: unknown, args: Array<GoValue | undefined>): GoValue | undefined;
}

/** A valid Go value. `undefined` stands for Go's invalid reflect.Value ("<no value>"). */
export interface GoValue {
  t: GoType;
  v: unknown;
}

export const T = {
  string: { kind: 'string' } as GoType,
  bool: { kind: 'bool' } as GoType,
  int: { kind: 'int', name: 'int' } as GoType,
  int64: { kind: 'int', name: 'int64' } as GoType,
  uint64: { kind: 'int', name: 'uint64' } as GoType,
  float64: { kind: 'float', name: 'float64' } as GoType,
  iface: { kind: 'iface' } as GoType,
  time: { kind: 'time' } as GoType,
  duration: { kind: 'duration' } as GoType,
  empty: { kind: 'empty' } as GoType,
  number: { kind: 'number' } as GoType,
  slice: (elem: GoType, name?: string): GoType => ({ kind: 'slice', elem, name }),
  map: (elem: GoType, name?: string): GoType => ({ kind: 'map', elem, name }),
  ptr: (elem: GoType): GoType => ({ kind: 'ptr', elem }),
};

export function typeName(t: GoType): string {
  switch (t.kind) {
    case 'string':
      return t.name ?? 'string';
    case 'bool':
      return 'bool';
    case 'int':
    case 'float':
      return t.name ?? (t.kind === 'int' ? 'int' : 'float64');
    case 'number':
      return 'json.Number';
    case 'slice':
      return t.name ?? `[]${typeName(t.elem)}`;
    case 'map':
      return t.name ?? `map[string]${typeName(t.elem)}`;
    case 'ptr':
      return `*${typeName(t.elem)}`;
    case 'struct':
      return t.name;
    case 'iface':
      return 'interface {}';
    case 'time':
      return 'time.Time';
    case 'duration':
      return 'time.Duration';
    case 'empty':
      return 'struct {}';
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The dynamic type of a JSON value held in an interface{} (json.Decoder with UseNumber). */
export function dynamicOf(v: unknown): GoValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return { t: T.string, v };
  if (typeof v === 'boolean') return { t: T.bool, v };
  if (typeof v === 'number') return { t: T.number, v: String(v) };
  if (Array.isArray(v)) return { t: T.slice(T.iface), v };
  return { t: T.map(T.iface), v };
}

/** Go's reflect.Kind of the value, with interfaces already unwrapped where Go would. */
export function zeroOf(t: GoType): unknown {
  switch (t.kind) {
    case 'string':
    case 'time':
      return t.kind === 'time' ? '0001-01-01T00:00:00Z' : '';
    case 'bool':
      return false;
    case 'int':
    case 'float':
    case 'duration':
      return 0;
    case 'number':
      return '';
    case 'struct':
      return {};
    case 'empty':
      return {};
    default:
      return null; // slice, map, ptr, iface: nil
  }
}

type StructType = Extract<GoType, { kind: 'struct' }>;

function findField(t: StructType, name: string): StructField | undefined {
  for (const f of t.fields) if (f.name === name) return f;
  for (const f of t.fields) {
    if (f.embedded && f.type.kind === 'struct') {
      const inner = findField(f.type, name);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * Field lookups by name, per struct type: a table template reads the same few
 * fields of every row. Types are never changed once built, so the cache holds.
 */
const fieldCache = new WeakMap<StructType, Map<string, StructField | null>>();

function lookupField(t: StructType, name: string): StructField | undefined {
  let byName = fieldCache.get(t);
  if (!byName) fieldCache.set(t, (byName = new Map()));
  let f = byName.get(name);
  if (f === undefined) byName.set(name, (f = findField(t, name) ?? null));
  return f ?? undefined;
}

/** The struct type's field by name (promoted ones included). */
export function fieldOf(t: GoType, name: string): StructField | undefined {
  return t.kind === 'struct' ? lookupField(t, name) : undefined;
}

/** A struct field's value (promoted through embedded structs; missing JSON keys are zero values). */
export function structField(sv: GoValue, name: string): GoValue | undefined {
  const t = sv.t;
  if (t.kind !== 'struct') return undefined;
  const f = lookupField(t, name);
  if (!f) return undefined;
  const obj = isObject(sv.v) ? sv.v : {};
  if (f.embedded) return { t: f.type, v: obj };
  const key = f.json ?? f.name;
  const raw = obj[key];
  // JSON null or a missing key decode to the field's zero value
  return {
    t: f.type,
    v: raw === undefined || (raw === null && zeroOf(f.type) !== null) ? zeroOf(f.type) : raw,
  };
}

export function isNilValue(g: GoValue): boolean {
  const k = g.t.kind;
  return (
    (k === 'slice' || k === 'map' || k === 'ptr' || k === 'iface') && (g.v === null || g.v === undefined)
  );
}

/** Follow pointers and interfaces (text/template's indirect); stops at nil. */
export function indirect(g: GoValue): { g: GoValue; isNil: boolean } {
  let cur = g;
  for (;;) {
    if (cur.t.kind === 'ptr') {
      if (cur.v === null || cur.v === undefined) return { g: cur, isNil: true };
      cur = { t: cur.t.elem, v: cur.v };
    } else if (cur.t.kind === 'iface') {
      const d = dynamicOf(cur.v);
      if (!d) return { g: cur, isNil: true };
      cur = d;
    } else return { g: cur, isNil: false };
  }
}

/** An interface value's concrete value, or undefined for a nil interface. */
export function indirectInterface(g: GoValue | undefined): GoValue | undefined {
  if (!g || g.t.kind !== 'iface') return g;
  return dynamicOf(g.v);
}

export function lengthOf(g: GoValue): number | undefined {
  switch (g.t.kind) {
    case 'string':
    case 'number': // json.Number is a string type: len counts its digits
      return new TextEncoder().encode(g.v as string).length;
    case 'slice':
      return Array.isArray(g.v) ? g.v.length : 0;
    case 'map':
      return isObject(g.v) ? Object.keys(g.v).length : 0;
    default:
      return undefined;
  }
}

/** text/template truth: non-zero, non-empty, non-nil; structs are always true. */
export function isTrue(g: GoValue | undefined): { truth: boolean; ok: boolean } {
  if (!g) return { truth: false, ok: true };
  switch (g.t.kind) {
    case 'string':
    case 'slice':
    case 'map':
      return { truth: (lengthOf(g) ?? 0) > 0, ok: true };
    case 'number':
      return { truth: (g.v as string).length > 0, ok: true };
    case 'bool':
      return { truth: g.v === true, ok: true };
    case 'int':
    case 'float':
    case 'duration':
      return { truth: g.v !== 0, ok: true };
    case 'ptr':
    case 'iface':
      return { truth: g.v !== null && g.v !== undefined, ok: true };
    case 'struct':
    case 'time':
    case 'empty':
      return { truth: true, ok: true };
  }
}

export function mapKeys(obj: Record<string, unknown>): string[] {
  // fmt and encoding/json both sort string keys bytewise
  return Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** time.Time.String() of an RFC 3339 timestamp: "2026-11-27 21:18:36.625067719 +0000 UTC". */
export function goTimeString(rfc: string): string {
  const m = /^(\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(rfc);
  if (!m) return rfc;
  const frac = m[7] ? m[7].replace(/0+$/, '') : '';
  const zone = m[8] === 'Z' ? '+0000 UTC' : `${m[8].replace(':', '')} ${m[8].replace(':', '')}`;
  return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}${frac ? '.' + frac : ''} ${zone}`;
}

/** time.Duration.String(): "1h2m3.5s", "250ms", "0s". */
export function goDurationString(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let s: string;
  if (u < 1e9) {
    let unit = 'ns';
    let div = 1;
    if (u >= 1e6) {
      unit = 'ms';
      div = 1e6;
    } else if (u >= 1e3) {
      unit = 'µs';
      div = 1e3;
    }
    s = `${trimFrac(u / div)}${unit}`;
  } else {
    const h = Math.floor(u / 3.6e12);
    u -= h * 3.6e12;
    const m = Math.floor(u / 6e10);
    u -= m * 6e10;
    const sec = trimFrac(u / 1e9);
    s = h > 0 ? `${h}h${m}m${sec}s` : m > 0 ? `${m}m${sec}s` : `${sec}s`;
  }
  return (neg ? '-' : '') + s;
}

function trimFrac(x: number): string {
  return x.toFixed(9).replace(/\.?0+$/, '');
}

let fakeAddress = 0xc000010000;

/** fmt.Sprint of a value (the %v verb); depth > 0 inside containers as fmt's printValue. */
export function formatValue(g: GoValue | undefined, depth = 0): string {
  if (!g) return depth === 0 ? '<no value>' : '<nil>';
  const { t, v } = g;
  switch (t.kind) {
    case 'string':
      return v as string;
    case 'bool':
      return v ? 'true' : 'false';
    case 'int':
      // fs.FileMode is a Stringer, which fmt calls at every depth
      return t.name === 'fs.FileMode' ? fileModeString(v as number) : String(v);
    case 'float':
      return formatFloatV(v as number);
    case 'number':
      return v as string;
    case 'time':
      return goTimeString(v as string);
    case 'duration':
      return goDurationString(v as number);
    case 'empty':
      return '{}';
    case 'iface': {
      const d = dynamicOf(v);
      return d ? formatValue(d, depth) : '<nil>';
    }
    case 'ptr': {
      if (v === null || v === undefined) return '<nil>';
      if (t.elem.kind === 'struct' && t.elem.stringer) return t.elem.stringer(isObject(v) ? v : {});
      if (depth === 0) {
        const ek = t.elem.kind;
        const inner = formatValue({ t: t.elem, v }, 1);
        return ek === 'struct' || ek === 'slice' || ek === 'map' ? '&' + inner : inner;
      }
      fakeAddress += 0x30;
      return '0x' + fakeAddress.toString(16);
    }
    case 'slice': {
      const arr = Array.isArray(v) ? v : [];
      return '[' + arr.map((e) => formatValue(elemValue(t.elem, e), depth + 1)).join(' ') + ']';
    }
    case 'map': {
      const obj = isObject(v) ? v : {};
      return (
        'map[' +
        mapKeys(obj)
          .map((k) => `${k}:${formatValue(elemValue(t.elem, obj[k]), depth + 1)}`)
          .join(' ') +
        ']'
      );
    }
    case 'struct': {
      // at the top the template hands over an addressable value (a field reached through a pointer)
      if (depth === 0 && t.stringer) return t.stringer(isObject(v) ? v : {});
      const parts = t.fields.map((f) => formatValue(structField(g, f.name), depth + 1));
      return '{' + parts.join(' ') + '}';
    }
  }
}

/** An element of a slice or map: interface{} elements keep their dynamic value. */
export function elemValue(t: GoType, raw: unknown): GoValue | undefined {
  if (t.kind === 'iface') return { t, v: raw === undefined ? null : raw };
  return { t, v: raw === undefined || (raw === null && zeroOf(t) !== null) ? zeroOf(t) : raw };
}

/** encoding/json Marshal (SetEscapeHTML(false), as docker's `json` template function). */
export function marshalValue(g: GoValue | undefined): string {
  if (!g) return 'null';
  const { t, v } = g;
  switch (t.kind) {
    case 'string':
    case 'time':
      return goJsonString(v as string, false);
    case 'bool':
      return v ? 'true' : 'false';
    case 'int':
    case 'duration':
      return String(v);
    case 'float':
      return JSON.stringify(v);
    case 'number':
      return (v as string) || '0';
    case 'empty':
      return '{}';
    case 'iface':
      return marshalRaw(v);
    case 'ptr':
      return v === null || v === undefined ? 'null' : marshalValue({ t: t.elem, v });
    case 'slice':
      if (!Array.isArray(v)) return 'null';
      return '[' + v.map((e) => marshalValue(elemValue(t.elem, e))).join(',') + ']';
    case 'map': {
      if (!isObject(v)) return 'null';
      return (
        '{' +
        mapKeys(v)
          .map((k) => `${goJsonString(k, false)}:${marshalValue(elemValue(t.elem, v[k]))}`)
          .join(',') +
        '}'
      );
    }
    case 'struct': {
      if (t.marshal) return t.marshal(isObject(v) ? v : {});
      return '{' + structMembers(g).join(',') + '}';
    }
  }
}

function isEmptyJson(g: GoValue): boolean {
  const { t, v } = g;
  switch (t.kind) {
    case 'string':
    case 'number':
      return v === '';
    case 'bool':
      return v === false;
    case 'int':
    case 'float':
    case 'duration':
      return v === 0;
    case 'slice':
      return !Array.isArray(v) || v.length === 0;
    case 'map':
      return !isObject(v) || Object.keys(v).length === 0;
    case 'ptr':
    case 'iface':
      return v === null || v === undefined;
    default:
      return false;
  }
}

function structMembers(g: GoValue): string[] {
  const t = g.t as Extract<GoType, { kind: 'struct' }>;
  const out: string[] = [];
  for (const f of t.fields) {
    const fv = structField(g, f.name);
    if (!fv) continue;
    if (f.embedded) {
      out.push(...structMembers(fv));
      continue;
    }
    if (f.omitempty && isEmptyJson(fv)) continue;
    out.push(`${goJsonString(f.json ?? f.name, false)}:${marshalValue(fv)}`);
  }
  return out;
}

/** json.Marshal of a value decoded into interface{}: objects are maps, so keys come out sorted. */
export function marshalRaw(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v, false);
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(marshalRaw).join(',') + ']';
  if (isObject(v))
    return (
      '{' +
      mapKeys(v)
        .map((k) => `${goJsonString(k, false)}:${marshalRaw(v[k])}`)
        .join(',') +
      '}'
    );
  return 'null';
}
