// The external commands the postgres image's scripts and tools run (id, mkdir,
// find, initdb's `postgres --boot`, pg_ctl's `postgres -V`...): each one a
// fork+exec of the image's own binary, so it takes a PID of the container's
// namespace and does its work through the simulated program.
import { resolveExec } from '../exec';
import { EMPTY, NULL_SINK, type Readable, type Writable } from '../../kernel/stream';
import { fsOf, type UserContext, type UserProgram } from '../types';
import { forkChild } from './exec';

export interface CommandResult {
  code: number;
  /** What it wrote to stdout when captured (`$(…)`), else ''. */
  out: string;
}

export interface CommandOptions {
  /** `$(…)`: collect stdout instead of passing it on. */
  capture?: boolean;
  /** `> /dev/null`, `&> /dev/null`. */
  quiet?: boolean;
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  env?: Record<string, string>;
  /** How bash names the script in "command not found" (`script: line N: cmd: command not found`). */
  where?: string;
  /** Runs in the child when the image's binary is one Stevedore has no program for. */
  fallback?: UserProgram;
}

function sink(into: (s: string) => void): Writable {
  return { write: (c: string) => (into(c), true), close: () => undefined };
}

/** fork, exec argv (PATH lookup), wait; bash's errors when it cannot run. */
export async function runCommand(ctx: UserContext, argv: string[], o: CommandOptions = {}): Promise<CommandResult> {
  const env = o.env ?? ctx.env;
  const t = resolveExec(fsOf(ctx), argv, env, ctx.ns.programs);
  let out = '';
  const stdout = o.capture ? sink((s) => (out += s)) : o.quiet ? NULL_SINK : (o.stdout ?? ctx.stdout);
  const stderr = o.quiet ? NULL_SINK : (o.stderr ?? ctx.stderr);
  let program: UserProgram;
  let rss: number | undefined;
  let childArgv = argv;
  if ('kind' in t) {
    if (t.kind === 'unsimulated' && o.fallback) program = o.fallback;
    else {
      // the fork happens before execve fails: the PID is used all the same
      const msg =
        t.kind === 'not-found' ? 'command not found' : t.kind === 'permission-denied' ? 'Permission denied' : t.kind === 'no-such-file' ? 'No such file or directory' : t.message;
      const code = t.kind === 'permission-denied' || t.kind === 'unsimulated' ? 126 : 127;
      program = async (c) => {
        c.stderr.write(t.kind === 'unsimulated' ? `${t.message}\n` : `${o.where ?? argv[0]}: ${argv[0]}: ${msg}\n`);
        return code;
      };
    }
  } else {
    program = t.program.run;
    rss = t.program.rss;
    childArgv = t.argv;
  }
  const p = forkChild(ctx, { program, argv: childArgv, env: { ...env }, stdin: o.stdin ?? EMPTY, stdout, stderr, rss });
  if (typeof p === 'string') {
    ctx.stderr.write(`${o.where ?? argv[0]}: fork: retry: Resource temporarily unavailable\n`);
    return { code: 254, out };
  }
  const s = await ctx.wait(p.exited);
  return { code: s.code, out };
}

/** `$(…)` with a builtin inside: bash forks a subshell for it all the same. */
export async function subshell(ctx: UserContext, argv: string[], body: () => string): Promise<string> {
  let out = '';
  const p = forkChild(ctx, { program: async () => ((out = body()), 0), argv: [...argv], stdin: EMPTY, stdout: NULL_SINK });
  if (typeof p !== 'string') await ctx.wait(p.exited);
  return out;
}
