// A container's filesystem as Docker and runc assemble it: the init layer
// (daemon/initlayer) between the image and the container's upper, the
// overlay2 mount line, and the mount namespace runc builds at start —
// /proc and /sys/fs/cgroup generated for whoever reads them, /dev with
// runc's devices, the daemon's /etc/hosts, hostname and resolv.conf, the
// user's volumes and binds (sorted by depth), /sbin/docker-init with --init,
// and the masked and read-only paths of the default OCI spec.
import { buildLayer, OverlayMount, type Layer } from '../fs';
import { sha256Hex } from '../hash';
import type { Cgroup } from '../kernel/cgroup';
import { DEV_NODES, type DeviceKind } from '../kernel/devices';
import { MountNamespace, type MountSpec, type Reader } from '../kernel/mount-ns';
import type { Process } from '../kernel/process';
import type { MountInfo } from '../userland/procfs';
import { makeDeviceNodes, type ContainerDevice } from './containers-devices';
import type { FileSystem, Sys } from '../userland/types';
import {
  cgroupFs,
  devLayer,
  dockerInitFs,
  emptyDir,
  procFs,
  ptsLayer,
  sysFs,
  type ProcSource,
} from './containers-trees';
import { memoByKey } from '../memo';

export { cgroupFs, devLayer, procFs, sysFs, type ProcSource } from './containers-trees';

const HOST_FS = 'rw,relatime,discard,errors=remount-ro';

// ---- the init layer ----

let initLayerMade: Layer | undefined;

/**
 * setupInitLayer: the same few entries for every container. One layer serves them
 * all (the image's merged tree with it on top is built once), and each container's
 * root mount reads its entries stamped with the container's creation time
 * (OverlayOptions.stampTop).
 */
export function initLayer(): Layer {
  if (!initLayerMade) {
    const file = { content: '', mode: 0o755 };
    initLayerMade = buildLayer({
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
    });
  }
  return initLayerMade;
}

/**
 * overlay2's short link names (l/<26 chars>) are base32 of random bytes; the
 * layer's directory name is random hex already, so its bytes serve (the
 * init layer's, "<id>-init", reads them from the other end). Kept: an
 * image's layers are named on every container made from it.
 */
export const linkId = memoByKey(4096, makeLinkId);

function makeLinkId(cacheId: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const init = cacheId.endsWith('-init');
  const hex = /^[0-9a-f]{64}/.test(cacheId) ? cacheId.slice(0, 64) : sha256Hex(cacheId);
  const chars = new Array<string>(26);
  for (let i = 0; i < 26; i++) {
    const at = init ? 62 - i * 2 : i * 2;
    chars[i] = alphabet[parseInt(hex.slice(at, at + 2), 16) & 31];
  }
  return chars.join('');
}

/** The `overlay /` line of /proc/mounts: init layer, then the image's layers top first. */
export function overlayInfo(layerId: string, imageCacheIds: readonly string[], readOnly: boolean): MountInfo {
  const dir = '/var/lib/docker/overlay2';
  const lowers = [makeLinkId(`${layerId}-init`), ...[...imageCacheIds].reverse().map(linkId)].map(
    (l) => `${dir}/l/${l}`,
  );
  return {
    source: 'overlay',
    target: '/',
    fstype: 'overlay',
    options: `${readOnly ? 'ro' : 'rw'},relatime,lowerdir=${lowers.join(':')},upperdir=${dir}/${layerId}/diff,workdir=${dir}/${layerId}/work,nouserxattr`,
  };
}

// ---- the namespace ----

export interface UserMount {
  destination: string;
  source: FileSystem;
  /** Path inside `source` ("/" for a volume, the host path for a bind). */
  root: string;
  readOnly: boolean;
  /** A tmpfs (`--tmpfs`, `--mount type=tmpfs`): its /proc/mounts options and size; else an ext4 bind. */
  tmpfs?: { options: string; size: number };
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
  /** --ipc none: no /dev/shm mount (the directory of /dev stays). */
  noShm?: boolean;
  /** --shm-size, for a /dev/shm of its own (--ipc private). */
  shmSize?: number;
  /** --ipc shareable|host|container:X: a /dev/shm shared with others (else a tmpfs of its own). */
  shm?: { source: () => FileSystem; info?: MountInfo };
  proc: Omit<ProcSource, 'mounts'>;
  cgroup: Cgroup | undefined;
  /** --device: the host's nodes runc makes in the container. */
  devices?: readonly ContainerDevice[];
  /** PID 1 once it runs: who /proc is about for readers that do not say. */
  pid1: () => Process<Sys> | undefined;
}

