// How psql shows what the server sent: aligned tables (centred headers,
// numbers right-aligned, "(N rows)"), unaligned/tuples-only output, and
// libpq's error report with the LINE excerpt and the ^ under the position.
import type { StatementResult } from './pg-engine';

export interface PrintOptions {
  tuplesOnly: boolean;
  unaligned: boolean;
}

const width = (s: string) => [...s].length;

export function formatRows(r: Extract<StatementResult, { kind: 'rows' }>, o: PrintOptions): string {
  const n = r.columns.length;
  const cell = (v: string | null) => v ?? '';
  if (o.unaligned) {
    const lines = [...(o.tuplesOnly ? [] : [r.columns.map((c) => c.name).join('|')]), ...r.rows.map((row) => row.map(cell).join('|'))];
    if (!o.tuplesOnly) lines.push(`(${r.rows.length} row${r.rows.length === 1 ? '' : 's'})`);
    return lines.map((l) => `${l}\n`).join('');
  }
  // headers count towards the widths even when they are not shown (-t)
  const w = r.columns.map((c, i) => Math.max(width(c.name), ...r.rows.map((row) => width(cell(row[i])))));
  let out = '';
  if (!o.tuplesOnly) {
    // print_aligned_text: headers centred, every cell padded on both sides
    out += r.columns
      .map((c, i) => {
        const pad = w[i] - width(c.name);
        const left = Math.floor(pad / 2);
        return ` ${' '.repeat(left)}${c.name}${' '.repeat(pad - left)} `;
      })
      .join('|');
    out += '\n';
    out += w.map((x) => '-'.repeat(x + 2)).join('+');
    out += '\n';
  }
  for (const row of r.rows) {
    out += row
      .map((v, i) => {
        const s = cell(v);
        const pad = ' '.repeat(w[i] - width(s));
        if (r.columns[i].right) return ` ${pad}${s}${i === n - 1 ? '' : ' '}`;
        // the last column's left-aligned text is not padded out
        return i === n - 1 ? ` ${s}` : ` ${s}${pad} `;
      })
      .join('|');
    out += '\n';
  }
  if (!o.tuplesOnly) out += `(${r.rows.length} row${r.rows.length === 1 ? '' : 's'})\n`;
  return `${out}\n`;
}

const DISPLAY_SIZE = 60;
const MIN_RIGHT_CUT = 10;

/** libpq's reportErrorPosition: the query line holding the error, cut to fit, and the cursor. */
export function errorPosition(query: string, position: number): string {
  const loc = Math.min(Math.max(position - 1, 0), query.length);
  let ibeg = query.lastIndexOf('\n', loc - 1) + 1;
  let iend = query.indexOf('\n', loc);
  if (iend < 0) iend = query.length;
  const lineNo = query.slice(0, ibeg).split('\n').length;
  let begTrunc = false;
  let endTrunc = false;
  if (iend - ibeg > DISPLAY_SIZE) {
    if (ibeg + DISPLAY_SIZE >= loc + MIN_RIGHT_CUT) {
      while (iend - ibeg > DISPLAY_SIZE) iend--;
      endTrunc = true;
    } else {
      while (loc + MIN_RIGHT_CUT < iend) {
        iend--;
        endTrunc = true;
      }
      while (iend - ibeg > DISPLAY_SIZE) {
        ibeg++;
        begTrunc = true;
      }
    }
  }
  const prefix = `LINE ${lineNo}: ${begTrunc ? '...' : ''}`;
  const text = query.slice(ibeg, iend).replace(/\t/g, ' ');
  return `${prefix}${text}${endTrunc ? '...' : ''}\n${' '.repeat(prefix.length + loc - ibeg)}^\n`;
}

/** An ERROR as psql prints it (to stderr), `psql:FILE:LINE: ` before it in scripts. */
export function formatError(r: Extract<StatementResult, { kind: 'error' }>, query: string, where = ''): string {
  let out = `${where}ERROR:  ${r.message}\n`;
  if (r.position !== undefined) out += errorPosition(query, r.position + 1);
  if (r.detail) out += `DETAIL:  ${r.detail}\n`;
  if (r.hint) out += `HINT:  ${r.hint}\n`;
  return out;
}
