// Line tools: wc, sort, uniq, cut, tr, seq. Whole-input tools (sort) hold
// their input in memory and charge it to the cgroup, as the real ones do.
import { getopt, isOptError } from './getopt';
import { chunks, openInput, readWhole, splitLines } from './input';
import { isErr, type Tool } from './tool';

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  longest: number;
}

function count(text: string): Counts {
  let lines = 0;
  let words = 0;
  let inWord = false;
  let longest = 0;
  let col = 0;
  let chars = 0;
  let bytes = 0;
  for (const ch of text) {
    chars++;
    const c = ch.codePointAt(0)!;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (ch === '\n') {
      lines++;
      longest = Math.max(longest, col);
      col = 0;
    } else if (ch === '\t') col = col + 8 - (col % 8);
    else col++;
    const space = ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\v' || ch === '\f';
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  longest = Math.max(longest, col);
  return { lines, words, chars, bytes, longest };
}

export async function wc(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, { short: 'clmwL', long: { bytes: 'c', chars: 'm', lines: 'l', words: 'w', 'max-line-length': 'L' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-cmlwL] [FILE]...');
  let which = ['l', 'w', 'm', 'c', 'L'].filter((k) => p.has(k));
  if (which.length === 0) which = ['l', 'w', 'c'];
  const files = p.operands.length ? p.operands : ['-'];
  const results: Array<{ name: string | undefined; c: Counts; regular: boolean } | undefined> = [];
  let status = 0;
  for (const f of files) {
    const src = openInput(t, f);
    if (isErr(src)) {
      t.warn(t.gnu ? `${t.qf(f)}: ${src.message}` : `can't open '${f}': ${src.message}`);
      status = 1;
      results.push(undefined);
      continue;
    }
    let c: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 };
    if (src.kind === 'text') c = count(src.text);
    else {
      // counting a stream needs no memory: fold chunk by chunk
      let carryWord = false;
      for await (const ch of chunks(t, src)) {
        const k = count(ch);
        const startsWord = ch.length > 0 && !/^\s/.test(ch);
        c = { lines: c.lines + k.lines, words: c.words + k.words - (carryWord && startsWord ? 1 : 0), chars: c.chars + k.chars, bytes: c.bytes + k.bytes, longest: Math.max(c.longest, k.longest) };
        carryWord = ch.length > 0 && !/\s$/.test(ch);
      }
    }
    results.push({ name: p.operands.length ? f : undefined, c, regular: src.kind === 'text' });
  }
  const ok = results.filter((r): r is NonNullable<typeof r> => r !== undefined);
  const pick = (c: Counts) => which.map((k) => (k === 'l' ? c.lines : k === 'w' ? c.words : k === 'm' ? c.chars : k === 'c' ? c.bytes : c.longest));
  const total: Counts = ok.reduce((a, r) => ({ lines: a.lines + r.c.lines, words: a.words + r.c.words, chars: a.chars + r.c.chars, bytes: a.bytes + r.c.bytes, longest: Math.max(a.longest, r.c.longest) }), { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 });
  const rows = ok.map((r) => ({ nums: pick(r.c), name: r.name }));
  if (files.length > 1) rows.push({ nums: pick(total), name: 'total' });
  if (t.gnu) {
    // coreutils: one count of one file needs no alignment; otherwise digits of the total size (7 for streams)
    let width = 1;
    if (!(files.length === 1 && which.length === 1)) {
      const size = ok.reduce((s, r) => s + (r.regular ? r.c.bytes : 0), 0);
      width = Math.max(String(size).length, ok.some((r) => !r.regular) ? 7 : 1);
    }
    for (const r of rows) t.out(`${r.nums.map((n) => String(n).padStart(width)).join(' ')}${r.name !== undefined ? ` ${r.name}` : ''}\n`);
  } else {
    const single = files.length === 1 && which.length === 1;
    for (const r of rows) t.out(`${r.nums.map((n, i) => (i === 0 ? (single ? String(n) : String(n).padStart(9)) : ` ${String(n).padStart(9)}`)).join('')}${r.name !== undefined ? ` ${r.name}` : ''}\n`);
  }
  return status;
}

/** Read FILE operands (or stdin) whole, reporting unreadable ones the flavour's way. */
async function inputs(t: Tool, files: string[], what: (f: string, msg: string) => string): Promise<{ text: string; status: number }> {
  let text = '';
  let status = 0;
  for (const f of files.length ? files : ['-']) {
    const src = openInput(t, f);
    if (isErr(src)) {
      t.warn(what(f, src.message));
      status = 2;
      continue;
    }
    const s = await readWhole(t, src, true);
    text += s.length && !s.endsWith('\n') ? `${s}\n` : s;
  }
  return { text, status };
}

function numericPrefix(s: string): number {
  const m = /^\s*([+-]?\d*\.?\d+(?:e[+-]?\d+)?)/i.exec(s);
  return m ? Number(m[1]) : 0;
}

const HUMAN: Record<string, number> = { '': 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6, k: 1 };

export async function sort(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, {
    short: 'bfhnrsuk:t:o:VcCM',
    long: { 'ignore-case': 'f', 'human-numeric-sort': 'h', 'numeric-sort': 'n', reverse: 'r', unique: 'u', 'key=': 'k', 'field-separator=': 't', 'output=': 'o', stable: 's', 'version-sort': 'V', check: 'c' },
  });
  if (isOptError(p)) return t.badOption(p.error, 2, '[-nrufbhk] [FILE]...');
  const { text, status } = await inputs(t, p.operands, (f, m) => (t.gnu ? `cannot read: ${t.qf(f)}: ${m}` : `can't open '${f}': ${m}`));
  if (status) return 2;
  const lines = splitLines(text).map((l) => (l.endsWith('\n') ? l.slice(0, -1) : l));
  const sep = p.value('t');
  const keySpec = p.value('k');
  const key = (line: string): string => {
    if (!keySpec) return line;
    const m = /^(\d+)(?:\.(\d+))?[a-zA-Z]*(?:,(\d+)(?:\.(\d+))?)?/.exec(keySpec);
    if (!m) return line;
    const fields = sep !== undefined ? line.split(sep) : line.match(/\s*\S+/g) ?? [];
    const from = Number(m[1]) - 1;
    const to = m[3] !== undefined ? Number(m[3]) : fields.length;
    return fields.slice(from, to).join(sep ?? '');
  };
  const fold = p.has('f');
  const cmpText = (a: string, b: string) => {
    const x = fold ? a.toUpperCase() : a;
    const y = fold ? b.toUpperCase() : b;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const human = (s: string) => {
    const m = /^\s*([+-]?\d*\.?\d+)([KMGTPEk]?)/.exec(s);
    return m ? Number(m[1]) * 1024 ** (HUMAN[m[2]] ?? 0) : 0;
  };
  const primary = (a: string, b: string): number => {
    const ka = key(a);
    const kb = key(b);
    if (p.has('n')) return numericPrefix(ka) - numericPrefix(kb);
    if (p.has('h')) return human(ka) - human(kb);
    if (p.has('V')) return ka.localeCompare(kb, 'en', { numeric: true });
    return cmpText(p.has('b') ? ka.trimStart() : ka, p.has('b') ? kb.trimStart() : kb);
  };
  const cmp = (a: string, b: string) => {
    const r = primary(a, b);
    // the last-resort whole-line comparison, unless -s or -u
    const v = r !== 0 || p.has('s') || p.has('u') ? r : cmpText(a, b);
    return p.has('r') ? -v : v;
  };
  if (p.has('c') || p.has('C')) {
    for (let i = 1; i < lines.length; i++) {
      if (cmp(lines[i - 1], lines[i]) > 0) {
        if (!p.has('C')) t.warn(t.gnu ? `${p.operands[0] ?? '-'}:${i + 1}: disorder: ${lines[i]}` : `${p.operands[0] ?? '-'}: disorder: ${lines[i]}`);
        return 1;
      }
    }
    return 0;
  }
  let sorted = [...lines].sort(cmp);
  if (p.has('u')) sorted = sorted.filter((l, i) => i === 0 || primary(sorted[i - 1], l) !== 0);
  const out = sorted.map((l) => `${l}\n`).join('');
  const o = p.value('o');
  if (o !== undefined) {
    const e = t.fs.writeFile(o, out);
    if (e) {
      t.warn(t.gnu ? `open failed: ${t.qf(o)}: ${e.message}` : `can't open '${o}': ${e.message}`);
      return 2;
    }
    return 0;
  }
  t.out(out);
  return 0;
}

export async function uniq(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, { short: 'cdDuif:s:w:', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i', 'skip-fields=': 'f', 'skip-chars=': 's', 'check-chars=': 'w' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-cduiz] [-f,s,w N] [INPUT [OUTPUT]]');
  const input = p.operands[0] ?? '-';
  const src = openInput(t, input);
  if (isErr(src)) {
    t.warn(t.gnu ? `${t.qf(input)}: ${src.message}` : `can't open '${input}': ${src.message}`);
    return 1;
  }
  const text = await readWhole(t, src);
  const lines = splitLines(text).map((l) => (l.endsWith('\n') ? l.slice(0, -1) : l));
  const skipF = Number(p.value('f') ?? 0);
  const skipC = Number(p.value('s') ?? 0);
  const width = p.value('w') !== undefined ? Number(p.value('w')) : undefined;
  const keyOf = (l: string) => {
    let s = l;
    for (let i = 0; i < skipF; i++) s = s.replace(/^\s*\S+/, '');
    s = s.slice(skipC);
    if (width !== undefined) s = s.slice(0, width);
    return p.has('i') ? s.toLowerCase() : s;
  };
  let out = '';
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && keyOf(lines[j]) === keyOf(lines[i])) j++;
    const n = j - i;
    const show = (p.has('d') ? n > 1 : true) && (p.has('u') ? n === 1 : true);
    if (show) {
      if (p.has('D') && n > 1) for (let k = i; k < j; k++) out += `${lines[k]}\n`;
      else out += p.has('c') ? `${String(n).padStart(7)} ${lines[i]}\n` : `${lines[i]}\n`;
    }
    i = j;
  }
  const dest = p.operands[1];
  if (dest !== undefined) {
    const e = t.fs.writeFile(dest, out);
    if (e) {
      t.warn(`${t.qf(dest)}: ${e.message}`);
      return 1;
    }
  } else t.out(out);
  return 0;
}

