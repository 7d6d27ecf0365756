// The functions a docker --format template can call: Go's builtins (funcs.go) and
// docker's templates.go additions (json, split, join, title, lower, upper, pad, truncate),
// plus the identity HeaderFunctions used for table header rows.

import type { GoValue } from './go-value';
import {
  T,
  formatValue,
  indirect,
  indirectInterface,
  isObject,
  isTrue,
  lengthOf,
  marshalValue,
  typeName,
  elemValue,
} from './go-value';
import type { TemplateFunc } from './template-exec';
import { FuncError } from './template-exec';
import { sprintf } from './go-sprintf';

const str = (v: string): GoValue => ({ t: T.string, v });
const bool = (v: boolean): GoValue => ({ t: T.bool, v });

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(g: GoValue | undefined): Kind {
  if (!g) return 'invalid';
  switch (g.t.kind) {
    case 'bool':
      return 'bool';
    case 'int':
    case 'duration':
      return 'int';
    case 'float':
      return 'float';
    case 'string':
    case 'number':
    case 'time':
      return 'string';
    default:
      return 'invalid';
  }
}

function eq(a0: GoValue | undefined, rest: Array<GoValue | undefined>): boolean {
  const a = indirectInterface(a0);
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b0 of rest) {
    const b = indirectInterface(b0);
    const k2 = basicKind(b);
    if (k1 !== k2) {
      if (a && b)
        throw new FuncError(`incompatible types for comparison: ${typeName(a.t)} and ${typeName(b.t)}`);
      continue;
    }
    if (k1 === 'invalid') {
      const na = !a || a.v === null;
      const nb = !b || b.v === null;
      if (na || nb) {
        if (na === nb) return true;
        continue;
      }
      throw new FuncError(`non-comparable type ${formatValue(b)}: ${typeName(b!.t)}`);
    }
    if (a!.v === b!.v) return true;
  }
  return false;
}

function lt(a0: GoValue | undefined, b0: GoValue | undefined): boolean {
  const a = indirectInterface(a0);
  const b = indirectInterface(b0);
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new FuncError('invalid type for comparison');
  if (k1 !== k2)
    throw new FuncError(`incompatible types for comparison: ${typeName(a!.t)} and ${typeName(b!.t)}`);
  if (k1 === 'bool') throw new FuncError('invalid type for comparison');
  return (a!.v as number | string) < (b!.v as number | string);
}

/** text/template's fmt.Sprint: spaces between operands when neither side is a string. */
function sprint(args: Array<GoValue | undefined>): string {
  let out = '';
  args.forEach((a, i) => {
    const isStr = (x: GoValue | undefined) => !!x && x.t.kind === 'string';
    if (i > 0 && !isStr(a) && !isStr(args[i - 1])) out += ' ';
    out += printable(a);
  });
  return out;
}

function printable(a: GoValue | undefined): string {
  if (a && a.t.kind === 'ptr') {
    const r = indirect(a);
    return r.isNil ? '<nil>' : formatValue(r.g);
  }
  return a ? formatValue(a) : '<nil>';
}

