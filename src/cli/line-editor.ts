// A pure readline: raw terminal input in, new state plus the exact bytes that
// echo or redraw the line out. No DOM and no timers, so every keystroke's
// effect on the screen can be asserted byte for byte.
//
// Screen model: the prompt starts in column 0; the line wraps at `columns`; a
// wide character that does not fit in a row's last cell moves to the next row,
// as xterm.js does.

export interface EditorState {
  readonly prompt: string;
  readonly promptWidth: number;
  readonly columns: number;
  readonly text: string;
  /** Offset in UTF-16 code units, always on a grapheme boundary. */
  readonly cursor: number;
  readonly history: readonly string[];
  /** history.length while editing the new line; smaller while browsing. */
  readonly historyIndex: number;
  /** The new line being typed, kept while ↑/↓ browse the history. */
  readonly draft: string;
  /** The last thing Ctrl-U/K/W removed, for Ctrl-Y. */
  readonly killed: string;
  /** The previous key was a Tab that left several candidates: a second Tab lists them. */
  readonly tabPending: boolean;
  readonly options: EditorOptions;
}

export interface EditorOptions {
  /** bash's HISTSIZE (Debian's .bashrc: 1000). 0 disables history, as for a `[y/N]` answer. */
  readonly historySize: number;
}

export type EditorAction =
  | { readonly kind: 'submit'; readonly line: string }
  | { readonly kind: 'interrupt' }
  | { readonly kind: 'eof' }
  | { readonly kind: 'clear' }
  | { readonly kind: 'complete'; readonly candidates: readonly string[] };

export interface FeedResult {
  readonly state: EditorState;
  /** Bytes for the terminal. */
  readonly output: string;
  /** Set when a key ended the edit or asked the host for something; feeding stopped there. */
  readonly action?: EditorAction;
  /** Input after the key that produced the action (a paste of two lines): feed it next. */
  readonly rest: string;
}

export interface CompletionRequest {
  readonly line: string;
  readonly cursor: number;
  /** The word before the cursor (from the last blank), and where it starts. */
  readonly word: string;
  readonly wordStart: number;
}

/** Candidates for the word at the cursor; those not starting with the word are ignored. */
export type Completer = (req: CompletionRequest) => readonly string[];

import { stringWidth, visibleWidth } from './char-width';
import {
  blankWordStart,
  boundaryAtOrBefore,
  cellAfter,
  isBlank,
  move,
  nextBoundary,
  prevBoundary,
  settle,
  wordBack,
  wordForward,
} from './line-geometry';
import type { Pos } from './line-geometry';

const ESC = '\x1b';
const CSI = `${ESC}[`;
const ERASE_BELOW = `${CSI}J`;
const ERASE_LINE_RIGHT = `${CSI}K`;
const BELL = '\x07';

// ---- drawing ----

/** Where the cursor is after the prompt and text[0, upto) of this state's line. */
function layout(s: EditorState, text: string, upto: number): Pos {
  return cellAfter(s.promptWidth, s.columns, text, upto);
}

/**
 * Rewrite the screen from text offset `from` onwards after the line changed
 * from `prev` to `next`; the cursor is left at next.cursor. Text before `from`
 * is the same in both, so it is not written again.
 */
function redraw(prev: EditorState, next: EditorState, from: number): string {
  const cols = next.columns;
  let out = move(
    settle(layout(prev, prev.text, prev.cursor), cols),
    settle(layout(prev, prev.text, from), cols),
  );
  const tail = next.text.slice(from);
  out += tail;
  const end = layout(next, next.text, next.text.length);
  // The text ends on the last cell of a row: a space and CR put the cursor on
  // the next row (where the next key will draw), as readline does.
  if (tail && end.col >= cols) out += ` \r${ERASE_LINE_RIGHT}`;
  const at = settle(end, cols);
  // Erase leftovers when the line got shorter; a longer line overwrote them all.
  const prevEnd = layout(prev, prev.text, prev.text.length);
  if (prevEnd.row > end.row || (prevEnd.row === end.row && prevEnd.col > end.col)) out += ERASE_BELOW;
  out += move(at, settle(layout(next, next.text, next.cursor), cols));
  return out;
}

