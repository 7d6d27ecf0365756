// docker exec (daemon/exec.go): an exec instance created against a running
// container, then started once — a process that joins the container's PID,
// mount, network and UTS namespaces and its cgroup, whose parent is outside
// the namespace (so its PPID there is 0). Its output goes to the client that
// started it, not to the container's log; a start failure is written into
// the stream as the router does (`%v\r\n`) and sets the exit code.
import { fail, ok, type Result } from '../image/errors';
import { isFsError } from '../fs/types';
import { EMPTY, Pipe, type Writable } from '../kernel/stream';
import { resolveExec } from '../userland/exec';
import { randomHex64 } from '../random';
import type { Daemon } from './daemon';
import type { ContainerEntry } from './containers-entry';
import { FrameConn } from './containers-logs';
import { typeInto } from './containers-tty';
import { exitFromError, processEnv, resolveUser } from './containers-runtime';

export interface ExecCreateBody {
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  DetachKeys?: string;
  Tty?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Privileged?: boolean;
  User?: string;
  WorkingDir?: string;
  ConsoleSize?: [number, number] | null;
}

export interface ExecInstance {
  readonly id: string;
  readonly container: ContainerEntry;
  readonly entrypoint: string;
  readonly args: string[];
  readonly tty: boolean;
  readonly openStdin: boolean;
  readonly openStdout: boolean;
  readonly openStderr: boolean;
  readonly privileged: boolean;
  readonly user: string;
  readonly workingDir: string;
  readonly env: string[];
  readonly detachKeys: string;
  running: boolean;
  exitCode: number | null;
  pid: number;
  canRemove: boolean;
}

export class ExecStore {
  private readonly execs = new Map<string, ExecInstance>();

  constructor(private readonly daemon: Daemon) {}

  /** getActiveContainer's checks, then the instance (POST /containers/{id}/exec). */
  create(c: ContainerEntry, typed: string, body: ExecCreateBody): Result<string> {
    if (!c.running) return fail('conflict', `container ${c.id} is not running`);
    if (c.paused) return fail('conflict', `Container ${typed} is paused, unpause the container before exec`);
    if (c.restarting)
      return fail('conflict', `Container ${c.id} is restarting, wait until the container is running`);
    const cmd = body.Cmd ?? [];
    if (cmd.length === 0) return fail('invalid', 'No exec command specified');
    if (body.User) {
      const u = c.live ? resolveUser(c.live.ns, body.User) : { error: '' };
      if ('error' in u) return fail('invalid', u.error);
    }
    const id = randomHex64(this.daemon.deps.random);
    const e: ExecInstance = {
      id,
      container: c,
      entrypoint: cmd[0],
      args: cmd.slice(1),
      tty: body.Tty === true,
      openStdin: body.AttachStdin === true,
      openStdout: body.AttachStdout === true,
      openStderr: body.AttachStderr === true,
      privileged: body.Privileged === true,
      user: body.User || c.rec.Config.User || '',
      workingDir: body.WorkingDir || c.rec.Config.WorkingDir || '',
      env: body.Env ?? [],
      detachKeys: body.DetachKeys ?? '',
      running: false,
      exitCode: null,
      pid: 0,
      canRemove: false,
    };
    this.execs.set(id, e);
    this.daemon.event(c, `exec_create: ${e.entrypoint} ${e.args.join(' ')}`, { execID: id });
    return ok(id);
  }

  get(id: string): Result<ExecInstance> {
    const e = this.execs.get(id);
    return e ? ok(e) : fail('notFound', `No such exec instance: ${id}`);
  }

  /** The exec instances of a container that have not ended (ExecIDs of inspect). */
  of(c: ContainerEntry): string[] {
    return [...this.execs.values()].filter((e) => e.container === c && e.exitCode === null).map((e) => e.id);
  }

