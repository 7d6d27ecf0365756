// The state of a small nano-like editor, pure: keys in, a new state and
// requests (write the file, exit) out, and the screen drawn from the state.
// Modelled on GNU nano 7.2's layout: a title bar, the text, a status line,
// two lines of shortcuts; Ctrl-O writes out, Ctrl-X exits (asking to save a
// modified buffer), Ctrl-K/Ctrl-U cut and paste lines, Ctrl-C shows the place.

export type NanoMode = 'edit' | 'filename' | 'save-on-exit';

export interface NanoState {
  lines: string[];
  /** Cursor line and column (UTF-16 offset in the line). */
  cy: number;
  cx: number;
  /** First line shown. */
  top: number;
  modified: boolean;
  filename: string;
  mode: NanoMode;
  /** The file-name answer being typed (mode 'filename'). */
  answer: string;
  /** After writing, exit (the answer was asked by Ctrl-X). */
  exitAfterWrite: boolean;
  /** What the status line says until the next key. */
  message: string;
  cutBuffer: string[];
  /** The previous key was Ctrl-K (consecutive cuts collect lines). */
  lastWasCut: boolean;
}

export type NanoRequest = { kind: 'write'; path: string } | { kind: 'exit' } | undefined;

export const NANO_VERSION = '7.2';

export function openBuffer(filename: string, text: string | undefined, message: string): NanoState {
  const lines = text === undefined || text === '' ? [''] : text.replace(/\n$/, '').split('\n');
  return {
    lines,
    cy: 0,
    cx: 0,
    top: 0,
    modified: false,
    filename,
    mode: 'edit',
    answer: '',
    exitAfterWrite: false,
    message,
    cutBuffer: [],
    lastWasCut: false,
  };
}

/** The buffer as nano writes it: lines joined, with a final newline. */
export function bufferText(s: NanoState): string {
  return `${s.lines.join('\n')}\n`;
}

export function countLines(n: number): string {
  return `${n} line${n === 1 ? '' : 's'}`;
}

