// The Go types the docker CLI (v28.5.2, vendored moby api/types) decodes Engine API
// bodies into. Templates run against these first, so nil slices print `[]`, nil maps
// `map[]`, absent optional fields their zero value, and errors name the Go type.

import type { GoType } from './go-value';
import { T } from './go-value';
import { f, S, strs } from './api-types-fields';
import { hostConfig } from './api-types-host';
import { networkSettings } from './api-types-network';

const set = T.map(T.empty);

/** dockerspec.HealthcheckConfig */
export const healthcheckConfig: GoType = {
  kind: 'struct',
  name: 'v1.HealthcheckConfig',
  fields: [
    f('Test', strs, { omitempty: true }),
    f('Interval', T.duration, { omitempty: true }),
    f('Timeout', T.duration, { omitempty: true }),
    f('StartPeriod', T.duration, { omitempty: true }),
    f('StartInterval', T.duration, { omitempty: true }),
    f('Retries', T.int, { omitempty: true }),
  ],
};

/** ocispec.ImageConfig */
const ociImageConfig: GoType = {
  kind: 'struct',
  name: 'v1.ImageConfig',
  fields: [
    f('User', S, { omitempty: true }),
    f('ExposedPorts', set, { omitempty: true }),
    f('Env', strs, { omitempty: true }),
    f('Entrypoint', strs, { omitempty: true }),
    f('Cmd', strs, { omitempty: true }),
    f('Volumes', set, { omitempty: true }),
    f('WorkingDir', S, { omitempty: true }),
    f('Labels', T.map(T.string), { omitempty: true }),
    f('StopSignal', S, { omitempty: true }),
    f('ArgsEscaped', T.bool, { omitempty: true }),
  ],
};

/** dockerspec.DockerOCIImageConfig = ocispec.ImageConfig + DockerOCIImageConfigExt */
export const dockerOCIImageConfig: GoType = {
  kind: 'struct',
  name: 'v1.DockerOCIImageConfig',
  fields: [
    f('ImageConfig', ociImageConfig, { embedded: true }),
    f(
      'DockerOCIImageConfigExt',
      {
        kind: 'struct',
        name: 'v1.DockerOCIImageConfigExt',
        fields: [
          f('Healthcheck', T.ptr(healthcheckConfig), { omitempty: true }),
          f('OnBuild', strs, { omitempty: true }),
          f('Shell', strs, { omitempty: true }),
        ],
      },
      { embedded: true },
    ),
  ],
};

/** container.Config (only in legacy image inspect bodies, and in container inspect) */
export const containerConfig: GoType = {
  kind: 'struct',
  name: 'container.Config',
  fields: [
    f('Hostname', S),
    f('Domainname', S),
    f('User', S),
    f('AttachStdin', T.bool),
    f('AttachStdout', T.bool),
    f('AttachStderr', T.bool),
    f('ExposedPorts', T.map(T.empty, 'nat.PortSet'), { omitempty: true }),
    f('Tty', T.bool),
    f('OpenStdin', T.bool),
    f('StdinOnce', T.bool),
    f('Env', strs),
    f('Cmd', T.slice(T.string, 'strslice.StrSlice')),
    f('Healthcheck', T.ptr(healthcheckConfig), { omitempty: true }),
    f('ArgsEscaped', T.bool, { omitempty: true }),
    f('Image', S),
    f('Volumes', set),
    f('WorkingDir', S),
    f('Entrypoint', T.slice(T.string, 'strslice.StrSlice')),
    f('NetworkDisabled', T.bool, { omitempty: true }),
    f('MacAddress', S, { omitempty: true }),
    f('OnBuild', strs),
    f('Labels', T.map(T.string)),
    f('StopSignal', S, { omitempty: true }),
    f('StopTimeout', T.ptr(T.int), { omitempty: true }),
    f('Shell', T.slice(T.string, 'strslice.StrSlice'), { omitempty: true }),
  ],
};

const descriptor: GoType = {
  kind: 'struct',
  name: 'v1.Descriptor',
  fields: [
    f('MediaType', S, { json: 'mediaType' }),
    f('Digest', S, { json: 'digest' }),
    f('Size', T.int64, { json: 'size' }),
    f('URLs', strs, { json: 'urls', omitempty: true }),
    f('Annotations', T.map(T.string), { json: 'annotations', omitempty: true }),
    f('Data', T.slice({ kind: 'int', name: 'uint8' }), { json: 'data', omitempty: true }),
    f('Platform', T.ptr(T.iface), { json: 'platform', omitempty: true }),
    f('ArtifactType', S, { json: 'artifactType', omitempty: true }),
  ],
};

