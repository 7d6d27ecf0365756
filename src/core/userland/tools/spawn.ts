// Running another program from a tool (env CMD, xargs, find -exec): execve's
// lookup in the process's own view, a child process sharing stdio, and the
// shell's exit codes for a command that cannot be found (127) or run (126).
import { resolveExec } from '../exec';
import type { Tool } from './tool';

export type SpawnResult = number | { error: 'not-found' | 'no-exec'; message: string };

export async function runChild(t: Tool, argv: string[], env: Record<string, string> = t.ctx.env): Promise<SpawnResult> {
  const target = resolveExec(t.fs, argv, env, t.ctx.ns.programs);
  if ('kind' in target) {
    const notFound = target.kind === 'not-found' || target.kind === 'no-such-file';
    return { error: notFound ? 'not-found' : 'no-exec', message: notFound ? 'No such file or directory' : target.kind === 'unsimulated' ? target.message : 'Permission denied' };
  }
  const child = t.ctx.spawn({
    program: target.program.run,
    argv: target.argv,
    env,
    cwd: t.ctx.proc.cwd,
    uid: t.ctx.proc.uid,
    gid: t.ctx.proc.gid,
    stdin: t.ctx.stdin,
    stdout: t.ctx.stdout,
    stderr: t.ctx.stderr,
    tty: t.ctx.tty,
    rss: target.program.rss,
  });
  if (child === 'EAGAIN') return { error: 'no-exec', message: 'Resource temporarily unavailable' };
  const status = await t.ctx.wait(child.exited);
  return status.code;
}
