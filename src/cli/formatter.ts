// docker/cli's formatter.Context: `table …` / custom / `json` formats, header rows
// from a SubHeaderContext, rows through a Go template, tables through the tabwriter.

import type { GoMethod, GoType, GoValue } from './go-value';
import { T, mapKeys } from './go-value';
import { goJsonString } from './go-json';
import { parseGoTemplate, TemplateError } from './template';
import { dockerTabWriter } from './tabwriter';

export const TABLE_FORMAT = 'table';
export const RAW_FORMAT = 'raw';
export const JSON_FORMAT = 'json';
export const DEFAULT_QUIET_FORMAT = '{{.ID}}';

export const isTableFormat = (f: string): boolean => f.startsWith(TABLE_FORMAT);

/** A formatter sub-context (imageContext, historyContext…): its exported methods, all strings. */
export function contextValue(
  goName: string,
  fields: Record<string, string>,
  methods?: Record<string, GoMethod>,
): GoValue {
  const names = Object.keys(fields);
  return {
    t: T.ptr({
      kind: 'struct',
      name: goName,
      fields: names.map((name) => ({ name, type: T.string })),
      ...(methods ? { methods } : {}),
      // formatter.MarshalJSON: json.Marshal of a map of the methods, so keys are sorted and HTML is escaped
      marshal: (v) =>
        '{' +
        mapKeys(v)
          .map((k) => `${goJsonString(k, true)}:${goJsonString(String(v[k]), true)}`)
          .join(',') +
        '}',
    }),
    v: fields,
  };
}

/** SubHeaderContext.Label: a `{{.Label "com.example.the-name"}}` column is titled by the name's last dotted part, - and _ as blanks. */
const SUB_HEADER_CONTEXT: GoType = {
  kind: 'map',
  elem: T.string,
  name: 'formatter.SubHeaderContext',
  methods: {
    Label: {
      params: ['string'],
      call: (_recv, [name]) => {
        const parts = String(name?.v ?? '').split('.');
        return { t: T.string, v: parts[parts.length - 1].replace(/[-_]/g, ' ') };
      },
    },
  },
};

/** A SubHeaderContext (map[string]string of column titles). */
export function headerValue(headers: Record<string, string>): GoValue {
  return { t: SUB_HEADER_CONTEXT, v: headers };
}

/** The `finalFormat` preFormat computes: strip `table`, map `json`, trim spaces, expand \t and \n. */
export function preFormat(format: string): string {
  let f = format;
  if (isTableFormat(f)) f = f.slice(TABLE_FORMAT.length);
  else if (f === JSON_FORMAT) f = '{{json .}}';
  f = f.replace(/^ +| +$/g, '');
  return f.replace(/\\t|\\n/g, (m) => (m === '\\t' ? '\t' : '\n'));
}

/** Context.Write: the formatted text, or Docker's error message ("template parsing error: …"). */
export function formatWrite(
  format: string,
  header: GoValue,
  rows: GoValue[],
): { out: string; error?: string } {
  let tmpl;
  try {
    tmpl = parseGoTemplate(preFormat(format));
  } catch (e) {
    if (e instanceof TemplateError) return { out: '', error: `template parsing error: ${e.message}` };
    throw e;
  }
  if (!isTableFormat(format)) {
    let buffer = '';
    for (const row of rows) {
      const r = tmpl.run(row);
      if (r.error) return { out: '', error: `template parsing error: ${r.error.message}` };
      buffer += r.output + '\n';
    }
    return { out: buffer };
  }
  // rows go straight to the table writer (no buffer of the whole table to scan again);
  // an error in any row still means no output at all
  const tw = dockerTabWriter();
  // the header row's errors are ignored, as postFormat ignores Execute's error
  tw.write(tmpl.forHeader().run(header).output);
  tw.write('\n');
  const write = (text: string) => tw.write(text);
  for (const row of rows) {
    const error = tmpl.runTo(row, write);
    if (error) return { out: '', error: `template parsing error: ${error.message}` };
    tw.write('\n');
  }
  return { out: tw.flush() };
}
