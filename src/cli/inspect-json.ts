// cli/command/inspect/inspector.go: `docker inspect` output. Raw API bodies are
// re-indented with 4 spaces inside `[ … ]`; -f templates run on the typed value
// first and fall back to the raw JSON map with missingkey=error, as Docker does.

import type { GoType } from './go-value';
import { T } from './go-value';
import { goMarshal, goMarshalIndent } from './go-json';
import { parseGoTemplate, TemplateError } from './template';
import type { GoTemplate } from './template';

export interface InspectElement {
  /** The body as the daemon sent it (key order preserved). */
  raw: unknown;
  /** The Go type the CLI decodes it into; without one the raw map is used. */
  type?: GoType;
  /** The lookup kept no raw bytes (VolumeInspect, not ...WithRaw): no fallback to the raw map. */
  noRaw?: boolean;
}

/** Indented inspector output for the found elements: `[]` when there are none. */
export function indentedJson(raws: unknown[]): string {
  if (raws.length === 0) return '[]\n';
  // the daemon encodes without HTML escaping; json.Indent keeps the bytes as they are
  return goMarshalIndent(raws, '    ') + '\n';
}

/** `--format json`: the compact form. */
export function compactJson(raws: unknown[]): string {
  if (raws.length === 0) return '[]\n';
  return '[' + raws.map((r) => goMarshal(r)).join(',') + ']\n';
}

/** NewTemplateInspectorFromString: a template that does not parse stops `inspect` before any lookup (exit 64). */
export function checkInspectFormat(format: string): InspectResult | undefined {
  if (format === '' || format === 'json') return undefined;
  try {
    parseGoTemplate(format);
    return undefined;
  } catch (e) {
    if (e instanceof TemplateError)
      return { stdout: '', errors: [`template parsing error: ${e.message}`], exitCode: 64 };
    throw e;
  }
}

export type InspectResult = { stdout: string; errors: string[]; exitCode?: number };

/** inspect.Inspect over the references in order: each one found, or its lookup error. A template that does not parse is exit 64. */
export function renderInspect(
  items: Array<InspectElement | { error: string }>,
  format: string,
): InspectResult {
  const found = items.filter((i): i is InspectElement => !('error' in i));
  if (format === '' || format === 'json') {
    const errors = items.flatMap((i) => ('error' in i ? [i.error] : []));
    return {
      stdout: format === '' ? indentedJson(found.map((e) => e.raw)) : compactJson(found.map((e) => e.raw)),
      errors,
    };
  }
  let tmpl: GoTemplate;
  try {
    tmpl = parseGoTemplate(format);
  } catch (e) {
    if (e instanceof TemplateError)
      return { stdout: '', errors: [`template parsing error: ${e.message}`], exitCode: 64 };
    throw e;
  }
  const errors: string[] = [];
  let buffer = '';
  for (const el of items) {
    if ('error' in el) {
      errors.push(el.error);
      continue;
    }
    let r = tmpl.run({ t: el.type ?? T.iface, v: el.raw });
    if (r.error && el.type && !el.noRaw) r = tmpl.run({ t: T.iface, v: el.raw }, { missingKey: 'error' });
    if (r.error) {
      errors.push(`template parsing error: ${r.error.message}`);
      continue;
    }
    buffer += r.output + '\n';
  }
  return { stdout: buffer === '' ? '\n' : buffer, errors };
}
