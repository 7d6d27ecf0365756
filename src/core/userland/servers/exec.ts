// What entrypoint scripts do to become their server: execve(2) in place
// (same PID, new command line — the server stays PID 1 and gets docker stop's
// signal), setuid/setgid as gosu does, and passwd/group lookups by name.
import { FsError } from '../../fs/types';
import { resolveExec, type ExecFailure, type ExecTarget } from '../exec';
import type { Service } from '../../kernel/network';
import type { Process, SpawnError, SpawnOptions } from '../../kernel/process';
import { fsOf, type FileSystem, type Sys, type UserContext } from '../types';

/** Replace the running program with `target` (argv, env and handlers as execve leaves them). */
export async function execInPlace(ctx: UserContext, target: ExecTarget, env: Record<string, string> = ctx.env): Promise<number> {
  const p = ctx.proc;
  p.argv.splice(0, p.argv.length, ...target.argv);
  if (env !== p.env) {
    for (const k of Object.keys(p.env)) delete p.env[k];
    Object.assign(p.env, env);
  }
  // caught signals are reset by execve; ignored ones stay ignored
  for (const [sig, h] of [...p.handlers]) if (h !== 'ignore') p.handlers.delete(sig);
  ctx.free(p.rss);
  if (target.program.rss) ctx.alloc(target.program.rss);
  return target.program.run({ ...ctx, argv: p.argv, env: p.env });
}

/** Where a script's `exec "$@"` is, for the shell's error when the command is missing. */
export interface ScriptLine {
  script: string;
  line: number;
  shell: 'dash' | 'bash';
}

/** `exec "$@"` of a shell script: PATH lookup, then exec; failures as the script's shell reports them. */
export async function execArgv(ctx: UserContext, argv: string[], at: ScriptLine): Promise<number> {
  const t = resolveExec(fsOf(ctx), argv, ctx.env, ctx.ns.programs);
  if ('kind' in t) return execFailed(ctx, t, argv[0] ?? '', at);
  return execInPlace(ctx, t);
}

function execFailed(ctx: UserContext, f: ExecFailure, name: string, at: ScriptLine): number {
  const where = at.shell === 'bash' ? `${at.script}: line ${at.line}: exec` : `${at.script}: ${at.line}: exec`;
  switch (f.kind) {
    case 'not-found':
    case 'no-such-file':
      ctx.stderr.write(`${where}: ${name}: not found\n`);
      return 127;
    case 'permission-denied':
      ctx.stderr.write(`${where}: ${name}: Permission denied\n`);
      return 126;
    case 'unsimulated':
      ctx.stderr.write(`${f.message}\n`);
      return 126;
  }
}

/**
 * fork(2): a child with the parent's credentials, working directory,
 * environment and stdio unless told otherwise (the kernel's spawn starts
 * from nothing).
 */
export function forkChild(ctx: UserContext, o: Omit<SpawnOptions<Sys>, 'parent' | 'ns'>): Process<Sys> | SpawnError {
  return ctx.spawn({ uid: ctx.proc.uid, gid: ctx.proc.gid, cwd: ctx.proc.cwd, env: { ...ctx.env }, stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, tty: ctx.tty, ...o });
}

/**
 * bind+listen on the process's network namespace; the socket closes when
 * the process ends, however it ends (a SIGKILL runs no cleanup of its own).
 */
export function listenWhileAlive(ctx: UserContext, port: number, service: Service): 'EADDRINUSE' | undefined {
  const err = ctx.ns.net.listen(port, service);
  if (err) return err;
  const net = ctx.ns.net;
  const off = ctx.kernel.on({
    exit: (p) => {
      if (p !== ctx.proc) return;
      if (net.accept('0.0.0.0', port) === service) net.unlisten(port);
      off();
    },
  });
  return undefined;
}

/**
 * setgid+setuid as root may do them (gosu, su-exec): the kernel keeps a
 * process's credentials in its spawn record, which is what uid/gid read.
 */
export function setCredentials(ctx: UserContext, uid: number, gid: number): void {
  const o = ctx.kernel.optionsOf(ctx.proc);
  o.uid = uid;
  o.gid = gid;
}

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export function lookupUser(fs: FileSystem, spec: string): PasswdEntry | undefined {
  const text = fs.readFile('/etc/passwd');
  if (text instanceof FsError) return undefined;
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 7) continue;
    if (f[0] === spec || f[2] === spec) return { name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5], shell: f[6] };
  }
  if (/^\d+$/.test(spec)) return { name: spec, uid: Number(spec), gid: Number(spec), home: '/', shell: '' };
  return undefined;
}

export function lookupGroup(fs: FileSystem, spec: string): number | undefined {
  if (/^\d+$/.test(spec)) return Number(spec);
  const text = fs.readFile('/etc/group');
  if (text instanceof FsError) return undefined;
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f[0] === spec) return Number(f[2]);
  }
  return undefined;
}
