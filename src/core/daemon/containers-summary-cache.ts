// The parts of a container.Summary that change only on rename, network
// connect/disconnect, start/stop (endpoints) or a change of mounts: kept per
// container so a list of a thousand builds only what time and state change.
import type { ContainerEntry } from './containers-entry';
import type { ContainerRecord } from './containers-types';

/**
 * What the parts were built from. The daemon replaces these record fields
 * (never edits them in place) when they change, so comparing references is
 * enough to know the parts are stale.
 */
interface Inputs {
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

interface Cached<T> {
  inputs: Inputs;
  parts: T;
}

function current(r: ContainerRecord): Inputs {
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

function unchanged(a: Inputs, r: ContainerRecord): boolean {
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

/**
 * Per-container parts, built by `build` when first asked or when an input
 * changed. The parts are shared by every list that returns them: callers
 * treat API bodies as read-only, as a client of JSON would.
 */
export class SummaryPartsCache<T> {
  readonly #byEntry = new WeakMap<ContainerEntry, Cached<T>>();

  constructor(private readonly build: (c: ContainerEntry) => T) {}

  get(c: ContainerEntry): T {
    const hit = this.#byEntry.get(c);
    if (hit && unchanged(hit.inputs, c.rec)) return hit.parts;
    const parts = this.build(c);
    this.#byEntry.set(c, { inputs: current(c.rec), parts });
    return parts;
  }
}
