// Starting a container, in containerStart's order: the mounts (volume and
// bind setup), the cgroup, the user and environment of the OCI spec, runc's
// mount namespace and executable lookup (the task), then networking (bridge
// endpoints, published ports, /etc/hosts; `network connect` events) and PID 1
// in a new PID namespace. Failures come back with the daemon's text, HTTP
// status and the exit code setExitCodeFromError would record; like Cleanup
// they log `network disconnect` for the container's networks first.
import type { Clock } from '../clock';
import type { OverlayMount } from '../fs/overlay';
import { FsError } from '../fs/types';
import { Cgroup } from '../kernel/cgroup';
import {
  NetNamespace,
  type DockerNetwork,
  type Endpoint,
  type NetworkStack,
  type PortBinding,
  type PortRequest,
  type Proto,
} from '../kernel/network';
import type { Kernel, PidNamespace, Program } from '../kernel/process';
import { EMPTY } from '../kernel/stream';
import type { VolumeStore } from '../kernel/volumes';
import type { Random } from '../random';
import { resolveExec } from '../userland/exec';
import { execFormatError, foreignExecutable } from './containers-platform';
import type { FileSystem, HostInfo, ProgramTable, Sys } from '../userland/types';
import type { ContainerEntry, LiveContainer } from './containers-entry';
import { dockerInit } from './containers-init';
import { ContainerOutput } from './containers-logs';
import { containerNamespace, type UserMount } from './containers-rootfs';
import { convertTmpfsOptions, tmpfsMount } from './containers-tmpfs';
import type { ContainerRecord } from './containers-types';
import { limitsOf, processEnv, resolveUser } from './containers-process';
import { containerNetworks, modeNetworkName, networkNames } from './networks-attach';
import { ipcShm, networkDonor, type HostShm } from './containers-share';
import type { Result } from '../image/errors';

export { limitsOf, processEnv, replaceOrAppend, resolveUser, type ExecUser } from './containers-process';
import type { MountInfo } from '../userland/procfs';
import { gatherDevices } from './containers-devices';
import { dnsOverrides, startResolvConf, type ResolvTransform } from './resolv-conf';

export interface RuntimeDeps {
  clock: Clock;
  /** The host's name (a container with --uts host sees it). */
  hostname: string;
  /**
   * getPIDContainer for --pid container:NAME: the named container's PID namespace, or
   * moby's error (no such container; not running).
   */
  pidNamespaceOf: (nameOrId: string) => PidNamespace | StartError;
  /** GetContainer: the donors of --network and --ipc container:NAME. */
  lookup: (nameOrId: string) => Result<ContainerEntry>;
  /** The host's /dev/shm for --ipc host. */
  hostShm?: () => HostShm;
  random: Random;
  kernel: Kernel<Sys>;
  network: NetworkStack;
  volumes: VolumeStore;
  programs: ProgramTable;
  host: HostInfo;
  hostFs: () => FileSystem;
  /** volume mount/unmount events. */
  volumeEvent: (name: string, action: 'mount' | 'unmount', attrs: Record<string, string>) => void;
  /** network connect/disconnect events. */
  networkEvent: (net: DockerNetwork, action: 'connect' | 'disconnect', containerId: string) => void;
}

export interface StartError {
  status: number;
  message: string;
  exitCode: number;
}

const HOSTS_BASE =
  '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n';

/** HostConfig.ExtraHosts ("name:ip", split at the first colon) as /etc/hosts records. */
function extraHosts(rec: ContainerRecord): string {
  let out = '';
  for (const h of rec.HostConfig.ExtraHosts ?? []) {
    const i = h.indexOf(':');
    const ip = i < 0 ? '' : h.slice(i + 1);
    out += `${ip === 'host-gateway' ? HOST_GATEWAY : ip}\t${i < 0 ? h : h.slice(0, i)}\n`;
  }
  return out;
}
const HOST_GATEWAY = '172.17.0.1';

/** The network a HostConfig.NetworkMode names ('container': another container's namespace). */
export function networkModeOf(rec: ContainerRecord): 'bridge' | 'host' | 'none' | 'container' {
  const m = rec.HostConfig.NetworkMode ?? 'default';
  return m === 'host' ? 'host' : m === 'none' ? 'none' : m.startsWith('container:') ? 'container' : 'bridge';
}

