// The container JSON the daemon serves: GET /containers/{id}/json
// (container.InspectResponse, keys in Go's field order) and GET
// /containers/json (container.Summary, with the daemon's Command and Status
// strings, container/view.go and container/state.go).
import type { ImageService } from '../image/service';
import { dockerStatus, type ContainerStateName } from './container-machine';
import { isRunningState, type ContainerEntry } from './containers-entry';
import { rfc3339Nano } from './containers-logs';
import { SummaryPartsCache } from './containers-summary-cache';
import type { ContainerConfig, HostConfigJson, MountPointJson, NetworkRecord } from './containers-types';

/** units.HumanDuration, from milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** State.String(): what `docker ps` shows in STATUS. */
export function statusString(c: ContainerEntry, now: number, s: ContainerStateName = c.machineState): string {
  const st = c.rec.State;
  if (isRunningState(s)) {
    if (s === 'paused') return `Up ${humanDuration(now - st.StartedAt)} (Paused)`;
    if (s === 'restarting') return `Restarting (${st.ExitCode}) ${humanDuration(now - st.FinishedAt)} ago`;
    return `Up ${humanDuration(now - st.StartedAt)}`;
  }
  if (c.removed) return 'Removal In Progress';
  if (st.StartedAt === 0) return 'Created';
  if (st.FinishedAt === 0) return '';
  return `Exited (${st.ExitCode}) ${humanDuration(now - st.FinishedAt)} ago`;
}

/** container/view.go: Path and Args, args with a space quoted in single quotes. */
export function commandString(c: ContainerEntry): string {
  const args = c.rec.Args.map((a) => (a.includes(' ') ? `'${a}'` : a));
  return args.length ? `${c.rec.Path} ${args.join(' ')}` : c.rec.Path;
}

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

function mountsJson(c: ContainerEntry): MountPointJson[] {
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
  const sandbox = c.running ? c.rec.LayerId.split('').reverse().join('') : '';
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
function networksJson(c: ContainerEntry): Record<string, ReturnType<typeof endpointJson>> {
  const mode = networkMode(c);
  if (!c.rec.Networks) return { [mode]: endpointJson(c.rec.Network) };
  const out: Record<string, ReturnType<typeof endpointJson>> = {};
  for (const name of c.rec.Networks)
    out[name] = endpointJson(name === mode ? c.rec.Network : c.rec.Endpoints?.[name]);
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
    ResolvConfPath: `${dir}/resolv.conf`,
    HostnamePath: `${dir}/hostname`,
    HostsPath: `${dir}/hosts`,
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

/**
 * What a reference resolves to, asked once per distinct reference while one
 * list is built (a thousand containers of one image parse its name once).
 */
export type ImageLookup = (ref: string) => string | undefined;

export function imageLookup(images: ImageService): ImageLookup {
  const cache = new Map<string, string | undefined>();
  return (ref) => {
    if (cache.has(ref)) return cache.get(ref);
    const r = images.get(ref);
    const id = r.ok ? r.value : undefined;
    cache.set(ref, id);
    return id;
  };
}

/** The Summary parts that neither time nor the container's state change, kept per container. */
const summaryParts = new SummaryPartsCache((c: ContainerEntry) => {
  const r = c.rec;
  return {
    Names: [r.Name],
    Command: commandString(c),
    Created: Math.floor(r.Created / 1000),
    Labels: r.Config.Labels ?? {},
    HostConfig: { NetworkMode: r.HostConfig.NetworkMode ?? 'bridge' },
    NetworkSettings: { Networks: networksJson(c) },
    Mounts: mountsJson(c),
  };
});

/** One container.Summary of GET /containers/json. */
export function containerSummary(
  c: ContainerEntry,
  images: ImageService,
  now: number,
  size: boolean,
  lookup: ImageLookup = imageLookup(images),
): Record<string, unknown> {
  const r = c.rec;
  // the reference as typed, unless it now names another image (then the ID)
  const image = r.Config.Image && lookup(r.Config.Image) === r.ImageId ? r.Config.Image : r.ImageId;
  // container/view.go transform: only NetworkSettings.Ports (exposed ports with no binding,
  // then each binding), which the network's release empties: a stopped container lists none
  const ports: Record<string, unknown>[] = [];
  for (const key in r.Ports) {
    const list = r.Ports[key];
    const [port, type = 'tcp'] = key.split('/');
    if (!list || list.length === 0) ports.push({ PrivatePort: Number(port), Type: type });
    else
      for (const b of list)
        ports.push({ IP: b.HostIp, PrivatePort: Number(port), PublicPort: Number(b.HostPort), Type: type });
  }
  const machine = c.machineState;
  const State = c.removed ? 'removing' : dockerStatus(machine);
  const Status = statusString(c, now, machine);
  const p = summaryParts.get(c);
  // one literal each way (keys in the API's order): a thousand summaries a list, built whole
  if (size) {
    const upper = c.root.upperSize();
    const rootFs = upper + (r.ImageId ? images.store.imageSize(r.ImageId) : 0);
    return {
      Id: r.Id,
      Names: p.Names,
      Image: image,
      ImageID: r.ImageId,
      Command: p.Command,
      Created: p.Created,
      Ports: ports,
      SizeRw: upper,
      SizeRootFs: rootFs,
      Labels: p.Labels,
      State,
      Status,
      HostConfig: p.HostConfig,
      NetworkSettings: p.NetworkSettings,
      Mounts: p.Mounts,
    };
  }
  return {
    Id: r.Id,
    Names: p.Names,
    Image: image,
    ImageID: r.ImageId,
    Command: p.Command,
    Created: p.Created,
    Ports: ports,
    Labels: p.Labels,
    State,
    Status,
    HostConfig: p.HostConfig,
    NetworkSettings: p.NetworkSettings,
    Mounts: p.Mounts,
  };
}
