// Go templates for --format / -f: parse with docker's function set, execute over
// typed Go values, and report errors in Docker's words.

import type { GoValue } from './go-value';
import { formatValue, hasField, indirect, indirectInterface, structField } from './go-value';
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

  constructor(
    readonly parsed: ParsedTemplate,
    private readonly funcs: Record<string, TemplateFunc>,
  ) {
    this.pieces = fieldsOnly(parsed.root);
  }

  /** Execute; returns the output, or the output so far plus the error (Go writes partial output). */
  run(data: GoValue | undefined, opts: ExecOptions = {}): { output: string; error?: TemplateExecError } {
    const fast = this.pieces && this.printFields(this.pieces, data);
    if (fast !== undefined) return { output: fast };
    return new Executor(this.parsed, this.funcs, opts).run(data);
  }

  /**
   * The fields of a (non-nil pointer to a) struct that has them all, printed as
   * the executor would; undefined when anything else is asked (the executor
   * then runs, and reports errors).
   */
  private printFields(pieces: readonly Piece[], data: GoValue | undefined): string | undefined {
    if (!data) return undefined;
    let t = data.t;
    if (t.kind === 'ptr') {
      if (data.v === null || data.v === undefined) return undefined;
      t = t.elem;
    }
    if (t.kind !== 'struct') return undefined;
    for (const p of pieces) if (typeof p !== 'string' && !hasField(t, p.field)) return undefined;
    const struct: GoValue = { t, v: data.v };
    let out = '';
    for (const p of pieces) out += typeof p === 'string' ? p : printed(structField(struct, p.field));
    return out;
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
