// The input side of a container's (or an exec's) pseudo-terminal, as the
// line discipline treats what a client types: CR becomes NL (ICRNL),
// Ctrl-C and Ctrl-\ become SIGINT and SIGQUIT for the foreground process
// (ISIG), Ctrl-D is end of file. Echo is left to the client's own line
// editor (the page's terminal edits and echoes lines before sending them).
import { SIGINT, SIGNALS } from '../kernel/signals';
import type { Pipe } from '../kernel/stream';

/** Deliver `data` to `stdin`; with a TTY, through the line discipline. */
export function typeInto(stdin: Pipe, data: string, tty: boolean, signal: (sig: number) => void): void {
  if (!tty) {
    stdin.write(data);
    return;
  }
  let text = '';
  const flush = () => {
    if (text) stdin.write(text);
    text = '';
  };
  for (const ch of data) {
    if (ch === '\x03' || ch === '\x1c') {
      flush();
      signal(ch === '\x03' ? SIGINT : SIGNALS.SIGQUIT);
    } else if (ch === '\x04') {
      flush();
      stdin.close();
    } else text += ch === '\r' ? '\n' : ch;
  }
  flush();
}

/**
 * What the terminal echoes for typed `data` (ECHO, ECHOCTL, ICRNL with ONLCR): the keys as they
 * are, Enter as CR LF, control keys in caret notation; end of file is not echoed. The client's
 * line editor shows it on its own screen; the container's log keeps it, as a real pty's output.
 */
export function ttyEcho(data: string): string {
  let out = '';
  for (const ch of data) {
    const code = ch.charCodeAt(0);
    if (ch === '\r' || ch === '\n') out += '\r\n';
    else if (ch === '\x04') continue;
    else if (ch === '\t' || code >= 0x20) out += code === 0x7f ? '^?' : ch;
    else out += `^${String.fromCharCode(code + 64)}`;
  }
  return out;
}

