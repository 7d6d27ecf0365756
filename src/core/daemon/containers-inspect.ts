// The container JSON the daemon serves for GET /containers/{id}/json
// (container.InspectResponse, keys in Go's field order); the list's
// container.Summary is built in containers-summary.ts from the same parts.
import type { ImageService } from '../image/service';
import type { ContainerEntry } from './containers-entry';
import { rfc3339Nano } from './containers-logs';
import type { ContainerConfig, HostConfigJson, MountPointJson, NetworkRecord } from './containers-types';

const CONFIG_ORDER: (keyof ContainerConfig)[] = [
  'Hostname',
  'Domainname',
  'User',
  'AttachStdin',
  'AttachStdout',
  'AttachStderr',
  'ExposedPorts',
  'Tty',
  'OpenStdin',
  'StdinOnce',
  'Env',
  'Cmd',
  'Healthcheck',
  'ArgsEscaped',
  'Image',
  'Volumes',
  'WorkingDir',
  'Entrypoint',
  'NetworkDisabled',
  'MacAddress',
  'OnBuild',
  'Labels',
  'StopSignal',
  'StopTimeout',
  'Shell',
];
const CONFIG_OMITEMPTY = new Set([
  'ExposedPorts',
  'Healthcheck',
  'ArgsEscaped',
  'NetworkDisabled',
  'MacAddress',
  'StopSignal',
  'StopTimeout',
  'Shell',
]);
const CONFIG_DEFAULTS: Partial<Record<keyof ContainerConfig, unknown>> = {
  Hostname: '',
  Domainname: '',
  User: '',
  AttachStdin: false,
  AttachStdout: false,
  AttachStderr: false,
  Tty: false,
  OpenStdin: false,
  StdinOnce: false,
  Env: null,
  Cmd: null,
  Image: '',
  Volumes: null,
  WorkingDir: '',
  Entrypoint: null,
  OnBuild: null,
  Labels: {},
};

export function configJson(cfg: ContainerConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of CONFIG_ORDER) {
    const v = cfg[k];
    const empty =
      v === undefined ||
      v === null ||
      v === '' ||
      v === false ||
      (typeof v === 'object' && Object.keys(v).length === 0);
    if (CONFIG_OMITEMPTY.has(k) && empty) continue;
    out[k] = v === undefined ? (CONFIG_DEFAULTS[k] ?? null) : v;
  }
  return out;
}

const HOST_CONFIG_ORDER: [string, unknown][] = [
  ['Binds', null],
  ['ContainerIDFile', ''],
  ['LogConfig', { Type: 'json-file', Config: {} }],
  ['NetworkMode', 'bridge'],
  ['PortBindings', {}],
  ['RestartPolicy', { Name: 'no', MaximumRetryCount: 0 }],
  ['AutoRemove', false],
  ['VolumeDriver', ''],
  ['VolumesFrom', null],
  ['ConsoleSize', [0, 0]],
  ['Annotations', undefined],
  ['CapAdd', null],
  ['CapDrop', null],
  ['CgroupnsMode', 'private'],
  ['Dns', []],
  ['DnsOptions', []],
  ['DnsSearch', []],
  ['ExtraHosts', null],
  ['GroupAdd', null],
  ['IpcMode', 'private'],
  ['Cgroup', ''],
  ['Links', null],
  ['OomScoreAdj', 0],
  ['PidMode', ''],
  ['Privileged', false],
  ['PublishAllPorts', false],
  ['ReadonlyRootfs', false],
  ['SecurityOpt', null],
  ['StorageOpt', undefined],
  ['Tmpfs', undefined],
  ['UTSMode', ''],
  ['UsernsMode', ''],
  ['ShmSize', 67108864],
  ['Sysctls', undefined],
  ['Runtime', 'runc'],
  ['Isolation', ''],
  ['CpuShares', 0],
  ['Memory', 0],
  ['NanoCpus', 0],
  ['CgroupParent', ''],
  ['BlkioWeight', 0],
  ['BlkioWeightDevice', []],
  ['BlkioDeviceReadBps', []],
  ['BlkioDeviceWriteBps', []],
  ['BlkioDeviceReadIOps', []],
  ['BlkioDeviceWriteIOps', []],
  ['CpuPeriod', 0],
  ['CpuQuota', 0],
  ['CpuRealtimePeriod', 0],
  ['CpuRealtimeRuntime', 0],
  ['CpusetCpus', ''],
  ['CpusetMems', ''],
  ['Devices', []],
  ['DeviceCgroupRules', null],
  ['DeviceRequests', null],
  ['MemoryReservation', 0],
  ['MemorySwap', 0],
  ['MemorySwappiness', null],
  ['OomKillDisable', null],
  ['PidsLimit', null],
  ['Ulimits', []],
  ['CpuCount', 0],
  ['CpuPercent', 0],
  ['IOMaximumIOps', 0],
  ['IOMaximumBandwidth', 0],
  ['Mounts', undefined],
  ['MaskedPaths', null],
  ['ReadonlyPaths', null],
  ['Init', undefined],
];

