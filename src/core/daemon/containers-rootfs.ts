// A container's filesystem as Docker and runc assemble it: the init layer
// (daemon/initlayer) between the image and the container's upper, the
// overlay2 mount line, and the mount namespace runc builds at start —
// /proc and /sys/fs/cgroup generated for whoever reads them, /dev with
// runc's devices, the daemon's /etc/hosts, hostname and resolv.conf, the
// user's volumes and binds (sorted by depth), /sbin/docker-init with --init,
// and the masked and read-only paths of the default OCI spec.
import { buildLayer, gen, OverlayMount, type Layer, type LayerSpecValue } from '../fs';
import { sha256Hex } from '../hash';
import type { Cgroup } from '../kernel/cgroup';
import { DEV_LINKS, DEV_NODES, type DeviceKind } from '../kernel/devices';
import { MountNamespace, type MountSpec, type Reader } from '../kernel/mount-ns';
import type { Kernel, Process } from '../kernel/process';
import { EMPTY } from '../kernel/stream';
import { cgroupEntries, procEntries, procLinks, type MountInfo } from '../userland/procfs';
import type { FileSystem, HostInfo, Sys } from '../userland/types';

const HOST_FS = 'rw,relatime,discard,errors=remount-ro';

// ---- the init layer ----

const initLayers = new Map<number, Layer>();

/** setupInitLayer: the same few entries for every container, stamped with its creation time. */
export function initLayerAt(mtime: number): Layer {
  let l = initLayers.get(mtime);
  if (!l) {
    const file = { content: '', mode: 0o755 };
    l = buildLayer(
      {
        '/dev/pts': { dir: true },
        '/dev/shm': { dir: true },
        '/proc': { dir: true },
        '/sys': { dir: true },
        '/.dockerenv': file,
        '/etc/resolv.conf': file,
        '/etc/hosts': file,
        '/etc/hostname': file,
        '/dev/console': file,
        '/etc/mtab': { symlink: '/proc/mounts' },
      },
      { mtime },
    );
    // containers created in the same instant share one (identical) layer and its merged tree
    if (initLayers.size >= 8) initLayers.delete(initLayers.keys().next().value!);
    initLayers.set(mtime, l);
  }
  return l;
}

/** overlay2's short link names (l/<26 chars>): base32 of random bytes; here derived from the layer's directory. */
export function linkId(cacheId: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const h = sha256Hex(cacheId);
  let out = '';
  for (let i = 0; i < 26; i++) out += alphabet[parseInt(h.slice(i * 2, i * 2 + 2), 16) & 31];
  return out;
}

/** The `overlay /` line of /proc/mounts: init layer, then the image's layers top first. */
export function overlayInfo(layerId: string, imageCacheIds: readonly string[], readOnly: boolean): MountInfo {
  const dir = '/var/lib/docker/overlay2';
  const lowers = [linkId(`${layerId}-init`), ...[...imageCacheIds].reverse().map(linkId)].map(
    (l) => `${dir}/l/${l}`,
  );
  return {
    source: 'overlay',
    target: '/',
    fstype: 'overlay',
    options: `${readOnly ? 'ro' : 'rw'},relatime,lowerdir=${lowers.join(':')},upperdir=${dir}/${layerId}/diff,workdir=${dir}/${layerId}/work,nouserxattr`,
  };
}

