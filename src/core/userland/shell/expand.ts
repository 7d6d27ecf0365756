// Word expansion in POSIX order: tilde, parameters, command substitution,
// arithmetic, then field splitting on IFS and pathname expansion, then quote
// removal. Each piece of text remembers whether it was quoted and whether it
// came from an expansion, which is what splitting and globbing depend on.
import type { WordPart } from '../shell-words';
import type { FileSystem } from '../types';
import type { Word } from './ast';
import type { Flavour } from './flavour';
import { ArithError, evalArith } from './arith';
import { globPaths, hasGlob } from './pattern';
import { arithEnd, findClose, unescapeBackquote } from './scan';
import { braceExpand } from './brace';
import { expandParameter } from './params';

/** A student's expansion error (`${x?}`, `set -u`, bad substitution): printed, then the command fails. */
export class ExpandError {
  constructor(
    readonly message: string,
    /** A fatal error ends a non-interactive shell (bash: status 1, or 127 under -c). */
    readonly fatal = true,
  ) {}
}

export interface ExpandHost {
  readonly flavour: Flavour;
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  readonly params: readonly string[];
  /** $? $$ $! $- $0 $#. */
  special(c: string): string;
  readonly nounset: boolean;
  readonly noglob: boolean;
  home(user?: string): string | undefined;
  fs(): FileSystem;
  /** Run a command substitution; its output. */
  substitute(script: string): Promise<string>;
}

/** One run of text: `q` quoted, `s` may be split (an unquoted expansion's result). */
export interface Seg {
  t: string;
  q: boolean;
  s: boolean;
}

export type Mode = 'fields' | 'single' | 'assign' | 'pattern';

