// The awk interpreter over AwkState (variables and the record): patterns and
// ranges, statements with next/exit/return, expressions, user functions and the
// builtins. Input and output go through the Awk host (awk.ts), which knows
// files, stdin and commands.
import type { ArrayRef, AwkFunction, AwkProgram, Expr, Item, LValue, Stmt } from './awk-ast';
import { format } from './awk-format';
import { splitBy } from './awk-io';
import { arith, GlibcRandom, substitute, utf8Length } from './awk-builtins';
import { AwkRuntimeError, AwkState, type AwkArray, type Slot } from './awk-state';
import { matchAt, test, type AwkRegex } from './awk-regex';
import {
  compare,
  dToI,
  dToU,
  inputVal,
  numToStr,
  StrNum,
  toBool,
  toNum,
  UNINIT,
  type Val,
} from './awk-value';

export { AwkFatal, AwkRuntimeError, type AwkArray } from './awk-state';

class NextSignal {
  constructor(readonly file: boolean) {}
}
export class ExitSignal {
  constructor(readonly code: number | undefined) {}
}
type Flow = undefined | 'break' | 'continue' | { ret: Val };

/** What the interpreter needs from outside. */
export interface AwkHost {
  out(target: { op: '>' | '>>' | '|'; name: string } | undefined, text: string): Promise<void>;
  /** The next main-input record, or null at the end of all input. */
  nextMain(rt: Runtime): Promise<string | null>;
  /** getline < file (null at EOF, undefined when it cannot be opened). */
  readFile(name: string, rt: Runtime): Promise<string | null | undefined>;
  readCommand(cmd: string, rt: Runtime): Promise<string | null | undefined>;
  close(name: string): Promise<number>;
  system(cmd: string): Promise<number>;
  now(): number;
}

const MAX_INT = 0x7fffffff;

export class Runtime extends AwkState {
  private readonly rangeOn: boolean[];

  private rng = new GlibcRandom(1);

  private cseed: Val = 0;

  private depth = 0;

  constructor(
    readonly prog: AwkProgram,
    private readonly host: AwkHost,
  ) {
    super();
    this.rangeOn = new Array<boolean>(prog.ranges).fill(false);
    for (const [k, v] of Object.entries({
      FS: ' ',
      OFS: ' ',
      ORS: '\n',
      RS: '\n',
      SUBSEP: '\x1c',
      CONVFMT: '%.6g',
      OFMT: '%.6g',
      NR: 0,
      FNR: 0,
      RSTART: 0,
      RLENGTH: -1,
      FILENAME: '',
    })) {
      this.globals.set(k, v);
    }
    this.srand(Math.floor(host.now() / 1000));
  }

  private fieldIndex(e: Expr): Promise<number> {
    return this.eval(e).then((v) => {
      const n = dToI(toNum(v));
      if (n < 0) throw new AwkRuntimeError(`negative field index $${n}`);
      return n;
    });
  }

  private async regexOf(e: Expr): Promise<AwkRegex> {
    if (e.k === 'ere') return this.regex(e.re);
    return this.regex(this.str(await this.eval(e)));
  }

  // ---- running

  async runItems(items: Item[]): Promise<void> {
    for (const it of items) if (it.action) await this.block(it.action);
  }

  /** One record through the main items; false when `nextfile` asked to skip the file. */
  async runRecord(): Promise<'ok' | 'nextfile'> {
    try {
      for (const it of this.prog.main) {
        if (await this.matches(it)) {
          if (it.action) await this.block(it.action);
          else await this.host.out(undefined, this.record + this.gstr('ORS'));
        }
      }
    } catch (e) {
      if (e instanceof NextSignal) return e.file ? 'nextfile' : 'ok';
      throw e;
    }
    return 'ok';
  }

  private async matches(it: Item): Promise<boolean> {
    const p = it.pattern;
    switch (p.k) {
      case 'all':
        return true;
      case 'expr':
        return toBool(await this.eval(p.e));
      case 'range':
        if (!this.rangeOn[p.index]) {
          if (!toBool(await this.eval(p.from))) return false;
          this.rangeOn[p.index] = true;
        }
        if (toBool(await this.eval(p.to))) this.rangeOn[p.index] = false;
        return true;
      default:
        return false;
    }
  }

  private async block(body: Stmt[]): Promise<Flow> {
    for (const s of body) {
      const f = await this.exec(s);
      if (f !== undefined) return f;
    }
    return undefined;
  }

