// sed: GNU sed 4.9's stream editor (BusyBox's wording for its errors): -n -e
// -f -E/-r -i[SUFFIX] -s -z, the commands of sed-parse.ts run over a stream of
// lines with a one-line lookahead for `$`; -i writes each file back through
// the process's view, so an image file is copied up. Exit 1 on a bad script,
// 2 when an input file could not be read, 4 on an I/O error, q/Q's own code.
import { baseName } from '../../fs/path';
import { getopt, isOptError } from './getopt';
import { chunks, openInput } from './input';
import { compileScript, SedSyntaxError, type Address, type Command, type Program, type ScriptPiece, type SedRegex } from './sed-parse';
import { expandReplacement } from './sed-regex';
import { isErr, type Tool } from './tool';

const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

/** BusyBox's words for the errors it words differently (no expression/char prefix either). */
function busyboxMessage(gnu: string): string {
  const msg = gnu.replace(/^(-e expression #\d+, char \d+|file .* line \d+): /, '');
  if (msg.startsWith('unknown command: ')) return `unsupported command ${msg.slice(-2, -1)}`;
  if (msg === "unknown option to `s'") return 'bad option in substitution expression';
  if (msg === "unterminated `s' command" || msg === 'unterminated address regex') return "unmatched '/'";
  return msg.replace(/`/g, "'");
}

/** Stops the script: q/Q (with their exit code) or a fatal error already reported. */
class Stop {
  constructor(
    readonly code: number,
    readonly print: boolean,
  ) {}
}

interface Line {
  text: string;
  /** The line ended with the delimiter (the last line of a file may not). */
  nl: boolean;
  /** The first line of its file (-s/-i restart line numbers there). */
  first?: boolean;
}

/** The input files as one stream of lines (or one per file with -s/-i), with lookahead for `$`. */
class Lines {
  private queue: Line[] = [];
  private gen?: AsyncGenerator<string>;
  private partial = '';
  private fileIndex = -1;
  private openFile = false;
  status = 0;
  /** Name of the file the last line came from (F), and -i's target. */
  current = '-';
  onFileEnd?: (name: string) => void;
  constructor(
    private readonly t: Tool,
    private readonly files: string[],
    private readonly delim: string,
    private readonly separate: boolean,
    private readonly inPlace: boolean,
  ) {}

  /** Fill the queue of the open file; false at its end. */
  private async fill(): Promise<boolean> {
    while (this.queue.length === 0 && this.gen) {
      const r = await this.gen.next();
      if (r.done) {
        this.gen = undefined;
        if (this.partial !== '') this.queue.push({ text: this.partial, nl: false });
        this.partial = '';
        break;
      }
      const parts = (this.partial + r.value).split(this.delim);
      this.partial = parts.pop() ?? '';
      for (const p of parts) this.queue.push({ text: p, nl: true });
    }
    return this.queue.length > 0;
  }

  /** Open the next input file that can be read (reporting those that cannot). */
  private async openNext(): Promise<boolean> {
    while (this.fileIndex + 1 < this.files.length) {
      const f = this.files[++this.fileIndex];
      const t = this.t;
      if (this.inPlace) {
        const st = t.fs.stat(f);
        if (isErr(st)) {
          t.warn(`can't read ${f}: ${st.message}`);
          this.status = 2;
          continue;
        }
        if (st.kind !== 'file') {
          t.warn(`couldn't edit ${f}: not a regular file`);
          this.status = 4;
          continue;
        }
      }
      const src = openInput(t, f);
      if (isErr(src)) {
        if (src.code === 'EISDIR') {
          t.warn(`read error on ${f}: ${src.message}`);
          throw new Stop(4, false);
        }
        t.warn(`can't read ${f}: ${src.message}`);
        this.status = 2;
        continue;
      }
      this.gen = chunks(t, src);
      this.openFile = true;
      this.fresh = true;
      this.pendingName = f;
      return true;
    }
    return false;
  }

  private pendingName = '-';
  private fresh = false;

  /** The next line, crossing into the next file unless files are separate and -i needs the boundary. */
  async next(): Promise<Line | undefined> {
    for (;;) {
      if (await this.fill()) {
        this.current = this.pendingName;
        const line = this.queue.shift();
        if (line && this.fresh) line.first = true;
        this.fresh = false;
        return line;
      }
      if (this.openFile) {
        this.openFile = false;
        this.onFileEnd?.(this.pendingName);
      }
      if (!(await this.openNext())) return undefined;
    }
  }

  /** Is the line just read the last one (of its file with -s/-i)? */
  async isLast(): Promise<boolean> {
    if (await this.fill()) return false;
    if (this.separate) return true;
    // the next files may all be empty or unreadable
    while (this.openFile || this.fileIndex + 1 < this.files.length) {
      if (await this.fill()) return false;
      if (this.openFile) {
        this.openFile = false;
        this.onFileEnd?.(this.pendingName);
      }
      if (!(await this.openNext())) return true;
    }
    return true;
  }
}

