// One container as the daemon holds it: its plain-data record, the child
// actor of the lifecycle machine that decides what happens when, its log and
// attached clients, its root filesystem, and — only while it runs — the
// live parts (namespaces, cgroup, PID 1, the stdin pipe, its network endpoint).
import type { ActorRefFrom } from 'xstate';
import type { OverlayMount } from '../fs/overlay';
import type { Cgroup } from '../kernel/cgroup';
import type { MountNamespace } from '../kernel/mount-ns';
import type { Endpoint, PortBinding } from '../kernel/network';
import type { PidNamespace, Process } from '../kernel/process';
import type { Pipe } from '../kernel/stream';
import type { FileSystem, Sys } from '../userland/types';
import type { MountInfo } from '../userland/procfs';
import type { containerMachine, ContainerStateName } from './container-machine';
import { dockerStatus } from './container-machine';
import type { AttachHub, ContainerLog } from './containers-logs';
import type { ShmShare } from './containers-share';
import type { ContainerRecord, StateRecord } from './containers-types';
import type { SummaryMemo } from './containers-summary';
import { jsonCopy } from '../json-copy';

export interface LiveContainer {
  readonly ns: MountNamespace;
  readonly sys: Sys;
  readonly cgroup: Cgroup;
  readonly pidns: PidNamespace;
  readonly pid1: Process<Sys>;
  /** containerd's shim on the host: the parent of PID 1 and of every exec. */
  readonly shim: Process<Sys>;
  readonly endpoint: Endpoint | undefined;
  readonly ports: PortBinding[];
  /** Volume names mounted for this run (unmount events at the end). */
  readonly volumes: string[];
  /** --ipc shareable|host|container:X: the /dev/shm others may join (absent for private and none). */
  readonly shm?: ShmShare;
  /** --network container:X: the donor's /hostname, /hosts, /resolv.conf (absent: the container's own). */
  readonly files?: FileSystem;
}

export interface StartFailure {
  status: number;
  message: string;
}

/** State.Running of a machine state: a task exists (running, paused, being stopped, or between restarts). */
export function isRunningState(s: ContainerStateName): boolean {
  return s === 'running' || s === 'stopping' || s === 'paused' || s === 'restarting';
}

export class ContainerEntry {
  ref!: ActorRefFrom<typeof containerMachine>;
  live: LiveContainer | undefined;
  /** Why the last start failed (read by the start route right after it asked). */
  startError: StartFailure | undefined;
  /** Called when PID 1 exits (attach streams end, waiters wake). */
  readonly exitListeners = new Set<(code: number) => void>();
  /** Called when the machine settles in a not-running state. */
  readonly stopListeners = new Set<() => void>();
  readonly removeListeners = new Set<() => void>();
  removed = false;
  /** A `docker restart` is under way: the exit it causes is not the end (no --rm removal). */
  manualRestart = false;
  /**
   * The machine's state as of its last transition, kept by the store's subscription:
   * a list of a thousand reads it here rather than through each actor's snapshot.
   */
  settledState: ContainerStateName = 'created';
  /** The list's memo of this container's Summary (containers-summary.ts keeps it). */
  summaryMemo: SummaryMemo | undefined;
  /**
   * The image's top layer, held while the container exists (its RW layer's parent,
   * moby's CreateRWLayer): removing the image then leaves the layers in place.
   */
  layerHold: string | undefined;
  /** PID 1's stdin with -i: made at create (and again after each run) so input sent before start waits in it. */
  stdin: Pipe | undefined;

  constructor(
    readonly rec: ContainerRecord,
    readonly root: OverlayMount,
    /** The daemon's files for the container: /hostname, /hosts, /resolv.conf. */
    readonly files: OverlayMount,
    /** The `overlay /` line of the container's mount table. */
    readonly rootInfo: MountInfo,
    readonly log: ContainerLog,
    readonly hub: AttachHub,
  ) {}

  get id(): string {
    return this.rec.Id;
  }

  /** "web" (the name without its slash). */
  get name(): string {
    return this.rec.Name.slice(1);
  }

  get machineState(): ContainerStateName {
    return this.ref.getSnapshot().value as ContainerStateName;
  }

  /** State.Running: a task exists (running, paused, being stopped, or between restarts). */
  get running(): boolean {
    return isRunningState(this.machineState);
  }

  get paused(): boolean {
    return this.machineState === 'paused';
  }

  get restarting(): boolean {
    return this.machineState === 'restarting';
  }

  /** The State object as `docker inspect` shows it, the status words derived from the machine. */
  state(): StateRecord {
    const s = this.machineState;
    const status = this.removed ? 'removing' : dockerStatus(s);
    return {
      ...this.rec.State,
      Status: status,
      Running: this.running,
      Paused: s === 'paused',
      Restarting: s === 'restarting',
      Dead: false,
    };
  }

  /** Plain data of the container (its record with the derived state), for snapshots. */
  toJSON(): ContainerRecord & { MachineState: ContainerStateName } {
    return { ...jsonCopy(this.rec), State: this.state(), MachineState: this.machineState };
  }
}

