// container.HostConfig as the docker CLI (v28.5.2, vendored moby api/types) decodes it, so
// `{{.HostConfig.PidsLimit}}` prints `<nil>` and `{{json .HostConfig}}` is re-marshalled in struct order.

import type { GoMethod, GoType } from './go-value';
import { T } from './go-value';
import { f, S, strs, strMap, omit } from './api-types-fields';

const named = (name: string): GoType => ({ kind: 'string', name });
const uint16: GoType = { kind: 'int', name: 'uint16' };

/** nat.PortBinding, nat.PortMap: what PortBindings and NetworkSettings.Ports decode into. */
export const portBinding: GoType = {
  kind: 'struct',
  name: 'nat.PortBinding',
  fields: [f('HostIP', S, { json: 'HostIp' }), f('HostPort', S)],
};
export const portMap: GoType = T.map(T.slice(portBinding), 'nat.PortMap');

/** container.NetworkMode (hostconfig.go, hostconfig_unix.go): what its methods say of the mode's text. */
function networkModeMethods(): Record<string, GoMethod> {
  const container = (n: string): string | undefined => {
    const i = n.indexOf(':');
    return i >= 0 && n.slice(0, i) === 'container' ? n.slice(i + 1) : undefined;
  };
  const is = {
    IsDefault: (n: string) => n === 'default',
    IsNone: (n: string) => n === 'none',
    IsBridge: (n: string) => n === 'bridge',
    IsHost: (n: string) => n === 'host',
    IsContainer: (n: string) => container(n) !== undefined,
    IsPrivate: (n: string) => !(n === 'host' || container(n) !== undefined),
    IsUserDefined: (n: string) =>
      !['default', 'bridge', 'host', 'none'].includes(n) && container(n) === undefined,
  };
  const userDefined = (n: string) => (is.IsUserDefined(n) ? n : '');
  const name = (n: string): string => {
    if (is.IsBridge(n)) return 'bridge';
    if (is.IsHost(n)) return 'host';
    if (is.IsContainer(n)) return 'container';
    if (is.IsNone(n)) return 'none';
    if (is.IsDefault(n)) return 'default';
    return userDefined(n);
  };
  const text = (f: (n: string) => string): GoMethod => ({
    params: [],
    call: (recv) => ({ t: T.string, v: f(String(recv)) }),
  });
  const methods: Record<string, GoMethod> = {
    ConnectedContainer: text((n) => container(n) ?? ''),
    NetworkName: text(name),
    UserDefined: text(userDefined),
  };
  for (const [k, f] of Object.entries(is))
    methods[k] = { params: [], call: (recv) => ({ t: T.bool, v: f(String(recv)) }) };
  return methods;
}

const networkMode: GoType = { kind: 'string', name: 'container.NetworkMode', methods: networkModeMethods() };

const restartPolicyIs = (...modes: string[]): GoMethod =>
  // RestartPolicy's methods have pointer receivers; a field of *HostConfig is addressable, so they apply
  ({
    params: [],
    call: (recv) => ({ t: T.bool, v: modes.includes(String((recv as { Name?: unknown }).Name ?? '')) }),
  });

const restartPolicy: GoType = {
  kind: 'struct',
  name: 'container.RestartPolicy',
  fields: [f('Name', named('container.RestartPolicyMode')), f('MaximumRetryCount', T.int)],
  methods: {
    IsNone: restartPolicyIs('no', ''),
    IsAlways: restartPolicyIs('always'),
    IsOnFailure: restartPolicyIs('on-failure'),
    IsUnlessStopped: restartPolicyIs('unless-stopped'),
  },
};

