// What the parts of a container.Summary that change only on rename, network
// connect/disconnect, start/stop (endpoints) or a change of mounts are built
// from: kept with them, so a list of a thousand rebuilds only stale ones.
import type { ContainerRecord } from './containers-types';

/**
 * What the parts were built from. The daemon replaces these record fields
 * (never edits them in place) when they change, so comparing references is
 * enough to know the parts are stale.
 */
export interface PartsInputs {
  name: string;
  path: string;
  args: ContainerRecord['Args'];
  created: number;
  labels: ContainerRecord['Config']['Labels'];
  networkMode: string | undefined;
  networks: ContainerRecord['Networks'];
  network: ContainerRecord['Network'];
  endpoints: ContainerRecord['Endpoints'];
  mounts: ContainerRecord['Mounts'];
}

export function partsInputs(r: ContainerRecord): PartsInputs {
  return {
    name: r.Name,
    path: r.Path,
    args: r.Args,
    created: r.Created,
    labels: r.Config.Labels,
    networkMode: r.HostConfig.NetworkMode,
    networks: r.Networks,
    network: r.Network,
    endpoints: r.Endpoints,
    mounts: r.Mounts,
  };
}

export function partsUnchanged(a: PartsInputs, r: ContainerRecord): boolean {
  return (
    a.name === r.Name &&
    a.path === r.Path &&
    a.args === r.Args &&
    a.created === r.Created &&
    a.labels === r.Config.Labels &&
    a.networkMode === r.HostConfig.NetworkMode &&
    a.networks === r.Networks &&
    a.network === r.Network &&
    a.endpoints === r.Endpoints &&
    a.mounts === r.Mounts
  );
}
