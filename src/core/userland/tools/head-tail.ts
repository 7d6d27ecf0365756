// head and tail: by lines or bytes, several files with ==> headers, and
// tail -f following a growing file on the clock. tail of a stream keeps what
// it may still print in memory (charged to the cgroup): `tail /dev/zero`
// never sees a newline and grows until the OOM killer ends it.
import { getopt, isOptError } from './getopt';
import { chunks, openInput, splitLines, type Source } from './input';
import { isErr, type Tool } from './tool';

const MULT: Record<string, number> = {
  '': 1, b: 512, k: 1024, K: 1024, kB: 1000, KB: 1000, KiB: 1024, m: 1 << 20, M: 1 << 20, MB: 1e6, MiB: 1 << 20,
  g: 1 << 30, G: 1 << 30, GB: 1e9, GiB: 1 << 30, T: 2 ** 40, TB: 1e12, TiB: 2 ** 40,
};

/** "5", "+5", "-5", "100m", "2K": sign and value, or undefined when invalid. */
export function parseCount(s: string): { sign: '' | '+' | '-'; n: number } | undefined {
  const m = /^([+-]?)(\d+)([A-Za-z]*)$/.exec(s.trim());
  if (!m) return undefined;
  const mult = MULT[m[3]];
  if (mult === undefined) return undefined;
  return { sign: m[1] as '' | '+' | '-', n: Number(m[2]) * mult };
}

/** Old-style `head -5` / `tail -5` / `tail +5`: rewrite to -n. */
function oldStyle(args: string[], allowPlus: boolean): string[] {
  const a = args[0];
  if (a !== undefined && (/^-\d+[cbklmfqv]*$/.test(a) || (allowPlus && /^\+\d+[cbklmfqv]*$/.test(a)))) {
    const m = /^([+-])(\d+)([a-z]*)$/.exec(a)!;
    const unit = m[3].includes('c') ? '-c' : '-n';
    const rest = m[3].replace(/[cbkml]/g, '');
    return [unit, `${m[1] === '+' ? '+' : ''}${m[2]}`, ...(rest.includes('f') ? ['-f'] : []), ...args.slice(1)];
  }
  return args;
}

function openError(t: Tool, f: string, message: string): void {
  t.warn(t.gnu ? `cannot open ${t.qa(f)} for reading: ${message}` : `can't open '${f}': ${message}`);
}

