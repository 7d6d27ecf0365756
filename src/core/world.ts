// The whole simulated machine in one place: the clock and randomness every
// part draws on, the registry, the daemon's image service and event log, the
// kernel (one PID table for the laptop and every container), the network
// stack with the outside world, volumes, the laptop's disk, the program
// table, the container daemon, and the Engine API the CLI talks to.
import { VirtualClock, type Clock } from './clock';
import { BASE_DEVICES, cgroupFs, devLayer, procFs, sysFs, type ProcSource } from './daemon/containers-rootfs';
import { makeDeviceNodes } from './daemon/containers-devices';
import { Daemon } from './daemon/daemon';
import { HOST_RESOLV_FILES } from './daemon/resolv-conf';
import { Engine } from './daemon/engine';
import { EventLog } from './events';
import { OverlayMount } from './fs/overlay';
import { hostInfo, hostLayer, HOSTNAME } from './host';
import { Registry } from './image/registry';
import { ImageService } from './image/service';
import { ImageStore, type ImageStoreState } from './image/store';
import type { PullOptions } from './image/pull';
import { HOST_DEVICES } from './kernel/devices';
import { NetworkStack } from './kernel/network';
import { MountNamespace } from './kernel/mount-ns';
import { Kernel } from './kernel/process';
import { VolumeStore } from './kernel/volumes';
import { seededRandom, type Random } from './random';
import { registerOutsideWorld } from './userland/outside';
import type { MountInfo } from './userland/procfs';
import { defaultPrograms } from './userland/programs';
import type { HostInfo, ProgramTable, Sys } from './userland/types';

export interface WorldOptions {
  /** Time source; a VirtualClock (starting at `now`) when omitted. */
  clock?: Clock;
  /** Seed of the world's randomness (IDs, overlay directory names). */
  seed?: number;
  /** Start time of the default VirtualClock, ms since the epoch. */
  now?: number;
  /** Registry contents; the default catalog when omitted. */
  registry?: Registry;
  /** A saved image store to start from (see World.snapshot). */
  images?: ImageStoreState;
  /** Download/extraction speeds of pulls. */
  pull?: PullOptions;
  /** The first PID the laptop's kernel hands out (a desktop session's shells are in the thousands). */
  firstPid?: number;
  /** The program table (defaultPrograms() when omitted). */
  programs?: ProgramTable;
}

export interface World {
  readonly clock: Clock;
  readonly random: Random;
  readonly registry: Registry;
  readonly images: ImageService;
  readonly events: EventLog;
  readonly engine: Engine;
  /** One kernel: the laptop's processes in the root PID namespace, each container's in its own. */
  readonly kernel: Kernel<Sys>;
  readonly network: NetworkStack;
  readonly volumes: VolumeStore;
  readonly programs: ProgramTable;
  readonly daemon: Daemon;
  readonly hostInfo: HostInfo;
  /** The laptop's disk (built on first use). */
  readonly hostFs: OverlayMount;
  /** What a process on the laptop sees (for spawning the student's shell): its mount namespace, hostname, network. */
  readonly host: Sys;
  /** Plain data of the world's state, enough for createWorld({ images }) to rebuild it. */
  snapshot(): { images: ImageStoreState };
}

/**
 * The laptop's mount namespace: its disk at "/", /proc as each reader's PID
 * namespace shows it (the root one for the laptop's processes), devtmpfs /dev
 * with the character devices, /sys, and tmpfs /run and /dev/shm.
 */
function laptopNamespace(
  disk: OverlayMount,
  kernel: Kernel<Sys>,
  info: HostInfo,
  shm: OverlayMount,
): MountNamespace {
  const clock = kernel.clock;
  const src: ProcSource = { kernel, host: info, cgroup: () => undefined, mounts: () => HOST_MOUNTS };
  const at = (target: string) => HOST_MOUNTS.find((m) => m.target === target)!;
  const ns = new MountNamespace(
    [
      { target: '/', source: disk, info: at('/') },
      { target: '/sys', source: sysFs(), readOnly: true, info: at('/sys') },
      { target: '/proc', source: (r) => procFs(src, r), info: at('/proc') },
      {
        target: '/dev',
        source: new OverlayMount([devLayer(clock.now(), false)], { clock }),
        info: at('/dev'),
      },
      { target: '/run', source: runFs(clock), info: at('/run') },
      { target: '/dev/shm', source: shm, info: at('/dev/shm') },
      {
        target: '/sys/fs/cgroup',
        source: () => cgroupFs(undefined),
        readOnly: true,
        info: at('/sys/fs/cgroup'),
      },
    ],
    { devices: BASE_DEVICES },
  );
  // the laptop's own devices beside runc's six (what --device finds)
  makeDeviceNodes(
    ns,
    HOST_DEVICES.map((device) => ({ path: device.path, device })),
  );
  return ns;
}