  private async exec(s: Stmt): Promise<Flow> {
    switch (s.k) {
      case 'expr':
        await this.eval(s.e);
        return undefined;
      case 'print':
        return this.print(
          s.printf,
          s.args,
          s.redirect && { op: s.redirect.op, name: this.str(await this.eval(s.redirect.target)) },
        );
      case 'block':
        return this.block(s.body);
      case 'if':
        if (toBool(await this.eval(s.test))) return this.exec(s.yes);
        return s.no ? this.exec(s.no) : undefined;
      case 'while':
        while (toBool(await this.eval(s.test))) {
          const f = await this.exec(s.body);
          if (f === 'break') break;
          if (f !== undefined && f !== 'continue') return f;
        }
        return undefined;
      case 'do':
        do {
          const f = await this.exec(s.body);
          if (f === 'break') break;
          if (f !== undefined && f !== 'continue') return f;
        } while (toBool(await this.eval(s.test)));
        return undefined;
      case 'for':
        if (s.init) await this.eval(s.init);
        while (!s.test || toBool(await this.eval(s.test))) {
          const f = await this.exec(s.body);
          if (f === 'break') break;
          if (f !== undefined && f !== 'continue') return f;
          if (s.step) await this.eval(s.step);
        }
        return undefined;
      case 'forin': {
        const a = this.arrayOf(s.array);
        for (const k of [...a.keys()]) {
          if (!a.has(k)) continue;
          await this.assign(s.key, inputVal(k));
          const f = await this.exec(s.body);
          if (f === 'break') break;
          if (f !== undefined && f !== 'continue') return f;
        }
        return undefined;
      }
      case 'next':
      case 'nextfile':
        throw new NextSignal(s.k === 'nextfile');
      case 'break':
      case 'continue':
        return s.k;
      case 'exit':
        throw new ExitSignal(s.code ? dToI(toNum(await this.eval(s.code))) & 0xff : undefined);
      case 'return':
        return { ret: s.value ? await this.eval(s.value) : UNINIT };
      case 'delete': {
        const a = this.arrayOf(s.array);
        if (s.subs) a.delete(await this.subscript(s.subs));
        else a.clear();
        return undefined;
      }
    }
  }

  private async print(
    printf: boolean,
    args: Expr[],
    target: { op: '>' | '>>' | '|'; name: string } | undefined,
  ): Promise<Flow> {
    let text: string;
    if (printf) {
      const vals: Val[] = [];
      for (const a of args) vals.push(await this.eval(a));
      text = this.sprintf(vals, 'printf');
    } else if (args.length === 0) text = this.record + this.gstr('ORS');
    else {
      const ofmt = this.gstr('OFMT');
      const parts: string[] = [];
      for (const a of args) {
        const v = await this.eval(a);
        parts.push(typeof v === 'number' ? numToStr(v, ofmt) : this.str(v));
      }
      text = parts.join(this.gstr('OFS')) + this.gstr('ORS');
    }
    await this.host.out(target, text);
    return undefined;
  }

  sprintf(vals: Val[], who: 'printf' | 'sprintf'): string {
    const fmt = this.str(vals[0] ?? '');
    let k = 1;
    const r = format(fmt, {
      next: () => (k < vals.length ? vals[k++] : undefined),
      num: toNum,
      str: (v) => this.str(v),
      int: dToI,
      uint: dToU,
    });
    if (r.ok) return r.text;
    if (r.error === 'args') throw new AwkRuntimeError(`not enough arguments passed to ${who}("${fmt}")`);
    throw new AwkRuntimeError(`improper conversion(${r.arg}) in ${who}("${fmt}")`);
  }

  private async subscript(subs: Expr[]): Promise<string> {
    if (subs.length === 1) return this.str(await this.eval(subs[0]));
    const parts: string[] = [];
    for (const e of subs) parts.push(this.str(await this.eval(e)));
    return parts.join(this.gstr('SUBSEP'));
  }

  // ---- lvalues

  private async read(lv: LValue): Promise<Val> {
    switch (lv.k) {
      case 'var':
        return this.getVar(lv.name);
      case 'local': {
        const s = this.frames[this.frames.length - 1][lv.slot];
        if (s instanceof Map) throw new AwkRuntimeError(`can't use array ${lv.name} in scalar context`);
        return s ?? UNINIT;
      }
      case 'field':
        return this.getField(await this.fieldIndex(lv.index));
      case 'elem': {
        const a = this.arrayOf(lv.array);
        const key = await this.subscript(lv.subs);
        let v = a.get(key);
        if (v === undefined) {
          v = UNINIT;
          a.set(key, v);
        }
        return v;
      }
    }
  }

