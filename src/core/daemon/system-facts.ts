// What dockerd knows about itself: the docker-ce 28.5.2 engine of the
// laptop (moby v28.5.2, Go 1.24.9, containerd.io 1.7.28, runc 1.3.3, tini
// 0.19.0 as docker-init), the storage and cgroup setup of an Ubuntu 24.04
// install, and an engine ID derived from the host so it is stable per world.
import { sha256Hex } from '../hash';
import type { HostInfo } from '../userland/types';
import { API_VERSION } from './api';

export const ENGINE = {
  platform: 'Docker Engine - Community',
  version: '28.5.2',
  apiVersion: API_VERSION,
  minApiVersion: '1.24',
  /** moby v28.5.2 */
  gitCommit: '89c5e8f',
  goVersion: 'go1.24.9',
  /** The v28.5.2 tag's time, as the build stamps it (RFC 3339 with nanoseconds and a numeric zone). */
  buildTime: '2025-11-05T14:19:32.000000000+00:00',
  os: 'linux',
  arch: 'amd64',
} as const;

export const CONTAINERD = { version: '1.7.28', commit: 'b98a3aace656320842a23f4a392a33f46af97866' } as const;
export const RUNC = { version: '1.3.3', commit: 'v1.3.3-0-gd842d771' } as const;
export const DOCKER_INIT = { version: '0.19.0', commit: 'de40ad0' } as const;

/** overlay2 on the laptop's ext4 disk (daemon/graphdriver/overlay2 Status). */
export const DRIVER_STATUS: [string, string][] = [
  ['Backing Filesystem', 'extfs'],
  ['Supports d_type', 'true'],
  ['Using metacopy', 'false'],
  ['Native Overlay Diff', 'true'],
  ['userxattr', 'false'],
];

/** The engine ID (a UUID in /var/lib/docker/engine-id), made from the host's facts. */
export function engineId(host: HostInfo, hostname: string): string {
  const h = sha256Hex(`engine-id ${hostname} ${host.bootTime} ${host.kernelRelease}`);
  const v = `4${h.slice(13, 16)}`;
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16) + h.slice(17, 20);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${v}-${variant}-${h.slice(20, 32)}`;
}