// ---- generated trees ----

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
      cgroupns: 'private' as const,
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
function sysFs(): OverlayMount {
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
const emptyDir = () => (emptyRo ??= new OverlayMount([], { readOnly: true }));

let initBinary: OverlayMount | undefined;
/** The daemon's docker-init (tini), bind-mounted read-only at /sbin/docker-init with --init. */
export function dockerInitFs(): OverlayMount {
  return (initBinary ??= new OverlayMount(
    [buildLayer({ '/docker-init': { content: gen(59_368, 'elf:docker-init:tini-0.19.0'), mode: 0o755 } })],
    { readOnly: true },
  ));
}

// ---- the namespace ----

export interface UserMount {
  destination: string;
  source: FileSystem;
  /** Path inside `source` ("/" for a volume, the host path for a bind). */
  root: string;
  readOnly: boolean;
}

export interface NamespaceParts {
  root: OverlayMount;
  /** --read-only: the root is mounted read-only (the daemon still writes through its own handle). */
  readOnly: boolean;
  rootInfo: MountInfo;
  /** The daemon's per-container files: /hostname, /hosts, /resolv.conf. */
  files: FileSystem;
  userMounts: UserMount[];
  tty: boolean;
  init: boolean;
  proc: Omit<ProcSource, 'mounts'>;
  cgroup: Cgroup | undefined;
  /** PID 1 once it runs: who /proc is about for readers that do not say. */
  pid1: () => Process<Sys> | undefined;
}

/** The mount table runc makes from the OCI spec Docker generates. */
export function containerNamespace(parts: NamespaceParts): MountNamespace {
  const holder: { ns?: MountNamespace } = {};
  const procSrc: ProcSource = { ...parts.proc, mounts: () => holder.ns?.mounts() ?? [] };
  const proc = (r: Reader) => procFs(procSrc, r);
  const devNodes: Record<string, LayerSpecValue> = {};
  for (const d of DEV_NODES) devNodes[`/${d.name}`] = { content: '', mode: d.mode, gid: d.gid };
  for (const [n, t] of DEV_LINKS) devNodes[`/${n}`] = { symlink: t };
  for (const d of ['pts', 'shm', 'mqueue']) devNodes[`/${d}`] = { dir: true };
  if (parts.tty) devNodes['/console'] = { content: '', mode: 0o620, gid: 5 };
  const dev = new OverlayMount([buildLayer(devNodes, { mtime: parts.proc.kernel.clock.now() })], {
    clock: parts.proc.kernel.clock,
  });
  const pts: Record<string, LayerSpecValue> = { '/ptmx': { content: '', mode: 0o666 } };
  if (parts.tty) pts['/0'] = { content: '', mode: 0o620, gid: 5 };
  const devpts = new OverlayMount([buildLayer(pts, { mtime: parts.proc.kernel.clock.now() })], {
    clock: parts.proc.kernel.clock,
  });
  const clock = parts.proc.kernel.clock;
  const shm = new OverlayMount([], { clock, root: { mode: 0o1777 } });
  const mqueue = new OverlayMount([], { clock, root: { mode: 0o1777 } });
  const cg = parts.cgroup;

  const procOpts = 'rw,nosuid,nodev,noexec,relatime';
  const devptsOpts = 'rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666';
  const mounts: MountSpec[] = [
    { target: '/', source: parts.root, readOnly: parts.readOnly, info: parts.rootInfo },
    {
      target: '/proc',
      source: proc,
      info: { source: 'proc', target: '/proc', fstype: 'proc', options: procOpts },
    },
    {
      target: '/dev',
      source: dev,
      info: {
        source: 'tmpfs',
        target: '/dev',
        fstype: 'tmpfs',
        options: 'rw,nosuid,size=65536k,mode=755,inode64',
        size: 67_108_864,
        used: 0,
      },
    },
    {
      target: '/dev/pts',
      source: devpts,
      info: { source: 'devpts', target: '/dev/pts', fstype: 'devpts', options: devptsOpts },
    },
    {
      target: '/sys',
      source: sysFs(),
      readOnly: true,
      info: { source: 'sysfs', target: '/sys', fstype: 'sysfs', options: 'ro,nosuid,nodev,noexec,relatime' },
    },
    {
      target: '/sys/fs/cgroup',
      source: () => cgroupFs(cg),
      readOnly: true,
      info: {
        source: 'cgroup',
        target: '/sys/fs/cgroup',
        fstype: 'cgroup2',
        options: 'ro,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot',
      },
    },
    {
      target: '/dev/mqueue',
      source: mqueue,
      info: {
        source: 'mqueue',
        target: '/dev/mqueue',
        fstype: 'mqueue',
        options: 'rw,nosuid,nodev,noexec,relatime',
      },
    },
    {
      target: '/dev/shm',
      source: shm,
      info: {
        source: 'shm',
        target: '/dev/shm',
        fstype: 'tmpfs',
        options: 'rw,nosuid,nodev,noexec,relatime,size=65536k,inode64',
        size: 67_108_864,
        used: 0,
      },
    },
  ];
  // moby sortMounts: by the number of path components (a stable order here)
  const depth = (p: string) => p.split('/').length;
  for (const m of [...parts.userMounts].sort((a, b) => depth(a.destination) - depth(b.destination))) {
    mounts.push({
      target: m.destination,
      source: m.source,
      root: m.root,
      readOnly: m.readOnly,
      info: {
        source: '/dev/sda1',
        target: m.destination,
        fstype: 'ext4',
        options: m.readOnly ? HOST_FS.replace('rw', 'ro') : HOST_FS,
      },
    });
  }
  for (const f of ['resolv.conf', 'hostname', 'hosts']) {
    mounts.push({
      target: `/etc/${f}`,
      source: parts.files,
      root: `/${f}`,
      info: { source: '/dev/sda1', target: `/etc/${f}`, fstype: 'ext4', options: HOST_FS },
    });
  }
  if (parts.init) {
    mounts.push({
      target: '/sbin/docker-init',
      source: dockerInitFs(),
      root: '/docker-init',
      readOnly: true,
      info: {
        source: '/dev/sda1',
        target: '/sbin/docker-init',
        fstype: 'ext4',
        options: HOST_FS.replace('rw', 'ro'),
      },
    });
  }
  if (parts.tty)
    mounts.push({
      target: '/dev/console',
      source: devpts,
      root: '/0',
      info: { source: 'devpts', target: '/dev/console', fstype: 'devpts', options: devptsOpts },
    });
  for (const p of ['bus', 'fs', 'irq', 'sys', 'sysrq-trigger']) {
    mounts.push({
      target: `/proc/${p}`,
      source: proc,
      root: `/${p}`,
      readOnly: true,
      info: { source: 'proc', target: `/proc/${p}`, fstype: 'proc', options: procOpts.replace('rw', 'ro') },
    });
  }
  const devices = new Map<string, DeviceKind>(DEV_NODES.map((d) => [`/dev/${d.name}`, d.kind]));
  devices.set('/dev/pts/ptmx', 'ptmx');
  if (parts.tty) {
    devices.set('/dev/pts/0', 'tty');
    devices.set('/dev/console', 'tty');
  }
  const tmpfsMask = 'rw,nosuid,size=65536k,mode=755,inode64';
  for (const m of [
    '/proc/acpi',
    '/proc/interrupts',
    '/proc/kcore',
    '/proc/keys',
    '/proc/timer_list',
    '/proc/scsi',
    '/sys/firmware',
    '/sys/devices/virtual/powercap',
  ]) {
    const isFile =
      m === '/proc/interrupts' || m === '/proc/kcore' || m === '/proc/keys' || m === '/proc/timer_list';
    // masked files are /dev/null bind-mounted; masked directories an empty read-only tmpfs
    if (isFile) {
      mounts.push({
        target: m,
        source: dev,
        root: '/null',
        info: { source: 'tmpfs', target: m, fstype: 'tmpfs', options: tmpfsMask },
      });
      devices.set(m, 'null');
    } else
      mounts.push({
        target: m,
        source: emptyDir(),
        readOnly: true,
        info: { source: 'tmpfs', target: m, fstype: 'tmpfs', options: 'ro,relatime,inode64' },
      });
  }
  holder.ns = new MountNamespace(mounts, { devices, defaultReader: parts.pid1 });
  return holder.ns;
}