export class Fields {
  fields: Seg[][] = [[]];
  /** A field break from "$@". */
  breakField(): void {
    this.fields.push([]);
  }
  add(t: string, q: boolean, s: boolean): void {
    this.fields[this.fields.length - 1].push({ t, q, s });
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function ifsOf(host: ExpandHost): string {
  const v = host.get('IFS');
  return v === undefined ? ' \t\n' : v;
}

/** Expand `$…` forms and backquotes inside text of one quoting; literal text goes out as is. */
export async function expandText(host: ExpandHost, text: string, quoted: boolean, out: Fields, mode: Mode, litSplit = false): Promise<void> {
  let lit = '';
  const flush = () => {
    if (lit) out.add(lit, quoted, litSplit);
    lit = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '`') {
      flush();
      const end = findClose(text, i);
      const body = unescapeBackquote(text.slice(i + 1, end - 1));
      addSubst(out, await host.substitute(body), quoted);
      i = end - 1;
      continue;
    }
    if (c !== '$' || i + 1 >= text.length) {
      lit += c;
      continue;
    }
    const n = text[i + 1];
    if (n === '(' && text[i + 2] === '(') {
      const end = arithEnd(text, i);
      if (end !== undefined) {
        flush();
        out.add(await arithmetic(host, text.slice(i + 3, end - 2)), quoted, !quoted);
        i = end - 1;
        continue;
      }
    }
    if (n === '(') {
      flush();
      const end = findClose(text, i);
      addSubst(out, await host.substitute(text.slice(i + 2, end - 1)), quoted);
      i = end - 1;
      continue;
    }
    if (n === '{') {
      flush();
      const end = findClose(text, i);
      await expandParameter(host, text.slice(i + 2, end - 1), quoted, out, mode);
      i = end - 1;
      continue;
    }
    const m = NAME.exec(text.slice(i + 1));
    if (m) {
      flush();
      addValue(host, out, m[0], quoted);
      i += m[0].length;
      continue;
    }
    if (/[0-9?$!#*@-]/.test(n)) {
      flush();
      addValue(host, out, n, quoted);
      i++;
      continue;
    }
    lit += c;
  }
  flush();
}

function addSubst(out: Fields, output: string, quoted: boolean): void {
  out.add(output.replace(/\n+$/, ''), quoted, !quoted);
}

/** The value of a simple `$name` / `$1` / `$@` reference. */
export function addValue(host: ExpandHost, out: Fields, name: string, quoted: boolean): void {
  if (name === '@' || name === '*') {
    addPositional(host, out, name, quoted);
    return;
  }
  const v = lookup(host, name);
  if (v === undefined && host.nounset) throw new ExpandError(unsetMessage(host.flavour, name));
  out.add(v ?? '', quoted, !quoted);
}

export function addPositional(host: ExpandHost, out: Fields, name: '@' | '*', quoted: boolean): void {
  const ps = host.params;
  if (quoted && name === '*') {
    const ifs = ifsOf(host);
    out.add(ps.join(ifs === '' ? '' : ifs[0]), true, false);
    return;
  }
  ps.forEach((p, k) => {
    if (k > 0) out.breakField();
    out.add(p, quoted, !quoted);
  });
}

export function lookup(host: ExpandHost, name: string): string | undefined {
  if (/^[0-9]+$/.test(name)) {
    const k = Number(name);
    return k === 0 ? host.special('0') : host.params[k - 1];
  }
  if (name.length === 1 && '?$!#-'.includes(name)) {
    const v = host.special(name);
    return name === '!' && v === '' ? undefined : v;
  }
  return host.get(name);
}

export function unsetMessage(f: Flavour, name: string): string {
  return f.name === 'bash' ? `${name}: unbound variable` : `${name}: parameter not set`;
}

export async function arithmetic(host: ExpandHost, body: string): Promise<string> {
  const f = new Fields();
  await expandText(host, body, true, f, 'single');
  const src = f.fields.flat().map((s) => s.t).join('');
  const r = evalArith(src, { get: (n) => lookup(host, n), set: (n, v) => host.set(n, v) }, host.flavour.arithExtensions);
  // bash discards the command line (DISCARD); dash and ash treat it as a fatal error
  if (r instanceof ArithError) throw new ExpandError(arithMessage(host.flavour, r), host.flavour.name !== 'bash');
  return r;
}

function arithMessage(f: Flavour, e: ArithError): string {
  if (f.name === 'bash') {
    const what = e.kind === 'divzero' ? 'division by 0' : e.kind === 'number' ? 'value too great for base' : 'syntax error: operand expected';
    return `${e.expr.trim()}: ${what} (error token is "${e.token}")`;
  }
  if (f.name === 'ash') return e.kind === 'divzero' ? 'divide by zero' : 'arithmetic syntax error';
  return e.kind === 'divzero' ? `arithmetic expression: division by zero: "${e.expr}"` : `arithmetic expression: expecting primary: "${e.expr}"`;
}

/** Expand the parts of a word into Fields (no splitting yet). `litSplit`: literal text splits too (operands of ${x:-a b}). */
export async function expandParts(host: ExpandHost, parts: readonly WordPart[], mode: Mode, litSplit = false): Promise<Fields> {
  const out = new Fields();
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (p.quoting === 'single' || p.quoting === 'escape') {
      out.add(p.text, true, false);
      continue;
    }
    const quoted = p.quoting === 'double';
    if (k === 0 && !quoted && mode !== 'pattern') {
      for (const piece of tildePieces(host, p.text, mode === 'assign', parts.length === 1)) {
        if (piece.home) out.add(piece.text, true, false);
        else await expandText(host, piece.text, false, out, mode, litSplit);
      }
      continue;
    }
    await expandText(host, p.text, quoted, out, mode, litSplit && !quoted);
  }
  return out;
}

/** `~` and `~user` at the start (and, in assignments, after `=` and `:`), as literal home directories. */
function tildePieces(host: ExpandHost, text: string, assign: boolean, whole: boolean): Array<{ text: string; home: boolean }> {
  const one = (s: string): Array<{ text: string; home: boolean }> => {
    if (!s.startsWith('~')) return [{ text: s, home: false }];
    const slash = s.indexOf('/');
    const prefix = slash < 0 ? s.slice(1) : s.slice(1, slash);
    if (slash < 0 && !whole && !assign) return [{ text: s, home: false }];
    if (prefix !== '' && !/^[A-Za-z0-9_.-]+$/.test(prefix)) return [{ text: s, home: false }];
    const home = host.home(prefix === '' ? undefined : prefix);
    if (home === undefined) return [{ text: s, home: false }];
    return [{ text: home, home: true }, { text: slash < 0 ? '' : s.slice(slash), home: false }];
  };
  if (!assign) return one(text);
  const eq = text.indexOf('=');
  const out: Array<{ text: string; home: boolean }> = [{ text: text.slice(0, eq + 1), home: false }];
  topLevelColonSplit(text.slice(eq + 1)).forEach((seg, k) => {
    if (k > 0) out.push({ text: ':', home: false });
    out.push(...one(seg));
  });
  return out;
}

/** An assignment's value cut at its colons, but not at those inside $(…), ${…} or `…`. */
function topLevelColonSplit(text: string): string[] {
  const segs: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if ((c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) || c === '`') i = findClose(text, i) - 1;
    else if (c === ':') {
      segs.push(text.slice(start, i));
      start = i + 1;
    }
  }
  segs.push(text.slice(start));
  return segs;
}

