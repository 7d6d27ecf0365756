// Tracebacks as CPython 3.13's traceback.py prints them: frames with their
// source line, carets under the failing instruction (~ and ^ around a binary
// operator, a subscript or a call's brackets, omitted when they would say
// nothing), chained exceptions, recursion summaries, "Did you mean" hints.
import type { Expr, Stmt } from './ast';
import { colors } from './colors';
import { parse } from './parser';
import { formatSyntaxError } from './syntax-error';
import { excStr } from './repr';
import { STDLIB_MODULE_NAMES, suggest } from './suggestions';
import { AttributeError, NameError } from './types';
import type { Gen, PyExc, Rt, TbEntry } from './values';

const RECURSIVE_CUTOFF = 3;

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

function displayWidth(line: string, offset: number): number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(line)) return offset;
  let w = 0;
  for (const ch of line.slice(0, offset)) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

function dedent(text: string): string {
  const lines = text.split('\n');
  let margin: string | undefined;
  for (const l of lines) {
    if (l.trim() === '') continue;
    const ind = /^[ \t]*/.exec(l)![0];
    if (margin === undefined || !ind.startsWith(margin)) {
      let k = 0;
      const m: string = margin ?? ind;
      while (k < m.length && k < ind.length && m[k] === ind[k]) k++;
      margin = margin === undefined ? ind : m.slice(0, k);
    }
  }
  return lines.map((l) => (l.trim() === '' ? '' : l.slice((margin ?? '').length))).join('\n');
}

interface Anchors {
  leftLine: number;
  leftOffset: number;
  rightLine: number;
  rightOffset: number;
}

function parseExprStmt(src: string): Stmt | undefined {
  try {
    const m = parse(src, '<traceback>', { symtable: false }).module;
    return m.body.length === 1 ? m.body[0] : undefined;
  } catch {
    return undefined;
  }
}

/** traceback._extract_caret_anchors_from_line_segment. */
function anchorsOf(segment: string): Anchors | undefined {
  const st = parseExprStmt(`(\n${segment}\n)`);
  if (!st || st.t !== 'Expr') return undefined;
  const e = st.value;
  const lines = segment.split('\n');
  const nextValid = (ln: number, col: number): [number, number] => {
    while (ln < lines.length && col >= lines[ln].length) {
      col = 0;
      ln++;
    }
    return [ln, col];
  };
  const endOf = (x: Expr, force = true): [number, number] =>
    force ? nextValid(x.endLine - 2, x.endCol) : [x.endLine - 2, x.endCol];
  const until = (ln: number, col: number, stop: (c: string) => boolean): [number, number] => {
    for (;;) {
      if (ln >= lines.length) return [ln, col];
      const ch = lines[ln][col];
      if (ch === '\\' || ch === '#') [ln, col] = nextValid(ln + 1, 0);
      else if (!stop(ch)) [ln, col] = nextValid(ln, col + 1);
      else return [ln, col];
    }
  };
  if (e.t === 'BinOp') {
    const [ln, col] = until(...endOf(e.left), (c) => !/\s/.test(c) && c !== ')');
    let right = col + 1;
    const line = lines[ln] ?? '';
    if (
      right < line.length &&
      (e.right.line - 2 > ln || right < e.right.col) &&
      !/\s/.test(line[right]) &&
      !'\\#'.includes(line[right])
    )
      right++;
    return { leftLine: ln, leftOffset: col, rightLine: ln, rightOffset: right };
  }
  if (e.t === 'Subscript' || e.t === 'Call') {
    const inner = e.t === 'Subscript' ? e.value : e.func;
    const [ll, lc] = until(...endOf(inner), (c) => c === (e.t === 'Subscript' ? '[' : '('));
    const [rl, rc] = endOf(e, false);
    return { leftLine: ll, leftOffset: lc, rightLine: rl, rightOffset: rc };
  }
  return undefined;
}

function shouldShowCarets(
  start: number,
  end: number,
  allLines: string[],
  anchors: Anchors | undefined,
): boolean {
  const st = parseExprStmt(allLines.join('\n'));
  if (st) {
    let value: Expr | undefined;
    if (st.t === 'Return' && st.value?.t === 'Call' && st.value.func.t === 'Name') value = st.value;
    if (st.t === 'Assign' && st.value.t === 'Call' && st.targets.length === 1 && st.targets[0].t === 'Name')
      value = st.value;
    if (
      value &&
      value.line === 1 &&
      value.endLine === allLines.length &&
      value.col === start &&
      value.endCol === end
    )
      return false;
  }
  if (anchors) return true;
  return allLines[0].slice(0, start).trim() !== '' || allLines[allLines.length - 1].slice(end).trim() !== '';
}