export async function sed(t: Tool, args: string[]): Promise<number> {
  const p = getopt(args, {
    short: 'nrsuEzi::e:f:l:',
    long: {
      quiet: 'n', silent: 'n', debug: 'debug', 'expression=': 'e', 'file=': 'f', 'follow-symlinks': 'follow', 'in-place?': 'i', 'line-length=': 'l',
      posix: 'posix', 'regexp-extended': 'E', separate: 's', sandbox: 'sandbox', unbuffered: 'u', 'null-data': 'z', 'zero-terminated': 'z',
      help: 'help', version: 'version',
    },
  });
  if (isOptError(p)) {
    t.warn(p.error);
    if (t.gnu) t.err(USAGE);
    return 1;
  }
  if (p.has('help')) {
    t.out(USAGE);
    return 0;
  }
  if (p.has('version')) {
    t.out('sed (GNU sed) 4.9\nPackaged by Debian\nCopyright (C) 2022 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n');
    return 0;
  }
  const operands = [...p.operands];
  const pieces: ScriptPiece[] = [];
  let exprs = 0;
  for (const o of p.seq) {
    if (o.key === 'e') pieces.push({ text: o.value ?? '', origin: { kind: 'expr', n: ++exprs } });
    if (o.key === 'f') {
      const text = o.value === '-' ? '' : t.fs.readFile(o.value ?? '');
      if (isErr(text)) {
        t.warn(`couldn't open file ${o.value}: ${text.message}`);
        return 1;
      }
      pieces.push({ text: text.replace(/\n$/, ''), origin: { kind: 'file', name: o.value ?? '' } });
    }
  }
  if (pieces.length === 0) {
    const script = operands.shift();
    if (script === undefined) {
      if (t.gnu) t.err(USAGE);
      else t.warn('no script specified'); // BusyBox bb_show_usage is shorter; the point is the status
      return 1;
    }
    pieces.push({ text: script, origin: { kind: 'expr', n: 1 } });
  }
  let program: Program;
  try {
    program = compileScript(pieces, p.has('E') || p.has('r'), t.gnu);
  } catch (e) {
    if (!(e instanceof SedSyntaxError)) throw e;
    t.warn(t.gnu ? e.message : busyboxMessage(e.message));
    return e.message.startsWith("can't find label") && t.gnu ? 4 : e.status;
  }
  const inPlace = p.has('i');
  if (inPlace && operands.length === 0) {
    t.warn(t.gnu ? 'no input files' : '-i requires an argument');
    return t.gnu ? 4 : 1;
  }
  const run = new SedRun(t, program, {
    quiet: p.has('n') || program.quiet,
    delim: p.has('z') ? '\0' : '\n',
    separate: inPlace || p.has('s'),
    inPlace,
    suffix: p.value('i') ?? '',
    lineLength: Number(p.value('l') ?? 70),
    files: operands.length ? operands : ['-'],
  });
  return run.run();
}