/** The laptop's /run tmpfs as systemd-resolved fills it (its /etc/resolv.conf links there). */
function runFs(clock: Clock): OverlayMount {
  const run = new OverlayMount([], { clock, root: { mode: 0o755 } });
  run.mkdir('/systemd/resolve', { recursive: true, mode: 0o755 });
  for (const [path, text] of Object.entries(HOST_RESOLV_FILES))
    run.writeFile(path.slice('/run'.length), text, { mode: 0o644 });
  return run;
}

/** The laptop's mount table (`mount`, `df` on the host). */
const HOST_MOUNTS: MountInfo[] = [
  { source: 'sysfs', target: '/sys', fstype: 'sysfs', options: 'rw,nosuid,nodev,noexec,relatime' },
  { source: 'proc', target: '/proc', fstype: 'proc', options: 'rw,nosuid,nodev,noexec,relatime' },
  {
    source: 'udev',
    target: '/dev',
    fstype: 'devtmpfs',
    options: 'rw,nosuid,relatime,size=4005176k,nr_inodes=1001294,mode=755,inode64',
    size: 4_101_300_224,
    used: 0,
  },
  {
    source: 'devpts',
    target: '/dev/pts',
    fstype: 'devpts',
    options: 'rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000',
  },
  {
    source: 'tmpfs',
    target: '/run',
    fstype: 'tmpfs',
    options: 'rw,nosuid,nodev,noexec,relatime,size=803936k,mode=755,inode64',
    size: 823_230_464,
    used: 2_121_728,
  },
  { source: '/dev/sda1', target: '/', fstype: 'ext4', options: 'rw,relatime,discard,errors=remount-ro' },
  {
    source: 'tmpfs',
    target: '/dev/shm',
    fstype: 'tmpfs',
    options: 'rw,nosuid,nodev,inode64',
    size: 4_116_148_224,
    used: 0,
  },
  {
    source: 'cgroup2',
    target: '/sys/fs/cgroup',
    fstype: 'cgroup2',
    options: 'rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot',
  },
];

export function createWorld(opts: WorldOptions = {}): World {
  const clock = opts.clock ?? new VirtualClock(opts.now);
  const random = seededRandom(opts.seed ?? 1);
  const registry = opts.registry ?? new Registry();
  const layerSource = (diffId: string) => registry.layer(diffId);
  const store = opts.images
    ? ImageStore.fromJSON(opts.images, random, layerSource)
    : new ImageStore(random, layerSource);
  const events = new EventLog(clock);
  const images = new ImageService(store, registry, clock, events);
  if (opts.pull) images.pullOptions = opts.pull;
  const kernel = new Kernel<Sys>(clock, opts.firstPid ?? 2_901);
  const network = new NetworkStack(random, clock.now());
  registerOutsideWorld(network, { now: () => clock.now() });
  const volumes = new VolumeStore(clock, random, events);
  const programs = opts.programs ?? defaultPrograms();
  const info = hostInfo(clock.now() - (3 * 3600 + 17 * 60) * 1000);
  // the laptop's disk is thousands of entries: made when something first looks at it
  let hostFs: OverlayMount | undefined;
  const disk = () => (hostFs ??= new OverlayMount([hostLayer()], { clock }));
  // the laptop's /dev/shm tmpfs, which containers with --ipc host mount too
  let shmFs: OverlayMount | undefined;
  const shm = () => (shmFs ??= new OverlayMount([], { clock, root: { mode: 0o1777 } }));
  let host: Sys | undefined;
  const hostSys = (): Sys =>
    (host ??= {
      fs: laptopNamespace(disk(), kernel, info, shm()),
      uts: { hostname: HOSTNAME },
      net: network.hostNetns,
      network,
      host: info,
      programs,
      mounts: () => HOST_MOUNTS,
    } as Sys);
  const daemon = new Daemon({
    clock,
    random,
    events,
    images,
    kernel,
    network,
    volumes,
    programs,
    host: info,
    hostFs: disk,
    hostname: HOSTNAME,
    hostShm: () => ({ fs: shm(), info: HOST_MOUNTS.find((m) => m.target === '/dev/shm')! }),
  });
  const engine = new Engine({ images, daemon, volumes, clock });
  return {
    clock,
    random,
    registry,
    images,
    events,
    engine,
    kernel,
    network,
    volumes,
    programs,
    daemon,
    hostInfo: info,
    get hostFs() {
      return disk();
    },
    get host() {
      return hostSys();
    },
    snapshot: () => ({ images: store.toJSON() }),
  };
}