/** Split raw terminal input into keys: escape sequences stay whole. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < data.length) {
    if (data[i] === '\x1b') {
      // eslint-disable-next-line no-control-regex -- an escape sequence starts with ESC
      const m = /^\x1b(\[[0-9;]*[~A-Za-z]|O[A-Za-z]|.)?/su.exec(data.slice(i));
      const k = m ? m[0] : '\x1b';
      keys.push(k);
      i += k.length;
      continue;
    }
    const cp = data.codePointAt(i) ?? 0;
    const k = String.fromCodePoint(cp);
    keys.push(k);
    i += k.length;
  }
  return keys;
}

const ctrl = (c: string) => String.fromCharCode(c.charCodeAt(0) - 64);

function clampX(s: NanoState): void {
  s.cx = Math.min(s.cx, s.lines[s.cy].length);
}

function edit(s: NanoState, key: string): NanoRequest {
  const line = s.lines[s.cy];
  const wasCut = s.lastWasCut;
  s.lastWasCut = false;
  switch (key) {
    case '\x1b[A':
    case '\x1bOA':
      if (s.cy > 0) s.cy--;
      clampX(s);
      return undefined;
    case '\x1b[B':
    case '\x1bOB':
      if (s.cy < s.lines.length - 1) s.cy++;
      clampX(s);
      return undefined;
    case '\x1b[C':
    case '\x1bOC':
      if (s.cx < line.length) s.cx++;
      else if (s.cy < s.lines.length - 1) [s.cy, s.cx] = [s.cy + 1, 0];
      return undefined;
    case '\x1b[D':
    case '\x1bOD':
      if (s.cx > 0) s.cx--;
      else if (s.cy > 0) [s.cy, s.cx] = [s.cy - 1, s.lines[s.cy - 1].length];
      return undefined;
    case '\x1b[H':
    case '\x1bOH':
    case '\x1b[1~':
    case ctrl('A'):
      s.cx = 0;
      return undefined;
    case '\x1b[F':
    case '\x1bOF':
    case '\x1b[4~':
    case ctrl('E'):
      s.cx = line.length;
      return undefined;
    case '\r':
    case '\n':
      s.lines.splice(s.cy, 1, line.slice(0, s.cx), line.slice(s.cx));
      [s.cy, s.cx] = [s.cy + 1, 0];
      s.modified = true;
      return undefined;
    case '\x7f':
    case '\b':
      if (s.cx > 0) {
        s.lines[s.cy] = line.slice(0, s.cx - 1) + line.slice(s.cx);
        s.cx--;
        s.modified = true;
      } else if (s.cy > 0) {
        const prev = s.lines[s.cy - 1];
        s.lines.splice(s.cy - 1, 2, prev + line);
        [s.cy, s.cx] = [s.cy - 1, prev.length];
        s.modified = true;
      }
      return undefined;
    case '\x1b[3~':
    case ctrl('D'):
      if (s.cx < line.length) {
        s.lines[s.cy] = line.slice(0, s.cx) + line.slice(s.cx + 1);
        s.modified = true;
      } else if (s.cy < s.lines.length - 1) {
        s.lines.splice(s.cy, 2, line + s.lines[s.cy + 1]);
        s.modified = true;
      }
      return undefined;
    case ctrl('K'):
      if (!wasCut) s.cutBuffer = [];
      s.cutBuffer.push(line);
      if (s.lines.length > 1) s.lines.splice(s.cy, 1);
      else s.lines[0] = '';
      if (s.cy >= s.lines.length) s.cy = s.lines.length - 1;
      s.cx = 0;
      s.modified = true;
      s.lastWasCut = true;
      return undefined;
    case ctrl('U'):
      if (s.cutBuffer.length === 0) return undefined;
      s.lines.splice(s.cy, 0, ...s.cutBuffer);
      s.cy += s.cutBuffer.length;
      s.cx = 0;
      s.modified = true;
      return undefined;
    case ctrl('C'): {
      const chars = s.lines.reduce((n, l) => n + l.length + 1, 0);
      const at = s.lines.slice(0, s.cy).reduce((n, l) => n + l.length + 1, 0) + s.cx;
      const pct = (a: number, b: number) => `${Math.round((100 * a) / Math.max(1, b))}%`;
      s.message = `line ${s.cy + 1}/${s.lines.length} (${pct(s.cy + 1, s.lines.length)}), col ${s.cx + 1}/${line.length + 1} (${pct(s.cx + 1, line.length + 1)}), char ${at}/${chars} (${pct(at, chars)})`;
      return undefined;
    }
    case ctrl('O'):
      s.mode = 'filename';
      s.answer = s.filename;
      s.exitAfterWrite = false;
      return undefined;
    case ctrl('X'):
      if (!s.modified) return { kind: 'exit' };
      s.mode = 'save-on-exit';
      return undefined;
    case '\t':
      break;
    default:
      // other control keys and escape sequences do nothing here
      if (key.length === 0 || key.startsWith('\x1b') || key.charCodeAt(0) < 0x20 || key === '\x7f')
        return undefined;
  }
  s.lines[s.cy] = line.slice(0, s.cx) + key + line.slice(s.cx);
  s.cx += key.length;
  s.modified = true;
  return undefined;
}

/** One key. The state changes in place; the request says what the program must do. */
export function pressKey(s: NanoState, key: string): NanoRequest {
  s.message = '';
  switch (s.mode) {
    case 'edit':
      return edit(s, key);
    case 'save-on-exit': {
      const k = key.toLowerCase();
      if (k === 'y') {
        s.mode = 'filename';
        s.answer = s.filename;
        s.exitAfterWrite = true;
      } else if (k === 'n') return { kind: 'exit' };
      else if (key === ctrl('C')) {
        s.mode = 'edit';
        s.message = 'Cancelled';
      }
      return undefined;
    }
    case 'filename':
      if (key === '\r' || key === '\n') {
        if (s.answer === '') {
          s.mode = 'edit';
          s.message = 'Cancelled';
          return undefined;
        }
        return { kind: 'write', path: s.answer };
      }
      if (key === ctrl('C')) {
        s.mode = 'edit';
        s.message = 'Cancelled';
      } else if (key === '\x7f' || key === '\b') s.answer = s.answer.slice(0, -1);
      else if (!key.startsWith('\x1b') && key.charCodeAt(0) >= 0x20) s.answer += key;
      return undefined;
  }
}

/** After the program wrote the file: the status line says how it went. */
export function written(s: NanoState, path: string, error: string | undefined): NanoRequest {
  s.mode = 'edit';
  if (error) {
    s.message = `Error writing ${path}: ${error}`;
    return undefined;
  }
  s.filename = path;
  s.modified = false;
  s.message = `Wrote ${countLines(s.lines.length)}`;
  return s.exitAfterWrite ? { kind: 'exit' } : undefined;
}

