// What an awk program's variables and record look like at run time: globals,
// arrays and function frames, $0 with its lazily split fields (FS), NF, field
// assignment rebuilding $0 with OFS, and compiled regexes.
import type { ArrayRef } from './awk-ast';
import { RegexCache, splitBy } from './awk-io';
import { AwkRegexError, type AwkRegex } from './awk-regex';
import { dToI, inputVal, toNum, toStr, UNINIT, type Val } from './awk-value';

export type AwkArray = Map<string, Val>;
export type Slot = Val | AwkArray | undefined;

/** A fatal run-time error: `mawk: run time error: …` with the record position, exit 2. */
export class AwkRuntimeError extends Error {}
/** A message printed as it is (`mawk: cannot open …`), exit 2. */
export class AwkFatal extends Error {}

export abstract class AwkState {
  readonly globals = new Map<string, Val>();

  readonly arrays = new Map<string, AwkArray>();

  protected frames: Slot[][] = [];

  protected record = '';

  protected fields: string[] | undefined = [];

  protected fieldVals: Val[] = [];

  protected readonly regexes = new RegexCache();

  // ---- variables

  get convfmt(): string {
    return toStr(this.globals.get('CONVFMT') ?? '%.6g', '%.6g');
  }

  str(v: Val): string {
    return toStr(v, this.convfmt);
  }

  gstr(name: string): string {
    return this.str(this.getVar(name));
  }

  getVar(name: string): Val {
    if (name === 'NF') return this.nf();
    return this.globals.get(name) ?? UNINIT;
  }

  setVar(name: string, v: Val): void {
    if (name === 'NF') return this.setNF(toNum(v));
    this.globals.set(name, v);
  }

  array(name: string): AwkArray {
    let a = this.arrays.get(name);
    if (!a) {
      a = new Map();
      this.arrays.set(name, a);
    }
    return a;
  }

  protected arrayOf(ref: ArrayRef): AwkArray {
    if (ref.k === 'var') return this.array(ref.name);
    const frame = this.frames[this.frames.length - 1];
    const s = frame[ref.slot];
    if (s instanceof Map) return s;
    if (s !== undefined) throw new AwkRuntimeError(`can't use scalar ${ref.name} as array`);
    const a: AwkArray = new Map();
    frame[ref.slot] = a;
    return a;
  }

  // ---- the record

  setRecord(text: string): void {
    this.record = text;
    this.fields = undefined;
  }

  protected split(): string[] {
    if (!this.fields) {
      const fs = this.gstr('FS');
      // mawk does not also split at newlines in paragraph mode (POSIX says it should)
      this.fields = splitBy(this.record, fs, () => this.regexes.get(fs));
      this.fieldVals = [];
    }
    return this.fields;
  }

  nf(): number {
    return this.split().length;
  }

  protected setNF(n: number): void {
    const f = this.split();
    const k = Math.max(0, dToI(n));
    while (f.length < k) f.push('');
    f.length = k;
    this.fieldVals.length = Math.min(this.fieldVals.length, k + 1);
    this.rebuild();
  }

  protected rebuild(): void {
    this.record = this.split().join(this.gstr('OFS'));
  }

  getField(i: number): Val {
    if (i === 0) return inputVal(this.record);
    const f = this.split();
    if (i > f.length) return UNINIT;
    return (this.fieldVals[i] ??= inputVal(f[i - 1]));
  }

  setField(i: number, v: Val): void {
    if (i === 0) return this.setRecord(this.str(v));
    const f = this.split();
    while (f.length < i) f.push('');
    f[i - 1] = this.str(v);
    this.fieldVals[i] = v;
    this.rebuild();
  }

  // ---- regexes

  regex(src: string): AwkRegex {
    const r = this.regexes.get(src);
    if (r instanceof AwkRegexError)
      throw new AwkFatal(`regular expression compile failed (${r.message})\n${src}`);
    return r;
  }
}
