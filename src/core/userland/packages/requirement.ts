// PEP 508 requirements (`name[extra]>=1,<2; python_version < "3.10"`) and
// environment markers, evaluated for the interpreter pip serves, plus PEP 503
// name normalisation. `requirementString` prints a requirement the way
// `packaging` does, which is what pip's "Collecting …" lines show.
import { parseSpecifiers, parseVersion, satisfies, specifierString, type Specifier } from './pep440';

export interface Requirement {
  /** As written (pip shows it so). */
  name: string;
  extras: string[];
  specs: Specifier[];
  marker?: Marker;
}

/** PEP 503: lower case, runs of -_. become one dash. */
export function canonicalName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export type Marker =
  | { op: 'and' | 'or'; left: Marker; right: Marker }
  | { op: 'cmp'; left: MarkerValue; cmp: string; right: MarkerValue };
type MarkerValue = { variable: string } | { literal: string };

export interface MarkerEnv {
  python_version: string;
  python_full_version: string;
  [key: string]: string;
}

export function markerEnv(pythonFull: string): MarkerEnv {
  const [maj, min] = pythonFull.split('.');
  return {
    python_version: `${maj}.${min}`,
    python_full_version: pythonFull,
    os_name: 'posix',
    sys_platform: 'linux',
    platform_system: 'Linux',
    platform_machine: 'x86_64',
    platform_release: '',
    platform_version: '',
    platform_python_implementation: 'CPython',
    implementation_name: 'cpython',
    implementation_version: pythonFull,
  };
}

const NAME_RE = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

/** Parse one requirement; a string explains what is wrong (pip prints it after "Invalid requirement"). */
export function parseRequirement(text: string): Requirement | { error: string } {
  let s = text.trim();
  const m = NAME_RE.exec(s);
  if (!m) return { error: 'Expected package name at the start of dependency specifier' };
  const name = m[1];
  s = s.slice(name.length).trim();
  let extras: string[] = [];
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return { error: 'Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras' };
    extras = s
      .slice(1, close)
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    s = s.slice(close + 1).trim();
  }
  let markerText: string | undefined;
  const semi = s.indexOf(';');
  if (semi >= 0) {
    markerText = s.slice(semi + 1).trim();
    s = s.slice(0, semi).trim();
  }
  if (s.startsWith('@')) return { error: 'URL requirements are not available in this simulation' };
  if (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1).trim();
  const specs = parseSpecifiers(s);
  if (!specs) return { error: 'Expected end or semicolon (after name and no valid version specifier)' };
  let marker: Marker | undefined;
  if (markerText !== undefined) {
    const mk = parseMarker(markerText);
    if (!mk) return { error: 'Expected a marker variable or quoted string' };
    marker = mk;
  }
  return { name, extras, specs, marker };
}

/** `str(Requirement)` of packaging. */
export function requirementString(r: Requirement): string {
  let s = r.name;
  if (r.extras.length) s += `[${[...r.extras].sort().join(',')}]`;
  s += specifierString(r.specs);
  if (r.marker) s += `; ${markerString(r.marker)}`;
  return s;
}

// ---- markers ----

function tokenize(s: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push(c);
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = s.indexOf(c, i + 1);
      if (end < 0) return undefined;
      out.push(s.slice(i, end + 1));
      i = end + 1;
      continue;
    }
    const op = /^(===|==|!=|<=|>=|~=|<|>)/.exec(s.slice(i));
    if (op) {
      out.push(op[1]);
      i += op[1].length;
      continue;
    }
    const w = /^[A-Za-z_.][A-Za-z0-9_.]*/.exec(s.slice(i));
    if (!w) return undefined;
    out.push(w[0]);
    i += w[0].length;
  }
  return out;
}