  /** Where an lvalue lives, resolved once (for `x op= y` and ++ the index is evaluated once). */
  private async place(lv: LValue): Promise<{ get(): Val; set(v: Val): void }> {
    switch (lv.k) {
      case 'var':
        return { get: () => this.getVar(lv.name), set: (v) => this.setVar(lv.name, v) };
      case 'local': {
        const frame = this.frames[this.frames.length - 1];
        return {
          get: () => {
            const s = frame[lv.slot];
            if (s instanceof Map) throw new AwkRuntimeError(`can't use array ${lv.name} in scalar context`);
            return s ?? UNINIT;
          },
          set: (v) => {
            frame[lv.slot] = v;
          },
        };
      }
      case 'field': {
        const i = await this.fieldIndex(lv.index);
        return { get: () => this.getField(i), set: (v) => this.setField(i, v) };
      }
      case 'elem': {
        const a = this.arrayOf(lv.array);
        const key = await this.subscript(lv.subs);
        return { get: () => a.get(key) ?? UNINIT, set: (v) => void a.set(key, v) };
      }
    }
  }

  async assign(lv: LValue, v: Val): Promise<void> {
    (await this.place(lv)).set(v);
  }

  // ---- expressions

  async eval(e: Expr): Promise<Val> {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 'ere':
        return test(this.regex(e.re), this.record) ? 1 : 0;
      case 'var':
      case 'local':
      case 'field':
      case 'elem':
        return this.read(e);
      case 'group':
        if (e.list.length === 1) return this.eval(e.list[0]);
        throw new AwkRuntimeError('a (list) is only an argument list of print or the left side of in');
      case 'assign': {
        const p = await this.place(e.target);
        let v = await this.eval(e.value);
        if (e.op !== '=') v = arith(e.op.slice(0, -1), toNum(p.get()), toNum(v));
        // a copy keeps a strnum a strnum; UNINIT stays shared, which is fine since it is immutable
        p.set(v);
        return v;
      }
      case 'cond':
        return toBool(await this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case 'and':
        return toBool(await this.eval(e.a)) && toBool(await this.eval(e.b)) ? 1 : 0;
      case 'or':
        return toBool(await this.eval(e.a)) || toBool(await this.eval(e.b)) ? 1 : 0;
      case 'in':
        return this.arrayOf(e.array).has(await this.subscript(e.subs)) ? 1 : 0;
      case 'match': {
        const s = this.str(await this.eval(e.a));
        const r = await this.regexOf(e.re);
        return test(r, s) !== e.neg ? 1 : 0;
      }
      case 'cmp': {
        const c = compare(await this.eval(e.a), await this.eval(e.b), this.convfmt);
        const ok =
          e.op === '<'
            ? c < 0
            : e.op === '<='
              ? c <= 0
              : e.op === '>'
                ? c > 0
                : e.op === '>='
                  ? c >= 0
                  : e.op === '=='
                    ? c === 0
                    : c !== 0;
        return ok ? 1 : 0;
      }
      case 'concat':
        return this.str(await this.eval(e.a)) + this.str(await this.eval(e.b));
      case 'arith':
        return arith(e.op, toNum(await this.eval(e.a)), toNum(await this.eval(e.b)));
      case 'unary': {
        const v = await this.eval(e.a);
        if (e.op === '!') return toBool(v) ? 0 : 1;
        const n = toNum(v);
        return e.op === '-' ? -n : n;
      }
      case 'incdec': {
        const p = await this.place(e.target);
        const old = toNum(p.get());
        const nv = e.op === '++' ? old + 1 : old - 1;
        p.set(nv);
        return e.prefix ? nv : old;
      }
      case 'call':
        return this.call(this.prog.functions.get(e.name)!, e.args);
      case 'builtin':
        return this.builtin(e.name, e.args);
      case 'getline':
        return this.getline(e);
    }
  }

  private async getline(e: Extract<Expr, { k: 'getline' }>): Promise<Val> {
    let line: string | null | undefined;
    if (e.cmd) line = await this.host.readCommand(this.str(await this.eval(e.cmd)), this);
    else if (e.file) line = await this.host.readFile(this.str(await this.eval(e.file)), this);
    else {
      line = await this.host.nextMain(this);
      if (typeof line === 'string') {
        this.globals.set('NR', toNum(this.getVar('NR')) + 1);
        this.globals.set('FNR', toNum(this.getVar('FNR')) + 1);
      }
    }
    if (line === undefined) return -1;
    if (line === null) return 0;
    if (e.target) await this.assign(e.target, inputVal(line));
    else this.setRecord(line);
    return 1;
  }