/** Prompt and line from scratch, with the cursor placed: after Ctrl-L or a completion listing. */
function drawAll(s: EditorState): string {
  const fresh: EditorState = { ...s, text: '', cursor: 0 };
  return s.prompt + redraw(fresh, s, 0);
}

// ---- state transitions ----

export function createEditor(opts: {
  prompt: string;
  columns: number;
  history?: readonly string[];
  historySize?: number;
}): EditorState {
  const historySize = opts.historySize ?? 1000;
  const history = historySize > 0 ? (opts.history ?? []).slice(-historySize) : [];
  return {
    prompt: opts.prompt,
    promptWidth: visibleWidth(opts.prompt),
    columns: Math.max(1, opts.columns),
    text: '',
    cursor: 0,
    history,
    historyIndex: history.length,
    draft: '',
    killed: '',
    tabPending: false,
    options: { historySize },
  };
}

/** Start a new, empty line: the output is the prompt. */
export function beginLine(s: EditorState, prompt: string = s.prompt): { state: EditorState; output: string } {
  const state: EditorState = {
    ...s,
    prompt,
    promptWidth: visibleWidth(prompt),
    text: '',
    cursor: 0,
    historyIndex: s.history.length,
    draft: '',
    tabPending: false,
  };
  return { state, output: prompt };
}

/** The terminal was resized; xterm.js reflows what is on screen itself. */
export function resize(s: EditorState, columns: number): EditorState {
  return { ...s, columns: Math.max(1, columns) };
}

/** bash with HISTCONTROL=ignoreboth (Debian's .bashrc): no blank lines, no lines starting with a space, no repeats. */
function remember(s: EditorState, line: string): readonly string[] {
  const size = s.options.historySize;
  if (size === 0 || line.trim() === '' || line.startsWith(' ') || s.history[s.history.length - 1] === line) {
    return s.history;
  }
  return [...s.history, line].slice(-size);
}

interface Step {
  state: EditorState;
  output: string;
  action?: EditorAction;
}

function edit(
  s: EditorState,
  text: string,
  cursor: number,
  from: number,
  extra: Partial<EditorState> = {},
): Step {
  const next: EditorState = { ...s, ...extra, text, cursor, tabPending: false };
  return { state: next, output: redraw(s, next, from) };
}

function moveTo(s: EditorState, cursor: number): Step {
  const cols = s.columns;
  const next: EditorState = { ...s, cursor, tabPending: false };
  return {
    state: next,
    output: move(settle(layout(s, s.text, s.cursor), cols), settle(layout(s, s.text, cursor), cols)),
  };
}

function insert(s: EditorState, str: string): Step {
  if (!str) return { state: s, output: '' };
  const text = s.text.slice(0, s.cursor) + str + s.text.slice(s.cursor);
  // A combining mark joins the grapheme before it, so redraw from that
  // grapheme's start and keep the cursor on a boundary.
  const end = s.cursor + str.length;
  const cursor = boundaryAtOrBefore(text, end) === end ? end : nextBoundary(text, end);
  return edit(s, text, cursor, boundaryAtOrBefore(text, s.cursor));
}

function kill(s: EditorState, from: number, to: number): Step {
  if (from === to) return { state: { ...s, tabPending: false }, output: '' };
  const text = s.text.slice(0, from) + s.text.slice(to);
  return edit(s, text, from, Math.min(from, s.cursor), { killed: s.text.slice(from, to) });
}

function historyStep(s: EditorState, delta: number): Step {
  const index = s.historyIndex + delta;
  if (index < 0 || index > s.history.length) return { state: { ...s, tabPending: false }, output: BELL };
  const draft = s.historyIndex === s.history.length ? s.text : s.draft;
  const text = index === s.history.length ? draft : s.history[index];
  return edit(s, text, text.length, 0, { historyIndex: index, draft });
}

