// The python3 program: CPython's command line (-V, -c, -m, -u, scripts,
// stdin, the REPL), stdout buffering as CPython sets it up, exit statuses
// (SystemExit, uncaught exceptions, death by SIGINT), and the last flush.
import { contentText, isGenerated } from '../../fs/content';
import { FsError } from '../../fs/types';
import { SIGINT } from '../../kernel/signals';
import { lookPath } from '../exec';
import { fsOf, type UserContext, type UserProgram } from '../types';
import { libPaths, sysVersion, type PyBuild } from './build';
import { makeBuiltins, type StdStreams } from './builtins';
import { canColorize } from './colors';
import './constructors';
import { runSource, syntaxErrorValue } from './imports';
import { Interp, NotSimulated } from './interp';
import { InputBuffer, PyTextIO, TextOut, type Buffering } from './io';
import './methods-containers';
import './methods-str';
import { parseServerArgs, serveForever, SERVER_USAGE } from './modules/http-server';
import type { SysInfo } from './modules/sys';
import { nativeModules } from './natives';
import { parse, PySyntaxError } from './parser';
import { completeness, repl } from './repl';
import { excStr } from './repr';
import { formatSyntaxError } from './syntax-error';
import { formatException } from './traceback';
import { KeyboardInterrupt, SystemExit } from './types';
import { None, PyModule, PyRaise, type Gen } from './values';
import { asBigInt, isInt } from './objects';

interface Options {
  mode: 'version' | 'command' | 'module' | 'script' | 'stdin' | 'repl';
  versionLevel: number;
  command?: string;
  module?: string;
  script?: string;
  args: string[];
  unbuffered: boolean;
  inspect: boolean;
}

const NO_ARG_FLAGS = new Set('bBdEhiIOPqsSuvVx?'.split(''));

function usage(argv0: string): string {
  return `usage: ${argv0} [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry \`python -h' for more information.\n`;
}

/** CPython's option parsing: short options may be bundled; -c/-m/-W/-X take an argument. */
function parseOptions(argv: string[], tty: boolean): Options | { error: string } {
  const o: Options = { mode: 'repl', versionLevel: 0, args: [], unbuffered: false, inspect: false };
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--version') {
      o.versionLevel++;
      continue;
    }
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--')) return { error: `unknown option ${a}` };
    for (let k = 1; k < a.length; k++) {
      const f = a[k];
      if (f === 'c' || f === 'm' || f === 'W' || f === 'X') {
        const val = a.slice(k + 1) || argv[++i];
        if (val === undefined) return { error: `Argument expected for the -${f} option` };
        if (f === 'c') {
          o.mode = 'command';
          o.command = val;
          o.args = ['-c', ...argv.slice(i + 1)];
          return o;
        }
        if (f === 'm') {
          o.mode = 'module';
          o.module = val;
          o.args = argv.slice(i + 1);
          return o;
        }
        break;
      }
      if (!NO_ARG_FLAGS.has(f)) return { error: `Unknown option: -${f}` };
      if (f === 'V') o.versionLevel++;
      if (f === 'u') o.unbuffered = true;
      if (f === 'i') o.inspect = true;
    }
  }
  if (o.versionLevel) {
    o.mode = 'version';
    return o;
  }
  const rest = argv.slice(i);
  if (rest.length && rest[0] !== '-') {
    o.mode = 'script';
    o.script = rest[0];
    o.args = rest;
  } else if (rest[0] === '-' || !tty) {
    o.mode = 'stdin';
    o.args = rest.length ? rest : [''];
  } else o.args = [''];
  return o;
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : p.slice(0, i);
}

