// awk as Debian ships it (mawk 1.3.4 20200120 behind /usr/bin/awk) and as
// BusyBox's applet: options (-f -F -v -W version, --), the program, operands
// that are files or var=value assignments, and the host side of the
// interpreter: files, stdin, `print > file`, and commands run through
// /bin/sh for system(), `cmd | getline` and `print | cmd`.
import { Pipe } from '../../kernel/stream';
import { resolveExec } from '../exec';
import { parseAwk } from './awk-parse';
import { AwkSyntaxError, escapeChar } from './awk-lex';
import { RecordReader } from './awk-io';
import { AwkFatal, AwkRuntimeError, ExitSignal, Runtime, type AwkHost } from './awk-run';
import { inputVal, toNum } from './awk-value';
import { deviceOf, openInput, writeOutput } from './input';
import { runChild } from './spawn';
import { baseOf, isErr, type Tool } from './tool';

const VERSION = `mawk 1.3.4 20200120
Copyright 2008-2019,2020, Thomas E. Dickey
Copyright 1991-1996,2014, Michael D. Brennan

`;

/** mawk prints its compiled-in facts on stderr. */
const VERSION_FACTS = `random-funcs:       srandom/random
regex-funcs:        internal
compiled limits:
sprintf buffer      8192
maximum-integer     2147483647
`;

const USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;

/** A command-line value with awk's string escapes applied (-v, var=value operands, -F). */
export function unescapeValue(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      const e = escapeChar(s, i + 1, false);
      out += e.text;
      i += e.len;
    } else out += s[i];
  }
  return out;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

interface Options {
  program?: string;
  files: string[];
  fs?: string;
  assigns: string[];
  operands: string[];
}

function parseOptions(t: Tool, me: string, args: string[]): Options | number {
  const o: Options = { files: [], assigns: [], operands: [] };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const flag = a[1];
    if (!'fFvW'.includes(flag)) {
      t.err(`${me}: not an option: ${a}\n`);
      return 2;
    }
    let value = a.slice(2);
    if (value === '') {
      if (i + 1 >= args.length) {
        t.err(`${me}: option -${flag} lacks argument\n`);
        return 2;
      }
      value = args[++i];
    }
    if (flag === 'f') o.files.push(value);
    else if (flag === 'F') o.fs = value;
    else if (flag === 'v') {
      if (!ASSIGNMENT.test(value)) {
        t.err(`${me}: improper assignment: -v ${value}\n`);
        return 2;
      }
      o.assigns.push(value);
    } else if (/^v/.test(value)) {
      t.out(VERSION);
      t.err(VERSION_FACTS);
      return 0;
    } else if (/^(h|u)/.test(value)) {
      t.out(USAGE);
      return 0;
    }
  }
  const rest = args.slice(i);
  if (o.files.length === 0) {
    if (rest.length === 0) {
      t.err(USAGE);
      return 0;
    }
    o.program = rest.shift();
  }
  o.operands = rest;
  return o;
}

