// The container side of dockerd: an xstate actor that owns one child actor
// of the lifecycle machine per container, the store of containers by ID and
// name, create and start, and the runtime adapter the machine drives (start
// PID 1, signal it, freeze it) with what follows a process's exit: log
// flush, cleanup, the die event, restart decisions and --rm.
import { createActor, setup, type Actor } from 'xstate';
import type { Clock } from '../clock';
import type { EventLog } from '../events';
import { fail, ok, type ErrorKind, type Result } from '../image/errors';
import type { ImageService } from '../image/service';
import type { Cgroup } from '../kernel/cgroup';
import type { NetworkStack } from '../kernel/network';
import type { ExitStatus, Kernel, Process } from '../kernel/process';
import { parseSignal, SIGTERM } from '../kernel/signals';
import { Pipe } from '../kernel/stream';
import type { VolumeStore } from '../kernel/volumes';
import type { Random } from '../random';
import type { FileSystem, HostInfo, ProgramTable, Sys } from '../userland/types';
import {
  containerMachine,
  type ContainerStateName,
  type RestartPolicyName,
} from './container-machine';
import { createContainer } from './containers-create';
import { ContainerEntry, type LiveContainer } from './containers-entry';
import { AttachHub, ContainerLog } from './containers-logs';
import { startContainer, type RuntimeDeps } from './containers-runtime';
import type { CreateBody } from './containers-types';
import type { HostShm } from './containers-share';
import { dockerInit } from './containers-init';
import { generateName } from './names';
import { containerNetworks, dropHostsRecord, endpointRecord, logNetworkEvent, modeNetworkName } from './networks-attach';

export interface DaemonDeps {
  clock: Clock;
  random: Random;
  events: EventLog;
  images: ImageService;
  kernel: Kernel<Sys>;
  network: NetworkStack;
  volumes: VolumeStore;
  programs: ProgramTable;
  host: HostInfo;
  /** The host's files, for bind mounts (made on first use: the laptop's disk is big). */
  hostFs: () => FileSystem;
  /** The host's name (containers with --network host take it). */
  hostname: string;
  /** The host's /dev/shm (--ipc host mounts it); without it such a start fails as on a host without one. */
  hostShm?: () => HostShm;
}

/**
 * dockerd as an actor: the root of the actor system and the parent of the
 * containers' lifecycle machines (they share its clock and scheduler). The
 * store creates them itself rather than by spawnChild: xstate copies a
 * parent's children object on every spawn and stop, O(containers) per `run`.
 * A container's actor ends when its machine reaches `removed`, a final state.
 */
export const daemonMachine = setup({}).createMachine({ id: 'dockerd' });

const STOPPED: ReadonlySet<ContainerStateName> = new Set(['created', 'exited', 'removed']);

/** Containers by ID and name, with the runtime that starts them; Daemon adds the operations on them. */
export class ContainerStore {
  readonly actor: Actor<typeof daemonMachine>;
  private readonly byId = new Map<string, ContainerEntry>();
  protected readonly names = new Map<string, string>();
  private readonly rt: RuntimeDeps;
  private nextChild = 1;

  constructor(readonly deps: DaemonDeps) {
    this.actor = createActor(daemonMachine, { clock: deps.clock }).start();
    if (!deps.programs.get('docker-init'))
      deps.programs.register({ name: 'docker-init', run: dockerInit, rss: 600_000 });
    this.rt = {
      ...deps,
      volumeEvent: (name, action, attrs) =>
        deps.events.emit('volume', action, { ID: name, Attributes: attrs }),
      networkEvent: (net, action, id) => logNetworkEvent(deps.events, net, action, id),
      lookup: (nameOrId) => this.get(nameOrId),
      pidNamespaceOf: (nameOrId) => {
        const c = this.get(nameOrId);
        // getPIDContainer: a lookup error is an invalid parameter; the container must be running
        if (!c.ok) return { status: 400, message: c.message, exitCode: 128 };
        if (!c.value.live || !c.value.running)
          return { status: 409, message: `container ${c.value.id} is not running`, exitCode: 128 };
        return c.value.live.pidns;
      },
    };
    deps.images.setContainers(() =>
      this.all().map((c) => ({ id: c.id, imageId: c.rec.ImageId, running: c.running })),
    );
    deps.kernel.on({ oom: (cg) => this.onOom(cg) });
  }