function submit(s: EditorState): Step {
  const toEnd = moveTo(s, s.text.length);
  const endsAtMargin = s.text.length > 0 && layout(s, s.text, s.text.length).col >= s.columns;
  // At the margin the cursor already stands at the start of the next row.
  const output = toEnd.output + (endsAtMargin ? '' : '\r\n');
  const line = s.text;
  const history = remember(s, line);
  const state: EditorState = {
    ...s,
    text: '',
    cursor: 0,
    history,
    historyIndex: history.length,
    draft: '',
    tabPending: false,
  };
  return { state, output, action: { kind: 'submit', line } };
}

function interrupt(s: EditorState): Step {
  const toEnd = moveTo(s, s.text.length);
  const state: EditorState = {
    ...s,
    text: '',
    cursor: 0,
    historyIndex: s.history.length,
    draft: '',
    tabPending: false,
  };
  return { state, output: `${toEnd.output}^C\r\n`, action: { kind: 'interrupt' } };
}

function commonPrefix(xs: readonly string[]): string {
  let p = xs[0] ?? '';
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** readline's rl_display_match_list: sorted, column-major, two blanks between columns. */
export function formatCompletionList(candidates: readonly string[], columns: number): string {
  const max = Math.max(...candidates.map(stringWidth)) + 2;
  let perRow = Math.floor(columns / max);
  if (perRow !== 1 && perRow * max === columns) perRow--;
  if (perRow <= 0) perRow = 1;
  const rows = Math.ceil(candidates.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < perRow; c++) {
      const i = r + c * rows;
      if (i >= candidates.length) break;
      const item = candidates[i];
      out += item;
      if (c + 1 < perRow && i + rows < candidates.length) out += ' '.repeat(max - stringWidth(item));
    }
    out += '\r\n';
  }
  return out;
}

function complete(s: EditorState, completer: Completer | undefined): Step {
  let wordStart = s.cursor;
  while (wordStart > 0 && !isBlank(s.text[wordStart - 1])) wordStart--;
  const word = s.text.slice(wordStart, s.cursor);
  const found = completer ? completer({ line: s.text, cursor: s.cursor, word, wordStart }) : [];
  const candidates = [...new Set(found.filter((c) => c.startsWith(word)))].sort();
  const action: EditorAction = { kind: 'complete', candidates };
  if (candidates.length === 0) return { state: { ...s, tabPending: false }, output: BELL, action };
  if (candidates.length === 1) {
    const c = candidates[0];
    const suffix = c.endsWith('/') || c.endsWith('=') ? '' : ' ';
    const r = insert(s, c.slice(word.length) + suffix);
    return { ...r, action };
  }
  const prefix = commonPrefix(candidates);
  if (prefix.length > word.length) {
    const r = insert(s, prefix.slice(word.length));
    return { state: { ...r.state, tabPending: true }, output: r.output, action };
  }
  if (!s.tabPending) return { state: { ...s, tabPending: true }, output: BELL, action };
  // Second Tab: list the candidates under the line, then draw prompt and line again.
  const toEnd = moveTo(s, s.text.length);
  const listed = `${toEnd.output}\r\n${formatCompletionList(candidates, s.columns)}`;
  return { state: { ...s, tabPending: true }, output: listed + drawAll(s), action };
}

