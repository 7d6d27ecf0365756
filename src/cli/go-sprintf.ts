// A fmt.Sprintf for template `printf`: flags, width, precision and the verbs
// %v %s %d %q %t %f %e %g %x %X %c %%, with Go's %!verb(type=value) complaints.

import type { GoValue } from './go-value';
import { elemValue, formatValue, indirect, isObject, mapKeys, T, typeName } from './go-value';
import { formatG } from './go-float';
import { goJsonString } from './go-json';

function padTo(s: string, width: number | undefined, left: boolean, zero: boolean): string {
  if (width === undefined || s.length >= width) return s;
  if (left) return s + ' '.repeat(width - s.length);
  if (zero) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(width - s.length) + s.slice(sign.length);
  }
  return ' '.repeat(width - s.length) + s;
}

function numberOf(g: GoValue): number | undefined {
  if (g.t.kind === 'int' || g.t.kind === 'float' || g.t.kind === 'duration') return g.v as number;
  return undefined;
}

export function sprintf(format: string, args: Array<GoValue | undefined>): string {
  let out = '';
  let argi = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^([-+# 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z%])/.exec(format.slice(i + 1));
    if (!m) {
      out += '%!(NOVERB)';
      break;
    }
    i += m[0].length;
    const [, flags, w, p, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const width = w ? Number(w) : undefined;
    const prec = p !== undefined ? Number(p || '0') : undefined;
    const left = flags.includes('-');
    const zero = flags.includes('0') && !left;
    const plus = flags.includes('+');
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(verb, args[argi++], { width, prec, left, zero, plus });
  }
  if (argi < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argi)
        .map((a) => (a ? `${typeName(a.t)}=${formatValue(a)}` : '<nil>'))
        .join(', ') +
      ')';
  }
  return out;
}

interface Spec {
  width: number | undefined;
  prec: number | undefined;
  left: boolean;
  zero: boolean;
  plus: boolean;
}

/** One operand: fmt's printValue takes a slice or map apart and applies the verb (and width) to each element, so %q of a []string quotes each. */
function formatArg(verb: string, arg: GoValue | undefined, spec: Spec): string {
  let a = arg;
  if (a && a.t.kind === 'ptr') {
    const r = indirect(a);
    if (!r.isNil) a = r.g;
  }
  if (a && a.t.kind === 'iface') {
    // a nil interface{} (a JSON null in a list) prints as fmt's <nil> operand
    const r = indirect(a);
    a = r.isNil ? undefined : r.g;
  }
  if (a && verb !== 'v' && a.t.kind === 'slice') {
    const t = a.t;
    const arr = Array.isArray(a.v) ? a.v : [];
    return '[' + arr.map((e) => formatArg(verb, elemValue(t.elem, e), spec)).join(' ') + ']';
  }
  if (a && verb !== 'v' && a.t.kind === 'map') {
    const t = a.t;
    const obj = isObject(a.v) ? a.v : {};
    const keys = mapKeys(obj).map(
      (k) =>
        `${formatArg(verb, { t: T.string, v: k }, spec)}:${formatArg(verb, elemValue(t.elem, obj[k]), spec)}`,
    );
    return 'map[' + keys.join(' ') + ']';
  }
  const { width, prec, left, zero, plus } = spec;
  let s: string;
  const n = a ? numberOf(a) : undefined;
  switch (verb) {
    case 'v':
      s = a ? formatValue(a) : '<nil>';
      break;
    case 's':
      s =
        a && (a.t.kind === 'string' || a.t.kind === 'number')
          ? (a.v as string)
          : a
            ? ['slice', 'map', 'struct'].includes(a.t.kind)
              ? formatValue(a)
              : `%!s(${typeName(a.t)}=${formatValue(a)})`
            : '%!s(<nil>)';
      if (prec !== undefined && a && (a.t.kind === 'string' || a.t.kind === 'number'))
        s = Array.from(s).slice(0, prec).join('');
      break;
    case 'q':
      s =
        a && (a.t.kind === 'string' || a.t.kind === 'number')
          ? goJsonString(a.v as string, false)
          : `%!q(${a ? typeName(a.t) + '=' + formatValue(a) : '<nil>'})`;
      break;
    case 'd':
      s =
        n !== undefined && Number.isInteger(n) && a!.t.kind !== 'float'
          ? (plus && n >= 0 ? '+' : '') + String(n)
          : `%!d(${a ? typeName(a.t) + '=' + formatValue(a) : '<nil>'})`;
      break;
    case 't':
      s =
        a && a.t.kind === 'bool' ? String(a.v) : `%!t(${a ? typeName(a.t) + '=' + formatValue(a) : '<nil>'})`;
      break;
    case 'f':
    case 'F':
    case 'e':
    case 'g':
      if (n === undefined || a!.t.kind === 'int') {
        s = `%!${verb}(${a ? typeName(a.t) + '=' + formatValue(a) : '<nil>'})`;
      } else if (verb === 'g') s = formatG(n, prec ?? -1);
      else if (verb === 'e') s = n.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      else s = n.toFixed(prec ?? 6);
      if (plus && n !== undefined && n >= 0 && !s.startsWith('%')) s = '+' + s;
      break;
    case 'x':
    case 'X': {
      let h: string;
      if (n !== undefined && Number.isInteger(n)) h = n.toString(16);
      else if (a && (a.t.kind === 'string' || a.t.kind === 'number'))
        h = Array.from(new TextEncoder().encode(a.v as string), (b) => b.toString(16).padStart(2, '0')).join(
          '',
        );
      else h = `%!${verb}(${a ? typeName(a.t) + '=' + formatValue(a) : '<nil>'})`;
      s = verb === 'X' ? h.toUpperCase() : h;
      break;
    }
    case 'c':
      s = n !== undefined ? String.fromCodePoint(n) : `%!c(${a ? typeName(a.t) : '<nil>'})`;
      break;
    default:
      s = `%!${verb}(${a ? typeName(a.t) + '=' + formatValue(a) : '<nil>'})`;
  }
  return padTo(s, width, left, zero && verb !== 's' && verb !== 'v' && verb !== 'q');
}