interface RunOptions {
  quiet: boolean;
  delim: string;
  separate: boolean;
  inPlace: boolean;
  suffix: string;
  lineLength: number;
  files: string[];
}

/** One execution of a program over its input (execute.c). */
class SedRun {
  private readonly lines: Lines;
  private ps = '';
  private hold = '';
  private lineNo = 0;
  private line: Line = { text: '', nl: true };
  private appends: Array<{ text: string } | { file: string; oneLine: boolean }> = [];
  private replaced = false;
  private lastRegex: SedRegex | undefined;
  private readonly compiled = new Map<SedRegex, RegExp>();
  /** -i's output for the file being edited; stdout otherwise. */
  private buffer: string | undefined;
  private missingNewline = false;
  private readonly wfiles = new Map<string, string>();
  private readonly rlines = new Map<string, string[]>();

  constructor(
    private readonly t: Tool,
    private readonly program: Program,
    private readonly o: RunOptions,
  ) {
    this.lines = new Lines(t, o.files, o.delim, o.separate, o.inPlace);
    if (o.inPlace) this.lines.onFileEnd = (name) => this.finishFile(name);
    for (const c of program.commands) {
      if (c.a1?.kind === 'zero') c.active = true;
      const w = c.name === 'w' || c.name === 'W' ? c.text : c.subst?.wfile;
      if (w !== undefined) this.wfiles.set(w, '');
    }
  }

  async run(): Promise<number> {
    let code = 0;
    try {
      await this.cycles();
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      code = e.code;
    }
    if (this.o.inPlace && this.buffer !== undefined) this.finishFile(this.lines.current);
    for (const [name, text] of this.wfiles) this.writeNamed(name, text);
    return code || this.lines.status;
  }

  private emit(s: string, nl: boolean): void {
    let out = this.missingNewline ? this.o.delim : '';
    out += nl ? s + this.o.delim : s;
    this.missingNewline = !nl;
    if (this.buffer !== undefined) this.buffer += out;
    else this.t.out(out);
  }

  /** a/i/c text and r's file: written as they are. */
  private emitRaw(s: string): void {
    this.emit(s, false);
    this.missingNewline = false;
  }

  private writeNamed(name: string, text: string): void {
    if (name === '/dev/stdout') this.t.out(text);
    else if (name === '/dev/stderr') this.t.err(text);
    else {
      const e = this.t.fs.writeFile(name, text);
      if (e) this.t.warn(`couldn't open file ${name}: ${e.message}`);
    }
  }

  private finishFile(name: string): void {
    if (this.buffer === undefined) return;
    const t = this.t;
    if (this.o.suffix) {
      const base = baseName(name);
      const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
      const backup = this.o.suffix.includes('*') ? this.o.suffix.replace(/\*/g, base) : base + this.o.suffix;
      const orig = t.fs.readFile(name);
      if (!isErr(orig)) t.fs.writeFile(backup.includes('/') ? backup : dir + backup, orig);
    }
    const e = t.fs.writeFile(name, this.buffer);
    if (e) t.warn(`couldn't open temporary file ${name}: ${e.message}`);
    this.buffer = undefined;
    this.missingNewline = false;
  }

  private regex(r: SedRegex | null): RegExp {
    const re = r ?? this.lastRegex;
    if (!re) {
      this.t.warn('no previous regular expression');
      throw new Stop(4, false);
    }
    this.lastRegex = re;
    let js = this.compiled.get(re);
    if (!js) this.compiled.set(re, (js = new RegExp(re.source, `g${re.flags}`)));
    js.lastIndex = 0;
    return js;
  }

  private async matchOne(a: Address): Promise<boolean> {
    switch (a.kind) {
      case 'line':
        return this.lineNo === a.n;
      case 'step':
        return a.step <= 0 ? this.lineNo === a.first : this.lineNo >= a.first && (this.lineNo - a.first) % a.step === 0;
      case 'last':
        return this.lines.isLast();
      case 'regex':
        return this.regex(a.re).test(this.ps);
      default:
        return false;
    }
  }

