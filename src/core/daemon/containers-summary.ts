// container.Summary for GET /containers/json (container/view.go): the
// daemon's Command and Status strings (container/state.go), the ports view,
// and a summary kept per container while none of its inputs changed, so a
// list of a thousand rebuilds only the rows that time or events touched.
import type { ImageService } from '../image/service';
import { FramedDurations, humanDuration, humanDurationUntil } from '../human-duration';
import { dockerStatus, type ContainerStateName } from './container-machine';
import { isRunningState, type ContainerEntry } from './containers-entry';
import { mountsJson, networksJson } from './containers-inspect';
import { keepInputs, partsUnchanged, type PartsInputs } from './containers-summary-inputs';
import type { ContainerRecord } from './containers-types';

const UP = new FramedDurations((t) => `Up ${t}`);
const EXITED = new Map<number, FramedDurations>();

function exited(code: number, text: string): string {
  let f = EXITED.get(code);
  if (f === undefined) {
    f = new FramedDurations((t) => `Exited (${code}) ${t} ago`);
    // exit codes are 0-255: the map stays small
    EXITED.set(code, f);
  }
  return f.get(text);
}

/** State.String(): what `docker ps` shows in STATUS. */
export function statusString(c: ContainerEntry, now: number, s: ContainerStateName = c.machineState): string {
  const st = c.rec.State;
  if (isRunningState(s)) {
    if (s === 'paused') return `Up ${humanDuration(now - st.StartedAt)} (Paused)`;
    if (s === 'restarting') return `Restarting (${st.ExitCode}) ${humanDuration(now - st.FinishedAt)} ago`;
    return UP.get(humanDuration(now - st.StartedAt));
  }
  if (c.removed) return 'Removal In Progress';
  if (st.StartedAt === 0) return 'Created';
  if (st.FinishedAt === 0) return '';
  return exited(st.ExitCode, humanDuration(now - st.FinishedAt));
}

/** The first time after `now` at which statusString may read differently (same state). */
export function statusUntil(c: ContainerEntry, now: number, s: ContainerStateName = c.machineState): number {
  const st = c.rec.State;
  if (isRunningState(s)) {
    const since = s === 'restarting' ? st.FinishedAt : st.StartedAt;
    return since + humanDurationUntil(now - since);
  }
  if (c.removed || st.StartedAt === 0 || st.FinishedAt === 0) return Infinity;
  return st.FinishedAt + humanDurationUntil(now - st.FinishedAt);
}

/** container/view.go: Path and Args, args with a space quoted in single quotes. */
export function commandString(c: ContainerEntry): string {
  const args = c.rec.Args.map((a) => (a.includes(' ') ? `'${a}'` : a));
  return args.length ? `${c.rec.Path} ${args.join(' ')}` : c.rec.Path;
}

/**
 * What a reference resolves to, asked once per distinct reference while one
 * list is built (a thousand containers of one image parse its name once).
 */
export type ImageLookup = (ref: string) => string | undefined;

export function imageLookup(images: ImageService): ImageLookup {
  const cache = new Map<string, string | undefined>();
  return (ref) => {
    if (cache.has(ref)) return cache.get(ref);
    const r = images.get(ref);
    const id = r.ok ? r.value : undefined;
    cache.set(ref, id);
    return id;
  };
}

/** The Summary parts that neither time nor the container's state change. */
function summaryParts(c: ContainerEntry) {
  const r = c.rec;
  return {
    Names: [r.Name],
    Command: commandString(c),
    Created: Math.floor(r.Created / 1000),
    Labels: r.Config.Labels ?? {},
    HostConfig: { NetworkMode: r.HostConfig.NetworkMode ?? 'bridge' },
    NetworkSettings: { Networks: networksJson(c) },
    Mounts: mountsJson(c),
  };
}

type Parts = ReturnType<typeof summaryParts>;
type PortSummary = { IP?: string; PrivatePort: number; PublicPort?: number; Type: string };

/**
 * container/view.go transform: only NetworkSettings.Ports (exposed ports with no binding,
 * then each binding), which the network's release empties: a stopped container lists none.
 */
function portSummaries(recPorts: ContainerRecord['Ports']): PortSummary[] {
  const ports: PortSummary[] = [];
  for (const key in recPorts) {
    const list = recPorts[key];
    const [port, type = 'tcp'] = key.split('/');
    if (!list || list.length === 0) ports.push({ PrivatePort: Number(port), Type: type });
    else
      for (const b of list)
        ports.push({ IP: b.HostIp, PrivatePort: Number(port), PublicPort: Number(b.HostPort), Type: type });
  }
  return ports;
}