function header(t: Tool, f: string, first: boolean): void {
  t.out(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
}

export async function head(t: Tool, rawArgs: string[]): Promise<number> {
  const p = getopt(oldStyle(rawArgs, false), { short: 'n:c:qv', long: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', silent: 'q', verbose: 'v' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[OPTIONS] [FILE]...');
  const unit = p.lastOf('n', 'c') ?? 'n';
  const raw = p.value(unit) ?? '10';
  const c = parseCount(raw);
  if (!c || c.sign === '+') {
    t.warn(t.gnu ? `invalid number of ${unit === 'n' ? 'lines' : 'bytes'}: ${t.qa(raw)}` : `invalid number '${raw}'`);
    return 1;
  }
  const files = p.operands.length ? p.operands : ['-'];
  const headers = p.has('v') || (files.length > 1 && !p.has('q'));
  let status = 0;
  let first = true;
  for (const f of files) {
    const src = openInput(t, f);
    if (isErr(src)) {
      openError(t, f, src.message);
      status = 1;
      continue;
    }
    if (headers) header(t, f, first);
    first = false;
    if (c.sign === '-') {
      // all but the last N: needs the whole input
      let text = '';
      for await (const ch of chunks(t, src)) text += ch;
      if (unit === 'c') t.out(text.slice(0, Math.max(0, text.length - c.n)));
      else {
        const lines = splitLines(text);
        t.out(lines.slice(0, Math.max(0, lines.length - c.n)).join(''));
      }
      continue;
    }
    let left = c.n;
    if (left === 0) continue;
    for await (const ch of chunks(t, src)) {
      if (unit === 'c') {
        t.out(ch.length <= left ? ch : ch.slice(0, left));
        left -= Math.min(left, ch.length);
      } else {
        let i = 0;
        while (left > 0) {
          const nl = ch.indexOf('\n', i);
          if (nl < 0) {
            i = ch.length;
            break;
          }
          i = nl + 1;
          left--;
        }
        t.out(i === ch.length ? ch : ch.slice(0, i));
      }
      if (left === 0) break;
    }
  }
  return status;
}

/** The tail of a finished text: last N lines/bytes, or from line/byte N with "+N". */
function tailOf(text: string, unit: string, c: { sign: string; n: number }): string {
  if (unit === 'c') return c.sign === '+' ? text.slice(Math.max(0, c.n - 1)) : c.n === 0 ? '' : text.slice(-c.n);
  const lines = splitLines(text);
  return (c.sign === '+' ? lines.slice(Math.max(0, c.n - 1)) : c.n === 0 ? [] : lines.slice(-c.n)).join('');
}

/** Read a stream keeping only what tail may print; every byte kept is charged to the cgroup. */
async function tailStream(t: Tool, src: Source, unit: string, c: { sign: string; n: number }): Promise<string> {
  if (c.sign === '+') {
    // skipping a prefix needs no buffer beyond the current line
    let text = '';
    for await (const ch of chunks(t, src)) text += ch;
    return tailOf(text, unit, c);
  }
  const kept: string[] = [];
  let keptBytes = 0;
  let complete = 0;
  const trim = () => {
    if (unit === 'c') {
      while (kept.length > 1 && keptBytes - kept[0].length >= c.n) {
        keptBytes -= kept[0].length;
        t.ctx.free(kept.shift()!.length);
      }
      return;
    }
    // count complete lines; drop whole chunks that hold only lines we will not print
    while (kept.length > 1) {
      const firstLines = countNl(kept[0]);
      if (complete - firstLines < c.n) break;
      complete -= firstLines;
      keptBytes -= kept[0].length;
      t.ctx.free(kept.shift()!.length);
    }
  };
  for await (const ch of chunks(t, src)) {
    t.charge(ch.length);
    kept.push(ch);
    keptBytes += ch.length;
    if (unit === 'n') complete += countNl(ch);
    trim();
  }
  return tailOf(kept.join(''), unit, c);
}

function countNl(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export async function tail(t: Tool, rawArgs: string[]): Promise<number> {
  const p = getopt(oldStyle(rawArgs, true), {
    short: t.gnu ? 'n:c:fFqvs:' : 'fFn:c:qs:v',
    long: { 'lines=': 'n', 'bytes=': 'c', 'follow?': 'f', quiet: 'q', silent: 'q', verbose: 'v', 'sleep-interval=': 's', retry: 'retry' },
  });
  if (isOptError(p)) return t.badOption(p.error, 1, '[OPTIONS] [FILE]...');
  const unit = p.lastOf('n', 'c') ?? 'n';
  const raw = p.value(unit) ?? '10';
  const c = parseCount(raw);
  if (!c) {
    t.warn(t.gnu ? `invalid number of ${unit === 'n' ? 'lines' : 'bytes'}: ${t.qa(raw)}` : `invalid number '${raw}'`);
    return 1;
  }
  const follow = p.has('f') || p.has('F');
  const files = p.operands.length ? p.operands : ['-'];
  const headers = p.has('v') || (files.length > 1 && !p.has('q'));
  let status = 0;
  let first = true;
  const followed: Array<{ name: string; size: number }> = [];
  for (const f of files) {
    const src = openInput(t, f);
    if (isErr(src)) {
      openError(t, f, src.message);
      status = 1;
      continue;
    }
    if (headers) header(t, f, first);
    first = false;
    if (src.kind === 'text') {
      t.out(tailOf(src.text, unit, c));
      followed.push({ name: f, size: src.text.length });
    } else t.out(await tailStream(t, src, unit, c));
  }
  if (!follow || followed.length === 0) return status;
  // GNU uses inotify (a change shows at once); BusyBox polls every second
  const interval = p.value('s') !== undefined ? Number(p.value('s')) * 1000 : t.gnu ? 100 : 1000;
  let last = followed[followed.length - 1].name;
  for (;;) {
    await t.ctx.sleep(Math.max(1, interval));
    for (const w of followed) {
      const text = t.fs.readFile(w.name);
      if (isErr(text)) continue;
      if (text.length < w.size) {
        t.warn(`${t.gnu ? t.qf(w.name) : w.name}: file truncated`);
        w.size = 0;
      }
      if (text.length > w.size) {
        if (headers && last !== w.name) header(t, w.name, false);
        last = w.name;
        t.out(text.slice(w.size));
        w.size = text.length;
      }
    }
  }
}