const HOST_FS_RO = HOST_FS.replace('rw', 'ro');
const PROC_OPTS = 'rw,nosuid,nodev,noexec,relatime';
const DEVPTS_OPTS = 'rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666';
const TMPFS_64M = { size: 67_108_864, used: 0 };
/** The /proc/mounts lines that are the same in every container (shared, never changed). */
const INFO: Record<string, MountInfo> = Object.freeze({
  proc: { source: 'proc', target: '/proc', fstype: 'proc', options: PROC_OPTS },
  dev: {
    source: 'tmpfs',
    target: '/dev',
    fstype: 'tmpfs',
    options: 'rw,nosuid,size=65536k,mode=755,inode64',
    ...TMPFS_64M,
  },
  pts: { source: 'devpts', target: '/dev/pts', fstype: 'devpts', options: DEVPTS_OPTS },
  sys: { source: 'sysfs', target: '/sys', fstype: 'sysfs', options: 'ro,nosuid,nodev,noexec,relatime' },
  cgroup: {
    source: 'cgroup',
    target: '/sys/fs/cgroup',
    fstype: 'cgroup2',
    options: 'ro,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot',
  },
  mqueue: {
    source: 'mqueue',
    target: '/dev/mqueue',
    fstype: 'mqueue',
    options: 'rw,nosuid,nodev,noexec,relatime',
  },
  shm: {
    source: 'shm',
    target: '/dev/shm',
    fstype: 'tmpfs',
    options: 'rw,nosuid,nodev,noexec,relatime,size=65536k,inode64',
    ...TMPFS_64M,
  },
  console: { source: 'devpts', target: '/dev/console', fstype: 'devpts', options: DEVPTS_OPTS },
  init: { source: '/dev/sda1', target: '/sbin/docker-init', fstype: 'ext4', options: HOST_FS_RO },
});
const ETC_INFO = ['resolv.conf', 'hostname', 'hosts'].map((f): [string, MountInfo, MountInfo] => [
  f,
  { source: '/dev/sda1', target: `/etc/${f}`, fstype: 'ext4', options: HOST_FS },
  { source: '/dev/sda1', target: `/etc/${f}`, fstype: 'ext4', options: HOST_FS_RO },
]);
const PROC_RO = ['bus', 'fs', 'irq', 'sys', 'sysrq-trigger'].map((p): [string, MountInfo] => [
  p,
  { source: 'proc', target: `/proc/${p}`, fstype: 'proc', options: PROC_OPTS.replace('rw', 'ro') },
]);
const MASKED_FILES = ['/proc/interrupts', '/proc/kcore', '/proc/keys', '/proc/timer_list'];
const MASKED_DIRS = ['/proc/acpi', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap'];
const MASK_ORDER = [
  '/proc/acpi',
  '/proc/interrupts',
  '/proc/kcore',
  '/proc/keys',
  '/proc/timer_list',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/devices/virtual/powercap',
];
/**
 * The /dev/shm line of a container's own shm (moby: "mode=1777,size=" + ShmSize): the kernel
 * shows the size in KiB, whole pages; the default 64 MiB line is shared.
 */
export function shmInfo(bytes: number | undefined): MountInfo {
  if (!bytes || bytes === TMPFS_64M.size) return INFO.shm;
  const kib = Math.ceil(bytes / 4096) * 4;
  return { ...INFO.shm, options: `rw,nosuid,nodev,noexec,relatime,size=${kib}k,inode64`, size: kib * 1024 };
}

const maskInfos = new Map<number, Map<string, MountInfo>>();
/** Masked files are /dev/null bind-mounted (the /dev tmpfs); masked directories a fresh read-only tmpfs (half the RAM). */
function maskInfo(memTotal: number): Map<string, MountInfo> {
  let m = maskInfos.get(memTotal);
  if (!m) {
    m = new Map();
    const size = Math.floor(memTotal / 2 / 4096) * 4096;
    for (const f of MASKED_FILES)
      m.set(f, {
        source: 'tmpfs',
        target: f,
        fstype: 'tmpfs',
        options: 'rw,nosuid,size=65536k,mode=755,inode64',
        ...TMPFS_64M,
      });
    for (const d of MASKED_DIRS)
      m.set(d, {
        source: 'tmpfs',
        target: d,
        fstype: 'tmpfs',
        options: 'ro,relatime,inode64',
        size,
        used: 0,
      });
    maskInfos.set(memTotal, m);
  }
  return m;
}
/** The device nodes of a container's namespace (each namespace copies the table only if it changes). */
export const BASE_DEVICES: ReadonlyMap<string, DeviceKind> = new Map<string, DeviceKind>([
  ...DEV_NODES.map((d): [string, DeviceKind] => [`/dev/${d.name}`, d.kind]),
  ['/dev/pts/ptmx', 'ptmx'],
  ...MASKED_FILES.map((f): [string, DeviceKind] => [f, 'null']),
]);
const TTY_DEVICES: ReadonlyMap<string, DeviceKind> = new Map<string, DeviceKind>([
  ...BASE_DEVICES,
  ['/dev/pts/0', 'tty'],
  ['/dev/console', 'tty'],
]);

/** A filesystem made the first time someone looks (most containers never look at /dev/shm). */
function lazy(make: () => FileSystem): () => FileSystem {
  let fs: FileSystem | undefined;
  return () => (fs ??= make());
}

/** The mount table runc makes from the OCI spec Docker generates. */
export function containerNamespace(parts: NamespaceParts): MountNamespace {
  const holder: { ns?: MountNamespace } = {};
  const procSrc: ProcSource = { ...parts.proc, mounts: () => holder.ns?.mounts() ?? [] };
  const proc = (r: Reader) => procFs(procSrc, r);
  const clock = parts.proc.kernel.clock;
  const now = clock.now();
  const tty = parts.tty;
  const dev = lazy(() => new OverlayMount([devLayer(now, tty, !parts.noShm)], { clock }));
  const devpts = lazy(() => new OverlayMount([ptsLayer(now, tty)], { clock }));
  const shm = lazy(() => new OverlayMount([], { clock, root: { mode: 0o1777 } }));
  const mqueue = lazy(() => new OverlayMount([], { clock, root: { mode: 0o1777 } }));
  const cg = parts.cgroup;
  const mounts: MountSpec[] = [
    { target: '/', source: parts.root, readOnly: parts.readOnly, info: parts.rootInfo },
    { target: '/proc', source: proc, info: INFO.proc },
    { target: '/dev', source: dev, info: INFO.dev },
    { target: '/dev/pts', source: devpts, info: INFO.pts },
    { target: '/sys', source: sysFs(), readOnly: true, info: INFO.sys },
    { target: '/sys/fs/cgroup', source: () => cgroupFs(cg), readOnly: true, info: INFO.cgroup },
    { target: '/dev/mqueue', source: mqueue, info: INFO.mqueue },
  ];
  if (parts.shm)
    mounts.push({ target: '/dev/shm', source: parts.shm.source, info: parts.shm.info ?? INFO.shm });
  else if (!parts.noShm) mounts.push({ target: '/dev/shm', source: shm, info: shmInfo(parts.shmSize) });
  // moby sortMounts: by the number of path components (a stable order here)
  const depth = (p: string) => p.split('/').length;
  for (const m of [...parts.userMounts].sort((a, b) => depth(a.destination) - depth(b.destination))) {
    mounts.push({
      target: m.destination,
      source: m.source,
      root: m.root,
      readOnly: m.readOnly,
      info: m.tmpfs
        ? {
            source: 'tmpfs',
            target: m.destination,
            fstype: 'tmpfs',
            options: m.tmpfs.options,
            size: m.tmpfs.size,
            used: 0,
          }
        : {
            source: '/dev/sda1',
            target: m.destination,
            fstype: 'ext4',
            options: m.readOnly ? HOST_FS_RO : HOST_FS,
          },
    });
  }
  // container.NetworkMounts: the files are writable unless the root is read-only
  for (const [f, info, roInfo] of ETC_INFO)
    mounts.push(
      parts.readOnly
        ? { target: info.target, source: parts.files, root: `/${f}`, readOnly: true, info: roInfo }
        : { target: info.target, source: parts.files, root: `/${f}`, info },
    );
  if (parts.init)
    mounts.push({
      target: '/sbin/docker-init',
      source: dockerInitFs(),
      root: '/docker-init',
      readOnly: true,
      info: INFO.init,
    });
  if (tty) mounts.push({ target: '/dev/console', source: devpts, root: '/0', info: INFO.console });
  for (const [p, info] of PROC_RO)
    mounts.push({ target: info.target, source: proc, root: `/${p}`, readOnly: true, info });
  const masks = maskInfo(parts.proc.host.memTotal);
  for (const m of MASK_ORDER) {
    const info = masks.get(m)!;
    if (MASKED_FILES.includes(m)) mounts.push({ target: m, source: dev, root: '/null', info });
    else mounts.push({ target: m, source: emptyDir(), readOnly: true, info });
  }
  holder.ns = new MountNamespace(mounts, {
    devices: tty ? TTY_DEVICES : BASE_DEVICES,
    defaultReader: parts.pid1,
  });
  if (parts.devices?.length) makeDeviceNodes(holder.ns, parts.devices);
  return holder.ns;
}
