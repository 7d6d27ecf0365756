// execve(2) without fork: the shell's process becomes the program (same PID,
// new command line in ps / docker top). A process cannot change its program
// in the kernel model, so the new program runs inside the shell's process:
// the kernel's Process.argv array and env object are updated in place (they
// are what ps reads), caught signal handlers are reset as exec resets them,
// and the memory charge moves from the shell's image to the program's.
import type { Readable, Writable } from '../../kernel/stream';
import type { ExecTarget } from '../exec';
import type { UserContext } from '../types';

export interface ExecStdio {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  tty: boolean;
}

export async function execInPlace(ctx: UserContext, target: ExecTarget, env: Record<string, string>, io: ExecStdio): Promise<number> {
  const p = ctx.proc;
  p.argv.splice(0, p.argv.length, ...target.argv);
  for (const k of Object.keys(p.env)) delete p.env[k];
  Object.assign(p.env, env);
  for (const [sig, h] of [...p.handlers]) if (h !== 'ignore') p.handlers.delete(sig);
  ctx.free(p.rss);
  if (target.program.rss) ctx.alloc(target.program.rss);
  const next: UserContext = {
    ...ctx,
    argv: p.argv,
    env: p.env,
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: io.stderr,
    tty: io.tty,
    read: () => ctx.wait(io.stdin.read()),
  };
  return target.program.run(next);
}
