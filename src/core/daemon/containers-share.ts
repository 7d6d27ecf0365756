// Namespaces a container shares with another one or with the host (moby v28.5.2):
// runconfig's validateNetMode at create, adaptSharedNamespaceContainer and
// generateSecurityOpt's donor lookups, then at start getNetworkedContainer
// (--network container:X) and setupIPCDirs/getIPCContainer (--ipc container:X|host|shareable).
import { fail, type Failure, type Result } from '../image/errors';
import { OverlayMount } from '../fs/overlay';
import type { Clock } from '../clock';
import type { FileSystem } from '../userland/types';
import type { MountInfo } from '../userland/procfs';
import type { ContainerEntry } from './containers-entry';
import type { StartError } from './containers-runtime';
import { shmInfo } from './containers-rootfs';
import type { ContainerConfig, ContainerRecord, HostConfigJson } from './containers-types';

/** A /dev/shm that other containers may mount: the tmpfs and, when not the usual one, its mount line. */
export interface ShmShare {
  source: () => FileSystem;
  info?: MountInfo;
}

/** The host's /dev/shm, for --ipc host. */
export interface HostShm {
  fs: FileSystem;
  info: MountInfo;
}

const PREFIX = 'container:';
const invalid = (m: string): Failure => fail('invalid', m);

/** The NAME of a container:NAME mode ('' when the mode names none, undefined when it is another mode). */
export function sharedWith(mode: string | undefined): string | undefined {
  if (mode === undefined) return undefined;
  if (mode.startsWith(PREFIX)) return mode.slice(PREFIX.length);
  return undefined;
}

/**
 * runconfig validateNetMode (decodeContainerConfig, before anything else of the create):
 * a container network takes its hostname, DNS, hosts and ports from the donor.
 */
export function validateNetMode(cfg: ContainerConfig, hc: HostConfigJson): Failure | undefined {
  const mode = hc.NetworkMode ?? '';
  if (mode === 'container' || mode.startsWith(PREFIX)) {
    if (mode.slice(PREFIX.length) === '')
      return invalid('invalid network mode: invalid container format container:<name|id>');
    if (cfg.Hostname) return invalid('conflicting options: hostname and the network mode');
    if ((hc.Links ?? []).length > 0)
      return invalid(
        "conflicting options: container type network can't be used with links. This would result in undefined behavior",
      );
    if ((hc.Dns ?? []).length > 0) return invalid('conflicting options: dns and the network mode');
    if ((hc.ExtraHosts ?? []).length > 0)
      return invalid('conflicting options: custom host-to-IP mapping and the network mode');
    if (Object.keys(hc.PortBindings ?? {}).length > 0 || hc.PublishAllPorts)
      return invalid('conflicting options: port publishing and the container type network mode');
    if (Object.keys(cfg.ExposedPorts ?? {}).length > 0)
      return invalid('conflicting options: port exposing and the container type network mode');
  }
  if (hc.UTSMode === 'host' && cfg.Hostname) return invalid('conflicting options: hostname and the UTS mode');
  if (mode === 'host' && (hc.Links ?? []).length > 0)
    return invalid(
      "conflicting options: host type networking can't be used with links. This would result in undefined behavior",
    );
  return undefined;
}

/**
 * adaptSharedNamespaceContainer: container:NAME becomes container:ID (so a rename of the donor
 * keeps the sharing), then generateSecurityOpt looks the IPC and PID donors up: a missing one
 * fails the create. A network donor is not looked up until the start (moby's FIXME).
 */
export function adaptSharedNamespaces(
  hc: HostConfigJson,
  lookup: (nameOrId: string) => Result<ContainerEntry>,
): Failure | undefined {
  const full = (mode: string | undefined): string | undefined => {
    const name = sharedWith(mode);
    if (!name) return mode;
    const c = lookup(name);
    return c.ok ? PREFIX + c.value.id : mode;
  };
  if (sharedWith(hc.PidMode)) hc.PidMode = full(hc.PidMode);
  if (sharedWith(hc.IpcMode)) hc.IpcMode = full(hc.IpcMode);
  if (sharedWith(hc.NetworkMode)) hc.NetworkMode = full(hc.NetworkMode);
  for (const mode of [hc.IpcMode, hc.PidMode]) {
    const name = sharedWith(mode);
    if (!name) continue;
    const c = lookup(name);
    if (!c.ok) return invalid(c.message);
  }
  return undefined;
}

/** getNetworkedContainer: the running donor of --network container:X, or the start's error. */
export function networkDonor(
  rec: ContainerRecord,
  lookup: (nameOrId: string) => Result<ContainerEntry>,
): ContainerEntry | StartError {
  const name = sharedWith(rec.HostConfig.NetworkMode) ?? '';
  const nc = lookup(name);
  // a missing donor is a system error: the start assumes the create resolved it
  if (!nc.ok)
    return {
      status: nc.kind === 'notFound' ? 500 : 400,
      message: `joining network namespace of container: ${nc.message}`,
      exitCode: 128,
    };
  if (nc.value.id === rec.Id)
    return { status: 500, message: 'cannot join own network namespace', exitCode: 128 };
  if (!nc.value.running || !nc.value.live)
    return {
      status: 409,
      message: `cannot join network namespace of a non running container: container ${nc.value.name} is ${nc.value.state().Status}`,
      exitCode: 128,
    };
  if (nc.value.restarting)
    return {
      status: 409,
      message: `cannot join network namespace of container: Container ${name} is restarting, wait until the container is running`,
      exitCode: 128,
    };
  return nc.value;
}

/**
 * setupIPCDirs: the /dev/shm a container mounts. undefined for private and none (runc's own
 * tmpfs, or nothing); a tmpfs others may join for shareable; the host's or the donor's.
 */
export function ipcShm(
  rec: ContainerRecord,
  lookup: (nameOrId: string) => Result<ContainerEntry>,
  hostShm: (() => HostShm) | undefined,
  clock: Clock,
): ShmShare | undefined | StartError {
  const mode = rec.HostConfig.IpcMode ?? '';
  const donor = sharedWith(mode);
  if (donor !== undefined) {
    const failed = (status: number, why: string): StartError => ({
      status,
      message: `failed to join IPC namespace: ${why}`,
      exitCode: 128,
    });
    // getIPCContainer
    const ic = lookup(donor);
    if (!ic.ok) return failed(400, ic.message);
    if (!ic.value.running || !ic.value.live) return failed(409, `container ${donor} is not running`);
    if (ic.value.restarting)
      return failed(409, `Container ${donor} is restarting, wait until the container is running`);
    const shm = ic.value.live.shm;
    if (!shm)
      return failed(
        400,
        `container ${donor}: non-shareable IPC (hint: use IpcMode:shareable for the donor container)`,
      );
    return shm;
  }
  if (mode === 'host') {
    if (!hostShm)
      return { status: 500, message: '/dev/shm is not mounted, but must be for --ipc=host', exitCode: 128 };
    const h = hostShm();
    return { source: () => h.fs, info: h.info };
  }
  if (mode === 'shareable' || mode === '') {
    let fs: FileSystem | undefined;
    return {
      source: () => (fs ??= new OverlayMount([], { clock, root: { mode: 0o1777 } })),
      info: shmInfo(rec.HostConfig.ShmSize),
    };
  }
  return undefined;
}
