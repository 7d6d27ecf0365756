// The Go type `docker info --format` runs its template against (cli/command/system/info.go
// dockerInfo: the embedded system.Info of moby's api/types v28, then the client's part), so
// `{{json .}}` keeps the struct's key order and `{{.Nope}}` fails naming system.dockerInfo.
import type { GoType, StructField } from './go-value';
import { T } from './go-value';

const f = (name: string, type: GoType, extra: Partial<StructField> = {}): StructField => ({
  name,
  type,
  ...extra,
});
const S = T.string;
const strs = T.slice(S);
const pairs = T.slice(T.slice(S));
const struct = (name: string, fields: StructField[]): GoType => ({ kind: 'struct', name, fields });

const commit = struct('system.Commit', [f('ID', S), f('Expected', S, { omitempty: true })]);

/** system.Info (api/types/system/info.go), field by field in declaration order. */
const systemInfo = struct('system.Info', [
  f('ID', S),
  f('Containers', T.int),
  f('ContainersRunning', T.int),
  f('ContainersPaused', T.int),
  f('ContainersStopped', T.int),
  f('Images', T.int),
  f('Driver', S),
  f('DriverStatus', pairs),
  f('SystemStatus', pairs, { omitempty: true }),
  f(
    'Plugins',
    struct('system.PluginsInfo', [
      f('Volume', strs),
      f('Network', strs),
      f('Authorization', strs),
      f('Log', strs),
    ]),
  ),
  f('MemoryLimit', T.bool),
  f('SwapLimit', T.bool),
  f('KernelMemory', T.bool, { omitempty: true }),
  f('KernelMemoryTCP', T.bool, { omitempty: true }),
  f('CPUCfsPeriod', T.bool, { json: 'CpuCfsPeriod' }),
  f('CPUCfsQuota', T.bool, { json: 'CpuCfsQuota' }),
  f('CPUShares', T.bool),
  f('CPUSet', T.bool),
  f('PidsLimit', T.bool),
  f('IPv4Forwarding', T.bool),
  f('Debug', T.bool),
  f('NFd', T.int),
  f('OomKillDisable', T.bool),
  f('NGoroutines', T.int),
  f('SystemTime', S),
  f('LoggingDriver', S),
  f('CgroupDriver', S),
  f('CgroupVersion', S, { omitempty: true }),
  f('NEventsListener', T.int),
  f('KernelVersion', S),
  f('OperatingSystem', S),
  f('OSVersion', S),
  f('OSType', S),
  f('Architecture', S),
  f('IndexServerAddress', S),
  // the real client prints these two as the daemon sent them (keys sorted)
  f('RegistryConfig', T.iface),
  f('NCPU', T.int),
  f('MemTotal', T.int64),
  f('GenericResources', T.iface),
  f('DockerRootDir', S),
  f('HTTPProxy', S, { json: 'HttpProxy' }),
  f('HTTPSProxy', S, { json: 'HttpsProxy' }),
  f('NoProxy', S),
  f('Name', S),
  f('Labels', strs),
  f('ExperimentalBuild', T.bool),
  f('ServerVersion', S),
  f('Runtimes', T.map(T.iface)),
  f('DefaultRuntime', S),
  f(
    'Swarm',
    struct('swarm.Info', [
      f('NodeID', S),
      f('NodeAddr', S),
      f('LocalNodeState', S),
      f('ControlAvailable', T.bool),
      f('Error', S),
      f('RemoteManagers', T.slice(T.iface)),
      f('Nodes', T.int, { omitempty: true }),
      f('Managers', T.int, { omitempty: true }),
      f('Cluster', T.iface, { omitempty: true }),
      f('Warnings', strs, { omitempty: true }),
    ]),
  ),
  f('LiveRestoreEnabled', T.bool),
  f('Isolation', S),
  f('InitBinary', S),
  f('ContainerdCommit', commit),
  f('RuncCommit', commit),
  f('InitCommit', commit),
  f('SecurityOptions', strs),
  f('ProductLicense', S, { omitempty: true }),
  f('DefaultAddressPools', T.slice(T.iface), { omitempty: true }),
  f(
    'FirewallBackend',
    T.ptr(struct('system.FirewallInfo', [f('Driver', S), f('Info', pairs, { omitempty: true })])),
    { omitempty: true },
  ),
  f('CDISpecDirs', strs),
  f('DiscoveredDevices', T.slice(T.iface), { omitempty: true }),
  f(
    'Containerd',
    T.ptr(
      struct('system.ContainerdInfo', [
        f('Address', S, { omitempty: true }),
        f('Namespaces', struct('system.ContainerdNamespaces', [f('Containers', S), f('Plugins', S)])),
      ]),
    ),
    { omitempty: true },
  ),
  f('Warnings', strs),
]);

/** pluginmanager.Plugin: the embedded metadata.Metadata, then where the plugin was found. */
const pluginType = struct('manager.Plugin', [
  f(
    'Metadata',
    struct('metadata.Metadata', [
      f('SchemaVersion', S, { omitempty: true }),
      f('Vendor', S, { omitempty: true }),
      f('Version', S, { omitempty: true }),
      f('ShortDescription', S, { omitempty: true }),
      f('URL', S, { omitempty: true }),
    ]),
    { embedded: true },
  ),
  f('Name', S, { omitempty: true }),
  f('Path', S, { omitempty: true }),
]);

/** clientInfo: Debug, the embedded clientVersion, the CLI plugins and warnings. */
export function clientInfoType(clientVersion: GoType): GoType {
  return struct('system.clientInfo', [
    f('Debug', T.bool),
    f('clientVersion', clientVersion, { embedded: true }),
    f('Plugins', T.slice(pluginType)),
    f('Warnings', strs),
  ]);
}

/** dockerInfo: system.Info embedded, then what the client adds. */
export function dockerInfoType(clientVersion: GoType): GoType {
  return struct('system.dockerInfo', [
    f('Info', systemInfo, { embedded: true }),
    f('ClientInfo', T.ptr(clientInfoType(clientVersion)), { omitempty: true }),
    f('ClientErrors', strs, { omitempty: true }),
    f('ServerErrors', strs, { omitempty: true }),
  ]);
}
