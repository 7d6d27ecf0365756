// pip's logging as its rich handlers print it: INFO to stdout, WARNING and
// above to stderr with "WARNING: "/"ERROR: " prefixes, indentation from
// indent_log(), -q/-v verbosity, and rich's colours when the stream is a TTY.
import type { UserContext } from '../types';

export const DEBUG = 10;
export const VERBOSE = 15;
export const INFO = 20;
export const WARNING = 30;
export const ERROR = 40;
export const CRITICAL = 50;

export class PipLog {
  private indent = 0;
  /** Messages below this level are dropped (-q raises it, -v lowers it). */
  readonly level: number;

  constructor(
    private readonly ctx: UserContext,
    verbosity: number,
  ) {
    this.level = verbosity >= 1 ? DEBUG : verbosity === 0 ? INFO : verbosity === -1 ? WARNING : verbosity === -2 ? ERROR : CRITICAL;
  }

  get tty(): boolean {
    return this.ctx.tty;
  }

  enabled(level: number): boolean {
    return level >= this.level;
  }

  /** Run `fn` with messages indented two more spaces. */
  async indented<T>(fn: () => Promise<T>): Promise<T> {
    this.indent += 2;
    try {
      return await fn();
    } finally {
      this.indent -= 2;
    }
  }

  get indentation(): number {
    return this.indent;
  }

  private emit(level: number, text: string): void {
    if (!this.enabled(level)) return;
    // pip's IndentingFormatter: the level prefix starts the message, the indentation starts every line
    const prefix = level >= ERROR ? 'ERROR: ' : level >= WARNING ? 'WARNING: ' : '';
    const pad = ' '.repeat(this.indent);
    const body = `${prefix}${text}`
      .split('\n')
      .map((l) => pad + l)
      .join('\n');
    if (level >= WARNING) {
      const color = level >= ERROR ? '31' : '33';
      this.ctx.stderr.write(this.ctx.tty ? `\x1b[${color}m${body}\x1b[0m\n` : `${body}\n`);
    } else {
      this.ctx.stdout.write(`${body}\n`);
    }
  }

  info(text: string): void {
    this.emit(INFO, text);
  }
  verbose(text: string): void {
    this.emit(VERBOSE, text);
  }
  warning(text: string): void {
    this.emit(WARNING, text);
  }
  error(text: string): void {
    this.emit(ERROR, text);
  }
  /** CRITICAL is shown as "ERROR: " too (pip's level names). */
  critical(text: string): void {
    this.emit(CRITICAL, text);
  }

  /** A rich renderable logged at WARNING level: no prefix, pip's [notice] lines. */
  notice(lines: { plain: string; tty: string }[]): void {
    if (!this.enabled(WARNING)) return;
    this.ctx.stderr.write(lines.map((l) => `${this.ctx.tty ? l.tty : l.plain}\n`).join(''));
  }
}