/** HostConfig in Go's field order: what the client sent, the daemon's defaults elsewhere; omitempty fields dropped when empty. */
export function hostConfigJson(hc: HostConfigJson): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, dflt] of HOST_CONFIG_ORDER) {
    const v = hc[k];
    if (dflt === undefined) {
      if (v !== undefined && v !== null && !(typeof v === 'object' && Object.keys(v as object).length === 0))
        out[k] = v;
      continue;
    }
    out[k] = v === undefined ? dflt : v;
  }
  return out;
}

export function mountsJson(c: ContainerEntry): MountPointJson[] {
  return c.rec.Mounts.map((m) => {
    const j: MountPointJson = {
      Type: m.Type,
      Source: m.Source,
      Destination: m.Destination,
      Mode: m.Mode,
      RW: m.RW,
      Propagation: m.Propagation,
    };
    if (m.Type === 'volume')
      return {
        Type: m.Type,
        Name: m.Name,
        Source: m.Source,
        Destination: m.Destination,
        Driver: m.Driver,
        Mode: m.Mode,
        RW: m.RW,
        Propagation: m.Propagation,
      };
    return j;
  });
}

function networkMode(c: ContainerEntry): string {
  return c.rec.HostConfig.NetworkMode === 'default' ? 'bridge' : (c.rec.HostConfig.NetworkMode ?? 'bridge');
}

/** The EndpointSettings of one of the container's networks (its endpoint while running). */
function endpointJson(n: NetworkRecord | undefined) {
  return {
    IPAMConfig: null,
    Links: null,
    Aliases: null,
    MacAddress: n?.MacAddress ?? '',
    DriverOpts: null,
    GwPriority: 0,
    NetworkID: n?.NetworkID ?? '',
    EndpointID: n?.EndpointID ?? '',
    Gateway: n?.Gateway ?? '',
    IPAddress: n?.IPAddress ?? '',
    IPPrefixLen: n?.IPPrefixLen ?? 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    DNSNames: null,
  };
}

function networkSettings(c: ContainerEntry): Record<string, unknown> {
  const mode = networkMode(c);
  // a container network's joiner has no sandbox of its own
  const sandbox =
    c.running && !mode.startsWith('container:') ? c.rec.LayerId.split('').reverse().join('') : '';
  const endpoint = endpointJson(c.rec.Network);
  return {
    Bridge: '',
    SandboxID: sandbox,
    SandboxKey: sandbox ? `/var/run/docker/netns/${sandbox.slice(0, 12)}` : '',
    Ports: c.rec.Ports,
    HairpinMode: false,
    LinkLocalIPv6Address: '',
    LinkLocalIPv6PrefixLen: 0,
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: mode === 'bridge' ? endpoint.EndpointID : '',
    Gateway: mode === 'bridge' ? endpoint.Gateway : '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    IPAddress: mode === 'bridge' ? endpoint.IPAddress : '',
    IPPrefixLen: mode === 'bridge' ? endpoint.IPPrefixLen : 0,
    IPv6Gateway: '',
    MacAddress: mode === 'bridge' ? endpoint.MacAddress : '',
    Networks: networksJson(c),
  };
}

