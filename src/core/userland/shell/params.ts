// ${…} forms: defaults and assignments (:- := :? :+), lengths, pattern
// stripping (# ## % %%), and where the flavour has them, substrings,
// pattern replacement and case changes (bash, busybox). dash rejects the
// extensions with its own "Bad substitution".
import { matchPattern, stripPattern } from './pattern';
import { doubleParts, wordParts } from './scan';
import { ExpandError, addPositional, arithmetic, expandParts, lookup, unsetMessage, type ExpandHost, type Fields, type Mode } from './expand';
import type { WordPart } from '../shell-words';

const NAME = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/;

function badSubst(host: ExpandHost, inner: string): ExpandError {
  const f = host.flavour.name;
  return new ExpandError(f === 'bash' ? `\${${inner}}: bad substitution` : f === 'ash' ? 'syntax error: bad substitution' : 'Bad substitution');
}

/** The operand's parts: inside "…" its quotes are literal, outside they quote. */
function operandParts(operand: string, quoted: boolean): WordPart[] {
  return quoted ? doubleParts(operand) : wordParts(operand);
}

async function operandText(host: ExpandHost, operand: string, quoted: boolean): Promise<string> {
  const f = await expandParts(host, operandParts(operand, quoted), 'single');
  return f.fields.map((seg) => seg.map((s) => s.t).join('')).join(' ');
}

async function operandPattern(host: ExpandHost, operand: string): Promise<string> {
  const f = await expandParts(host, wordParts(operand), 'pattern');
  return f.fields.map((seg) => seg.map((s) => (s.q ? s.t.replace(/[\\*?[\]]/g, '\\$&') : s.t)).join('')).join(' ');
}

function valueOf(host: ExpandHost, name: string): string | undefined {
  if (name === '@' || name === '*') return host.params.length > 0 ? host.params.join(' ') : undefined;
  return lookup(host, name);
}

export async function expandParameter(host: ExpandHost, inner: string, quoted: boolean, out: Fields, mode: Mode): Promise<void> {
  const put = (v: string) => out.add(v, quoted, !quoted);
  // ${#name}: length
  if (inner.length > 1 && inner[0] === '#' && NAME.exec(inner.slice(1))?.[0] === inner.slice(1)) {
    const name = inner.slice(1);
    if (name === '@' || name === '*') return put(String(host.params.length));
    const v = lookup(host, name);
    if (v === undefined && host.nounset) throw new ExpandError(unsetMessage(host.flavour, name));
    return put(String([...(v ?? '')].length));
  }
  let name: string;
  let rest: string;
  if (inner.startsWith('!') && host.flavour.name === 'bash' && inner.length > 1) {
    const m = NAME.exec(inner.slice(1));
    if (!m) throw badSubst(host, inner);
    const target = lookup(host, m[0]) ?? '';
    name = target;
    rest = inner.slice(1 + m[0].length);
    if (!NAME.test(name)) return put('');
  } else {
    const m = NAME.exec(inner);
    if (!m) throw badSubst(host, inner);
    name = m[0];
    // ${10} is one name; $10 outside braces is ${1}0
    rest = inner.slice(name.length);
  }
  const value = valueOf(host, name);
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  if (rest === '') {
    if (!set && host.nounset && name !== '@' && name !== '*') throw new ExpandError(unsetMessage(host.flavour, name));
    if (name === '@' || name === '*') return addPositional(host, out, name, quoted);
    return put(value ?? '');
  }
  const op2 = rest.slice(0, 2);
  const op1 = rest[0];
  // defaults, assignment, errors, alternatives
  for (const [op, test] of [
    [':-', nonEmpty],
    [':=', nonEmpty],
    [':?', nonEmpty],
    [':+', nonEmpty],
  ] as const) {
    if (op2 === op) return defaulting(host, op[1], test, name, value, rest.slice(2), quoted, out, mode, true);
  }
  if ('-=?+'.includes(op1)) return defaulting(host, op1, set, name, value, rest.slice(1), quoted, out, mode, false);
  if (!set && host.nounset) throw new ExpandError(unsetMessage(host.flavour, name));
  const v = value ?? '';
  if (op1 === '#' || op1 === '%') {
    const longest = rest[1] === op1;
    const pat = await operandPattern(host, rest.slice(longest ? 2 : 1));
    return put(stripPattern(v, pat, op1 === '%', longest, host.flavour.patterns));
  }
  if (!host.flavour.substExtensions) throw badSubst(host, inner);
  if (op1 === '/') return put(await replace(host, v, rest.slice(1), quoted));
  if (op1 === ':') {
    const [offExpr, lenExpr] = splitTop(rest.slice(1), ':');
    const chars = [...v];
    let off = Number(await arithmetic(host, offExpr));
    if (off < 0) off = Math.max(0, chars.length + off);
    let end = chars.length;
    if (lenExpr !== undefined) {
      const len = Number(await arithmetic(host, lenExpr));
      end = len < 0 ? chars.length + len : off + len;
      if (end < off) throw new ExpandError(`${lenExpr}: substring expression < 0`);
    }
    return put(chars.slice(off, end).join(''));
  }
  if (host.flavour.name === 'bash' && (op1 === '^' || op1 === ',')) {
    const all = rest[1] === op1;
    const up = op1 === '^';
    const conv = (c: string) => (up ? c.toUpperCase() : c.toLowerCase());
    return put(all ? [...v].map(conv).join('') : v.length ? conv(v[0]) + v.slice(1) : v);
  }
  throw badSubst(host, inner);
}