  private async call(fn: AwkFunction, args: Expr[]): Promise<Val> {
    if (args.length > fn.params.length) throw new AwkRuntimeError(`too many arguments in call to ${fn.name}`);
    const frame: Slot[] = new Array<Slot>(fn.params.length).fill(undefined);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (fn.arrayParams[i] && (a.k === 'var' || a.k === 'local')) frame[i] = this.arrayOf(a);
      else if (a.k === 'local' && this.frames[this.frames.length - 1][a.slot] instanceof Map)
        frame[i] = this.frames[this.frames.length - 1][a.slot];
      else if (a.k === 'var' && this.arrays.has(a.name)) frame[i] = this.arrays.get(a.name);
      else frame[i] = await this.eval(a);
    }
    if (++this.depth > 2000) throw new AwkRuntimeError('function call nesting too deep');
    this.frames.push(frame);
    try {
      const f = await this.block(fn.body);
      return f !== undefined && typeof f === 'object' ? f.ret : UNINIT;
    } finally {
      this.frames.pop();
      this.depth--;
    }
  }

  /** mawk built with srandom/random: the seed modulo 2^32-1 seeds glibc's random(). */
  private srand(seedVal: number): void {
    this.cseed = seedVal;
    const m = seedVal % 4294967295;
    this.rng = new GlibcRandom(Number.isFinite(m) ? Math.trunc(Math.abs(m)) : 0);
  }

  private async builtin(name: string, args: Expr[]): Promise<Val> {
    const v = async (i: number) => this.eval(args[i]);
    const s = async (i: number) => this.str(await this.eval(args[i]));
    const n = async (i: number) => toNum(await this.eval(args[i]));
    switch (name) {
      case 'length': {
        // mawk counts bytes
        if (args.length === 0) return utf8Length(this.record);
        const a = args[0];
        if (a.k === 'var' && this.arrays.has(a.name)) return this.arrays.get(a.name)!.size;
        if (a.k === 'local' && this.frames[this.frames.length - 1][a.slot] instanceof Map)
          return (this.frames[this.frames.length - 1][a.slot] as AwkArray).size;
        return utf8Length(await s(0));
      }
      case 'substr': {
        const str = await s(0);
        const len = str.length;
        if (len === 0) return '';
        let i = dToI(await n(1)) - 1;
        let k = args.length === 3 ? dToI(await n(2)) : len;
        if (i > len) k = 0;
        if (i < 0) {
          k -= i + 1;
          i = 0;
        }
        if (k > len - i) k = len - i;
        return k <= 0 ? '' : str.slice(i, i + k);
      }
      case 'index': {
        const hay = await s(0);
        const needle = await s(1);
        // mawk: the empty string is found at 1
        return needle === '' ? 1 : hay.indexOf(needle) + 1;
      }
      case 'split': {
        const str = await s(0);
        const target = args[1] as ArrayRef;
        let parts: string[];
        if (args.length === 3 && args[2].k === 'ere') {
          const src = args[2].re;
          parts = splitBy(str, src, () => this.regex(src), false, true);
        } else {
          const fs = args.length === 3 ? await s(2) : this.gstr('FS');
          parts = splitBy(str, fs, () => this.regex(fs));
        }
        const a = this.arrayOf(target);
        a.clear();
        parts.forEach((p, i) => a.set(String(i + 1), inputVal(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const r = await this.regexOf(args[0]);
        const repl = await s(1);
        const lv: LValue = args[2] ? (args[2] as LValue) : { k: 'field', index: { k: 'num', v: 0 } };
        const p = await this.place(lv);
        const target = this.str(p.get());
        const { text, count } = substitute(r, repl, target, name === 'gsub');
        if (count > 0) p.set(text);
        return count;
      }
      case 'match': {
        const str = await s(0);
        const m = matchAt(await this.regexOf(args[1]), str);
        this.globals.set('RSTART', m ? m.index + 1 : 0);
        this.globals.set('RLENGTH', m ? m.length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf': {
        const vals: Val[] = [];
        for (const a of args) vals.push(await this.eval(a));
        return this.sprintf(vals, 'sprintf');
      }
      case 'tolower':
        return (await s(0)).replace(/[A-Z]+/g, (x) => x.toLowerCase());
      case 'toupper':
        return (await s(0)).replace(/[a-z]+/g, (x) => x.toUpperCase());
      case 'int':
        return Math.trunc(await n(0));
      case 'sqrt':
        return Math.sqrt(await n(0));
      case 'exp':
        return Math.exp(await n(0));
      case 'log':
        return Math.log(await n(0));
      case 'sin':
        return Math.sin(await n(0));
      case 'cos':
        return Math.cos(await n(0));
      case 'atan2':
        return Math.atan2(await n(0), await n(1));
      case 'rand':
        return this.rng.next() / MAX_INT;
      case 'srand': {
        const prev = this.cseed;
        this.srand(args.length ? toNum(await v(0)) : Math.floor(this.host.now() / 1000));
        return prev;
      }
      case 'system':
        return this.host.system(await s(0));
      case 'close':
        return this.host.close(await s(0));
      case 'fflush':
        if (args.length) await v(0);
        return 0;
    }
    throw new AwkRuntimeError(`unknown builtin ${name}`);
  }
}

export { StrNum };