  private async matches(c: Command): Promise<boolean> {
    const hit = await this.inRange(c);
    return hit !== c.bang;
  }

  private async inRange(c: Command): Promise<boolean> {
    if (!c.a1) return true;
    if (!c.a2) return this.matchOne(c.a1);
    const a2 = c.a2;
    if (!c.active) {
      if (!(await this.matchOne(c.a1))) return false;
      if (a2.kind === 'line') {
        if (a2.n <= this.lineNo) return true;
        c.endLine = a2.n;
      } else if (a2.kind === 'plus') {
        if (a2.n === 0) return true;
        c.endLine = this.lineNo + a2.n;
      } else if (a2.kind === 'mult') {
        if (a2.n <= 0 || this.lineNo % a2.n === 0) return true;
        c.endLine = Math.ceil(this.lineNo / a2.n) * a2.n;
      }
      c.active = true;
      return true;
    }
    if (c.endLine !== undefined) {
      if (this.lineNo >= c.endLine) {
        c.active = false;
        const end = c.endLine;
        c.endLine = undefined;
        // skipped past the end (n/N): this line starts over
        return this.lineNo === end || this.inRange(c);
      }
      return true;
    }
    if (a2.kind === 'last' ? await this.lines.isLast() : a2.kind === 'regex' && this.regex(a2.re).test(this.ps)) c.active = false;
    return true;
  }

  private async read(): Promise<boolean> {
    const line = await this.lines.next();
    if (!line) return false;
    if (this.o.separate && line.first) {
      this.lineNo = 0;
      if (this.o.inPlace) this.buffer = '';
    }
    this.line = line;
    this.lineNo++;
    return true;
  }

  private flushAppends(): void {
    for (const a of this.appends) {
      if ('text' in a) {
        this.emitRaw(a.text);
        continue;
      }
      if (a.oneLine) {
        let queue = this.rlines.get(a.file);
        if (!queue) {
          const text = this.t.fs.readFile(a.file);
          queue = isErr(text) ? [] : text.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
          this.rlines.set(a.file, queue);
        }
        const l = queue.shift();
        if (l !== undefined) this.emit(l, true);
      } else {
        const text = a.file === '/dev/stdin' ? undefined : this.t.fs.readFile(a.file);
        if (text !== undefined && !isErr(text) && text !== '') this.emitRaw(text);
      }
    }
    this.appends = [];
  }

  private endCycle(print: boolean): void {
    if (print && !this.o.quiet) this.emit(this.ps, this.line.nl);
    this.flushAppends();
  }

