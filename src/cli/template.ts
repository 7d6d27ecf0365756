// Go templates for --format / -f: parse with docker's function set, execute over
// typed Go values, and report errors in Docker's words.

import type { GoType, GoValue, StructField } from './go-value';
import { fieldOf, formatValue, indirect, indirectInterface, isObject, structField } from './go-value';
import { Executor, TemplateExecError } from './template-exec';
import type { ExecOptions, TemplateFunc } from './template-exec';
import { TemplateError, parseTemplate } from './template-parse';
import type { ParsedTemplate, TemplateNode } from './template-parse';
import { dockerFuncs, headerFuncs } from './template-funcs';

export { TemplateError, TemplateExecError };

/** Text, or a `{{.Field}}` action. */
type Piece = string | { readonly field: string };

/** The pieces of a template made of text and `{{.Field}}` actions only (every default table format). */
function fieldsOnly(root: readonly TemplateNode[]): Piece[] | undefined {
  const out: Piece[] = [];
  for (const n of root) {
    if (n.type === 'text') out.push(n.text);
    else if (n.type === 'action' && n.pipe.decl.length === 0 && n.pipe.cmds.length === 1) {
      const args = n.pipe.cmds[0].args;
      if (args.length !== 1 || args[0].type !== 'field' || args[0].ident.length !== 1) return undefined;
      out.push({ field: args[0].ident[0] });
    } else return undefined;
  }
  return out;
}

/** What the executor prints for a field's value (evalPipeline's interface unwrap, then printValue). */
function printed(value: GoValue | undefined): string {
  const v = indirectInterface(value);
  if (v && v.t.kind === 'ptr') {
    const r = indirect(v);
    return r.isNil ? '<nil>' : formatValue(r.g);
  }
  return formatValue(v);
}

export class GoTemplate {
  /** Set when the template only prints fields: rows then skip the general executor. */
  private readonly pieces: Piece[] | undefined;
  /** The struct type the pieces' fields were last found in, and those fields. */
  private fieldsType: GoType | undefined;
  private fields: Array<StructField | undefined> = [];

  constructor(
    readonly parsed: ParsedTemplate,
    private readonly funcs: Record<string, TemplateFunc>,
  ) {
    this.pieces = fieldsOnly(parsed.root);
  }

  /** Execute; returns the output, or the output so far plus the error (Go writes partial output). */
  run(data: GoValue | undefined, opts: ExecOptions = {}): { output: string; error?: TemplateExecError } {
    let out = '';
    if (this.pieces && this.printFields(this.pieces, data, (s) => (out += s))) return { output: out };
    return new Executor(this.parsed, this.funcs, opts).run(data);
  }

  /**
   * Execute, handing the output to `write` in pieces (a table row straight to
   * the tabwriter); on an error nothing is written and the error is returned.
   */
  runTo(data: GoValue | undefined, write: (text: string) => void): TemplateExecError | undefined {
    if (this.pieces && this.printFields(this.pieces, data, write)) return undefined;
    const r = new Executor(this.parsed, this.funcs, {}).run(data);
    if (r.error) return r.error;
    write(r.output);
    return undefined;
  }

  /**
   * The fields of a (non-nil pointer to a) struct that has them all, printed as
   * the executor would; false, with nothing written, when anything else is
   * asked (the executor then runs, and reports errors).
   */
  private printFields(
    pieces: readonly Piece[],
    data: GoValue | undefined,
    write: (text: string) => void,
  ): boolean {
    if (!data) return false;
    let t = data.t;
    if (t.kind === 'ptr') {
      if (data.v === null || data.v === undefined) return false;
      t = t.elem;
    }
    if (t.kind !== 'struct') return false;
    // types never change once built: a table's rows share one, looked up once
    if (t !== this.fieldsType) {
      this.fields = pieces.map((p) => (typeof p === 'string' ? undefined : fieldOf(t, p.field)));
      this.fieldsType = t;
    }
    const fields = this.fields;
    for (let i = 0; i < pieces.length; i++) if (typeof pieces[i] !== 'string' && !fields[i]) return false;
    const obj = isObject(data.v) ? data.v : {};
    let struct: GoValue | undefined;
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i];
      if (typeof p === 'string') {
        write(p);
        continue;
      }
      const f = fields[i]!;
      if (f.type.kind === 'string' && !f.embedded) {
        // a string prints as itself, and a missing one as ""
        const raw = f.read ? f.read(obj) : obj[f.json ?? f.name];
        if (typeof raw === 'string') {
          write(raw);
          continue;
        }
        if (raw === undefined || raw === null) continue;
      }
      struct ??= { t, v: data.v };
      write(printed(structField(struct, p.field)));
    }
    return true;
  }

  /** Same template with table-header functions (templates.HeaderFunctions). */
  forHeader(): GoTemplate {
    return new GoTemplate(this.parsed, headerFuncs);
  }
}

/** Parsed formats: a student runs the same few `docker ps` / `images` formats again and again. */
const parsedCache = new Map<string, GoTemplate>();

/** templates.Parse: throws TemplateError, e.g. `template: :1: function "foo" not defined`. */
export function parseGoTemplate(format: string): GoTemplate {
  let t = parsedCache.get(format);
  if (!t) {
    // parsed templates are never changed by running them, so one can serve every run
    t = new GoTemplate(
      parseTemplate(format, (n) => n in dockerFuncs),
      dockerFuncs,
    );
    if (parsedCache.size >= 64) parsedCache.clear();
    parsedCache.set(format, t);
  }
  return t;
}
