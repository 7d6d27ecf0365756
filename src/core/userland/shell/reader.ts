// The read-parse-run loop shared by -c strings, scripts, `.` files, eval,
// traps and the interactive prompt: lines go into a ScriptBuffer until they
// parse into complete commands, which run before the next line is read (as
// dash's parsecmd loop does), with PS2 for continuations and each shell's
// syntax error wording.
import type { IncompleteInput } from '../shell-words';
import { ScriptBuffer } from './lexer';
import { NeedMore, parse, SyntaxErr, type ParsedCommand } from './parser';
import { Abort, EV_EXIT, ev, ExitShell, type Shell } from './shell';

export interface LineSource {
  /** The next line, null at end of input, 'interrupt' when SIGINT arrived at the prompt. */
  next(): Promise<{ line: string; nl: boolean } | null | 'interrupt'>;
  /** More lines may follow (a -c string knows; a stream never says no). */
  hasMore(): boolean;
}

export class StringSource implements LineSource {
  private lines: string[];
  private i = 0;
  constructor(text: string) {
    this.lines = text.split('\n');
    if (text.endsWith('\n')) this.lines.pop();
    this.endsInNewline = text.endsWith('\n');
  }
  private readonly endsInNewline: boolean;
  next(): Promise<{ line: string; nl: boolean } | null> {
    if (this.i >= this.lines.length) return Promise.resolve(null);
    const line = this.lines[this.i++];
    return Promise.resolve({ line, nl: this.i < this.lines.length || this.endsInNewline });
  }
  hasMore(): boolean {
    return this.i < this.lines.length;
  }
}

export interface RunOptions {
  /** The last command may replace the process (EV_EXIT). */
  exitLast: boolean;
  /** Interactive: show PS1/PS2 before reading (`more` = a continuation line). */
  prompt?: (more: boolean) => Promise<void>;
  /** A complete command was read (history). */
  onCommand?: (text: string) => void;
  /** Line numbers start after this (a script's line count so far). */
  firstLine?: number;
}

export async function runLines(sh: Shell, src: LineSource, opts: RunOptions): Promise<number> {
  const buf = new ScriptBuffer();
  let lineNo = opts.firstLine ?? 0;
  let open: IncompleteInput | undefined;
  let status = 0;
  for (;;) {
    if (opts.prompt) await opts.prompt(!buf.empty);
    const got = await src.next();
    if (got === 'interrupt') {
      buf.reset();
      open = undefined;
      sh.status = 130;
      continue;
    }
    if (got === null) {
      if (buf.empty) break;
      // end of input inside a command
      buf.closeHeredocs();
      if (open) {
        reportIncomplete(sh, open, lineNo);
        return sh.fatal(2);
      }
      const cmds = tryParse(sh, buf, lineNo, true);
      if (cmds === 'more' || cmds === 'error') {
        if (opts.prompt) {
          buf.reset();
          break;
        }
        return sh.fatal(2);
      }
      status = await runCommands(sh, cmds, opts.exitLast, false);
      break;
    }
    lineNo++;
    if (sh.opts.v) sh.errOut(`${got.line}\n`);
    const r = buf.add(got.line, got.nl, lineNo);
    if (typeof r === 'object') {
      open = r.incomplete;
      continue;
    }
    open = undefined;
    if (r !== 'ready') continue;
    const cmds = tryParse(sh, buf, lineNo, false);
    if (cmds === 'more') continue;
    opts.onCommand?.(buf.source);
    buf.reset();
    if (cmds === 'error') {
      sh.status = 2;
      if (!sh.interactive) return sh.fatal(2);
      continue;
    }
    try {
      status = await runCommands(sh, cmds, opts.exitLast, src.hasMore());
    } catch (e) {
      // an error that abandons the line: the next line still runs
      if (e instanceof Abort && (opts.prompt || !sh.interactive)) {
        sh.status = e.status;
        status = e.status;
        continue;
      }
      throw e;
    }
  }
  return status;
}