/**
 * What the sandbox makes of the host's resolv.conf: host networking keeps it, a user-defined
 * network's embedded resolver takes the nameservers over, the default bridge and none drop the
 * host's loopback ones; with no endpoint at all (every network disconnected) it is only copied.
 */
function resolvTransform(
  mode: ReturnType<typeof networkModeOf>,
  joined: readonly DockerNetwork[],
): ResolvTransform {
  if (mode === 'host') return 'host';
  if (mode !== 'bridge') return 'legacy';
  if (joined.length === 0) return 'none';
  return joined.some((n) => n.name !== 'bridge') ? 'internal' : 'legacy';
}

/** What runc makes of the container at start; an error leaves nothing behind. */
export function startContainer(d: RuntimeDeps, c: ContainerEntry): LiveContainer | StartError {
  const rec = c.rec;
  const mode = networkModeOf(rec);
  // initializeNetworking: a container network's donor must run; its hostname and files are taken
  let donor: ContainerEntry | undefined;
  if (mode === 'container') {
    const nc = networkDonor(rec, d.lookup);
    if ('status' in nc) return nc;
    donor = nc;
    rec.Config.Hostname = nc.rec.Config.Hostname;
    rec.Config.Domainname = nc.rec.Config.Domainname;
    // a donor that joined another container passes on that one's files
    rec.FilesFrom = nc.rec.FilesFrom ?? nc.id;
  }
  // the sandbox exists from here on: any failure is followed by Cleanup's releaseNetwork,
  // which logs `network disconnect` for each configured network (none in a container's)
  const networks = donor ? [] : containerNetworks(d.network, rec);
  const hostname = rec.Config.Hostname ?? rec.Id.slice(0, 12);
  const undo: Array<() => void> = [];
  const fail = (e: StartError) => {
    for (const n of networks) d.networkEvent(n, 'disconnect', rec.Id);
    for (const u of undo.reverse()) u();
    return e;
  };
  // setupIPCDirs, before the mounts
  const shm = ipcShm(rec, d.lookup, d.hostShm, d.clock);
  if (shm && 'status' in shm) return fail(shm);

  // 1. mounts: bind sources made when -v names a missing host directory, mount points made in the rootfs
  const userMounts: UserMount[] = [];
  const volumes: string[] = [];
  // --tmpfs: mounted like the rest, but no mount point of the container (inspect's Mounts omits them);
  // the real engine lists them before the --mount ones of the same depth
  for (const [dest, data] of Object.entries((rec.HostConfig.Tmpfs ?? {}) as Record<string, string>)) {
    const t = tmpfsMount(dest, data, d.host.memTotal, d.clock);
    if ('ok' in t) return fail({ status: 500, message: t.message, exitCode: 128 });
    makeMountPoint(c.root, dest, true);
    userMounts.push(t);
  }
  for (const m of rec.Mounts) {
    if (m.Type === 'volume') {
      const v = d.volumes.get(m.Name ?? '');
      if (!v.ok) return fail({ status: 404, message: v.message, exitCode: 128 });
      makeMountPoint(c.root, m.Destination, true);
      userMounts.push({ destination: m.Destination, source: v.value.fs, root: '/', readOnly: !m.RW });
      volumes.push(v.value.name);
      d.volumeEvent(v.value.name, 'mount', {
        container: rec.Id,
        destination: m.Destination,
        driver: 'local',
        propagation: m.Propagation,
        'read/write': String(m.RW),
      });
    } else if (m.Type === 'bind') {
      let st = d.hostFs().stat(m.Source);
      if (st instanceof FsError && m.createSource) {
        d.hostFs().mkdir(m.Source, { recursive: true, mode: 0o755 });
        st = d.hostFs().stat(m.Source);
      }
      if (st instanceof FsError)
        return fail({
          status: 400,
          message: `invalid mount config for type "bind": bind source path does not exist: ${m.Source}`,
          exitCode: 128,
        });
      makeMountPoint(c.root, m.Destination, st.kind === 'dir');
      userMounts.push({ destination: m.Destination, source: d.hostFs(), root: m.Source, readOnly: !m.RW });
    } else {
      const spec = rec.HostConfig.Mounts?.find((x) => x.Type === 'tmpfs' && x.Target === m.Destination);
      const t = tmpfsMount(m.Destination, convertTmpfsOptions(spec), d.host.memTotal, d.clock);
      if ('ok' in t) return fail({ status: 500, message: t.message, exitCode: 128 });
      makeMountPoint(c.root, m.Destination, true);
      userMounts.push(t);
    }
  }
  undo.push(() => {
    for (const v of volumes) d.volumeEvent(v, 'unmount', { container: rec.Id, driver: 'local' });
  });

  // 2. the cgroup v2 leaf (systemd driver)
  const cgroup = new Cgroup(
    `/system.slice/docker-${rec.Id}.scope`,
    limitsOf(rec),
    () => d.clock.now(),
    d.host.cpus,
  );

  // createSpec's WithDevices: each --device read from the host now, so a missing one fails the start
  const devices = gatherDevices(rec.HostConfig.Devices, (p) => d.hostFs().exists(p));
  if (typeof devices === 'string') return fail({ ...exitFromError(devices), status: 500 });

  // 3. runc: the mount namespace, the user, the environment, then the executable
  const tty = rec.Config.Tty === true;
  const holder: { pid1?: LiveContainer['pid1'] } = {};
  const ns = containerNamespace({
    root: c.root,
    readOnly: rec.HostConfig.ReadonlyRootfs === true,
    rootInfo: c.rootInfo,
    files: donor ? (donor.live!.files ?? donor.files) : c.files,
    userMounts,
    tty,
    init: rec.HostConfig.Init === true,
    noShm: rec.HostConfig.IpcMode === 'none',
    shmSize: rec.HostConfig.ShmSize,
    shm,
    proc: {
      kernel: d.kernel,
      host: d.host,
      cgroup: () => cgroup,
      cgroupns: rec.HostConfig.CgroupnsMode === 'host' ? 'host' : 'private',
    },
    cgroup,
    pid1: () => holder.pid1,
    devices,
  });
  const user = resolveUser(ns, rec.Config.User ?? '', rec.HostConfig.GroupAdd ?? []);
  if ('error' in user) return fail({ status: 500, message: user.error, exitCode: 128 });
  const env = processEnv(rec, tty, user.home);
  const cwd = rec.Config.WorkingDir || '/';
  let program: Program<Sys>;
  let argv: string[];
  let rss: number | undefined;
  if (rec.HostConfig.Init) {
    program = dockerInit;
    argv = ['/sbin/docker-init', '--', rec.Path, ...rec.Args];
    rss = 600_000;
  } else {
    const view = ns.as({ uid: user.uid, gid: user.gid, cwd });
    const t = resolveExec(view, [rec.Path, ...rec.Args], env, d.programs);
    if ('kind' in t) {
      const message = `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${t.message}: unknown`;
      return fail(exitFromError(message));
    }
    // execve itself fails on another platform's binary, after the start has succeeded
    const foreign = foreignExecutable(view, t.found);
    program = foreign === undefined ? t.program.run : execFormatError(foreign);
    argv = foreign === undefined ? t.argv : [rec.Path, ...rec.Args];
    rss = foreign === undefined ? t.program.rss : undefined;
  }
  // 4. networking (initializeCreatedTask's allocateNetwork, after the task exists): an
  // endpoint on each bridge network, the published ports on the first, a connect event each
  let net: NetNamespace;
  let endpoint: Endpoint | undefined;
  let ports: PortBinding[] = [];
  let hostsLines = '';
  let joinedNets: readonly DockerNetwork[] = [];
  // a name `docker network connect` recorded while stopped that names no network: findAndAttachNetwork
  // asks the swarm agent, which is not there
  const lost = donor
    ? []
    : networkNames(rec).filter((n) => n !== modeNetworkName(rec) && !d.network.network(n));
  if (lost.length)
    return fail({
      status: 500,
      message: 'failed to set up container networking: invalid cluster node while attaching to network',
      exitCode: 128,
    });
  if (donor) {
    // the donor's namespace: its interfaces, listeners and published ports (none of its own)
    net = donor.live!.sys.net;
  } else if (mode === 'bridge' && networks.length === 0 && rec.Networks !== undefined) {
    // every network was disconnected: loopback only
    net = new NetNamespace(rec.Id, { routeOut: false });
  } else if (mode === 'bridge') {
    // on a user-defined network the embedded DNS knows the name, aliases and short ID
    const dnsNames = [c.name, ...(rec.Aliases ?? []), rec.Id.slice(0, 12)];
    const joined: DockerNetwork[] = [];
    for (const onto of networks.filter((n) => n.driver === 'bridge')) {
      const ep = d.network.attachBridge(rec.Id, d.random, onto, dnsNames, endpoint?.netns);
      if (!ep)
        return fail({
          status: 500,
          message: `failed to set up container networking: no available IPv4 addresses on this network's address pools: ${onto.name} (${onto.id})`,
          exitCode: 128,
        });
      if (!endpoint) {
        endpoint = ep;
        undo.push(() => d.network.detach(rec.Id));
        const published = d.network.ports.publish(
          portRequests(rec),
          { id: rec.Id, name: c.name, endpointId: ep.endpointId, ip: ep.ip },
          d.network.hostNetns,
        );
        if ('error' in published)
          return fail({
            status: 500,
            message: `failed to set up container networking: ${published.error}`,
            exitCode: 128,
          });
        ports = published;
      }
      joined.push(onto);
      hostsLines += `${ep.ip}\t${hostname}\n`;
    }
    if (!endpoint)
      return fail({
        status: 404,
        message: `failed to set up container networking: network ${rec.HostConfig.NetworkMode ?? ''} not found`,
        exitCode: 128,
      });
    net = endpoint.netns;
    for (const n of joined) d.networkEvent(n, 'connect', rec.Id);
    joinedNets = joined;
  } else {
    net = mode === 'host' ? d.network.hostNetns : new NetNamespace(rec.Id, { routeOut: false });
    for (const n of networks) d.networkEvent(n, 'connect', rec.Id);
  }
  // etchosts.Build: the defaults, then --add-host's records (host-gateway: the default bridge's
  // gateway); each endpoint's join then adds its address (addHostsEntries); a joiner uses the donor's file
  if (!donor) c.files.writeFile('/hosts', HOSTS_BASE + extraHosts(rec) + hostsLines);
  // setupDNS, then each join's updateDNS (legacy networks) and the embedded resolver's
  // rebuildDNS (user-defined ones); a joiner uses the donor's file
  if (!donor) startResolvConf(c.files, resolvTransform(mode, joinedNets), dnsOverrides(rec.HostConfig));
  const sys: Sys & { mounts: () => MountInfo[] } = {
    fs: ns,
    // --uts host: no UTS namespace of its own (Config.Hostname and /etc/hostname stay the container's)
    uts: { hostname: rec.HostConfig.UTSMode === 'host' ? d.hostname : hostname },
    net,
    network: d.network,
    host: d.host,
    programs: d.programs,
    mounts: () => ns.mounts(),
  };

  // --pid host: no PID namespace of its own, the host's processes are all in sight;
  // --pid container:NAME: that container's, whose init's end then ends this one too
  const pidMode = rec.HostConfig.PidMode ?? '';
  let pidns: PidNamespace;
  if (pidMode === 'host') pidns = d.kernel.root;
  else if (pidMode.startsWith('container:')) {
    const joined = d.pidNamespaceOf(pidMode.slice('container:'.length));
    // WithNamespaces wraps getPIDContainer's error
    if ('status' in joined)
      return fail({ ...joined, message: `failed to join PID namespace: ${joined.message}` });
    pidns = joined;
  } else pidns = d.kernel.newPidNamespace(d.kernel.root);
  // containerd's shim on the host is PID 1's parent (and every exec's): `docker top` shows it as PPID
  const shim = d.kernel.spawn({
    program: shimProgram,
    argv: [
      '/usr/bin/containerd-shim-runc-v2',
      '-namespace',
      'moby',
      '-id',
      rec.Id,
      '-address',
      '/run/containerd/containerd.sock',
    ],
    ns: sys,
    pidns: d.kernel.root,
    rss: 8_900_000,
  });
  if (shim === 'EAGAIN')
    return fail({
      status: 500,
      message:
        'failed to create task for container: failed to start shim: fork/exec /usr/bin/containerd-shim-runc-v2: resource temporarily unavailable: unknown',
      exitCode: 128,
    });
  undo.push(() => d.kernel.terminate(shim, { code: 0 }));
  const p = d.kernel.spawn({
    parent: shim,
    program,
    argv,
    env,
    cwd,
    uid: user.uid,
    gid: user.gid,
    groups: user.groups,
    pidns,
    cgroup,
    ns: sys,
    stdin: c.stdin ?? EMPTY,
    stdout: new ContainerOutput('stdout', tty, c.log, c.hub),
    stderr: new ContainerOutput('stderr', tty, c.log, c.hub),
    tty,
    rss,
  });
  if (p === 'EAGAIN')
    return fail(
      exitFromError(
        'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: fork/exec /proc/self/exe: resource temporarily unavailable: unknown',
      ),
    );
  holder.pid1 = p;
  const live: LiveContainer = { ns, sys, cgroup, pidns, pid1: p, shim, endpoint, ports, volumes };
  if (!shm && !donor) return live;
  return { ...live, ...(shm ? { shm } : {}), ...(donor ? { files: donor.live!.files ?? donor.files } : {}) };
}