  private async cycles(): Promise<void> {
    const cmds = this.program.commands;
    let reread = true;
    for (;;) {
      if (reread) {
        if (!(await this.read())) return;
        this.ps = this.line.text;
        this.replaced = false;
      }
      reread = true;
      let pc = 0;
      let print = true;
      cycle: while (pc < cmds.length) {
        const c = cmds[pc];
        if (!(await this.matches(c))) {
          pc = c.name === '{' ? (c.jump ?? pc) + 1 : pc + 1;
          continue;
        }
        pc++;
        switch (c.name) {
          case '=':
            this.emit(String(this.lineNo), true);
            break;
          case 'a':
            this.appends.push({ text: c.text ?? '' });
            break;
          case 'i':
            this.emitRaw(c.text ?? '');
            break;
          case 'c':
            if (!c.active || c.bang) this.emitRaw(c.text ?? '');
            print = false;
            break cycle;
          case 'd':
            print = false;
            break cycle;
          case 'D': {
            const nl = this.ps.indexOf('\n');
            if (nl < 0) {
              print = false;
              break cycle;
            }
            this.ps = this.ps.slice(nl + 1);
            this.flushAppends();
            reread = false;
            pc = 0;
            continue cycle;
          }
          case 'F':
            this.emit(this.lines.current, true);
            break;
          case 'g':
            this.ps = this.hold;
            break;
          case 'G':
            this.ps += `\n${this.hold}`;
            break;
          case 'h':
            this.hold = this.ps;
            break;
          case 'H':
            this.hold += `\n${this.ps}`;
            break;
          case 'x':
            [this.ps, this.hold] = [this.hold, this.ps];
            break;
          case 'l':
          case 'L':
            this.emit(this.listed(c.int ?? this.o.lineLength), true);
            break;
          case 'n':
          case 'N':
            if (await this.lines.isLast()) {
              // GNU: no next line ends the script, printing the pattern space (POSIX would not for N)
              this.endCycle(true);
              throw new Stop(0, false);
            }
            if (c.name === 'n') this.endCycle(true);
            else this.flushAppends();
            await this.read();
            this.ps = c.name === 'n' ? this.line.text : `${this.ps}\n${this.line.text}`;
            break;
          case 'p':
            this.emit(this.ps, true);
            break;
          case 'P': {
            const nl = this.ps.indexOf('\n');
            this.emit(nl < 0 ? this.ps : this.ps.slice(0, nl), true);
            break;
          }
          case 'q':
            this.endCycle(true);
            throw new Stop(c.int ?? 0, false);
          case 'Q':
            throw new Stop(c.int ?? 0, false);
          case 'r':
          case 'R':
            this.appends.push({ file: c.text ?? '', oneLine: c.name === 'R' });
            break;
          case 'w':
          case 'W': {
            const nl = this.ps.indexOf('\n');
            const text = c.name === 'W' && nl >= 0 ? this.ps.slice(0, nl) : this.ps;
            this.wfiles.set(c.text ?? '', (this.wfiles.get(c.text ?? '') ?? '') + text + '\n');
            break;
          }
          case 's':
            this.substitute(c);
            break;
          case 'y':
            this.ps = [...this.ps].map((ch) => c.y?.get(ch) ?? ch).join('');
            break;
          case 'z':
            this.ps = '';
            break;
          case 'b':
            pc = c.jump ?? cmds.length;
            break;
          case 't':
          case 'T':
            if (this.replaced === (c.name === 't')) pc = c.jump ?? cmds.length;
            this.replaced = false;
            break;
        }
      }
      if (!reread) continue;
      this.endCycle(print);
    }
  }

  private substitute(c: Command): void {
    const s = c.subst;
    if (!s) return;
    const re = this.regex(s.re);
    const ps = this.ps;
    let out = '';
    let pos = 0;
    let count = 0;
    let prevEnd = -1;
    let did = false;
    for (let m = re.exec(ps); m; m = re.exec(ps)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0] === '') {
        re.lastIndex = start + 1;
        // POSIX: no empty match right after the previous match
        if (start === prevEnd) continue;
      }
      prevEnd = end;
      if (++count >= s.nth) {
        out += ps.slice(pos, start) + expandReplacement(s.parts, m);
        pos = end;
        did = true;
        if (!s.global) break;
      }
      if (start >= ps.length) break;
    }
    if (!did) return;
    this.ps = out + ps.slice(pos);
    this.replaced = true;
    if (s.print) this.emit(this.ps, true);
    if (s.wfile !== undefined) this.wfiles.set(s.wfile, (this.wfiles.get(s.wfile) ?? '') + this.ps + '\n');
  }

  /** `l`: C escapes, octal for the rest, lines folded at width-1 with `\`, then `$`. */
  private listed(width: number): string {
    const esc: Record<string, string> = { '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
    let out = '';
    let col = 0;
    for (const ch of this.ps) {
      const code = ch.charCodeAt(0);
      const e = esc[ch] ?? (code < 32 || code >= 127 ? `\\${code.toString(8).padStart(3, '0')}` : ch);
      if (width > 1 && col + e.length > width - 1) {
        out += '\\\n';
        col = 0;
      }
      out += e;
      col += e.length;
    }
    return `${out}$`;
  }
}
