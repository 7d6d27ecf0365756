// Go templates for --format / -f: parse with docker's function set, execute over
// typed Go values, and report errors in Docker's words.

import type { GoValue } from './go-value';
import { Executor, TemplateExecError } from './template-exec';
import type { ExecOptions, TemplateFunc } from './template-exec';
import { TemplateError, parseTemplate } from './template-parse';
import type { ParsedTemplate } from './template-parse';
import { dockerFuncs, headerFuncs } from './template-funcs';

export { TemplateError, TemplateExecError };

export class GoTemplate {
  constructor(
    readonly parsed: ParsedTemplate,
    private readonly funcs: Record<string, TemplateFunc>,
  ) {}

  /** Execute; returns the output, or the output so far plus the error (Go writes partial output). */
  run(data: GoValue | undefined, opts: ExecOptions = {}): { output: string; error?: TemplateExecError } {
    return new Executor(this.parsed, this.funcs, opts).run(data);
  }

  /** Same template with table-header functions (templates.HeaderFunctions). */
  forHeader(): GoTemplate {
    return new GoTemplate(this.parsed, headerFuncs);
  }
}

/** templates.Parse: throws TemplateError, e.g. `template: :1: function "foo" not defined`. */
export function parseGoTemplate(format: string): GoTemplate {
  return new GoTemplate(
    parseTemplate(format, (n) => n in dockerFuncs),
    dockerFuncs,
  );
}
