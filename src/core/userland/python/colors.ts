// _colorize.ANSIColors: the escapes CPython 3.13 uses for tracebacks and the
// REPL prompt when the terminal supports colour, or empty strings.

export interface Colors {
  boldMagenta: string;
  boldRed: string;
  magenta: string;
  red: string;
  reset: string;
}

const ON: Colors = {
  boldMagenta: '\x1b[1;35m',
  boldRed: '\x1b[1;31m',
  magenta: '\x1b[35m',
  red: '\x1b[31m',
  reset: '\x1b[0m',
};
const OFF: Colors = { boldMagenta: '', boldRed: '', magenta: '', red: '', reset: '' };

export function colors(on: boolean): Colors {
  return on ? ON : OFF;
}

/** _colorize.can_colorize(): PYTHON_COLORS, NO_COLOR, FORCE_COLOR, TERM=dumb, then whether stderr is a terminal. */
export function canColorize(env: Record<string, string>, stderrIsTty: boolean): boolean {
  if (env.PYTHON_COLORS === '0') return false;
  if (env.PYTHON_COLORS === '1') return true;
  if ('NO_COLOR' in env) return false;
  if ('FORCE_COLOR' in env) return true;
  if (env.TERM === 'dumb') return false;
  return stderrIsTty;
}
