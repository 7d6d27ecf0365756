// The generated filesystems of a container's mount table: procfs for
// whoever reads it (its PID namespace, /proc/self, each process's fds),
// the cgroup v2 directory at the root of the cgroup namespace, sysfs's top
// level, runc's /dev and /dev/pts, and the daemon's docker-init binary.
import { buildLayer, gen, OverlayMount, type Layer, type LayerSpecValue } from '../fs';
import type { Cgroup } from '../kernel/cgroup';
import { DEV_LINKS, DEV_NODES } from '../kernel/devices';
import type { Reader } from '../kernel/mount-ns';
import type { Kernel, Process } from '../kernel/process';
import { EMPTY } from '../kernel/stream';
import { cgroupEntries, procEntries, procLinks, type MountInfo } from '../userland/procfs';
import type { FileSystem, HostInfo, Sys } from '../userland/types';

const PROC_DIRS = ['bus', 'fs', 'irq', 'acpi', 'scsi', 'driver', 'tty'];
const PROC_FILES: Record<string, string> = {
  'sysrq-trigger': '',
  interrupts: '',
  kcore: '',
  keys: '',
  timer_list: '',
  filesystems:
    'nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\tcgroup2\nnodev\tdevpts\nnodev\tmqueue\n\text4\nnodev\toverlay\n',
};

export interface ProcSource {
  kernel: Kernel<Sys>;
  host: HostInfo;
  cgroup: () => Cgroup | undefined;
  mounts: () => MountInfo[];
  /** --cgroupns host: /proc/PID/cgroup shows the cgroup's full path; private (the default) shows "/". */
  cgroupns?: 'private' | 'host';
}

/** procfs as `reader` sees it (its PID namespace, its /proc/self). */
export function procFs(src: ProcSource, reader: Reader): FileSystem {
  const spec: [string, LayerSpecValue][] = [];
  for (const d of PROC_DIRS) spec.push([`/${d}`, { dir: true, mode: 0o555 }]);
  for (const [f, text] of Object.entries(PROC_FILES))
    spec.push([`/${f}`, { content: text, mode: f === 'sysrq-trigger' ? 0o200 : 0o444 }]);
  const self = reader.proc;
  if (self) {
    const o = {
      kernel: src.kernel,
      self,
      host: src.host,
      cgroup: src.cgroup(),
      mounts: src.mounts(),
      cgroupns: src.cgroupns ?? 'private',
    };
    for (const [p, text] of procEntries(o))
      spec.push([p.slice('/proc'.length), { content: text, mode: 0o444 }]);
    for (const [p, target] of procLinks(o)) spec.push([p.slice('/proc'.length), { symlink: target }]);
    for (const [n, p] of self.pidns.members) {
      const proc = p as Process<Sys>;
      spec.push([`/${n}`, { dir: true, mode: 0o555, uid: proc.uid, gid: proc.gid }]);
      spec.push([`/${n}/fd`, { dir: true, mode: 0o500, uid: proc.uid, gid: proc.gid }]);
      for (const fd of [0, 1, 2]) spec.push([`/${n}/fd/${fd}`, { symlink: fdTarget(proc, fd) }]);
    }
  }
  const now = src.kernel.clock.now();
  return new OverlayMount([buildLayer(dirsFirst(spec), { mtime: now })], {
    readOnly: true,
    root: { mode: 0o555 },
  });
}

/** buildLayer keeps the first spec for a path; directories must come before their own metadata is implied. */
function dirsFirst(spec: [string, LayerSpecValue][]): [string, LayerSpecValue][] {
  const seen = new Map<string, LayerSpecValue>();
  for (const [p, v] of spec) if (!seen.has(p) || (typeof v === 'object' && 'dir' in v)) seen.set(p, v);
  return [...seen];
}