  // ---- lookup ----

  /** GetContainer: full ID, exact name, then a unique ID prefix. */
  get(nameOrId: string): Result<ContainerEntry> {
    if (nameOrId === '') return fail('invalid', `invalid name or ID supplied: ""`);
    const exact = this.byId.get(nameOrId);
    if (exact) return ok(exact);
    const byName = this.names.get(nameOrId.startsWith('/') ? nameOrId : `/${nameOrId}`);
    if (byName) return ok(this.byId.get(byName)!);
    let found: ContainerEntry | undefined;
    for (const [id, c] of this.byId) {
      if (!id.startsWith(nameOrId)) continue;
      if (found) return fail('invalid', `multiple IDs found with provided prefix: ${nameOrId}`);
      found = c;
    }
    return found ? ok(found) : fail('notFound', `No such container: ${nameOrId}`);
  }

  /** Every container, oldest first. */
  all(): ContainerEntry[] {
    return [...this.byId.values()];
  }

  // ---- create ----

  create(name: string, body: CreateBody): Result<{ Id: string; Warnings: string[] }> {
    const r = createContainer(
      {
        ...this.deps,
        networkExists: (n) => this.deps.network.network(n) !== undefined,
        nameOwner: (n) => this.names.get(n),
        lookup: this.rt.lookup,
      },
      name,
      body,
    );
    if (!r.ok) return r;
    const { rec, root, files, rootInfo, warnings } = r.value;
    const driver = rec.HostConfig.LogConfig?.Type ?? 'json-file';
    const c = new ContainerEntry(
      rec,
      root,
      files,
      rootInfo,
      new ContainerLog(this.deps.clock, driver === 'json-file' || driver === 'local'),
      new AttachHub(),
    );
    if (rec.Config.OpenStdin) c.stdin = new Pipe();
    const store = this.deps.images.store;
    const top = rec.ImageId ? store.topLayer(rec.ImageId) : undefined;
    if (top !== undefined && store.acquireLayer(top)) c.layerHold = top;
    this.byId.set(rec.Id, c);
    this.names.set(rec.Name, rec.Id);
    const policy = rec.HostConfig.RestartPolicy ?? { Name: 'no', MaximumRetryCount: 0 };
    c.ref = createActor(containerMachine, {
      parent: this.actor,
      id: String(this.nextChild++),
      input: {
        runtime: {
          start: () => this.runtimeStart(c),
          signal: (sig) => this.runtimeSignal(c, sig),
          freeze: () => c.live?.cgroup.freeze(),
          thaw: () => c.live?.cgroup.thaw(),
        },
        restartPolicy: {
          Name: policy.Name as RestartPolicyName,
          MaximumRetryCount: policy.MaximumRetryCount,
        },
        stopSignal: this.stopSignalOf(c),
        stopTimeoutMs: (rec.Config.StopTimeout ?? 10) * 1000,
        now: () => this.deps.clock.now(),
      },
    }).start();
    let prev = c.machineState;
    c.settledState = prev;
    c.ref.subscribe((snap) => {
      const now = snap.value as ContainerStateName;
      if (now === prev) return;
      c.settledState = now;
      const was = prev;
      prev = now;
      if (STOPPED.has(now) && !STOPPED.has(was)) for (const l of [...c.stopListeners]) l();
      // a restart that fails or is cancelled ends the container for good: --rm applies
      if (
        now === 'exited' &&
        (was === 'restarting' || was === 'starting') &&
        rec.HostConfig.AutoRemove &&
        !c.manualRestart
      )
        void Promise.resolve().then(() => this.removeEntry(c, true));
    });
    this.event(c, 'create');
    return ok({ Id: rec.Id, Warnings: warnings });
  }

  // ---- start and the runtime the machine drives ----