/** NetworkSettings.Networks: the NetworkMode's network, and those `docker network connect` added. */
export function networksJson(c: ContainerEntry): Record<string, ReturnType<typeof endpointJson>> {
  const mode = networkMode(c);
  // updateContainerNetworkSettings leaves a container network's joiner without networks (those
  // `network connect` records while it is stopped are listed, and never joined)
  const joiner = mode.startsWith('container:');
  if (joiner && !c.rec.Networks) return {};
  if (!c.rec.Networks) return { [mode]: endpointJson(c.rec.Network) };
  const out: Record<string, ReturnType<typeof endpointJson>> = {};
  for (const name of c.rec.Networks) {
    if (joiner && name === mode) continue;
    out[name] = endpointJson(name === mode ? c.rec.Network : c.rec.Endpoints?.[name]);
  }
  return out;
}

/** GET /containers/{id}/json. */
export function inspectContainer(
  c: ContainerEntry,
  images: ImageService,
  execIds: string[],
): Record<string, unknown> {
  const r = c.rec;
  const st = c.state();
  const dir = `/var/lib/docker/containers/${r.Id}`;
  // a container network's joiner uses the donor's files (initializeNetworkingPaths)
  const filesDir = r.FilesFrom ? `/var/lib/docker/containers/${r.FilesFrom}` : dir;
  // the daemon makes the three files when it first starts the container (initializeNetworking):
  // a container never started has none, and inspect shows the paths empty
  const files = (name: string) => (st.StartedAt !== 0 || st.Error !== '' ? `${filesDir}/${name}` : '');
  const layer = `/var/lib/docker/overlay2/${r.LayerId}`;
  const driver = r.HostConfig.LogConfig?.Type ?? 'json-file';
  const store = images.store;
  const lowers =
    r.ImageId && store.hasImage(r.ImageId)
      ? store
          .chainOf(r.ImageId)
          .map((ch) => `/var/lib/docker/overlay2/${store.layer(ch)?.cacheId ?? ch}/diff`)
          .reverse()
      : [];
  return {
    Id: r.Id,
    Created: rfc3339Nano(r.Created),
    Path: r.Path,
    Args: r.Args,
    State: {
      Status: st.Status,
      Running: st.Running,
      Paused: st.Paused,
      Restarting: st.Restarting,
      OOMKilled: st.OOMKilled,
      Dead: st.Dead,
      Pid: st.Pid,
      ExitCode: st.ExitCode,
      Error: st.Error,
      StartedAt: rfc3339Nano(st.StartedAt),
      FinishedAt: rfc3339Nano(st.FinishedAt),
    },
    Image: r.ImageId,
    ResolvConfPath: files('resolv.conf'),
    HostnamePath: files('hostname'),
    HostsPath: files('hosts'),
    LogPath: driver === 'json-file' ? `${dir}/${r.Id}-json.log` : '',
    Name: r.Name,
    RestartCount: r.RestartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: 'docker-default',
    ExecIDs: execIds.length ? execIds : null,
    HostConfig: hostConfigJson(r.HostConfig),
    GraphDriver: {
      Data: {
        ID: r.Id,
        LowerDir: [`${layer}-init/diff`, ...lowers].join(':'),
        MergedDir: `${layer}/merged`,
        UpperDir: `${layer}/diff`,
        WorkDir: `${layer}/work`,
      },
      Name: 'overlay2',
    },
    Mounts: mountsJson(c),
    Config: configJson(r.Config),
    NetworkSettings: networkSettings(c),
  };
}
