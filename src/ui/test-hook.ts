// A read-only window into the page for the browser tests: the terminal's text
// and the session's state. It changes nothing, so it is harmless in production.
import type { Terminal } from '@xterm/xterm';
import type { Session } from '../state/session.svelte';

export interface StevedoreProbe {
  /** Every line of the terminal buffer (scrollback included), trailing blanks trimmed. */
  lines(): string[];
  /** The terminal grid. */
  size(): { cols: number; rows: number };
  /** The cursor's row in the buffer and column. */
  cursor(): { row: number; col: number };
  /** The command line running now, or null at the prompt. */
  running(): string | null;
  /** The simulated machine has loaded. */
  ready(): boolean;
  /** The exit status of the last command. */
  status(): number;
}

declare global {
  interface Window {
    __stevedore?: StevedoreProbe;
  }
}

export function exposeTestHook(terminal: Terminal, session: Session): void {
  window.__stevedore = {
    lines() {
      const buffer = terminal.buffer.active;
      const out: string[] = [];
      for (let i = 0; i < buffer.length; i++) out.push(buffer.getLine(i)?.translateToString(true) ?? '');
      while (out.length && out[out.length - 1] === '') out.pop();
      return out;
    },
    size: () => ({ cols: terminal.cols, rows: terminal.rows }),
    cursor() {
      const buffer = terminal.buffer.active;
      return { row: buffer.baseY + buffer.cursorY, col: buffer.cursorX };
    },
    running: () => session.running,
    ready: () => session.ready,
    status: () => session.status,
  };
}
