// Which Docker networks a container is on and the network events its
// endpoints cause (daemon/container_operations.go: connectToNetwork logs
// `network connect` once the endpoint has joined; releaseNetwork, on every
// cleanup after the sandbox was made, logs `network disconnect`).
import type { EventLog } from '../events';
import type { DockerNetwork, Endpoint, NetworkStack } from '../kernel/network';
import type { FileSystem } from '../userland/types';
import type { ContainerRecord, NetworkRecord } from './containers-types';

/** The NetworkMode's network name as NetworkSettings.Networks keys it ("default" is the bridge). */
export function modeNetworkName(rec: ContainerRecord): string {
  const m = rec.HostConfig.NetworkMode ?? 'default';
  return m === 'default' || m === '' ? 'bridge' : m;
}

/** The names of NetworkSettings.Networks, the NetworkMode's first. */
export function networkNames(rec: ContainerRecord): string[] {
  return rec.Networks ?? [modeNetworkName(rec)];
}

/** NetworkSettings.Networks as networks (names that name no network are left out). */
export function containerNetworks(stack: NetworkStack, rec: ContainerRecord): DockerNetwork[] {
  const out: DockerNetwork[] = [];
  for (const name of networkNames(rec)) {
    const n = stack.network(name);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

/** The endpoint settings inspect shows for a running container's endpoint. */
export function endpointRecord(net: DockerNetwork, ep: Endpoint): NetworkRecord {
  return {
    NetworkID: net.id,
    EndpointID: ep.endpointId,
    Gateway: net.gateway ?? '',
    IPAddress: ep.ip,
    IPPrefixLen: Number(net.subnet?.split('/')[1] ?? 0),
    MacAddress: ep.mac,
  };
}

/** LogNetworkEventWithAttributes: the container's full ID, the network's name and driver. */
export function logNetworkEvent(
  events: EventLog,
  net: DockerNetwork,
  action: 'connect' | 'disconnect',
  containerId: string,
): void {
  events.emit('network', action, {
    ID: net.id,
    Attributes: { container: containerId, name: net.name, type: net.driver },
  });
}

/** An /etc/hosts record of the container's own name (etchosts.Record: IP, tab, hostname). */
export function hostsRecord(rec: ContainerRecord, ip: string): string {
  return `${ip}\t${rec.Config.Hostname ?? rec.Id.slice(0, 12)}\n`;
}

/**
 * An endpoint's leave takes its record out of the sandbox's hosts file
 * (libnetwork sbLeave, etchosts.Delete): on disconnect, and for every endpoint
 * when a stop deletes the sandbox, so a container that joined this one's
 * namespace no longer finds the address.
 */
export function dropHostsRecord(files: FileSystem, rec: ContainerRecord, ip: string): void {
  const hosts = files.readFile('/hosts');
  if (typeof hosts === 'string') files.writeFile('/hosts', hosts.replace(hostsRecord(rec, ip), ''));
}