  start(c: ContainerEntry): Result<'started' | 'notModified'> {
    if (c.paused) return fail('conflict', 'cannot start a paused container, try unpause instead');
    if (c.running) return ok('notModified');
    if (c.removed) return fail('conflict', 'container is marked for removal and cannot be started');
    c.startError = undefined;
    c.rec.RestartCount = 0;
    c.ref.send({ type: 'container.start' });
    const err = c.startError as { status: number; message: string } | undefined;
    if (err) {
      if (c.rec.HostConfig.AutoRemove) this.removeEntry(c, true);
      return fail(kindOf(err.status), err.message);
    }
    return ok('started');
  }

  private runtimeStart(c: ContainerEntry): void {
    let r: ReturnType<typeof startContainer>;
    try {
      r = startContainer(this.rt, c);
    } catch (e) {
      // a bug of ours must not take the container's actor down: say so as the start's error
      const why = e instanceof Error ? e.message : String(e);
      r = {
        status: 500,
        message: `stevedore: internal error while starting the container: ${why}`,
        exitCode: 128,
      };
    }
    if ('exitCode' in r) {
      c.startError = r;
      c.rec.State.Error = r.message;
      // containerStart's deferred handler: 126/127 come from the runtime's error; the
      // generic 128 only "if no one else has set it", over a zero exit code
      if (r.exitCode !== 128 || c.rec.State.ExitCode === 0) c.rec.State.ExitCode = r.exitCode;
      c.rec.State.Pid = 0;
      c.ref.send({ type: 'start.failed' });
      return;
    }
    const st = c.rec.State;
    c.live = r;
    st.Pid = r.pid1.pid;
    st.StartedAt = this.deps.clock.now();
    st.ExitCode = 0;
    st.Error = '';
    st.OOMKilled = false;
    // the endpoint on the NetworkMode's network is `Network`; those on networks connected later, `Endpoints`
    const stack = this.deps.network;
    const mode = stack.network(modeNetworkName(c.rec));
    for (const { net, ep } of stack.endpointsOf(c.id)) {
      if (net === mode) c.rec.Network = endpointRecord(net, ep);
      else c.rec.Endpoints = { ...(c.rec.Endpoints ?? {}), [net.name]: endpointRecord(net, ep) };
    }
    c.rec.Ports = portsOf(c, r);
    void r.pid1.exited.then((s) => this.onPid1Exit(c, r, s));
    this.event(c, 'start');
    c.ref.send({ type: 'process.started' });
  }

  private runtimeSignal(c: ContainerEntry, sig: number): void {
    this.event(c, 'kill', { signal: String(sig) });
    if (c.live) this.deps.kernel.signal(c.live.pid1, sig);
  }

  private onPid1Exit(c: ContainerEntry, live: LiveContainer, status: ExitStatus): void {
    if (c.live !== live) return;
    c.log.flush();
    const st = c.rec.State;
    const now = this.deps.clock.now();
    st.Pid = 0;
    st.ExitCode = status.code;
    st.FinishedAt = now;
    this.cleanup(c, live);
    c.ref.send({ type: 'process.exit', code: status.code });
    if (c.restarting) c.rec.RestartCount++;
    this.event(c, 'die', {
      exitCode: String(status.code),
      execDuration: String(Math.floor((now - st.StartedAt) / 1000)),
    });
    for (const l of [...c.exitListeners]) l(status.code);
    if (c.machineState === 'exited' && c.rec.HostConfig.AutoRemove && !c.manualRestart)
      this.removeEntry(c, true);
  }

  /** Daemon.Cleanup: releaseNetwork (a disconnect event per network), volume unmounts, the cgroup, a fresh stdin. */
  private cleanup(c: ContainerEntry, live: LiveContainer): void {
    c.live = undefined;
    const stack = this.deps.network;
    const nets = live.endpoint ? stack.endpointsOf(c.id).map((x) => x.net) : containerNetworks(stack, c.rec);
    if (live.endpoint) {
      for (const { ep } of stack.endpointsOf(c.id)) dropHostsRecord(c.files, c.rec, ep.ip);
      stack.detach(c.id);
    } else stack.ports.release(c.id);
    for (const n of nets) logNetworkEvent(this.deps.events, n, 'disconnect', c.id);
    c.rec.Network = undefined;
    c.rec.Endpoints = undefined;
    c.rec.Ports = {};
    live.cgroup.thaw();
    this.deps.kernel.terminate(live.shim, { code: 0 });
    for (const v of live.volumes)
      this.deps.events.emit('volume', 'unmount', { ID: v, Attributes: { container: c.id, driver: 'local' } });
    if (c.stdin) {
      c.stdin.close();
      c.stdin = new Pipe();
    }
  }

