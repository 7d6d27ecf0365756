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