export function parseMarker(s: string): Marker | undefined {
  const toks = tokenize(s);
  if (!toks) return undefined;
  let pos = 0;
  const value = (): MarkerValue | undefined => {
    const t = toks[pos];
    if (t === undefined) return undefined;
    pos++;
    if (t.startsWith('"') || t.startsWith("'")) return { literal: t.slice(1, -1) };
    if (/^[A-Za-z_]/.test(t) && t !== 'and' && t !== 'or' && t !== 'in' && t !== 'not') return { variable: t === 'python_implementation' ? 'platform_python_implementation' : t };
    return undefined;
  };
  const atom = (): Marker | undefined => {
    if (toks[pos] === '(') {
      pos++;
      const e = expr();
      if (toks[pos] !== ')') return undefined;
      pos++;
      return e;
    }
    const left = value();
    if (!left) return undefined;
    let cmp = toks[pos++];
    if (cmp === 'not' && toks[pos] === 'in') {
      pos++;
      cmp = 'not in';
    }
    if (!cmp || !['===', '==', '!=', '<=', '>=', '~=', '<', '>', 'in', 'not in'].includes(cmp)) return undefined;
    const right = value();
    if (!right) return undefined;
    return { op: 'cmp', left, cmp, right };
  };
  const conj = (): Marker | undefined => {
    let l = atom();
    while (l && toks[pos] === 'and') {
      pos++;
      const r = atom();
      if (!r) return undefined;
      l = { op: 'and', left: l, right: r };
    }
    return l;
  };
  const expr = (): Marker | undefined => {
    let l = conj();
    while (l && toks[pos] === 'or') {
      pos++;
      const r = conj();
      if (!r) return undefined;
      l = { op: 'or', left: l, right: r };
    }
    return l;
  };
  const m = expr();
  return m && pos === toks.length ? m : undefined;
}

const showValue = (v: MarkerValue) => ('variable' in v ? v.variable : `"${v.literal}"`);

export function markerString(m: Marker): string {
  if (m.op === 'cmp') return `${showValue(m.left)} ${m.cmp} ${showValue(m.right)}`;
  const side = (x: Marker) => (x.op !== 'cmp' && x.op !== m.op ? `(${markerString(x)})` : markerString(x));
  return `${side(m.left)} ${m.op} ${side(m.right)}`;
}

const VERSION_VARS = new Set(['python_version', 'python_full_version', 'implementation_version', 'platform_release']);

/** Evaluate for the environment; `extras` are the extras requested of the parent (the marker's `extra`). */
export function evaluateMarker(m: Marker, env: MarkerEnv, extras: readonly string[] = []): boolean {
  if (m.op !== 'cmp') {
    const l = evaluateMarker(m.left, env, extras);
    return m.op === 'and' ? l && evaluateMarker(m.right, env, extras) : l || evaluateMarker(m.right, env, extras);
  }
  const isExtra = ('variable' in m.left && m.left.variable === 'extra') || ('variable' in m.right && m.right.variable === 'extra');
  if (isExtra) {
    const lit = 'literal' in m.right ? m.right.literal : 'literal' in m.left ? m.left.literal : '';
    const has = extras.some((e) => canonicalName(e) === canonicalName(lit));
    return m.cmp === '==' ? has : m.cmp === '!=' ? !has : false;
  }
  const val = (v: MarkerValue) => ('variable' in v ? (env[v.variable] ?? '') : v.literal);
  const l = val(m.left);
  const r = val(m.right);
  const varName = 'variable' in m.left ? m.left.variable : 'variable' in m.right ? m.right.variable : '';
  if (m.cmp === 'in') return r.includes(l);
  if (m.cmp === 'not in') return !r.includes(l);
  if (VERSION_VARS.has(varName) && 'variable' in m.left) {
    const lv = parseVersion(l);
    const specs = parseSpecifiers(`${m.cmp}${r}`);
    if (lv && specs) return satisfies(lv, specs, true);
  }
  switch (m.cmp) {
    case '==':
    case '===':
      return l === r;
    case '!=':
      return l !== r;
    default:
      return false;
  }
}
