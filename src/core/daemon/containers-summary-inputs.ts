// What the parts of a container.Summary that may change after create are built
// from: the name (rename) and the endpoints (network connect and disconnect,
// start, stop). Kept on the list's memo itself, so checking a thousand rows
// reads each container's record and memo and nothing else.
import type { ContainerRecord } from './containers-types';

/**
 * The record fields the parts were built from. The daemon replaces them (never
 * edits them in place) when they change, so comparing references is enough.
 * Path, Args, Created, Labels, NetworkMode and Mounts are set at create and
 * never replaced: the parts built from them hold for the container's life.
 */
export interface PartsInputs {
  name: string;
  networks: ContainerRecord['Networks'];
  network: ContainerRecord['Network'];
  endpoints: ContainerRecord['Endpoints'];
}

export function keepInputs(m: PartsInputs, r: ContainerRecord): void {
  m.name = r.Name;
  m.networks = r.Networks;
  m.network = r.Network;
  m.endpoints = r.Endpoints;
}

export function partsUnchanged(m: PartsInputs, r: ContainerRecord): boolean {
  return (
    m.name === r.Name && m.networks === r.Networks && m.network === r.Network && m.endpoints === r.Endpoints
  );
}