const INVERSE = '\x1b[7m';
const RESET = '\x1b[0m';

function shortcutRows(s: NanoState, columns: number): [string, string] {
  const item = (key: string, label: string, width: number) =>
    `${INVERSE}${key}${RESET} ${label.padEnd(width - key.length - 1).slice(0, Math.max(0, width - key.length - 1))}`;
  if (s.mode === 'save-on-exit')
    return [item(' Y', 'Yes', 16), `${item(' N', 'No', 16)}${item('^C', 'Cancel', 16)}`];
  if (s.mode === 'filename') return [`${item('^C', 'Cancel', 16)}`, ''];
  const w = Math.max(10, Math.floor(columns / 6));
  return [
    [item('^O', 'Write Out', w), item('^K', 'Cut', w), item('^C', 'Location', w)].join(''),
    [item('^X', 'Exit', w), item('^U', 'Paste', w)].join(''),
  ];
}

/** Tabs shown as spaces to the next multiple of 8. */
function displayLine(line: string): { text: string; col: (x: number) => number } {
  let text = '';
  const cols: number[] = [];
  for (const ch of line) {
    for (let k = 0; k < ch.length; k++) cols.push(text.length);
    text += ch === '\t' ? ' '.repeat(8 - (text.length % 8)) : ch;
  }
  cols.push(text.length);
  return { text, col: (x) => cols[Math.min(x, cols.length - 1)] };
}

/** The whole screen, drawn over the previous one; the cursor ends where typing goes. */
export function renderScreen(s: NanoState, columns: number, rows: number): string {
  const textRows = Math.max(1, rows - 4);
  if (s.cy < s.top) s.top = s.cy;
  if (s.cy >= s.top + textRows) s.top = s.cy - textRows + 1;
  const out: string[] = ['\x1b[?25l'];
  const row = (r: number, content: string) => out.push(`\x1b[${r};1H${content}\x1b[K`);

  const name = s.filename === '' ? 'New Buffer' : s.filename;
  const left = `  GNU nano ${NANO_VERSION}`;
  const right = s.modified ? 'Modified  ' : '';
  const mid = Math.max(left.length + 1, Math.floor((columns - name.length) / 2));
  let title = left.padEnd(mid) + name;
  title = title.padEnd(Math.max(title.length, columns - right.length)) + right;
  row(1, `${INVERSE}${title.slice(0, columns)}${RESET}`);

  let cursor = { r: 2, c: 1 };
  for (let i = 0; i < textRows; i++) {
    const n = s.top + i;
    if (n >= s.lines.length) {
      row(i + 2, '');
      continue;
    }
    const { text, col } = displayLine(s.lines[n]);
    const chunk = Math.max(1, columns - 1);
    const x = n === s.cy ? col(s.cx) : 0;
    const start = n === s.cy ? Math.floor(x / chunk) * chunk : 0;
    let shown = text.slice(start, start + columns);
    if (start > 0) shown = `<${shown.slice(1)}`;
    if (text.length - start > columns) shown = `${shown.slice(0, columns - 1)}>`;
    row(i + 2, shown);
    if (n === s.cy) cursor = { r: i + 2, c: x - start + 1 };
  }

  const [keys1, keys2] = shortcutRows(s, columns);
  if (s.mode === 'filename') {
    const label = `File Name to Write: ${s.answer}`;
    row(rows - 2, `${INVERSE}${label.padEnd(columns).slice(0, columns)}${RESET}`);
    cursor = { r: rows - 2, c: Math.min(columns, label.length + 1) };
  } else if (s.mode === 'save-on-exit') {
    const label = 'Save modified buffer?';
    row(rows - 2, `${INVERSE}${label.padEnd(columns).slice(0, columns)}${RESET}`);
    cursor = { r: rows - 2, c: label.length + 2 };
  } else if (s.message) {
    const msg = `[ ${s.message} ]`;
    row(
      rows - 2,
      `${' '.repeat(Math.max(0, Math.floor((columns - msg.length) / 2)))}${INVERSE}${msg}${RESET}`,
    );
  } else row(rows - 2, '');
  row(rows - 1, keys1);
  row(rows, keys2);
  out.push(`\x1b[${cursor.r};${cursor.c}H\x1b[?25h`);
  return out.join('');
}
