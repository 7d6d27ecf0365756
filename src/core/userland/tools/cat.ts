// Stream tools: cat (with -n/-b/-s/-E/-T/-v), tee and yes. They pass data
// through as it comes, so `cat /dev/zero | …` costs the consumer's memory,
// not cat's, and `yes` stops when the reader goes away (SIGPIPE).
import { getopt, isOptError } from './getopt';
import { chunks, openInput, writeOutput, type Source } from './input';
import { isErr, type Tool } from './tool';

interface CatOpts {
  number: boolean;
  nonblank: boolean;
  squeeze: boolean;
  ends: boolean;
  tabs: boolean;
  visible: boolean;
}

/** Line numbering state carried across chunks and files, as GNU cat does. */
class Numberer {
  line = 0;
  atStart = true;
  blankRun = 0;
  constructor(private readonly o: CatOpts) {}

  feed(chunk: string): string {
    const o = this.o;
    if (!o.number && !o.nonblank && !o.squeeze && !o.ends && !o.tabs && !o.visible) return chunk;
    let out = '';
    let i = 0;
    while (i < chunk.length) {
      const nl = chunk.indexOf('\n', i);
      const piece = nl < 0 ? chunk.slice(i) : chunk.slice(i, nl);
      const blankLine = this.atStart && piece === '' && nl >= 0;
      if (blankLine) {
        this.blankRun++;
        if (o.squeeze && this.blankRun > 1) {
          i = nl + 1;
          continue;
        }
      } else if (piece !== '') this.blankRun = 0;
      if (this.atStart && (o.nonblank ? !blankLine : o.number)) out += `${String(++this.line).padStart(6)}\t`;
      out += show(piece, o);
      if (nl < 0) {
        this.atStart = piece === '' ? this.atStart : false;
        break;
      }
      out += o.ends ? '$\n' : '\n';
      this.atStart = true;
      i = nl + 1;
    }
    return out;
  }
}

/** -v / -T: control characters as ^X, DEL as ^?, high bytes as M-x. */
function show(s: string, o: CatOpts): string {
  if (!o.tabs && !o.visible) return s;
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '\t') out += o.tabs ? '^I' : ch;
    else if (!o.visible || (c >= 32 && c < 127) || c > 255) out += ch;
    else if (c < 32) out += `^${String.fromCharCode(c + 64)}`;
    else if (c === 127) out += '^?';
    else if (c >= 160) out += `M-${c === 255 ? '^?' : String.fromCharCode(c - 128)}`;
    else out += `M-^${String.fromCharCode(c - 128 + 64)}`;
  }
  return out;
}

export async function cat(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, {
    short: t.gnu ? 'AbeEnstTuv' : 'nbvteAsu',
    long: { 'show-all': 'A', 'number-nonblank': 'b', 'show-ends': 'E', number: 'n', 'squeeze-blank': 's', 'show-tabs': 'T', 'show-nonprinting': 'v' },
  });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-nbvteA] [FILE]...');
  const has = (k: string) => p.has(k);
  const o: CatOpts = {
    number: has('n') || has('b'),
    nonblank: has('b'),
    squeeze: has('s'),
    ends: has('E') || has('e') || has('A'),
    tabs: has('T') || has('t') || has('A'),
    visible: has('v') || has('e') || has('t') || has('A'),
  };
  const num = new Numberer(o);
  let status = 0;
  for (const f of p.operands.length ? p.operands : ['-']) {
    const src = openInput(t, f);
    if (isErr(src)) {
      if (src.code === 'EISDIR') t.warn(t.gnu ? `${t.qf(f)}: Is a directory` : 'read error: Is a directory');
      else t.warn(t.gnu ? `${t.qf(f)}: ${src.message}` : `can't open '${f}': ${src.message}`);
      status = 1;
      continue;
    }
    for await (const c of chunks(t, src)) t.out(num.feed(c));
  }
  return status;
}

export async function tee(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, { short: 'aip', long: { append: 'a', 'ignore-interrupts': 'i' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-ai] [FILE]...');
  const append = p.has('a');
  let status = 0;
  const live = new Set(p.operands);
  // open (create or truncate) every file first, as tee does before reading
  for (const f of p.operands) {
    const e = writeOutput(t, f, '', append);
    if (e) {
      t.warn(t.gnu ? `${t.qf(f)}: ${e.message}` : `can't open '${f}': ${e.message}`);
      live.delete(f);
      status = 1;
    }
  }
  const src: Source = { kind: 'stdin' };
  for await (const c of chunks(t, src)) {
    t.out(c);
    for (const f of live) writeOutput(t, f, c, true);
  }
  return status;
}

/** yes: a line forever, paced by the clock so a page never freezes. */
export async function yes(t: Tool, args: string[]): Promise<number> {
  const line = `${args.length ? args.join(' ') : 'y'}\n`;
  const block = line.repeat(Math.max(1, Math.floor(8192 / line.length)));
  for (;;) {
    t.out(block);
    await t.ctx.sleep(1);
  }
}