/** IFS field splitting of one pre-field. */
export function splitField(field: Seg[], ifs: string): Seg[][] {
  type Ch = { c: string; q: boolean; sep: boolean };
  const chars: Ch[] = [];
  let forced = false;
  for (const s of field) {
    if (s.q) forced = true;
    for (const c of s.t) chars.push({ c, q: s.q, sep: s.s && ifs.includes(c) });
  }
  const isWs = (c: string) => c === ' ' || c === '\t' || c === '\n';
  const out: Seg[][] = [];
  let cur: Seg[] = [];
  let curHas = false;
  const push = (ch: Ch) => {
    const last = cur[cur.length - 1];
    if (last && last.q === ch.q) last.t += ch.c;
    else cur.push({ t: ch.c, q: ch.q, s: false });
    curHas = true;
  };
  let i = 0;
  while (i < chars.length && chars[i].sep && isWs(chars[i].c)) i++;
  if (i > 0 && i === chars.length) return forced ? [[]] : [];
  for (; i < chars.length; i++) {
    const ch = chars[i];
    if (!ch.sep) {
      push(ch);
      continue;
    }
    // a separator: IFS white space around at most one other IFS character
    let j = i;
    while (j < chars.length && chars[j].sep && isWs(chars[j].c)) j++;
    if (j < chars.length && chars[j].sep && !isWs(chars[j].c) && isWs(ch.c)) {
      j++;
      while (j < chars.length && chars[j].sep && isWs(chars[j].c)) j++;
    } else if (!isWs(ch.c)) {
      j = i + 1;
      while (j < chars.length && chars[j].sep && isWs(chars[j].c)) j++;
    }
    out.push(cur);
    cur = [];
    curHas = false;
    i = j - 1;
  }
  if (curHas || cur.length > 0) out.push(cur);
  else if (out.length === 0 && forced) out.push([]);
  return out;
}

/** A field as a glob pattern: quoted characters escaped. */
export function patternOf(segs: readonly Seg[]): string {
  return segs.map((s) => (s.q ? s.t.replace(/[\\*?[\]]/g, '\\$&') : s.t)).join('');
}

const textOf = (segs: readonly Seg[]) => segs.map((s) => s.t).join('');

/** Expand words into argv fields: brace expansion (bash), then the rest, field splitting and globbing. */
export async function expandWords(host: ExpandHost, words: readonly Word[]): Promise<string[]> {
  const argv: string[] = [];
  for (const w of words) {
    const variants = host.flavour.name === 'bash' ? braceExpand(w.parts) : [w.parts];
    for (const parts of variants) argv.push(...(await expandFields(host, parts)));
  }
  return argv;
}

async function expandFields(host: ExpandHost, parts: readonly WordPart[]): Promise<string[]> {
  if (parts.length === 0) return [''];
  const f = await expandParts(host, parts, 'fields');
  // "$@" with no positional parameters is no word at all
  if (host.params.length === 0 && parts.length === 1 && parts[0].quoting === 'double' && /^\$(@|\{@\})$/.test(parts[0].text)) return [];
  const ifs = ifsOf(host);
  const argv: string[] = [];
  for (const pre of f.fields) {
    for (const field of splitField(pre, ifs)) {
      const unquotedGlob = !host.noglob && field.some((s) => !s.q && hasGlob(s.t, host.flavour.patterns));
      const found = unquotedGlob ? globPaths(patternOf(field), host.fs(), host.flavour.patterns) : undefined;
      if (found) argv.push(...found);
      else argv.push(textOf(field));
    }
  }
  return argv;
}

/** Expand one word to a single string: assignments, redirection targets, `case` words. */
export async function expandSingle(host: ExpandHost, w: Word, mode: 'single' | 'assign' = 'single'): Promise<string> {
  const f = await expandParts(host, w.parts, mode);
  return f.fields.map(textOf).join(' ');
}

/** Expand a word as a pattern (case, ${x#…}): quoted characters come out escaped. */
export async function expandPattern(host: ExpandHost, parts: readonly WordPart[]): Promise<string> {
  const f = await expandParts(host, parts, 'pattern');
  return f.fields.map(patternOf).join(' ');
}

/** Here-document bodies and prompts: `$` forms expand, backslash escapes only $ ` \ and newline. */
export async function expandHereText(host: ExpandHost, body: string): Promise<string> {
  const out = new Fields();
  let run = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length && '$`\\\n'.includes(body[i + 1])) {
      if (run) await expandText(host, run, true, out, 'single');
      run = '';
      if (body[i + 1] !== '\n') out.add(body[i + 1], true, false);
      i++;
    } else if ((c === '$' && (body[i + 1] === '(' || body[i + 1] === '{')) || c === '`') {
      const end = findClose(body, i);
      run += body.slice(i, end);
      i = end - 1;
    } else run += c;
  }
  if (run) await expandText(host, run, true, out, 'single');
  return out.fields.map(textOf).join(' ');
}