export async function awk(t: Tool, args: string[]): Promise<number> {
  const me = t.gnu ? baseOf(t.name) : 'awk';
  const o = parseOptions(t, me, args);
  if (typeof o === 'number') return o;
  let src = o.program ?? '';
  if (o.program === undefined) {
    const texts: string[] = [];
    for (const f of o.files) {
      const s = openInput(t, f);
      if (isErr(s)) {
        t.err(`${me}: couldn't open file ${f}: ${s.message}\n`);
        return 2;
      }
      texts.push(s.kind === 'text' ? s.text : '');
    }
    src = texts.join('\n');
  }
  let prog;
  try {
    prog = parseAwk(src);
  } catch (e) {
    if (e instanceof AwkSyntaxError) {
      t.err(t.gnu ? `${me}: line ${e.line}: ${e.message}\n` : `awk: cmd. line:${e.line}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const host = new Host(t, me, o.operands);
  const rt = new Runtime(prog, host);
  rt.setRecord('');
  const env = rt.array('ENVIRON');
  for (const [k, v] of Object.entries(t.ctx.env)) env.set(k, inputVal(v));
  const argv = rt.array('ARGV');
  argv.set('0', t.gnu ? me : 'awk');
  o.operands.forEach((a, i) => argv.set(String(i + 1), inputVal(a)));
  rt.setVar('ARGC', o.operands.length + 1);
  if (o.fs !== undefined) rt.setVar('FS', unescapeValue(o.fs));
  for (const a of o.assigns) host.assign(rt, a);

  let code = 0;
  try {
    let exited = false;
    try {
      await rt.runItems(prog.begin);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      exited = true;
      code = e.code ?? 0;
    }
    if (!exited && prog.needsInput) {
      try {
        for (;;) {
          const rec = await host.nextMain(rt);
          if (rec === null) break;
          rt.setRecord(rec);
          rt.setVar('NR', toNum(rt.getVar('NR')) + 1);
          rt.setVar('FNR', toNum(rt.getVar('FNR')) + 1);
          if ((await rt.runRecord()) === 'nextfile') host.skipFile();
        }
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
        code = e.code ?? 0;
      }
    }
    try {
      await rt.runItems(prog.end);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      if (e.code !== undefined) code = e.code;
    }
    await host.closeAll();
  } catch (e) {
    if (e instanceof AwkRuntimeError) {
      t.err(
        `${me}: run time error: ${e.message}\n\tFILENAME="${rt.gstr('FILENAME')}" FNR=${rt.gstr('FNR')} NR=${rt.gstr('NR')}\n`,
      );
      return 2;
    }
    if (e instanceof AwkFatal) {
      t.err(`${me}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return code;
}

class Host implements AwkHost {
  private main: RecordReader | undefined;
  private argIndex = 1;
  private opened = false;
  private readonly files = new Map<string, RecordReader>();
  private readonly commands = new Map<string, { reader: RecordReader; status: number }>();
  private readonly outputs = new Set<string>();
  private readonly pipes = new Map<string, string>();

  constructor(
    private readonly t: Tool,
    private readonly me: string,
    private readonly operands: string[],
  ) {}

  now(): number {
    return this.t.now;
  }

  assign(rt: Runtime, a: string): void {
    const m = ASSIGNMENT.exec(a)!;
    rt.setVar(m[1], inputVal(unescapeValue(m[2])));
  }

  private stdin(): RecordReader {
    return new RecordReader(() => this.t.ctx.read());
  }

  private rs(rt: Runtime): [string, () => ReturnType<Runtime['regex']>] {
    const rs = rt.gstr('RS');
    return [rs, () => rt.regex(rs)];
  }

  async nextMain(rt: Runtime): Promise<string | null> {
    for (;;) {
      if (this.main) {
        const rec = await this.main.next(...this.rs(rt));
        if (rec !== null) return rec;
        this.main = undefined;
      }
      if (!this.openNext(rt)) return null;
    }
  }

  skipFile(): void {
    this.main = undefined;
  }

  /** The next operand that is a file (assignments on the way take effect); stdin when there were none. */
  private openNext(rt: Runtime): boolean {
    const argc = toNum(rt.getVar('ARGC'));
    const argv = rt.array('ARGV');
    while (this.argIndex < argc) {
      const v = argv.get(String(this.argIndex++));
      const arg = v === undefined ? '' : rt.str(v);
      if (arg === '') continue;
      if (ASSIGNMENT.test(arg)) {
        this.assign(rt, arg);
        continue;
      }
      this.opened = true;
      rt.setVar('FILENAME', arg);
      rt.setVar('FNR', 0);
      if (arg === '-' || arg === '/dev/stdin') {
        this.main = this.stdin();
        return true;
      }
      const src = openInput(this.t, arg);
      if (isErr(src)) throw new AwkFatal(`cannot open ${arg} (${src.message})`);
      this.main =
        src.kind === 'text'
          ? new RecordReader(undefined, src.text)
          : src.kind === 'stdin'
            ? this.stdin()
            : new RecordReader(undefined, '');
      return true;
    }
    if (this.opened) return false;
    this.opened = true;
    rt.setVar('FILENAME', '-');
    this.main = this.stdin();
    return true;
  }

  async readFile(name: string, rt: Runtime): Promise<string | null | undefined> {
    let r = this.files.get(name);
    if (!r) {
      if (name === '-' || name === '/dev/stdin') r = this.stdin();
      else {
        const src = openInput(this.t, name);
        if (isErr(src)) return undefined;
        r =
          src.kind === 'text'
            ? new RecordReader(undefined, src.text)
            : src.kind === 'stdin'
              ? this.stdin()
              : new RecordReader(undefined, '');
      }
      this.files.set(name, r);
    }
    return r.next(...this.rs(rt));
  }

  async readCommand(cmd: string, rt: Runtime): Promise<string | null | undefined> {
    let c = this.commands.get(cmd);
    if (!c) {
      const out = new Pipe();
      const status = await this.run(cmd, { stdout: out });
      out.close();
      c = { reader: new RecordReader(undefined, out.drain()), status };
      this.commands.set(cmd, c);
    }
    return c.reader.next(...this.rs(rt));
  }

  async out(target: { op: '>' | '>>' | '|'; name: string } | undefined, text: string): Promise<void> {
    if (!target || ((target.name === '-' || target.name === '/dev/stdout') && target.op !== '|')) {
      this.t.out(text);
      return;
    }
    const { op, name } = target;
    if (op === '|') {
      this.pipes.set(name, (this.pipes.get(name) ?? '') + text);
      return;
    }
    if (!this.outputs.has(name)) {
      const e = writeOutput(this.t, name, op === '>' ? '' : '', op === '>>');
      if (e) throw new AwkFatal(`cannot open "${name}" for output (${e.message})`);
      this.outputs.add(name);
    }
    const dev = deviceOf(this.t, name);
    const e = writeOutput(this.t, name, text, dev === undefined);
    if (e) throw new AwkFatal(`write failure (${e.message})`);
  }

  async close(name: string): Promise<number> {
    if (this.outputs.delete(name)) return 0;
    if (this.pipes.has(name)) return this.flushPipe(name);
    if (this.files.delete(name)) return 0;
    const c = this.commands.get(name);
    if (c) {
      this.commands.delete(name);
      return c.status;
    }
    return -1;
  }

  private async flushPipe(name: string): Promise<number> {
    const text = this.pipes.get(name) ?? '';
    this.pipes.delete(name);
    const input = new Pipe();
    input.write(text);
    input.close();
    return this.run(name, { stdin: input });
  }

  async closeAll(): Promise<void> {
    for (const name of [...this.pipes.keys()]) await this.flushPipe(name);
  }

  system(cmd: string): Promise<number> {
    return this.run(cmd, {});
  }

  /** /bin/sh -c CMD as a child of awk; its exit status (127/126 when sh itself is missing). */
  private async run(cmd: string, io: { stdin?: Pipe; stdout?: Pipe }): Promise<number> {
    const t = this.t;
    if (!io.stdin && !io.stdout) {
      const r = await runChild(t, ['/bin/sh', '-c', cmd]);
      if (typeof r === 'number') return r;
      t.err(`${this.me}: /bin/sh: ${r.message}\n`);
      return r.error === 'not-found' ? 127 : 126;
    }
    const target = resolveExec(t.fs, ['/bin/sh', '-c', cmd], t.ctx.env, t.ctx.ns.programs);
    if ('kind' in target) {
      t.err(`${this.me}: /bin/sh: ${target.message}\n`);
      return 127;
    }
    const child = t.ctx.spawn({
      program: target.program.run,
      argv: target.argv,
      env: t.ctx.env,
      cwd: t.ctx.proc.cwd,
      uid: t.ctx.proc.uid,
      gid: t.ctx.proc.gid,
      stdin: io.stdin ?? t.ctx.stdin,
      stdout: io.stdout ?? t.ctx.stdout,
      stderr: t.ctx.stderr,
      tty: t.ctx.tty,
      rss: target.program.rss,
    });
    if (child === 'EAGAIN') return 127;
    return (await t.ctx.wait(child.exited)).code;
  }
}