/** image.InspectResponse: what `docker image inspect` templates see. */
export const imageInspectResponse: GoType = {
  kind: 'struct',
  name: 'image.InspectResponse',
  fields: [
    f('ID', S, { json: 'Id' }),
    f('RepoTags', strs),
    f('RepoDigests', strs),
    f('Parent', S),
    f('Comment', S),
    f('Created', S, { omitempty: true }),
    f('Container', S, { omitempty: true }),
    f('ContainerConfig', T.ptr(containerConfig), { omitempty: true }),
    f('DockerVersion', S),
    f('Author', S),
    f('Config', T.ptr(dockerOCIImageConfig)),
    f('Architecture', S),
    f('Variant', S, { omitempty: true }),
    f('Os', S),
    f('OsVersion', S, { omitempty: true }),
    f('Size', T.int64),
    f('VirtualSize', T.int64, { omitempty: true }),
    f('GraphDriver', {
      kind: 'struct',
      name: 'storage.DriverData',
      fields: [f('Data', T.map(T.string)), f('Name', S)],
    }),
    f('RootFS', {
      kind: 'struct',
      name: 'image.RootFS',
      fields: [f('Type', S, { omitempty: true }), f('Layers', strs, { omitempty: true })],
    }),
    f('Metadata', {
      kind: 'struct',
      name: 'image.Metadata',
      fields: [f('LastTagTime', T.time, { omitempty: true })],
    }),
    f('Descriptor', T.ptr(descriptor), { omitempty: true }),
    f('Manifests', T.slice(T.iface), { omitempty: true }),
  ],
};

const healthcheckResult: GoType = {
  kind: 'struct',
  name: 'container.HealthcheckResult',
  fields: [f('Start', T.time), f('End', T.time), f('ExitCode', T.int), f('Output', S)],
};

/** container.State */
export const containerState: GoType = {
  kind: 'struct',
  name: 'container.State',
  fields: [
    f('Status', { kind: 'string', name: 'container.ContainerState' }),
    f('Running', T.bool),
    f('Paused', T.bool),
    f('Restarting', T.bool),
    f('OOMKilled', T.bool),
    f('Dead', T.bool),
    f('Pid', T.int),
    f('ExitCode', T.int),
    f('Error', S),
    f('StartedAt', S),
    f('FinishedAt', S),
    f(
      'Health',
      T.ptr({
        kind: 'struct',
        name: 'container.Health',
        fields: [f('Status', S), f('FailingStreak', T.int), f('Log', T.slice(T.ptr(healthcheckResult)))],
      }),
      { omitempty: true },
    ),
  ],
};

const mountPoint: GoType = {
  kind: 'struct',
  name: 'container.MountPoint',
  fields: [
    f('Type', { kind: 'string', name: 'mount.Type' }, { omitempty: true }),
    f('Name', S, { omitempty: true }),
    f('Source', S),
    f('Destination', S),
    f('Driver', S, { omitempty: true }),
    f('Mode', S),
    f('RW', T.bool),
    f('Propagation', { kind: 'string', name: 'mount.Propagation' }),
  ],
};

/** container.InspectResponse (HostConfig and NetworkSettings: api-types-host.ts, api-types-network.ts). */
export const containerInspectResponse: GoType = {
  kind: 'struct',
  name: 'container.InspectResponse',
  fields: [
    f(
      'ContainerJSONBase',
      {
        kind: 'struct',
        name: 'container.ContainerJSONBase',
        fields: [
          f('ID', S, { json: 'Id' }),
          f('Created', S),
          f('Path', S),
          f('Args', strs),
          f('State', T.ptr(containerState)),
          f('Image', S),
          f('ResolvConfPath', S),
          f('HostnamePath', S),
          f('HostsPath', S),
          f('LogPath', S),
          f('Name', S),
          f('RestartCount', T.int),
          f('Driver', S),
          f('Platform', S),
          f('MountLabel', S),
          f('ProcessLabel', S),
          f('AppArmorProfile', S),
          f('ExecIDs', strs),
          f('HostConfig', T.ptr(hostConfig)),
          f('GraphDriver', {
            kind: 'struct',
            name: 'storage.DriverData',
            fields: [f('Data', T.map(T.string)), f('Name', S)],
          }),
          f('SizeRw', T.ptr(T.int64), { omitempty: true }),
          f('SizeRootFs', T.ptr(T.int64), { omitempty: true }),
        ],
      },
      { embedded: true },
    ),
    f('Mounts', T.slice(mountPoint)),
    f('Config', T.ptr(containerConfig)),
    f('NetworkSettings', T.ptr(networkSettings)),
    f('ImageManifestDescriptor', T.ptr(descriptor), { omitempty: true }),
  ],
};

/** volume.Volume, what `docker volume inspect` decodes into. */
export const volumeType: GoType = {
  kind: 'struct',
  name: 'volume.Volume',
  fields: [
    f('ClusterVolume', T.iface, { omitempty: true }),
    f('CreatedAt', S, { omitempty: true }),
    f('Driver', S),
    f('Labels', T.map(S)),
    f('Mountpoint', S),
    f('Name', S),
    f('Options', T.map(S)),
    f('Scope', S),
    f('Status', T.map(T.iface), { omitempty: true }),
    f(
      'UsageData',
      T.ptr({
        kind: 'struct',
        name: 'volume.UsageData',
        fields: [f('RefCount', T.int64), f('Size', T.int64)],
      }),
      { omitempty: true },
    ),
  ],
};
