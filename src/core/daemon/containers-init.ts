// docker-init: the tini build Docker bind-mounts at /sbin/docker-init for
// `--init`. As PID 1 it starts the command as its child, forwards every
// signal it receives to it (so SIGTERM from `docker stop` reaches a process
// that is not PID 1 and takes the default action), and exits with the
// child's status, 128+signal when a signal killed it (tini.c).
import { FsError } from '../fs/types';
import { SIGCHLD, SIGKILL, SIGSTOP } from '../kernel/signals';
import { resolveExec } from '../userland/exec';
import { foreignExecutable } from './containers-platform';
import { fsOf, type UserProgram } from '../userland/types';

const TINI_USAGE = `tini (tini version 0.19.0 - git.de40ad0)
Usage: tini [OPTIONS] PROGRAM -- [ARGS] | --version

Execute a program under the supervision of a valid init process (tini)

Command line options:

  --version: Show version and exit.
  -h: Show this help message and exit.
  -s: Register as a process subreaper (requires Linux >= 3.4).
  -p SIGNAL: Trigger SIGNAL when parent dies, e.g. "-p SIGKILL".
  -v: Generate more verbose output. Repeat up to 3 times.
  -w: Print a warning when processes are getting reaped.
  -g: Send signals to the child's process group.
  -e EXIT_CODE: Remap EXIT_CODE (from 0 to 255) to 0.
  -l: Show license and exit.

Environment variables:

  TINI_SUBREAPER: Register as a process subreaper (requires Linux >= 3.4).
  TINI_VERBOSITY: Set the verbosity level (default: 1).
  TINI_KILL_PROCESS_GROUP: Send signals to the child's process group.

`;

export const dockerInit: UserProgram = async (ctx) => {
  let args = ctx.argv.slice(1);
  if (args[0] === '--version') {
    ctx.stdout.write('tini version 0.19.0 - git.de40ad0\n');
    return 0;
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    ctx.stdout.write(TINI_USAGE);
    return 1;
  }
  const fs = fsOf(ctx);
  const target = resolveExec(fs, args, ctx.env, ctx.ns.programs);
  const common = {
    env: ctx.env,
    cwd: ctx.proc.cwd,
    uid: ctx.proc.uid,
    gid: ctx.proc.gid,
    stdin: ctx.stdin,
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    tty: ctx.tty,
  };
  // the fork happens first; execvp fails in the child, which says so and exits 127/126
  const child =
    'kind' in target
      ? ctx.spawn({
          ...common,
          argv: args,
          program: async (c) => {
            const missing = target.kind === 'not-found' || target.kind === 'no-such-file';
            const why =
              target.kind === 'unsimulated'
                ? target.message
                : new FsError(missing ? 'ENOENT' : 'EACCES', args[0]).message;
            c.stderr.write(`[FATAL tini (${c.proc.nsPid})] exec ${args[0]} failed: ${why}\n`);
            return missing ? 127 : 126;
          },
        })
      : foreignExecutable(fs, target.found) !== undefined
        ? // ENOEXEC is none of the errors tini maps to 126/127
          ctx.spawn({
            ...common,
            argv: args,
            program: async (c) => {
              c.stderr.write(`[FATAL tini (${c.proc.nsPid})] exec ${args[0]} failed: Exec format error\n`);
              return 1;
            },
          })
        : ctx.spawn({ ...common, argv: target.argv, program: target.program.run, rss: target.program.rss });
  if (child === 'EAGAIN') {
    ctx.stderr.write(`[FATAL tini (${ctx.proc.nsPid})] fork failed: Resource temporarily unavailable\n`);
    return 1;
  }
  // tini waits for every signal (sigtimedwait) and passes each on to the child
  for (let sig = 1; sig <= 31; sig++) {
    if (sig === SIGKILL || sig === SIGSTOP || sig === SIGCHLD) continue;
    ctx.trap(sig, () => {
      ctx.kill(child.nsPid, sig);
    });
  }
  const st = await ctx.wait(child.exited);
  return st.signal !== undefined ? 128 + st.signal : st.code;
};