async function runCommands(sh: Shell, cmds: ParsedCommand[], exitLast: boolean, more: boolean): Promise<number> {
  let status = sh.status;
  for (let i = 0; i < cmds.length; i++) {
    const last = exitLast && !more && i === cmds.length - 1;
    sh.line = cmds[i].line;
    status = await ev().evalNode(sh, cmds[i].node, last ? EV_EXIT : 0);
  }
  return status;
}

function tryParse(sh: Shell, buf: ScriptBuffer, lineNo: number, atEof: boolean): ParsedCommand[] | 'more' | 'error' {
  try {
    return parse(buf.lex(), {
      ampRedirect: sh.flavour.ampRedirect,
      functionKeyword: sh.flavour.bashisms,
      // bash expands aliases only when interactive (or with shopt -s expand_aliases)
      alias: sh.flavour.name !== 'bash' || sh.interactive || sh.expandAliases ? (name) => sh.aliases.get(name) : undefined,
      source: buf.source,
    });
  } catch (e) {
    if (e instanceof NeedMore) {
      if (!atEof) return 'more';
      reportSyntax(sh, new SyntaxErr('eof', 'end of file', lineNo, e.expecting), buf);
      return 'error';
    }
    if (e instanceof SyntaxErr) {
      reportSyntax(sh, e, buf);
      return 'error';
    }
    throw e;
  }
}

const quoteTok = (kind: SyntaxErr['kind'], text: string) => (kind === 'op' || kind === 'keyword' ? `"${text}"` : text);
const quoteExpect = (t: string) => (t === 'word' ? 'word' : `"${t}"`);

/** bash words syntax errors as `-c: line N:` / `script: line N:`; dash and ash as their error prefix. */
function bashSyntaxPrefix(sh: Shell, line: number): string {
  if (sh.interactive) return `${sh.arg0}: `;
  if (sh.commandMode && !sh.script) return `${sh.arg0}: -c: line ${line}: `;
  return `${sh.arg0}: line ${line}: `;
}

export function reportSyntax(sh: Shell, e: SyntaxErr, buf: ScriptBuffer): void {
  const saved = sh.line;
  sh.line = e.line;
  switch (sh.flavour.name) {
    case 'dash':
      sh.error(`Syntax error: ${quoteTok(e.kind, e.text)} unexpected${e.expecting ? ` (expecting ${quoteExpect(e.expecting)})` : ''}`);
      break;
    case 'ash':
      sh.error(`syntax error: unexpected ${quoteTok(e.kind, e.text)}${e.expecting ? ` (expecting ${quoteExpect(e.expecting)})` : ''}`);
      break;
    case 'bash': {
      const pre = bashSyntaxPrefix(sh, e.line);
      if (e.kind === 'eof') {
        sh.errOut(`${pre}syntax error: unexpected end of file\n`);
        break;
      }
      sh.errOut(`${pre}syntax error near unexpected token \`${e.text}'\n`);
      if (!sh.interactive) {
        const lines = buf.source.split('\n');
        const text = lines[Math.max(0, e.line - buf.firstLine)] ?? '';
        sh.errOut(`${pre}\`${text}'\n`);
      }
      break;
    }
  }
  sh.line = saved;
}

function reportIncomplete(sh: Shell, open: IncompleteInput, line: number): void {
  sh.line = line;
  const quote = open.open === "'" || open.open === '"';
  switch (sh.flavour.name) {
    case 'bash':
      sh.errOut(`${bashSyntaxPrefix(sh, line)}${open.message}\n`);
      break;
    case 'dash':
      sh.error(quote ? 'Syntax error: Unterminated quoted string' : open.open === '`' ? 'Syntax error: EOF in backquote substitution' : open.open === '${' ? "Syntax error: Missing '}'" : 'Syntax error: end of file unexpected (expecting ")")');
      break;
    case 'ash':
      sh.error(quote ? 'syntax error: unterminated quoted string' : open.open === '`' ? 'syntax error: EOF in backquote substitution' : open.open === '${' ? "syntax error: missing '}'" : 'syntax error: unexpected end of file (expecting ")")');
      break;
  }
}

export { ExitShell };