/** What a descriptor of a container process points at: its terminal, /dev/null, or the shim's pipe. */
function fdTarget(p: Process<Sys>, fd: number): string {
  const o = p.opts;
  if (o.tty) return '/dev/pts/0';
  if (fd === 0 && (o.stdin === undefined || o.stdin === EMPTY)) return '/dev/null';
  return `pipe:[${(41_000 + p.pid * 3 + fd) % 100_000}]`;
}

/** The container's cgroup at the root of its cgroup namespace. */
export function cgroupFs(cg: Cgroup | undefined): FileSystem {
  const spec: [string, LayerSpecValue][] = cg
    ? cgroupEntries(cg).map(([p, text]) => [p.slice('/sys/fs/cgroup'.length), { content: text, mode: 0o644 }])
    : [];
  return new OverlayMount(spec.length ? [buildLayer(spec)] : [], { readOnly: true, root: { mode: 0o755 } });
}

let sysTree: OverlayMount | undefined;
/** sysfs (read-only in a container): the top-level directories; /sys/fs/cgroup is its own mount. */
export function sysFs(): OverlayMount {
  const spec: [string, LayerSpecValue][] = [
    'block',
    'bus',
    'class',
    'dev',
    'devices/virtual/powercap',
    'firmware',
    'fs/cgroup',
    'hypervisor',
    'kernel',
    'module',
    'power',
  ].map((d) => [`/${d}`, { dir: true }]);
  return (sysTree ??= new OverlayMount([buildLayer(spec)], { readOnly: true }));
}

let emptyRo: OverlayMount | undefined;
/** An empty read-only directory (masked paths), shared by every container. */
export const emptyDir = () => (emptyRo ??= new OverlayMount([], { readOnly: true }));

let initBinary: OverlayMount | undefined;
/** The daemon's docker-init (tini), bind-mounted read-only at /sbin/docker-init with --init. */
export function dockerInitFs(): OverlayMount {
  return (initBinary ??= new OverlayMount(
    [buildLayer({ '/docker-init': { content: gen(59_368, 'elf:docker-init:tini-0.19.0'), mode: 0o755 } })],
    { readOnly: true },
  ));
}

const devLayers = new Map<string, Layer>();
/** runc's /dev (a tmpfs), the same for every container started in one instant. */
export function devLayer(mtime: number, tty: boolean, shm = true): Layer {
  const key = `${mtime}:${tty}:${shm}`;
  let l = devLayers.get(key);
  if (!l) {
    const nodes: Record<string, LayerSpecValue> = {};
    for (const d of DEV_NODES) nodes[`/${d.name}`] = { content: '', mode: d.mode, gid: d.gid };
    for (const [n, t] of DEV_LINKS) nodes[`/${n}`] = { symlink: t };
    // mount points runc makes; with --ipc none nothing is mounted on /dev/shm, so it is not there
    for (const d of shm ? ['pts', 'shm', 'mqueue'] : ['pts', 'mqueue']) nodes[`/${d}`] = { dir: true };
    if (tty) nodes['/console'] = { content: '', mode: 0o620, gid: 5 };
    l = buildLayer(nodes, { mtime });
    if (devLayers.size >= 8) devLayers.delete(devLayers.keys().next().value!);
    devLayers.set(key, l);
  }
  return l;
}

const ptsLayers = new Map<string, Layer>();
/** /dev/pts: ptmx, and the terminal with -t. */
export function ptsLayer(mtime: number, tty: boolean): Layer {
  const key = `${mtime}:${tty}`;
  let l = ptsLayers.get(key);
  if (!l) {
    const pts: Record<string, LayerSpecValue> = { '/ptmx': { content: '', mode: 0o666 } };
    if (tty) pts['/0'] = { content: '', mode: 0o620, gid: 5 };
    l = buildLayer(pts, { mtime });
    if (ptsLayers.size >= 8) ptsLayers.delete(ptsLayers.keys().next().value!);
    ptsLayers.set(key, l);
  }
  return l;
}