// blkiodev's devices and units.Ulimit have String methods (pointer receivers), so fmt
// prints `[/dev/sda:1048576]` and `[nofile=1024:2048]`, not addresses
const weightDevice: GoType = {
  kind: 'struct',
  name: 'blkiodev.WeightDevice',
  fields: [f('Path', S), f('Weight', uint16)],
  stringer: (v) => `${String(v.Path ?? '')}:${Number(v.Weight ?? 0)}`,
};
const throttleDevices = T.slice(
  T.ptr({
    kind: 'struct',
    name: 'blkiodev.ThrottleDevice',
    fields: [f('Path', S), f('Rate', T.uint64)],
    stringer: (v) => `${String(v.Path ?? '')}:${Number(v.Rate ?? 0)}`,
  }),
);

/** container.Resources, embedded in HostConfig (its fields are promoted and share its JSON object). */
const resources: GoType = {
  kind: 'struct',
  name: 'container.Resources',
  fields: [
    f('CPUShares', T.int64, { json: 'CpuShares' }),
    f('Memory', T.int64),
    f('NanoCPUs', T.int64, { json: 'NanoCpus' }),
    f('CgroupParent', S),
    f('BlkioWeight', uint16),
    f('BlkioWeightDevice', T.slice(T.ptr(weightDevice))),
    f('BlkioDeviceReadBps', throttleDevices),
    f('BlkioDeviceWriteBps', throttleDevices),
    f('BlkioDeviceReadIOps', throttleDevices),
    f('BlkioDeviceWriteIOps', throttleDevices),
    f('CPUPeriod', T.int64, { json: 'CpuPeriod' }),
    f('CPUQuota', T.int64, { json: 'CpuQuota' }),
    f('CPURealtimePeriod', T.int64, { json: 'CpuRealtimePeriod' }),
    f('CPURealtimeRuntime', T.int64, { json: 'CpuRealtimeRuntime' }),
    f('CpusetCpus', S),
    f('CpusetMems', S),
    f(
      'Devices',
      T.slice({
        kind: 'struct',
        name: 'container.DeviceMapping',
        fields: [f('PathOnHost', S), f('PathInContainer', S), f('CgroupPermissions', S)],
      }),
    ),
    f('DeviceCgroupRules', strs),
    f(
      'DeviceRequests',
      T.slice({
        kind: 'struct',
        name: 'container.DeviceRequest',
        fields: [
          f('Driver', S),
          f('Count', T.int),
          f('DeviceIDs', strs),
          f('Capabilities', T.slice(strs)),
          f('Options', strMap),
        ],
      }),
    ),
    f('KernelMemory', T.int64, omit),
    f('KernelMemoryTCP', T.int64, omit),
    f('MemoryReservation', T.int64),
    f('MemorySwap', T.int64),
    f('MemorySwappiness', T.ptr(T.int64)),
    f('OomKillDisable', T.ptr(T.bool)),
    f('PidsLimit', T.ptr(T.int64)),
    f(
      'Ulimits',
      T.slice(
        T.ptr({
          kind: 'struct',
          name: 'units.Ulimit',
          fields: [f('Name', S), f('Hard', T.int64), f('Soft', T.int64)],
          stringer: (v) => `${String(v.Name ?? '')}=${Number(v.Soft ?? 0)}:${Number(v.Hard ?? 0)}`,
        }),
      ),
    ),
    f('CPUCount', T.int64, { json: 'CpuCount' }),
    f('CPUPercent', T.int64, { json: 'CpuPercent' }),
    f('IOMaximumIOps', T.uint64),
    f('IOMaximumBandwidth', T.uint64),
  ],
};