/**
 * A container's last summary, with everything it was built from and how long
 * its Status holds. The daemon replaces record fields and state (never edits
 * them in place), so equal inputs mean an equal summary; callers treat API
 * bodies as read-only, as a client of JSON would, so the same one serves again.
 */
export interface SummaryMemo extends PartsInputs {
  /** Config.Image, the reference as created (it never changes). */
  reference: string | undefined;
  parts: Parts;
  ports: ContainerRecord['Ports'];
  portList: PortSummary[];
  summary: Record<string, unknown> | undefined;
  image: string;
  imageId: string;
  machine: ContainerStateName;
  removed: boolean;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  /** The span of list times [from, until) the summary's Status text holds for. */
  from: number;
  until: number;
}

function summaryValid(
  m: SummaryMemo,
  c: ContainerEntry,
  image: string,
  machine: ContainerStateName,
  now: number,
): boolean {
  const st = c.rec.State;
  return (
    m.summary !== undefined &&
    m.image === image &&
    m.imageId === c.rec.ImageId &&
    m.ports === c.rec.Ports &&
    m.machine === machine &&
    m.removed === c.removed &&
    m.startedAt === st.StartedAt &&
    m.finishedAt === st.FinishedAt &&
    m.exitCode === st.ExitCode &&
    now >= m.from &&
    now < m.until
  );
}

/** The container's memo with its parts and ports view current (the summary itself checked apart). */
function memoOf(c: ContainerEntry): SummaryMemo {
  const r = c.rec;
  let m = c.summaryMemo;
  if (!m) {
    const parts = summaryParts(c);
    m = c.summaryMemo = {
      name: r.Name,
      networks: r.Networks,
      network: r.Network,
      endpoints: r.Endpoints,
      reference: r.Config.Image,
      parts,
      ports: r.Ports,
      portList: portSummaries(r.Ports),
      summary: undefined,
      image: '',
      imageId: '',
      machine: c.machineState,
      removed: false,
      startedAt: 0,
      finishedAt: 0,
      exitCode: 0,
      from: 0,
      until: -Infinity,
    };
    return m;
  }
  if (!partsUnchanged(m, r)) {
    keepInputs(m, r);
    m.parts = summaryParts(c);
    m.summary = undefined;
  }
  if (m.ports !== r.Ports) {
    m.ports = r.Ports;
    m.portList = portSummaries(r.Ports);
    m.summary = undefined;
  }
  return m;
}

/** One container.Summary of GET /containers/json. */
export function containerSummary(
  c: ContainerEntry,
  images: ImageService,
  now: number,
  size: boolean,
  lookup: ImageLookup = imageLookup(images),
): Record<string, unknown> {
  const r = c.rec;
  // the reference as typed, unless it now names another image (then the ID)
  const m = memoOf(c);
  const ref = m.reference;
  const image = ref && lookup(ref) === r.ImageId ? ref : r.ImageId;
  const machine = c.settledState;
  if (!size && summaryValid(m, c, image, machine, now)) return m.summary!;
  const p = m.parts;
  const State = c.removed ? 'removing' : dockerStatus(machine);
  const Status = statusString(c, now, machine);
  // one literal each way (keys in the API's order): a thousand summaries a list, built whole;
  // adding the size keys to one object instead measured slower (a thousand rebuilt: 0.7-2.7 ms, not 0.5-1.3)
  if (size) {
    const upper = c.root.upperSize();
    const rootFs = upper + (r.ImageId ? images.store.imageSize(r.ImageId) : 0);
    return {
      Id: r.Id,
      Names: p.Names,
      Image: image,
      ImageID: r.ImageId,
      Command: p.Command,
      Created: p.Created,
      Ports: m.portList,
      SizeRw: upper,
      SizeRootFs: rootFs,
      Labels: p.Labels,
      State,
      Status,
      HostConfig: p.HostConfig,
      NetworkSettings: p.NetworkSettings,
      Mounts: p.Mounts,
    };
  }
  m.summary = {
    Id: r.Id,
    Names: p.Names,
    Image: image,
    ImageID: r.ImageId,
    Command: p.Command,
    Created: p.Created,
    Ports: m.portList,
    Labels: p.Labels,
    State,
    Status,
    HostConfig: p.HostConfig,
    NetworkSettings: p.NetworkSettings,
    Mounts: p.Mounts,
  };
  const st = r.State;
  m.image = image;
  m.imageId = r.ImageId;
  m.machine = machine;
  m.removed = c.removed;
  m.startedAt = st.StartedAt;
  m.finishedAt = st.FinishedAt;
  m.exitCode = st.ExitCode;
  m.from = now;
  m.until = statusUntil(c, now, machine);
  return m.summary;
}