/** "1,3-5,7-" -> predicate over 1-based positions. */
function parseList(spec: string): ((n: number) => boolean) | undefined {
  const ranges: Array<[number, number]> = [];
  for (const part of spec.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '') || m[1] === '0') return undefined;
    const a = m[1] === '' ? 1 : Number(m[1]);
    const b = m[2] === '' ? a : m[3] === '' ? Infinity : Number(m[3]);
    ranges.push([a, b]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export async function cut(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, { short: 'b:c:d:f:sn', long: { 'bytes=': 'b', 'characters=': 'c', 'delimiter=': 'd', 'fields=': 'f', 'only-delimited': 's', complement: 'complement', 'output-delimiter=': 'od' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[OPTIONS] [FILE]...');
  const mode = p.lastOf('b', 'c', 'f');
  if (!mode) {
    t.warn(t.gnu ? 'you must specify a list of bytes, characters, or fields' : 'expected a list of bytes, characters, or fields');
    if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
    return 1;
  }
  const list = parseList(p.value(mode)!);
  if (!list) {
    t.warn(t.gnu ? (p.value(mode)!.startsWith('0') || p.value(mode)!.includes(',0') ? 'fields and positions are numbered from 1' : `invalid byte, character or field list`) : 'invalid list');
    if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
    return 1;
  }
  const want = p.has('complement') ? (n: number) => !list(n) : list;
  const delim = p.value('d') ?? '\t';
  if (delim.length !== 1) {
    t.warn(t.gnu ? 'the delimiter must be a single character' : 'the delimiter must be a single character');
    return 1;
  }
  const outDelim = p.value('od') ?? delim;
  let status = 0;
  for (const f of p.operands.length ? p.operands : ['-']) {
    const src = openInput(t, f);
    if (isErr(src)) {
      t.warn(t.gnu ? `${t.qf(f)}: ${src.message}` : `can't open '${f}': ${src.message}`);
      status = 1;
      continue;
    }
    const text = await readWhole(t, src);
    let out = '';
    for (const raw of splitLines(text)) {
      const line = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
      if (mode === 'f') {
        if (!line.includes(delim)) {
          if (!p.has('s')) out += `${line}\n`;
          continue;
        }
        out += `${line.split(delim).filter((_, i) => want(i + 1)).join(outDelim)}\n`;
      } else out += `${[...line].filter((_, i) => want(i + 1)).join('')}\n`;
    }
    t.out(out);
  }
  return status;
}

/** tr's SET syntax: ranges a-z, escapes, [:classes:]. */
function expandSet(s: string): string[] {
  const classes: Record<string, string> = {
    alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: ' \t\n\r\v\f', blank: ' \t', punct: '!-/:-@[-`{-~', xdigit: '0-9A-Fa-f',
  };
  let src = s.replace(/\[:(\w+):\]/g, (m, c: string) => classes[c] ?? m);
  src = src.replace(/\\(n|t|r|\\|v|f|[0-7]{1,3})/g, (_, e: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', v: '\v', f: '\f' })[e as 'n'] ?? String.fromCharCode(parseInt(e, 8)));
  const out: string[] = [];
  const chars = [...src];
  for (let i = 0; i < chars.length; i++) {
    if (i + 2 < chars.length && chars[i + 1] === '-') {
      const a = chars[i].codePointAt(0)!;
      const b = chars[i + 2].codePointAt(0)!;
      for (let c = a; c <= b; c++) out.push(String.fromCodePoint(c));
      i += 2;
    } else out.push(chars[i]);
  }
  return out;
}

export async function tr(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, { short: 'cCdst', long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', 'truncate-set1': 't' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-cds] STRING1 [STRING2]');
  const [s1, s2] = p.operands;
  const del = p.has('d');
  const squeeze = p.has('s');
  if (s1 === undefined || (!del && !squeeze && s2 === undefined)) {
    t.warn(s1 === undefined ? 'missing operand' : `missing operand after ${t.qa(s1)}`);
    if (t.gnu) t.err(`Two strings must be given when translating.\nTry '${t.name} --help' for more information.\n`);
    return 1;
  }
  const set1 = expandSet(s1);
  const set2 = s2 !== undefined ? expandSet(s2) : [];
  const comp = p.has('c') || p.has('C');
  const in1 = (c: string) => set1.includes(c) !== comp;
  const map = new Map<string, string>();
  if (!del && s2 !== undefined && !comp) set1.forEach((c, i) => map.set(c, set2[Math.min(i, set2.length - 1)] ?? c));
  const squeezeSet = del ? set2 : s2 !== undefined ? set2 : set1;
  for await (const chunk of chunks(t, { kind: 'stdin' })) {
    let out = '';
    let last = '';
    for (const c of chunk) {
      if (del && in1(c)) continue;
      let d = c;
      if (!del && s2 !== undefined && in1(c)) d = comp ? (set2[set2.length - 1] ?? c) : (map.get(c) ?? c);
      if (squeeze && d === last && squeezeSet.includes(d)) continue;
      out += d;
      last = d;
    }
    t.out(out);
  }
  return 0;
}

export function seq(t: Tool, args: string[]): number {
  const p = getopt(args.map((a) => (/^-\d/.test(a) ? ` ${a}` : a)), { short: 's:f:w', long: { 'separator=': 's', 'format=': 'f', 'equal-width': 'w' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-w] [-s SEP] [FIRST [INC]] LAST');
  const ops = p.operands.map((o) => o.trim());
  if (ops.length === 0 || ops.length > 3) {
    t.warn(ops.length === 0 ? 'missing operand' : `extra operand ${t.qa(ops[3])}`);
    if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
    return 1;
  }
  for (const o of ops) {
    if (!Number.isFinite(Number(o)) || o === '') {
      t.warn(t.gnu ? `invalid floating point argument: ${t.qa(o)}` : `invalid number '${o}'`);
      if (t.gnu) t.err(`Try '${t.name} --help' for more information.\n`);
      return 1;
    }
  }
  const [first, inc, last] = ops.length === 1 ? ['1', '1', ops[0]] : ops.length === 2 ? [ops[0], '1', ops[1]] : ops;
  const a = Number(first);
  const d = Number(inc);
  const z = Number(last);
  if (d === 0) {
    t.warn(t.gnu ? `invalid Zero increment value: ${t.qa(inc)}` : 'increment must not be 0');
    return 1;
  }
  const decimals = Math.max(...[first, inc].map((s) => (s.includes('.') ? s.length - s.indexOf('.') - 1 : 0)));
  const sep = p.value('s') ?? '\n';
  const nums: string[] = [];
  for (let i = 0; ; i++) {
    const v = a + i * d;
    if (d > 0 ? v > z + 1e-9 : v < z - 1e-9) break;
    nums.push(v.toFixed(decimals));
    if (nums.length % 4096 === 0 && nums.length > 1e6) break;
  }
  const width = p.has('w') ? Math.max(...nums.map((n) => n.length)) : 0;
  const shown = nums.map((n) => (width ? (n.startsWith('-') ? `-${n.slice(1).padStart(width - 1, '0')}` : n.padStart(width, '0')) : n));
  if (shown.length) t.out(shown.join(sep) + '\n');
  return 0;
}