function frameLines(f: TbEntry, colorize: boolean): string {
  const c = colors(colorize);
  let row = colorize
    ? `  File ${c.magenta}"${f.filename}"${c.reset}, line ${c.magenta}${f.line}${c.reset}, in ${c.magenta}${f.name}${c.reset}\n`
    : `  File "${f.filename}", line ${f.line}, in ${f.name}\n`;
  const src = f.lines;
  if (!src || src[f.line - 1] === undefined) return row;
  const endLine = f.endLine ?? f.line;
  const original = src.slice(f.line - 1, endLine).join('\n');
  const dedented = dedent(original);
  if (!dedented.trim()) return row;
  if (f.col === undefined || f.endCol === undefined)
    return row + '    ' + dedented.split('\n')[0].trim() + '\n';
  const origLines = original.split('\n');
  const allLines = dedented.split('\n').slice(0, endLine - f.line + 1);
  const dedentChars = origLines[0].length - allLines[0].length;
  const start = Math.max(0, f.col - dedentChars);
  const end = Math.max(0, f.endCol - dedentChars);
  const dpStart = displayWidth(allLines[0], start);
  const dpEnd = displayWidth(allLines[allLines.length - 1], end);
  let segment = allLines.join('\n');
  segment = segment.slice(start, segment.length - (allLines[allLines.length - 1].length - end));
  const anchors = anchorsOf(segment);
  const show = shouldShowCarets(start, end, allLines, anchors);
  const significant = new Set([0, allLines.length - 1]);
  let leftOff = 0;
  let rightOff = 0;
  if (anchors) {
    leftOff = anchors.leftOffset + (anchors.leftLine === 0 ? start : 0);
    rightOff = anchors.rightOffset + (anchors.rightLine === 0 ? start : 0);
    leftOff = displayWidth(allLines[anchors.leftLine] ?? '', leftOff);
    rightOff = displayWidth(allLines[anchors.rightLine] ?? '', rightOff);
    for (let k = anchors.leftLine - 1; k <= anchors.leftLine + 1; k++) significant.add(k);
    for (let k = anchors.rightLine - 1; k <= anchors.rightLine + 1; k++) significant.add(k);
  }
  significant.delete(-1);
  significant.delete(allLines.length);
  const result: string[] = [];
  const output = (ln: number) => {
    const text = allLines[ln];
    if (!show) {
      result.push(text + '\n');
      return;
    }
    const spaces = text.length - text.trimStart().length;
    const carets: string[] = [];
    const n = ln === allLines.length - 1 ? dpEnd : displayWidth(text, text.length);
    for (let col = 0; col < n; col++) {
      if (col < spaces || (ln === 0 && col < dpStart)) carets.push(' ');
      else if (
        anchors &&
        (ln > anchors.leftLine || (ln === anchors.leftLine && col >= leftOff)) &&
        (ln < anchors.rightLine || (ln === anchors.rightLine && col < rightOff))
      )
        carets.push('^');
      else carets.push(anchors ? '~' : '^');
    }
    if (!colorize) {
      result.push(text + '\n', carets.join('') + '\n');
      return;
    }
    // colour the characters under the carets, group by group
    let line = '';
    let marks = '';
    const chars = [...text];
    for (let i = 0; i < Math.max(chars.length, carets.length);) {
      const kind = carets[i] ?? '';
      let j = i;
      while (j < Math.max(chars.length, carets.length) && (carets[j] ?? '') === kind) j++;
      const seg = chars.slice(i, j).join('');
      const mk = carets.slice(i, j).join('');
      const col = kind === '^' ? c.boldRed : kind === '~' ? c.red : '';
      line += col ? col + seg + c.reset : seg;
      marks += col ? col + mk + c.reset : mk;
      i = j;
    }
    result.push(line + '\n', marks + '\n');
  };
  const sig = [...significant].sort((a, b) => a - b);
  sig.forEach((ln, i) => {
    if (i) {
      const diff = ln - sig[i - 1];
      if (diff === 2) output(ln - 1);
      else if (diff > 2) result.push(`...<${diff - 1} lines>...\n`);
    }
    output(ln);
  });
  const body = dedent(result.join('').replace(/\n$/, '')) + '\n';
  row += body
    .split('\n')
    .slice(0, -1)
    .map((l) => '    ' + l + '\n')
    .join('');
  return row;
}