function indexArg(i: GoValue | undefined, cap: number): number {
  const v = indirectInterface(i);
  if (!v) throw new FuncError('cannot index slice/array with nil');
  if (v.t.kind !== 'int') throw new FuncError(`cannot index slice/array with type ${typeName(v.t)}`);
  const x = v.v as number;
  if (x < 0 || x > cap) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function htmlEscape(s: string): string {
  return s.replace(
    /[\0"'&<>]/g,
    (c) => ({ '\0': '\ufffd', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c,
  );
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const map: Record<string, string> = {
      '\\': '\\\\',
      "'": "\\'",
      '"': '\\"',
      '<': '\\u003C',
      '>': '\\u003E',
      '&': '\\u0026',
      '=': '\\u003D',
    };
    if (map[ch]) out += map[ch];
    else if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
    else out += ch;
  }
  return out;
}

function title(s: string): string {
  // strings.Title: upper-case the first letter of each word; words break at spaces and ASCII punctuation
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const sep = /[\s]/u.test(prev) || (prev.charCodeAt(0) < 0x80 && !/[A-Za-z0-9_]/.test(prev));
    out += sep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

const anyArgs = (n: number) => Array<'any'>(n).fill('any');

/** Go's builtin template functions. */
export const builtinFuncs: Record<string, TemplateFunc> = {
  and: { params: ['any'], variadic: 'any', call: () => undefined },
  or: { params: ['any'], variadic: 'any', call: () => undefined },
  not: { params: ['any'], call: ([a]) => bool(!isTrue(indirectInterface(a)).truth) },
  len: {
    params: ['any'],
    call: ([a]) => {
      if (!a) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
      const { g, isNil } = indirect(a);
      if (isNil) throw new FuncError('len of nil pointer');
      const n = lengthOf(g);
      if (n === undefined) throw new FuncError(`len of type ${typeName(g.t)}`);
      return { t: T.int, v: n };
    },
  },
  index: {
    params: ['any'],
    variadic: 'any',
    call: ([item0, ...indexes]) => {
      let item = indirectInterface(item0);
      if (!item) throw new FuncError('index of untyped nil');
      for (const idx of indexes) {
        const r = indirect(item!);
        if (r.isNil) throw new FuncError('index of nil pointer');
        item = r.g;
        if (item.t.kind === 'slice' || item.t.kind === 'string') {
          const len = lengthOf(item) ?? 0;
          const x = indexArg(idx, len);
          // indexArg lets x == len through (its bound is for slicing); reflect's Index panics on it
          if (x === len) throw new FuncError(`reflect: ${item.t.kind} index out of range`);
          if (item.t.kind === 'string')
            item = { t: { kind: 'int', name: 'uint8' }, v: new TextEncoder().encode(item.v as string)[x] };
          else item = elemValue(item.t.elem, (item.v as unknown[])[x]);
        } else if (item.t.kind === 'map') {
          const key = indirectInterface(idx);
          if (!key || key.t.kind !== 'string')
            throw new FuncError(`value has type ${key ? typeName(key.t) : 'nil'}; should be string`);
          const obj = isObject(item.v) ? item.v : {};
          item =
            (key.v as string) in obj
              ? elemValue(item.t.elem, obj[key.v as string])
              : elemValue(item.t.elem, undefined);
        } else throw new FuncError(`can't index item of type ${typeName(item.t)}`);
        if (!item) return undefined;
      }
      return item;
    },
  },
  slice: {
    params: ['any'],
    variadic: 'any',
    call: ([item0, ...indexes]) => {
      const item = indirectInterface(item0);
      if (!item) throw new FuncError('slice of untyped nil');
      if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
      if (item.t.kind !== 'string' && item.t.kind !== 'slice')
        throw new FuncError(`can't slice item of type ${typeName(item.t)}`);
      const len = lengthOf(item) ?? 0;
      const idx = [0, len];
      indexes.forEach((x, i) => (idx[i] = indexArg(x, len)));
      if (idx[0] > idx[1]) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
      if (item.t.kind === 'string')
        return str(
          new TextDecoder().decode(new TextEncoder().encode(item.v as string).slice(idx[0], idx[1])),
        );
      return { t: item.t, v: (Array.isArray(item.v) ? item.v : []).slice(idx[0], idx[1]) };
    },
  },
  print: { params: [], variadic: 'any', call: (args) => str(sprint(args)) },
  println: { params: [], variadic: 'any', call: (args) => str(args.map(printable).join(' ') + '\n') },
  printf: { params: ['string'], variadic: 'any', call: ([f, ...args]) => str(sprintf(f!.v as string, args)) },
  html: { params: [], variadic: 'any', call: (args) => str(htmlEscape(sprint(args))) },
  js: { params: [], variadic: 'any', call: (args) => str(jsEscape(sprint(args))) },
  urlquery: {
    params: [],
    variadic: 'any',
    call: (args) =>
      str(
        encodeURIComponent(sprint(args))
          .replace(/%20/g, '+')
          .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()),
      ),
  },
  call: {
    params: ['any'],
    variadic: 'any',
    call: ([f]) => {
      throw new FuncError(f ? `non-function of type ${typeName(f.t)}` : 'call of nil');
    },
  },
  eq: { params: ['any'], variadic: 'any', call: ([a, ...rest]) => bool(eq(a, rest)) },
  ne: { params: anyArgs(2), call: ([a, b]) => bool(!eq(a, [b])) },
  lt: { params: anyArgs(2), call: ([a, b]) => bool(lt(a, b)) },
  le: { params: anyArgs(2), call: ([a, b]) => bool(lt(a, b) || eq(a, [b])) },
  gt: { params: anyArgs(2), call: ([a, b]) => bool(!(lt(a, b) || eq(a, [b]))) },
  ge: { params: anyArgs(2), call: ([a, b]) => bool(!lt(a, b)) },
};

/** docker/cli templates.go basicFunctions. */
export const dockerFuncs: Record<string, TemplateFunc> = {
  ...builtinFuncs,
  json: { params: ['any'], call: ([v]) => str(marshalValue(v)) },
  split: {
    params: ['string', 'string'],
    call: ([s, sep]) => ({ t: T.slice(T.string), v: (s!.v as string).split(sep!.v as string) }),
  },
  join: {
    params: ['[]string', 'string'],
    call: ([a, sep]) => str(((a?.v as string[] | null) ?? []).join(sep!.v as string)),
  },
  title: { params: ['string'], call: ([s]) => str(title(s!.v as string)) },
  lower: { params: ['string'], call: ([s]) => str((s!.v as string).toLowerCase()) },
  upper: { params: ['string'], call: ([s]) => str((s!.v as string).toUpperCase()) },
  pad: {
    params: ['string', 'int', 'int'],
    call: ([s, p, q]) => {
      const src = s!.v as string;
      return str(src === '' ? src : ' '.repeat(p!.v as number) + src + ' '.repeat(q!.v as number));
    },
  },
  truncate: {
    params: ['string', 'int'],
    call: ([s, n]) => {
      const bytes = new TextEncoder().encode(s!.v as string);
      const len = n!.v as number;
      return str(bytes.length < len ? (s!.v as string) : new TextDecoder().decode(bytes.slice(0, len)));
    },
  },
};

const identity = (params: Array<'string' | 'int'>): TemplateFunc => ({ params, call: ([s]) => s });

/** templates.HeaderFunctions: the header row shows column names untouched (pad is not overridden). */
export const headerFuncs: Record<string, TemplateFunc> = {
  ...dockerFuncs,
  json: identity(['string']),
  split: identity(['string', 'string']),
  join: identity(['string', 'string']),
  title: identity(['string']),
  lower: identity(['string']),
  upper: identity(['string']),
  truncate: identity(['string', 'int']),
};
