// Which Docker networks a container is on and the network events its
// endpoints cause (daemon/container_operations.go: connectToNetwork logs
// `network connect` once the endpoint has joined; releaseNetwork, on every
// cleanup after the sandbox was made, logs `network disconnect`).
import type { EventLog } from '../events';
import type { DockerNetwork, NetworkStack } from '../kernel/network';
import type { ContainerRecord } from './containers-types';

/** The network HostConfig.NetworkMode names ("default" is the bridge); undefined when it is gone. */
export function modeNetwork(stack: NetworkStack, rec: ContainerRecord): DockerNetwork | undefined {
  const m = rec.HostConfig.NetworkMode ?? 'default';
  if (m === 'default' || m === '') return stack.bridge;
  return stack.network(m);
}

/** NetworkSettings.Networks as networks: the mode's network, then those `docker network connect` added. */
export function containerNetworks(stack: NetworkStack, rec: ContainerRecord): DockerNetwork[] {
  const out: DockerNetwork[] = [];
  const first = modeNetwork(stack, rec);
  if (first) out.push(first);
  for (const id of rec.ExtraNetworks ?? []) {
    const n = stack.networks.find((x) => x.id === id);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
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
