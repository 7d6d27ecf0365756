// The Docker daemon's container operations (daemon/stop.go, kill.go,
// restart.go, pause.go, delete.go, wait.go, rename.go) with moby's checks,
// events and error texts, over the container store and its xstate actors
// (containers-store.ts). The machine decides when; these ask it.
import { fail, ok, type Failure, type Result } from '../image/errors';
import type { ClientEnd } from './api';
import { SIGKILL } from '../kernel/signals';
import type { ContainerEntry } from './containers-entry';
import { ContainerStore } from './containers-store';
import { ttyEcho, typeInto } from './containers-tty';
import { validateName } from './names';
import { parseKillSignal, parseMobySignal } from './signal-parse';

export { daemonMachine, type DaemonDeps } from './containers-store';

export interface WaitResult {
  StatusCode: number;
  Error: { Message: string } | null;
}

export class Daemon extends ContainerStore {
  /** ContainerStop: the stop signal, the grace period (`t` seconds, negative = forever), then SIGKILL. */
  async stop(
    c: ContainerEntry,
    opts: { t?: number; signal?: string } = {},
  ): Promise<Result<'stopped' | 'notModified'>> {
    if (!c.running) return ok('notModified');
    let sig = this.stopSignalOf(c);
    if (opts.signal) {
      const s = parseMobySignal(opts.signal);
      if ('error' in s) return fail('invalid', s.error);
      sig = s.sig;
    }
    const t = opts.t ?? c.rec.Config.StopTimeout ?? 10;
    const done = this.untilStopped(c);
    c.ref.send({ type: 'container.stop', timeoutMs: t < 0 ? -1 : t * 1000, signal: sig });
    await done;
    this.event(c, 'stop');
    return ok('stopped');
  }

  /**
   * ContainerKill: SIGKILL (and wait for the exit) unless another signal is named. The router
   * wraps its errors in "cannot kill container: NAME: " (containers-routes.ts).
   */
  async kill(c: ContainerEntry, signal?: string): Promise<Result<void>> {
    let sig: number = SIGKILL;
    if (signal) {
      const s = parseKillSignal(signal);
      if ('error' in s) return fail('invalid', s.error);
      sig = s.sig;
    }
    if (!c.running) return fail('conflict', `container ${c.id} is not running`);
    const done = sig === SIGKILL ? this.untilStopped(c) : undefined;
    c.ref.send({ type: 'container.kill', signal: sig });
    await done;
    return ok(undefined);
  }

  async restart(
    c: ContainerEntry,
    typed: string,
    opts: { t?: number; signal?: string } = {},
  ): Promise<Result<void>> {
    const wrap = (f: Failure) => fail('system', `Cannot restart container ${typed}: ${f.message}`);
    c.manualRestart = true;
    try {
      if (c.running) {
        const s = await this.stop(c, opts);
        if (!s.ok) return wrap(s);
      }
      const r = this.start(c);
      if (!r.ok) return wrap(r);
    } finally {
      c.manualRestart = false;
    }
    this.event(c, 'restart');
    return ok(undefined);
  }

  pause(c: ContainerEntry): Result<void> {
    if (!c.running) return fail('conflict', `container ${c.id} is not running`);
    if (c.paused) return fail('conflict', `Container ${c.id} is already paused`);
    if (c.restarting)
      return fail('conflict', `Container ${c.id} is restarting, wait until the container is running`);
    c.ref.send({ type: 'container.pause' });
    this.event(c, 'pause');
    return ok(undefined);
  }

  unpause(c: ContainerEntry): Result<void> {
    if (!c.paused) return fail('system', `Container ${c.id} is not paused`);
    c.ref.send({ type: 'container.unpause' });
    this.event(c, 'unpause');
    return ok(undefined);
  }

  // ---- remove, wait, rename ----

  async remove(
    c: ContainerEntry,
    typed: string,
    opts: { force?: boolean; volumes?: boolean } = {},
  ): Promise<Result<void>> {
    const cannot = (why: string) => fail('conflict', `cannot remove container "${typed}": ${why}`);
    if (c.running && !opts.force) {
      if (c.paused) return cannot('container is paused and must be unpaused first');
      return cannot(
        `container is ${c.restarting ? 'restarting' : 'running'}: stop the container before removing or force remove`,
      );
    }
    if (c.running) await this.kill(c);
    if (!c.removed) this.removeEntry(c, opts.volumes === true);
    return ok(undefined);
  }

  /**
   * ContainerWait: not-running (now or when it stops for good), next-exit, or removed.
   * A client that hangs up first is no longer waited for: its answer never comes.
   */
  wait(c: ContainerEntry, condition: string, client?: ClientEnd): Result<Promise<WaitResult>> {
    const result = (): WaitResult => ({
      StatusCode: c.rec.State.ExitCode,
      Error: c.rec.State.Error ? { Message: c.rec.State.Error } : null,
    });
    const on = (set: Set<() => void> | Set<(code: number) => void>) =>
      new Promise<WaitResult>((resolve) => {
        const listeners = set as Set<() => void>;
        const l = () => {
          listeners.delete(l);
          offHangup?.();
          resolve(result());
        };
        listeners.add(l);
        // (l runs only later, when the container moves on: offHangup is set by then)
        const offHangup = client?.onHangup(() => listeners.delete(l));
      });
    switch (condition) {
      case '':
      case 'not-running':
        return ok(c.running ? on(c.stopListeners) : Promise.resolve(result()));
      case 'next-exit':
        return ok(on(c.exitListeners));
      case 'removed':
        return ok(c.removed ? Promise.resolve(result()) : on(c.removeListeners));
      default:
        return fail('invalid', `invalid condition: "${condition}"`);
    }
  }

  rename(c: ContainerEntry, newName: string): Result<void> {
    if (newName === '') return fail('invalid', 'Neither old nor new names may be empty');
    const full = newName.startsWith('/') ? newName : `/${newName}`;
    const old = c.rec.Name;
    if (full === old) return fail('invalid', 'Renaming a container with the same name as its current name');
    // reserveName's errors, wrapped by ContainerRename; it names the canonical "/name"
    const reserve = 'Error when allocating new name: ';
    const invalid = validateName(full);
    if (invalid) return fail('invalid', reserve + invalid.replace(/\(([^)]*)\)/, `(${full})`));
    const owner = this.names.get(full);
    if (owner)
      return fail(
        'conflict',
        `${reserve}Conflict. The container name "${full}" is already in use by container "${owner}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    this.names.delete(old);
    this.names.set(full, c.id);
    c.rec.Name = full;
    this.event(c, 'rename', { oldName: old });
    return ok(undefined);
  }

  // ---- input ----

  /** Bytes from an attached client to PID 1's stdin (through the terminal's line discipline with -t). */
  typeInto(c: ContainerEntry, data: string): void {
    const pipe = c.stdin;
    if (!pipe) return;
    if (c.rec.Config.Tty === true) {
      // the pty echoes what is typed into its output, which the log records
      const echo = ttyEcho(data);
      if (echo) c.log.append('stdout', echo);
    }
    typeInto(pipe, data, c.rec.Config.Tty === true, (sig) => {
      if (c.live) this.deps.kernel.signal(c.live.pid1, sig);
    });
  }
}