async function defaulting(
  host: ExpandHost,
  op: string,
  test: boolean,
  name: string,
  value: string | undefined,
  operand: string,
  quoted: boolean,
  out: Fields,
  mode: Mode,
  colon: boolean,
): Promise<void> {
  const useValue = () => {
    if (name === '@' || name === '*') addPositional(host, out, name, quoted);
    else out.add(value ?? '', quoted, !quoted);
  };
  const useOperand = async () => {
    // "${x:-}" is still one (empty) field
    if (quoted) out.add('', true, false);
    const f = await expandParts(host, operandParts(operand, quoted), mode === 'pattern' ? 'pattern' : 'single', !quoted);
    f.fields.forEach((segs, k) => {
      if (k > 0) out.breakField();
      for (const s of segs) out.add(s.t, s.q || quoted, s.s);
    });
  };
  switch (op) {
    case '-':
      return test ? useValue() : useOperand();
    case '+':
      return test ? useOperand() : undefined;
    case '=': {
      if (test) return useValue();
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        const f = host.flavour.name;
        throw new ExpandError(f === 'bash' ? `$${name}: cannot assign in this way` : f === 'ash' ? `${name}: bad variable name` : `${name}: bad variable name`);
      }
      const v = await operandText(host, operand, quoted);
      host.set(name, v);
      out.add(v, quoted, !quoted);
      return;
    }
    case '?': {
      if (test) return useValue();
      const msg = await operandText(host, operand, quoted);
      const dflt = host.flavour.name === 'bash' && colon ? 'parameter null or not set' : 'parameter not set';
      throw new ExpandError(`${name}: ${msg || dflt}`);
    }
  }
}

/** ${v/pat/rep}, ${v//pat/rep}, ${v/#pat/rep}, ${v/%pat/rep}. */
async function replace(host: ExpandHost, v: string, spec: string, quoted: boolean): Promise<string> {
  let mode: 'first' | 'all' | 'start' | 'end' = 'first';
  if (spec[0] === '/') mode = 'all';
  else if (spec[0] === '#') mode = 'start';
  else if (spec[0] === '%') mode = 'end';
  const body = mode === 'first' ? spec : spec.slice(1);
  const [patText, repText] = splitTop(body, '/');
  const pat = await operandPattern(host, patText);
  const rep = repText === undefined ? '' : await operandText(host, repText, quoted);
  if (pat === '') return v;
  const n = v.length;
  if (mode === 'start') {
    for (let k = n; k >= 0; k--) if (matchPattern(pat, v.slice(0, k))) return rep + v.slice(k);
    return v;
  }
  if (mode === 'end') {
    for (let k = 0; k <= n; k++) if (matchPattern(pat, v.slice(k))) return v.slice(0, k) + rep;
    return v;
  }
  let out = '';
  let i = 0;
  let replaced = false;
  while (i <= n) {
    let found = -1;
    if (!(replaced && mode === 'first')) {
      for (let k = n; k > i; k--) {
        if (matchPattern(pat, v.slice(i, k))) {
          found = k;
          break;
        }
      }
    }
    if (found > 0) {
      out += rep;
      i = found;
      replaced = true;
    } else {
      if (i < n) out += v[i];
      i++;
    }
  }
  return out;
}

/** Split at the first `sep` not inside quotes or nested braces. */
function splitTop(s: string, sep: string): [string, string | undefined] {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === sep && depth === 0) return [s.slice(0, i), s.slice(i + 1)];
  }
  return [s, undefined];
}