/** Python 3.12's traceback.py: the first line only, carets unless they would cover the whole line. */
function frameLines312(f: TbEntry): string {
  let row = `  File "${f.filename}", line ${f.line}, in ${f.name}\n`;
  const raw = f.lines?.[f.line - 1];
  if (raw === undefined || raw.trim() === '') return row;
  const line = raw + '\n';
  const stripped = raw.trim();
  row += `    ${stripped}\n`;
  if (f.col === undefined || f.endCol === undefined) return row;
  const strippedChars = line.length - stripped.length;
  const start = f.col;
  let end = f.endCol;
  const segment = line.slice(start, end);
  let anchors: [number, number] | undefined;
  if (f.line === (f.endLine ?? f.line)) {
    const st = parseExprStmt(segment);
    if (st?.t === 'Expr' && st.value.t === 'BinOp') {
      const e = st.value;
      const opStr = segment.slice(e.left.endCol, e.right.col);
      const opOff = opStr.length - opStr.trimStart().length;
      let left = e.left.endCol + opOff;
      let right = left + 1;
      if (opOff + 1 < opStr.length && !/\s/.test(opStr[opOff + 1])) right++;
      while (left < segment.length && (/\s/.test(segment[left]) || ')#'.includes(segment[left]))) {
        left++;
        right++;
      }
      anchors = [left, right];
    } else if (st?.t === 'Expr' && st.value.t === 'Subscript' && st.value.index) {
      let left = st.value.value.endCol;
      let right = st.value.index.endCol + 1;
      while (left < segment.length && segment[left] !== '[') left++;
      while (right < segment.length && segment[right] !== ']') right++;
      if (right < segment.length) right++;
      anchors = [left, right];
    }
  } else end = raw.trimEnd().length;
  if (end - start < stripped.length || (anchors && anchors[1] - anchors[0] > 0)) {
    const dpStart = displayWidth(line, start) + 1;
    const dpEnd = displayWidth(line, end) + 1;
    row += '    ' + ' '.repeat(Math.max(0, dpStart - strippedChars));
    if (anchors) {
      const l = displayWidth(segment, anchors[0]);
      const r = displayWidth(segment, anchors[1]);
      row += '~'.repeat(l) + '^'.repeat(r - l) + '~'.repeat(Math.max(0, dpEnd - dpStart - r));
    } else row += '^'.repeat(dpEnd - dpStart);
    row += '\n';
  }
  return row;
}

export function formatStack(entries: TbEntry[], colorize: boolean, legacy = false): string {
  let out = '';
  let last: TbEntry | undefined;
  let count = 0;
  const flush = () => {
    if (count > RECURSIVE_CUTOFF) {
      const n = count - RECURSIVE_CUTOFF;
      out += `  [Previous line repeated ${n} more time${n > 1 ? 's' : ''}]\n`;
    }
  };
  for (const f of entries) {
    if (!last || last.filename !== f.filename || last.line !== f.line || last.name !== f.name) {
      flush();
      last = f;
      count = 0;
    }
    count++;
    if (count > RECURSIVE_CUTOFF) continue;
    out += legacy ? frameLines312(f) : frameLines(f, colorize);
  }
  flush();
  return out;
}

/** The dotted name a traceback shows: `ValueError`, `json.decoder.JSONDecodeError`. */
export function excTypeName(e: PyExc): string {
  const m = e.cls.module;
  return m === 'builtins' || m === '__main__' ? e.cls.name : `${m}.${e.cls.name}`;
}

/** The last line: `TypeError: message`, with NameError/AttributeError hints. */
export function* finalLine(rt: Rt, e: PyExc, colorize: boolean): Gen<string> {
  let msg: string;
  try {
    msg = yield* excStr(rt, e);
  } catch {
    msg = '<exception str() failed>';
  }
  const wrong = e.dict.get('name');
  if (typeof wrong === 'string' && (e.cls.isSubclassOf(NameError) || e.cls.isSubclassOf(AttributeError))) {
    const names = e.candidates ?? [];
    const s = suggest(names, wrong);
    if (s) msg += `. Did you mean: '${s}'?`;
    if (e.cls.isSubclassOf(NameError) && STDLIB_MODULE_NAMES.has(wrong))
      msg += s ? ` Or did you forget to import '${wrong}'?` : `. Did you forget to import '${wrong}'?`;
  }
  const c = colors(colorize);
  const t = excTypeName(e);
  if (!msg) return colorize ? `${c.boldMagenta}${t}${c.reset}\n` : `${t}\n`;
  return colorize ? `${c.boldMagenta}${t}${c.reset}: ${c.magenta}${msg}${c.reset}\n` : `${t}: ${msg}\n`;
}

/** The whole report for an uncaught exception, causes and contexts first. */
export function* formatException(
  rt: Rt,
  e: PyExc,
  colorize: boolean,
  legacy = false,
  seen = new Set<PyExc>(),
): Gen<string> {
  seen.add(e);
  let out = '';
  if (e.cause && !seen.has(e.cause)) {
    out += yield* formatException(rt, e.cause, colorize, legacy, seen);
    out += '\nThe above exception was the direct cause of the following exception:\n\n';
  } else if (e.context && !e.suppressContext && !seen.has(e.context)) {
    out += yield* formatException(rt, e.context, colorize, legacy, seen);
    out += '\nDuring handling of the above exception, another exception occurred:\n\n';
  }
  if (e.tb.length) out += 'Traceback (most recent call last):\n' + formatStack(e.tb, colorize, legacy);
  if (e.syntax) return out + formatSyntaxError(e.syntax, colorize);
  return out + (yield* finalLine(rt, e, colorize));
}
