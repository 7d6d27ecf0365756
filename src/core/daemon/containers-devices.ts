// --device (HostConfig.Devices) as moby's oci.DevicesFromPath reads the host at each start: the
// device node at the path, or every node under a directory, else the start fails; runc then
// makes each node in the container with the host's type, numbers, mode and group.
import { FsError } from '../fs/types';
import { HOST_DEVICES, type HostDevice } from '../kernel/devices';
import type { MountNamespace } from '../kernel/mount-ns';

export interface DeviceMapping {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions: string;
}

/** A node to make in the container: where, and the host device it copies. */
export interface ContainerDevice {
  readonly path: string;
  readonly device: HostDevice;
}

/** What else the laptop's /dev holds: directories and links, none of them a device. */
const DEV_OTHERS = new Set(
  ['', '/shm', '/pts', '/mqueue', '/fd', '/stdin', '/stdout', '/stderr', '/core', '/ptmx'].map(
    (p) => `/dev${p}`,
  ),
);

const clean = (p: string) => p.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/**
 * The nodes one mapping makes, or DevicesFromPath's error. `hostExists` tells whether a path
 * that is no device is on the laptop at all (no such file, or not a device node).
 */
export function devicesFromPath(
  m: DeviceMapping,
  hostExists: (path: string) => boolean,
): ContainerDevice[] | string {
  const src = clean(m.PathOnHost);
  const dst = m.PathInContainer;
  const own = HOST_DEVICES.find((d) => d.path === src);
  if (own) return [{ path: dst, device: own }];
  // a directory holding devices: each one found on the walk, at its place under the destination
  const under = HOST_DEVICES.filter((d) => src === '/' || d.path.startsWith(`${src}/`));
  if (under.length > 0)
    return under.map((d) => ({ path: dst + d.path.slice(src === '/' ? 0 : src.length), device: d }));
  // the devtmpfs holds the nodes above, runc's links and the mount points; the disk the rest
  const why = DEV_OTHERS.has(src) || hostExists(src) ? 'not a device node' : 'no such file or directory';
  return `error gathering device information while adding custom device ${JSON.stringify(m.PathOnHost)}: ${why}`;
}

/** Every mapping's nodes, or the first error (the start fails with it). */
export function gatherDevices(
  mappings: readonly DeviceMapping[] | null | undefined,
  hostExists: (path: string) => boolean,
): ContainerDevice[] | string {
  const out: ContainerDevice[] = [];
  for (const m of mappings ?? []) {
    const r = devicesFromPath(m, hostExists);
    if (typeof r === 'string') return r;
    out.push(...r);
  }
  return out;
}

/** The nodes whose drivers the model has no behaviour for (reading or writing them fails). */
export function opaqueDevices(devices: readonly ContainerDevice[]): string[] {
  return devices.filter((d) => typeof d.device.kind === 'object').map((d) => d.path);
}

/** mknod for each: the parents made as needed, root's, with the host node's mode and group. */
export function makeDeviceNodes(
  ns: MountNamespace,
  nodes: ReadonlyArray<{ path: string; device: HostDevice }>,
): void {
  for (const { path, device } of nodes) {
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    ns.mkdir(parent, { recursive: true, mode: 0o755 });
    const err = ns.writeFile(path, '', { mode: device.mode });
    if (err instanceof FsError) continue;
    ns.chmod(path, device.mode);
    ns.chown(path, 0, device.gid);
    ns.setDevice(path, device.kind);
  }
}