  /**
   * POST /exec/{id}/start. With `detach` the answer is the start's outcome;
   * otherwise a connection carrying the process's output (or the error text).
   */
  start(id: string, detach: boolean): Result<FrameConn | undefined> {
    const got = this.get(id);
    if (!got.ok) return got;
    const e = got.value;
    const c = e.container;
    if (c.removed) return fail('notFound', `No such container: ${id}`);
    const refuse = !c.running
      ? `container ${c.id} is not running`
      : c.paused
        ? `Container ${c.id} is paused, unpause the container before exec`
        : c.restarting
          ? `Container ${c.id} is restarting, wait until the container is running`
          : undefined;
    if (refuse) return fail('conflict', refuse);
    if (e.exitCode !== null) return fail('conflict', `exec command ${e.id} has already run`);
    if (e.running) return fail('conflict', `exec command ${e.id} is already running`);
    e.running = true;
    this.daemon.event(c, `exec_start: ${e.entrypoint} ${e.args.join(' ')}`, { execID: e.id });

    const conn = detach ? undefined : new FrameConn(e.tty);
    const out = (stream: 'stdout' | 'stderr', wanted: boolean): Writable => ({
      write: (chunk) => {
        if (!conn || !wanted || chunk === '') return true;
        conn.push({ stream: e.tty ? 'stdout' : stream, data: e.tty ? chunk.replace(/\n/g, '\r\n') : chunk });
        return !conn.isEnded;
      },
      close: () => undefined,
    });
    const failed = (message: string) => {
      const r = exitFromError(message);
      e.running = false;
      e.exitCode = r.exitCode;
      e.canRemove = true;
      if (!conn) return fail(r.status === 400 ? 'invalid' : 'system', r.message);
      conn.push({ stream: 'stdout', data: `${r.message}\r\n` });
      conn.end();
      return ok(conn);
    };
    const live = c.live!;
    const user = resolveUser(live.ns, e.user, c.rec.HostConfig.GroupAdd ?? []);
    if ('error' in user)
      return failed(
        `OCI runtime exec failed: exec failed: unable to start container process: ${user.error}: unknown`,
      );
    const env = processEnv(c.rec, e.tty, user.home, e.env);
    const cwd = e.workingDir || '/';
    // runc's validateProcessSpec refuses a relative one before anything starts
    if (!cwd.startsWith('/'))
      return failed('OCI runtime exec failed: exec failed: Cwd must be an absolute path: unknown');
    // runc's init changes to the working directory (still as root) before the exec; unlike
    // `run -w`, nobody makes it
    const cwdSt = live.ns.stat(cwd);
    const cwdErr = isFsError(cwdSt) ? cwdSt.message : cwdSt.kind !== 'dir' ? 'Not a directory' : undefined;
    if (cwdErr !== undefined)
      return failed(
        `OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd (${JSON.stringify(cwd)}) set in config.json failed: ${cwdErr.charAt(0).toLowerCase()}${cwdErr.slice(1)}: unknown`,
      );
    const target = resolveExec(
      live.ns.as({ uid: user.uid, gid: user.gid, cwd }),
      [e.entrypoint, ...e.args],
      env,
      this.daemon.deps.programs,
    );
    if ('kind' in target)
      return failed(
        `OCI runtime exec failed: exec failed: unable to start container process: ${target.message}: unknown`,
      );
    const stdin = e.openStdin && conn ? new Pipe() : undefined;
    const p = this.daemon.deps.kernel.spawn({
      parent: live.shim,
      program: target.program.run,
      argv: target.argv,
      env,
      cwd,
      uid: user.uid,
      gid: user.gid,
      groups: user.groups,
      pidns: live.pidns,
      cgroup: live.cgroup,
      ns: live.sys,
      stdin: stdin ?? EMPTY,
      stdout: out('stdout', e.openStdout || detach),
      stderr: out('stderr', e.openStderr || detach),
      tty: e.tty,
      rss: target.program.rss,
    });
    if (p === 'EAGAIN')
      return failed(
        'OCI runtime exec failed: exec failed: unable to start container process: read init-p: connection reset by peer: unknown',
      );
    e.pid = p.pid;
    if (conn && stdin) {
      conn.onInput(
        (data) => typeInto(stdin, data, e.tty, (sig) => this.daemon.deps.kernel.signal(p, sig)),
        () => stdin.close(),
      );
    }
    void p.exited.then((s) => {
      e.running = false;
      e.exitCode = s.code;
      e.canRemove = true;
      this.daemon.event(c, 'exec_die', { execID: e.id, exitCode: String(s.code) });
      conn?.end();
    });
    return ok(conn);
  }

  /** GET /exec/{id}/json (container.ExecInspect). */
  inspect(id: string): Result<Record<string, unknown>> {
    const got = this.get(id);
    if (!got.ok) return got;
    const e = got.value;
    const pc: Record<string, unknown> = {
      tty: e.tty,
      entrypoint: e.entrypoint,
      arguments: e.args,
      privileged: e.privileged,
    };
    if (e.user) pc.user = e.user;
    return ok({
      ID: e.id,
      Running: e.running,
      ExitCode: e.exitCode,
      ProcessConfig: pc,
      OpenStdin: e.openStdin,
      OpenStderr: e.openStderr,
      OpenStdout: e.openStdout,
      CanRemove: e.canRemove,
      ContainerID: e.container.id,
      DetachKeys: e.detachKeys,
      Pid: e.pid,
    });
  }
}