export async function runPython(ctx: UserContext, build: PyBuild): Promise<number> {
  const argv0 = ctx.argv[0] ?? 'python3';
  const parsed = parseOptions(ctx.argv, ctx.tty);
  if ('error' in parsed) {
    ctx.stderr.write(`${parsed.error}\n${usage(argv0)}`);
    return 2;
  }
  const o = parsed;
  const fs = fsOf(ctx);
  const alpine = fs.exists('/etc/alpine-release');
  if (o.mode === 'version') {
    ctx.stdout.write(
      o.versionLevel > 1 ? `Python ${sysVersion(build, alpine)}\n` : `Python ${build.version}\n`,
    );
    return 0;
  }
  const env = ctx.env;
  const unbuffered = o.unbuffered || (env.PYTHONUNBUFFERED ?? '') !== '';
  const outMode: Buffering = unbuffered ? 'none' : ctx.tty ? 'line' : 'block';
  const stdoutBuf = new TextOut(ctx.stdout, outMode);
  const stderrBuf = new TextOut(ctx.stderr, unbuffered ? 'none' : 'line');
  const std: StdStreams = {
    stdout: new PyTextIO('<stdout>', 'w', stdoutBuf, undefined, ctx.tty, 1),
    stderr: new PyTextIO('<stderr>', 'w', stderrBuf, undefined, ctx.tty, 2),
    stdin: new PyTextIO('<stdin>', 'r', undefined, new InputBuffer(() => ctx.read()), ctx.tty, 0),
  };
  const found = argv0.includes('/') ? argv0 : lookPath(fs, argv0, env.PATH);
  const executable = found
    ? found.startsWith('/')
      ? found
      : `${ctx.proc.cwd}/${found}`.replace(/\/\.\//g, '/')
    : '';
  const prefix = build.binary === 'python3.13' ? '/usr/local' : '/usr';
  const lib = libPaths(build, prefix);
  const path: string[] = [];
  const info: { current?: SysInfo } = {};
  const it = new Interp({
    ctx,
    version: build.version,
    path,
    natives: nativeModules(() => info.current!),
    builtins: (x) => makeBuiltins(x, std),
  });
  it.stdlib = lib.stdlib;
  it.legacy = !build.modern;
  it.sitePackages = lib.site[0];
  const colorize = build.modern && canColorize(env, ctx.tty);
  const legacy = !build.modern;

  // sys.path[0]: the script's directory, or '' (the working directory) for -c, -m, stdin and the REPL
  let scriptPath = '';
  if (o.mode === 'script') {
    scriptPath = o.script!.startsWith('/')
      ? o.script!
      : `${ctx.proc.cwd.replace(/\/$/, '')}/${o.script}`.replace(/\/\.\//g, '/');
    const real = fs.realpath(scriptPath);
    path.push(dirname(real instanceof FsError ? scriptPath : real));
  } else path.push(o.mode === 'module' ? ctx.proc.cwd : '');
  for (const p of (env.PYTHONPATH ?? '').split(':')) if (p) path.push(p);
  path.push(lib.zip, lib.stdlib, lib.dynload, ...lib.site);
  info.current = { build, argv: o.args, executable, prefix, alpine, std };

  const main = new PyModule('__main__');
  main.dict.set('__builtins__', new PyModule('builtins'));
  main.dict.set('__doc__', None);
  it.modules.set('__main__', main);
  ctx.trap(SIGINT, (sig) => it.onSignal(sig));

  const report = async (e: unknown): Promise<number> => {
    if (e instanceof NotSimulated) {
      stderrBuf.write(
        `${argv0}: Stevedore's python does not simulate ${e.what}${e.where ? ` (${e.where})` : ''}\n`,
      );
      return 1;
    }
    if (!(e instanceof PyRaise)) throw e;
    const exc = e.exc;
    if (exc.cls.isSubclassOf(SystemExit)) {
      const code = exc.args.length === 0 ? None : exc.args[0];
      if (code === None) return 0;
      if (isInt(code)) return Number(asBigInt(code) & 0xffn);
      stderrBuf.write((await it.drive(excStr(it, exc))) + '\n');
      return 1;
    }
    stderrBuf.write(await it.drive(formatException(it, exc, colorize, legacy)));
    return exc.cls.isSubclassOf(KeyboardInterrupt) ? -SIGINT : 1;
  };

  const run = async (g: Gen<void>): Promise<number> => {
    try {
      await it.drive(g);
      return 0;
    } catch (e) {
      return report(e);
    }
  };

  // a killed process never gets here: what its buffers held is lost, as with CPython
  importSys(it);
  let code = await dispatch();
  try {
    stdoutBuf.flush();
  } catch (e) {
    if (!(e instanceof PyRaise)) throw e;
    // the interpreter's last flush failing: reported, and the exit status is 120
    stderrBuf.write(
      "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\nBrokenPipeError: [Errno 32] Broken pipe\n",
    );
    if (code === 0) code = 120;
  }
  try {
    stderrBuf.flush();
  } catch {
    // nobody reads stderr any more
  }
  if (code === -SIGINT) {
    // CPython re-raises SIGINT with the default action so its parent sees the signal (a PID 1 ignores it)
    ctx.trap(SIGINT, 'default');
    ctx.kill(ctx.proc.nsPid, SIGINT);
    return 128 + SIGINT;
  }
  return code;

  async function dispatch(): Promise<number> {
    switch (o.mode) {
      case 'command':
        return runCode(o.command!, '<string>', !legacy);
      case 'script':
        return runScript();
      case 'stdin': {
        const src = await it.drive(std.stdin.readAll());
        return runCode(src, '<stdin>', false);
      }
      case 'module':
        return runModuleMain();
      default:
        return interactive();
    }
  }

  async function runCode(src: string, filename: string, showSource: boolean): Promise<number> {
    let p;
    try {
      p = parse(src, filename);
    } catch (e) {
      if (e instanceof PySyntaxError) {
        stderrBuf.write(formatSyntaxError(legacy ? as312(e) : e, colorize));
        return 1;
      }
      throw e;
    }
    for (const w of p.warnings)
      stderrBuf.write(
        `${filename}:${w.line}: ${w.message}\n${filename.startsWith('<') ? '' : `  ${(p.module.lines[w.line - 1] ?? '').trim()}\n`}`,
      );
    const lines = showSource ? p.module.lines : [];
    if (filename === '<string>') it.commandSource = lines;
    return run(it.runModule(p.module.body, main, { filename, lines }));
  }

  async function runScript(): Promise<number> {
    const shown = scriptPath;
    const st = fs.stat(shown);
    if (st instanceof FsError) {
      const errno = st.code === 'EACCES' ? 13 : st.code === 'ENOTDIR' ? 20 : 2;
      stderrBuf.write(`${argv0}: can't open file '${shown}': [Errno ${errno}] ${st.message}\n`);
      return 2;
    }
    if (st.kind === 'dir') {
      const m = `${shown}/__main__.py`;
      if (!fs.exists(m)) {
        stderrBuf.write(`${argv0}: can't find '__main__' module in '${o.script}'\n`);
        return 1;
      }
    }
    const file = st.kind === 'dir' ? `${shown}/__main__.py` : shown;
    const c = fs.readContent(file);
    if (c instanceof FsError) {
      stderrBuf.write(`${argv0}: can't open file '${shown}': [Errno 13] Permission denied\n`);
      return 2;
    }
    if (isGenerated(c)) {
      stderrBuf.write(
        `${argv0}: Stevedore's python does not simulate running the binary file '${o.script}'\n`,
      );
      return 1;
    }
    const src = contentText(c);
    if (/^\s*from pip\._internal/m.test(src)) return delegateToPip(o.args.slice(1));
    main.dict.set('__file__', scriptPath);
    const code = await runCode(src, scriptPath, true);
    if (o.inspect && ctx.tty) return interactive();
    return code;
  }

  async function runModuleMain(): Promise<number> {
    const name = o.module!;
    if (name === 'pip') return delegateToPip(o.args);
    if (name === 'http.server') {
      const a = parseServerArgs(o.args, ctx.proc.cwd);
      if ('error' in a) {
        stderrBuf.write(`${SERVER_USAGE}\nserver.py: error: ${a.error}\n`);
        return 2;
      }
      it.memory.track(main, 8 * 1024 * 1024, true);
      const g = (function* () {
        try {
          yield* serveForever(it, a, stdoutBuf, stderrBuf);
        } catch (e) {
          if (e instanceof PyRaise && e.exc.cls === KeyboardInterrupt) {
            stdoutBuf.write('\nKeyboard interrupt received, exiting.\n');
            return;
          }
          throw e;
        }
      })();
      return run(g);
    }
    const found = path
      .map((d) => [
        `${d === '' ? '.' : d}/${name.replace(/\./g, '/')}.py`,
        `${d === '' ? '.' : d}/${name.replace(/\./g, '/')}/__main__.py`,
      ])
      .flat()
      .find((f) => fs.exists(f));
    if (!found) {
      stderrBuf.write(`${argv0}: No module named ${name}\n`);
      return 1;
    }
    const c = fs.readContent(found);
    if (c instanceof FsError || isGenerated(c) || it.natives.has(name)) {
      stderrBuf.write(
        `${argv0}: Stevedore's python does not simulate running the module '${name}' as a program\n`,
      );
      return 1;
    }
    main.dict.set('__file__', found);
    return run(runSource(it, contentText(c), found, main));
  }

  async function delegateToPip(args: string[]): Promise<number> {
    const pip = ctx.ns.programs.get('pip');
    if (!pip) {
      stderrBuf.write(`${argv0}: Stevedore's python does not simulate pip in this build\n`);
      return 1;
    }
    stdoutBuf.flush();
    return pip.run({ ...ctx, argv: ['pip', ...args] });
  }

  async function interactive(): Promise<number> {
    const modern = build.modern && !!env.TERM && env.TERM !== 'dumb' && !env.PYTHON_BASIC_REPL;
    it.interactive = true;
    return repl(it, {
      modern,
      colorize: modern && colorize,
      banner: `Python ${sysVersion(build, alpine)} on linux\nType "help", "copyright", "credits" or "license" for more information.\n`,
      stdout: stdoutBuf,
      stderr: stderrBuf,
      stdin: std.stdin,
      main,
      run: async (_it, src, filename, showSource) => {
        let p;
        try {
          p = parse(src, filename);
        } catch (e) {
          if (e instanceof PySyntaxError) {
            stderrBuf.write(formatSyntaxError(e, colorize));
            return undefined;
          }
          throw e;
        }
        try {
          await it.drive(
            it.runModule(p.module.body, main, { filename, lines: showSource ? p.module.lines : [] }),
          );
        } catch (e) {
          if (e instanceof PyRaise && e.exc.cls.isSubclassOf(SystemExit)) return report(e);
          const code = await report(e);
          void code;
        }
        stdoutBuf.flush();
        return undefined;
      },
    });
  }
}

/** 3.12 put a single caret under the token after a missing indented block. */
function as312(e: PySyntaxError): PySyntaxError {
  if (!e.msg.startsWith('expected an indented block')) return e;
  return new PySyntaxError(
    e.kind,
    e.msg,
    e.filename,
    e.lineno,
    e.offset,
    e.text,
    e.offset + 1,
    e.endLineno,
    e.showText,
  );
}

/** sys is imported before anything runs (it owns the streams). */
function importSys(it: Interp): void {
  const factory = it.natives.get('sys')!;
  const m = factory(it, undefined) as PyModule;
  it.modules.set('sys', m);
}

export function pythonProgram(build: PyBuild): UserProgram {
  return (ctx) => runPython(ctx, build);
}

export { completeness, syntaxErrorValue };
