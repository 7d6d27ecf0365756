// GET /info and GET /version (daemon/info.go, info_unix.go, version): the
// daemon's view of itself and its host in system.Info / types.Version shape,
// keys in Go's field order. Counts come from the containers and the image
// store; the OS name from the host's /etc/os-release, as dockerd reads it.
import type { ImageService } from '../image/service';
import type { VolumeStore } from '../kernel/volumes';
import type { Daemon } from './daemon';
import { rfc3339Nano } from './containers-logs';
import { CONTAINERD, DOCKER_INIT, DRIVER_STATUS, ENGINE, RUNC, engineId } from './system-facts';

export interface InfoDeps {
  daemon: Daemon;
  images: ImageService;
  volumes?: VolumeStore;
}

/** operatingsystem.GetOperatingSystem: PRETTY_NAME of /etc/os-release. */
function osRelease(deps: InfoDeps): { pretty: string; version: string } {
  const text = deps.daemon.deps.hostFs().readFile('/etc/os-release');
  const field = (k: string) =>
    typeof text === 'string' ? (new RegExp(`^${k}="?([^"\\n]*)"?$`, 'm').exec(text)?.[1] ?? '') : '';
  return { pretty: field('PRETTY_NAME') || 'Linux', version: field('VERSION_ID') };
}

export function systemInfo(deps: InfoDeps): Record<string, unknown> {
  const { daemon, images } = deps;
  const d = daemon.deps;
  const all = daemon.all();
  const paused = all.filter((c) => c.paused).length;
  const running = all.filter((c) => c.running && !c.paused).length;
  const os = osRelease(deps);
  return {
    ID: engineId(d.host, d.hostname),
    Containers: all.length,
    ContainersRunning: running,
    ContainersPaused: paused,
    ContainersStopped: all.length - running - paused,
    Images: images.store.imageIds().length,
    Driver: 'overlay2',
    DriverStatus: DRIVER_STATUS,
    Plugins: {
      Volume: ['local'],
      Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'],
      Authorization: null,
      Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog'],
    },
    MemoryLimit: true,
    SwapLimit: true,
    CpuCfsPeriod: true,
    CpuCfsQuota: true,
    CPUShares: true,
    CPUSet: true,
    PidsLimit: true,
    IPv4Forwarding: true,
    Debug: false,
    // the daemon's own descriptors and goroutines grow with what it serves
    NFd: 25 + 4 * running,
    OomKillDisable: false,
    NGoroutines: 41 + 8 * running,
    SystemTime: rfc3339Nano(d.clock.now()),
    LoggingDriver: 'json-file',
    CgroupDriver: 'systemd',
    CgroupVersion: '2',
    NEventsListener: 0,
    KernelVersion: d.host.kernelRelease,
    OperatingSystem: os.pretty,
    OSVersion: os.version,
    OSType: 'linux',
    Architecture: d.host.machine,
    IndexServerAddress: 'https://index.docker.io/v1/',
    RegistryConfig: {
      InsecureRegistryCIDRs: ['::1/128', '127.0.0.0/8'],
      IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } },
      Mirrors: null,
    },
    NCPU: d.host.cpus,
    MemTotal: d.host.memTotal,
    GenericResources: null,
    DockerRootDir: '/var/lib/docker',
    HttpProxy: '',
    HttpsProxy: '',
    NoProxy: '',
    Name: d.hostname,
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: ENGINE.version,
    Runtimes: {
      'io.containerd.runc.v2': { path: 'runc', status: { 'org.opencontainers.runtime-spec.features': '{}' } },
      runc: { path: 'runc', status: { 'org.opencontainers.runtime-spec.features': '{}' } },
    },
    DefaultRuntime: 'runc',
    Swarm: {
      NodeID: '',
      NodeAddr: '',
      LocalNodeState: 'inactive',
      ControlAvailable: false,
      Error: '',
      RemoteManagers: null,
    },
    LiveRestoreEnabled: false,
    Isolation: '',
    InitBinary: 'docker-init',
    ContainerdCommit: { ID: CONTAINERD.commit },
    RuncCommit: { ID: RUNC.commit },
    InitCommit: { ID: DOCKER_INIT.commit },
    SecurityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'],
    FirewallBackend: { Driver: 'iptables' },
    CDISpecDirs: ['/etc/cdi', '/var/run/cdi'],
    Containerd: {
      Address: '/run/containerd/containerd.sock',
      Namespaces: { Containers: 'moby', Plugins: 'plugins.moby' },
    },
    Warnings: null,
  };
}

/** GET /version: the engine and its components (Details keys sorted, as Go's maps marshal). */
export function systemVersion(daemon: Daemon): Record<string, unknown> {
  const kernel = daemon.deps.host.kernelRelease;
  return {
    Platform: { Name: ENGINE.platform },
    Components: [
      {
        Name: 'Engine',
        Version: ENGINE.version,
        Details: {
          ApiVersion: ENGINE.apiVersion,
          Arch: ENGINE.arch,
          BuildTime: ENGINE.buildTime,
          Experimental: 'false',
          GitCommit: ENGINE.gitCommit,
          GoVersion: ENGINE.goVersion,
          KernelVersion: kernel,
          MinAPIVersion: ENGINE.minApiVersion,
          Os: ENGINE.os,
        },
      },
      { Name: 'containerd', Version: CONTAINERD.version, Details: { GitCommit: CONTAINERD.commit } },
      { Name: 'runc', Version: RUNC.version, Details: { GitCommit: RUNC.commit } },
      { Name: 'docker-init', Version: DOCKER_INIT.version, Details: { GitCommit: DOCKER_INIT.commit } },
    ],
    Version: ENGINE.version,
    ApiVersion: ENGINE.apiVersion,
    MinAPIVersion: ENGINE.minApiVersion,
    GitCommit: ENGINE.gitCommit,
    GoVersion: ENGINE.goVersion,
    Os: ENGINE.os,
    Arch: ENGINE.arch,
    KernelVersion: kernel,
    BuildTime: ENGINE.buildTime,
  };
}