  private onOom(cg: Cgroup): void {
    for (const c of this.byId.values()) {
      if (c.live?.cgroup !== cg) continue;
      c.rec.State.OOMKilled = true;
      this.event(c, 'oom');
    }
  }

  protected stopSignalOf(c: ContainerEntry): number {
    return parseSignal(c.rec.Config.StopSignal || 'SIGTERM') ?? SIGTERM;
  }

  /** Resolves once the machine is in a state without a process (exited, created, removed). */
  untilStopped(c: ContainerEntry): Promise<void> {
    if (STOPPED.has(c.machineState)) return Promise.resolve();
    return new Promise((resolve) => {
      const l = () => {
        c.stopListeners.delete(l);
        resolve();
      };
      c.stopListeners.add(l);
    });
  }

  protected removeEntry(c: ContainerEntry, volumes: boolean): void {
    if (c.removed) return;
    c.removed = true;
    this.byId.delete(c.id);
    this.names.delete(c.rec.Name);
    for (const m of c.rec.Mounts) {
      if (m.Type !== 'volume' || !m.Name) continue;
      this.deps.volumes.release(m.Name, c.id);
      if (volumes && m.anonymous) this.deps.volumes.remove(m.Name);
    }
    // ReleaseRWLayer: layers only this container still held (its image removed) go now, silently
    if (c.layerHold !== undefined) this.deps.images.store.releaseLayer(c.layerHold);
    c.layerHold = undefined;
    c.ref.send({ type: 'container.remove' });
    this.event(c, 'destroy');
    // whoever still waits for an exit or a stop of a container that is gone hears of it now
    for (const l of [...c.stopListeners]) l();
    for (const l of [...c.exitListeners]) l(c.rec.State.ExitCode);
    for (const l of [...c.removeListeners]) l();
  }

  /** A name for a new container that is not taken (for callers that need one ahead). */
  freeName(id: string): string {
    return generateName(this.deps.random, (n) => this.names.has(`/${n}`), id);
  }

  /** PID 1 of a running container. */
  pid1(c: ContainerEntry): Process<Sys> | undefined {
    return c.live?.pid1;
  }

  // ---- events ----

  /** LogContainerEventWithAttributes: the given attributes, the labels, then image and name. */
  event(c: ContainerEntry, action: string, attrs: Record<string, string> = {}): void {
    const a: Record<string, string> = { ...attrs, ...(c.rec.Config.Labels ?? {}) };
    if (c.rec.Config.Image) a.image = c.rec.Config.Image;
    a.name = c.rec.Name.replace(/^\/+/, '');
    this.deps.events.emit('container', action, { ID: c.id, Attributes: a });
  }
}

function kindOf(status: number): ErrorKind {
  return status === 400 ? 'invalid' : status === 404 ? 'notFound' : status === 409 ? 'conflict' : 'system';
}

/** NetworkSettings.Ports while running: exposed ports with their host bindings. */
function portsOf(
  c: ContainerEntry,
  live: LiveContainer,
): Record<string, { HostIp: string; HostPort: string }[] | null> {
  const out: Record<string, { HostIp: string; HostPort: string }[] | null> = {};
  if (!live.endpoint) return out;
  for (const p of Object.keys(c.rec.Config.ExposedPorts ?? {})) out[p] = null;
  for (const b of live.ports) {
    const key = `${b.containerPort}/${b.proto}`;
    (out[key] ??= []).push({ HostIp: b.hostIp, HostPort: String(b.hostPort) });
  }
  return out;
}