/** containerd-shim-runc-v2 waits for its container's tasks; the daemon ends it when they are gone. */
const shimProgram: Program<Sys> = (ctx) => ctx.wait(new Promise<number>(() => undefined));

/** setExitCodeFromError: which exit code and HTTP status a runtime error gets. */
export function exitFromError(message: string): StartError {
  const low = message.toLowerCase();
  if (low.includes('permission denied')) return { status: 400, message, exitCode: 126 };
  if (low.includes('is a directory'))
    return { status: 400, message: `${message}: permission denied`, exitCode: 126 };
  if (low.includes('not a directory'))
    return {
      status: 400,
      message: `${message}: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type`,
      exitCode: 127,
    };
  if (
    [
      'executable file not found',
      'no such file or directory',
      'system cannot find the file specified',
      'failed to run runc create/exec call',
    ].some((s) => low.includes(s))
  )
    return { status: 400, message, exitCode: 127 };
  return { status: 500, message, exitCode: 128 };
}

/** runc creates missing mount points in the rootfs (so `docker diff` shows `A /data`). */
function makeMountPoint(root: OverlayMount, dest: string, dir: boolean): void {
  if (root.exists(dest)) return;
  const parent = dest.slice(0, dest.lastIndexOf('/')) || '/';
  root.mkdir(parent, { recursive: true, mode: 0o755 });
  if (dir) root.mkdir(dest, { mode: 0o755 });
  else root.writeFile(dest, '', { mode: 0o755 });
}