/** One key (or one pasted run of text) at the start of data: the step and how many code units it used. */
function key(s: EditorState, data: string, completer: Completer | undefined): { step: Step; used: number } {
  const c = data[0];
  const one = (step: Step) => ({ step, used: 1 });
  switch (c) {
    case '\r':
    case '\n':
      return one(submit(s));
    case '\x7f':
    case '\b':
      return one(
        s.cursor === 0 ? { state: s, output: '' } : kill(s, prevBoundary(s.text, s.cursor), s.cursor),
      );
    case '\x01':
      return one(moveTo(s, 0));
    case '\x05':
      return one(moveTo(s, s.text.length));
    case '\x02':
      return one(moveTo(s, prevBoundary(s.text, s.cursor)));
    case '\x06':
      return one(moveTo(s, nextBoundary(s.text, s.cursor)));
    case '\x15':
      return one(kill(s, 0, s.cursor));
    case '\x0b':
      return one(kill(s, s.cursor, s.text.length));
    case '\x17':
      return one(kill(s, blankWordStart(s.text, s.cursor), s.cursor));
    case '\x19':
      return one(insert(s, s.killed));
    case '\x03':
      return one(interrupt(s));
    case '\x04':
      if (s.text === '') return one({ state: s, output: '', action: { kind: 'eof' } });
      return one(kill(s, s.cursor, nextBoundary(s.text, s.cursor)));
    case '\x0c':
      return one({
        state: { ...s, tabPending: false },
        output: `${CSI}H${CSI}2J${drawAll(s)}`,
        action: { kind: 'clear' },
      });
    case '\x10':
      return one(historyStep(s, -1));
    case '\x0e':
      return one(historyStep(s, +1));
    case '\t':
      return one(complete(s, completer));
    case ESC:
      return escape(s, data);
  }
  if (c < ' ') return one({ state: s, output: '' }); // other control keys do nothing
  // Printable text, typed or pasted: insert the whole run at once.
  let end = 1;
  while (end < data.length && data[end] >= ' ' && data[end] !== '\x7f') end++;
  return { step: insert(s, data.slice(0, end)), used: end };
}

function escape(s: EditorState, data: string): { step: Step; used: number } {
  // CSI: ESC [ parameters intermediates final; SS3: ESC O final; otherwise Alt+key.
  let seq: string;
  if (data[1] === '[') {
    // eslint-disable-next-line no-control-regex
    const m = /^\x1b\[[0-?]*[ -/]*[@-~]/.exec(data);
    seq = m ? m[0] : data;
  } else if (data[1] === 'O' && data.length > 2) {
    seq = data.slice(0, 3);
  } else {
    seq = data.slice(0, 2);
  }
  const used = seq.length;
  const step = (st: Step) => ({ step: st, used });
  switch (seq) {
    case `${CSI}A`:
    case `${ESC}OA`:
      return step(historyStep(s, -1));
    case `${CSI}B`:
    case `${ESC}OB`:
      return step(historyStep(s, +1));
    case `${CSI}C`:
    case `${ESC}OC`:
      return step(moveTo(s, nextBoundary(s.text, s.cursor)));
    case `${CSI}D`:
    case `${ESC}OD`:
      return step(moveTo(s, prevBoundary(s.text, s.cursor)));
    case `${CSI}H`:
    case `${ESC}OH`:
    case `${CSI}1~`:
    case `${CSI}7~`:
      return step(moveTo(s, 0));
    case `${CSI}F`:
    case `${ESC}OF`:
    case `${CSI}4~`:
    case `${CSI}8~`:
      return step(moveTo(s, s.text.length));
    case `${CSI}3~`:
      return step(kill(s, s.cursor, nextBoundary(s.text, s.cursor)));
    case `${CSI}1;5D`:
    case `${ESC}b`:
      return step(moveTo(s, wordBack(s.text, s.cursor)));
    case `${CSI}1;5C`:
    case `${ESC}f`:
      return step(moveTo(s, wordForward(s.text, s.cursor)));
    case `${ESC}d`:
      return step(kill(s, s.cursor, wordForward(s.text, s.cursor)));
    case `${ESC}\x7f`:
      return step(kill(s, wordBack(s.text, s.cursor), s.cursor));
  }
  return step({ state: s, output: '' }); // keys the editor does not bind (F1, Insert, a lone Esc)
}

/**
 * Feed raw input (one xterm.js onData chunk: a key, an escape sequence or a
 * paste). Stops after the first key that yields an action; the unread input
 * is returned in `rest`.
 */
export function feed(state: EditorState, data: string, completer?: Completer): FeedResult {
  let s = state;
  let output = '';
  let i = 0;
  while (i < data.length) {
    const { step, used } = key(s, data.slice(i), completer);
    s = step.state;
    output += step.output;
    i += used;
    if (step.action) return { state: s, output, action: step.action, rest: data.slice(i) };
  }
  return { state: s, output, rest: '' };
}