/** mount.Mount (HostConfig.Mounts, from --mount): every field omitempty. */
const mountType: GoType = {
  kind: 'struct',
  name: 'mount.Mount',
  fields: [
    f('Type', named('mount.Type'), omit),
    f('Source', S, omit),
    f('Target', S, omit),
    f('ReadOnly', T.bool, omit),
    f('Consistency', named('mount.Consistency'), omit),
    f(
      'BindOptions',
      T.ptr({
        kind: 'struct',
        name: 'mount.BindOptions',
        fields: [
          f('Propagation', named('mount.Propagation'), omit),
          f('NonRecursive', T.bool, omit),
          f('CreateMountpoint', T.bool, omit),
          f('ReadOnlyNonRecursive', T.bool, omit),
          f('ReadOnlyForceRecursive', T.bool, omit),
        ],
      }),
      omit,
    ),
    f(
      'VolumeOptions',
      T.ptr({
        kind: 'struct',
        name: 'mount.VolumeOptions',
        fields: [
          f('NoCopy', T.bool, omit),
          f('Labels', strMap, omit),
          f('Subpath', S, omit),
          f(
            'DriverConfig',
            T.ptr({
              kind: 'struct',
              name: 'mount.Driver',
              fields: [f('Name', S, omit), f('Options', strMap, omit)],
            }),
            omit,
          ),
        ],
      }),
      omit,
    ),
    f(
      'ImageOptions',
      T.ptr({ kind: 'struct', name: 'mount.ImageOptions', fields: [f('Subpath', S, omit)] }),
      omit,
    ),
    f(
      'TmpfsOptions',
      T.ptr({
        kind: 'struct',
        name: 'mount.TmpfsOptions',
        fields: [
          f('SizeBytes', T.int64, omit),
          f('Mode', { kind: 'int', name: 'fs.FileMode' }, omit),
          f('Options', T.slice(strs), omit),
        ],
      }),
      omit,
    ),
    f('ClusterOptions', T.ptr({ kind: 'struct', name: 'mount.ClusterOptions', fields: [] }), omit),
  ],
};

/** container.HostConfig */
export const hostConfig: GoType = {
  kind: 'struct',
  name: 'container.HostConfig',
  fields: [
    f('Binds', strs),
    f('ContainerIDFile', S),
    f('LogConfig', {
      kind: 'struct',
      name: 'container.LogConfig',
      fields: [f('Type', S), f('Config', strMap)],
    }),
    f('NetworkMode', networkMode),
    f('PortBindings', portMap),
    f('RestartPolicy', restartPolicy),
    f('AutoRemove', T.bool),
    f('VolumeDriver', S),
    f('VolumesFrom', strs),
    // [2]uint: an array is never nil; the daemon always sends both numbers
    f('ConsoleSize', T.slice({ kind: 'int', name: 'uint' }, '[2]uint')),
    f('Annotations', strMap, omit),
    f('CapAdd', T.slice(S, 'strslice.StrSlice')),
    f('CapDrop', T.slice(S, 'strslice.StrSlice')),
    f('CgroupnsMode', named('container.CgroupnsMode')),
    f('DNS', strs, { json: 'Dns' }),
    f('DNSOptions', strs, { json: 'DnsOptions' }),
    f('DNSSearch', strs, { json: 'DnsSearch' }),
    f('ExtraHosts', strs),
    f('GroupAdd', strs),
    f('IpcMode', named('container.IpcMode')),
    f('Cgroup', named('container.CgroupSpec')),
    f('Links', strs),
    f('OomScoreAdj', T.int),
    f('PidMode', named('container.PidMode')),
    f('Privileged', T.bool),
    f('PublishAllPorts', T.bool),
    f('ReadonlyRootfs', T.bool),
    f('SecurityOpt', strs),
    f('StorageOpt', strMap, omit),
    f('Tmpfs', strMap, omit),
    f('UTSMode', named('container.UTSMode')),
    f('UsernsMode', named('container.UsernsMode')),
    f('ShmSize', T.int64),
    f('Sysctls', strMap, omit),
    f('Runtime', S, omit),
    f('Isolation', named('container.Isolation')),
    f('Resources', resources, { embedded: true }),
    f('Mounts', T.slice(mountType), omit),
    f('MaskedPaths', strs),
    f('ReadonlyPaths', strs),
    f('Init', T.ptr(T.bool), omit),
  ],
};