/**
 * `docker run -p`: one request per container port of each binding, the host
 * address kept empty when none was given (the port mapper binds those on
 * 0.0.0.0 and ::); -P publishes every exposed port on an ephemeral one.
 */
function portRequests(rec: ContainerRecord): PortRequest[] {
  const out: PortRequest[] = [];
  const bindings = { ...(rec.HostConfig.PortBindings ?? {}) };
  if (rec.HostConfig.PublishAllPorts) {
    for (const p of Object.keys(rec.Config.ExposedPorts ?? {}))
      if (!bindings[p]) bindings[p] = [{ HostIp: '', HostPort: '' }];
  }
  for (const [key, list] of Object.entries(bindings)) {
    const [range, proto = 'tcp'] = key.split('/');
    const [lo, hi = lo] = range.split('-').map(Number);
    for (const b of list ?? []) {
      const [hlo, hhi = hlo] = b.HostPort ? b.HostPort.split('-').map(Number) : [0, 0];
      for (let port = lo, i = 0; port <= hi; port++, i++) {
        // a container port range maps onto the host range port by port; one port may pick within a host range
        const host =
          lo === hi ? { hostPort: hlo, hostPortEnd: hhi } : { hostPort: hlo ? Math.min(hlo + i, hhi) : 0 };
        out.push({ hostIp: b.HostIp ?? '', ...host, containerPort: port, proto: proto as Proto });
      }
    }
  }
  return out;
}
