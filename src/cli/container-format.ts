// docker/cli's ContainerContext (cli/command/formatter/container.go): how one
// container.Summary from GET /containers/json becomes the cells of `docker ps`
// and `docker system df -v`: IDs, image names, quoted commands, ports, sizes.

import type { GoMethod, GoType, GoValue } from './go-value';
import { T } from './go-value';
import { headerValue } from './formatter';
import { goJsonString, goMarshal } from './go-json';
import { goUnixString, truncateID } from './cmd-images';
import { familiarString, isReferenceError, parseNormalizedNamed } from './reference';
import { ellipsis } from './runewidth';
import { goQuote } from '../core/go-quote';
import { memoByKey } from '../core/memo';
import { FramedDurations, humanDurationUntil } from '../core/human-duration';
import { humanDuration, humanSizeWithPrecision } from './units';

export interface PortSummary {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

export interface MountSummary {
  Type?: string;
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

/** container.Summary (API 1.51). */
export interface ContainerSummary {
  Id: string;
  Names: string[] | null;
  Image: string;
  ImageID: string;
  ImageManifestDescriptor?: { platform?: { architecture: string; os: string; variant?: string } };
  Command: string;
  Created: number;
  Ports: PortSummary[] | null;
  SizeRw?: number;
  SizeRootFs?: number;
  Labels: Record<string, string> | null;
  State: string;
  Status: string;
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: { Networks?: Record<string, unknown> | null } | null;
  Mounts: MountSummary[] | null;
}

export { goQuote };

export const DEFAULT_CONTAINER_TABLE =
  'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

/** NewContainerFormat. */
export function containerFormat(source: string, quiet: boolean, size: boolean): string {
  if (source === 'table' || source === '') {
    if (quiet) return '{{.ID}}';
    return DEFAULT_CONTAINER_TABLE + (size ? '\t{{.Size}}' : '');
  }
  if (source === 'raw') {
    if (quiet) return 'container_id: {{.ID}}';
    return (
      'container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\n' +
      'state: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\n' +
      'labels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n' +
      (size ? 'size: {{.Size}}\\n' : '')
    );
  }
  return quiet ? '{{.ID}}' : source;
}

export const CONTAINER_HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  Names: 'NAMES',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
};

export function containerHeader(): GoValue {
  return headerValue(CONTAINER_HEADERS);
}

/** net.JoinHostPort: IPv6 addresses in brackets. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function comparePorts(a: PortSummary, b: PortSummary): number {
  if (a.PrivatePort !== b.PrivatePort) return a.PrivatePort - b.PrivatePort;
  const ai = a.IP ?? '';
  const bi = b.IP ?? '';
  if (ai !== bi) return ai < bi ? -1 : 1;
  const ap = a.PublicPort ?? 0;
  const bp = b.PublicPort ?? 0;
  if (ap !== bp) return ap - bp;
  return a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0;
}

function formGroup(key: string, start: number, last: number): string {
  const parts = key.split('/');
  let type = parts[0];
  let ip = '';
  if (parts.length > 1) {
    ip = parts[0];
    type = parts[1];
  }
  let group = String(start);
  if (start !== last) group = `${group}-${last}`;
  if (ip !== '') group = `${joinHostPort(ip, group)}->${group}`;
  return `${group}/${type}`;
}

/** DisplayablePorts: ranges of consecutive ports, same-number publications grouped, others last. */
export function displayablePorts(ports: readonly PortSummary[] | null): string {
  if (!ports || ports.length === 0) return '';
  const sorted = [...(ports ?? [])].sort(comparePorts);
  const groups = new Map<string, { first: number; last: number }>();
  const keys: string[] = [];
  const result: string[] = [];
  const hostMappings: string[] = [];
  for (const p of sorted) {
    const current = p.PrivatePort;
    let key = p.Type;
    if (p.IP) {
      if ((p.PublicPort ?? 0) !== current) {
        hostMappings.push(`${joinHostPort(p.IP, String(p.PublicPort ?? 0))}->${p.PrivatePort}/${p.Type}`);
        continue;
      }
      key = `${p.IP}/${p.Type}`;
    }
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: current, last: current });
      keys.push(key);
      continue;
    }
    if (current === g.last + 1) {
      g.last = current;
      continue;
    }
    result.push(formGroup(key, g.first, g.last));
    groups.set(key, { first: current, last: current });
  }
  for (const k of keys) {
    const g = groups.get(k)!;
    result.push(formGroup(k, g.first, g.last));
  }
  return [...result, ...hostMappings].join(', ');
}

/** ContainerContext.Image: the reference as typed, digest dropped when truncating, or the short image ID. */
export function containerImage(c: ContainerSummary, trunc: boolean): string {
  if (c.Image === '') return '<no image>';
  if (!trunc) return c.Image;
  if (sameShortId(c.ImageID, c.Image)) return truncateID(c.ImageID);
  return familiarNoDigest(c.Image);
}

/** truncateID(a) === truncateID(b), without making either (a table asks once a row). */
function sameShortId(a: string, b: string): boolean {
  const ia = a.indexOf(':') + 1;
  const ib = b.indexOf(':') + 1;
  const n = Math.min(a.length - ia, 12);
  if (n !== Math.min(b.length - ib, 12)) return false;
  for (let k = 0; k < n; k++) if (a.charCodeAt(ia + k) !== b.charCodeAt(ib + k)) return false;
  return true;
}

/** The reference's familiar name with its tag and without its digest (itself if it does not parse); a table lists the same few images on every row. */
const familiarNoDigest = memoByKey(256, (image) => {
  const ref = parseNormalizedNamed(image);
  return isReferenceError(ref)
    ? image
    : familiarString({ name: ref.name, domain: ref.domain, path: ref.path, tag: ref.tag });
});

/** Quoted commands by command: a table shows the same few on most rows. */
const quotedCommand = memoByKey(256, goQuote);

function names(c: ContainerSummary, trunc: boolean): string {
  // one name (no legacy link names): itself without its slash
  if (c.Names && c.Names.length === 1) return c.Names[0].slice(1);
  let ns = (c.Names ?? []).map((n) => n.slice(1));
  if (trunc) {
    const first = ns.find((n) => !n.includes('/'));
    if (first !== undefined) ns = [first];
  }
  return ns.join(',');
}

function labels(c: ContainerSummary): string {
  if (!c.Labels) return '';
  return Object.entries(c.Labels)
    .map(([k, v]) => `${k}=${v}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join(',');
}

function mounts(c: ContainerSummary, trunc: boolean): string {
  return (c.Mounts ?? [])
    .map((m) => {
      const name = m.Name ? m.Name : m.Source;
      return trunc ? ellipsis(name, 15) : name;
    })
    .join(',');
}

function platform(c: ContainerSummary): string {
  const p = c.ImageManifestDescriptor?.platform;
  if (!p) return '<nil>';
  return `${p.os}/${p.architecture}${p.variant ? '/' + p.variant : ''}`;
}

/** The contexts' Label(name) method: the label's value, or "" (also for no labels at all). */
export function labelMethod(labels: Record<string, string> | null | undefined): GoMethod {
  return {
    params: ['string'],
    call: (_recv, [name]) => ({ t: T.string, v: labels?.[String(name?.v ?? '')] ?? '' }),
  };
}

const CONTAINER_FIELDS = [
  'ID',
  'Names',
  'Image',
  'Command',
  'CreatedAt',
  'RunningFor',
  'Ports',
  'State',
  'Status',
  'Size',
  'Labels',
  'Mounts',
  'LocalVolumes',
  'Networks',
  'Platform',
] as const;
type ContainerField = (typeof CONTAINER_FIELDS)[number];
const SORTED_FIELDS = [...CONTAINER_FIELDS].sort();

/** What a kept cell was made from, before it was first made. */
const UNSET: unique symbol = Symbol('unset');

/**
 * The cells of a container that its summary alone decides, kept by ID with
 * the summary fields they came from: the daemon hands out the same strings
 * and arrays again while nothing about the container changed, so a repeated
 * `docker ps` compares references instead of formatting. CREATED also depends
 * on the client's clock: its text is kept with the span of ages it holds for.
 */
class KeptCells {
  id: string | undefined;
  names = '';
  namesOf: ContainerSummary['Names'] | typeof UNSET = UNSET;
  image = '';
  imageOf: string | typeof UNSET = UNSET;
  imageIdOf = '';
  command = '';
  commandOf: string | typeof UNSET = UNSET;
  ports = '';
  portsOf: ContainerSummary['Ports'] | typeof UNSET = UNSET;
  runningFor = '';
  /** The ages (now - Created, in ms) for which runningFor holds: [from, until). */
  from = 0;
  until = -Infinity;
}

/**
 * The span of client times a table's CREATED cells all hold for: each row read
 * narrows it, so a table printed again within it reads the same.
 */
export class AgeSpan {
  from = -Infinity;
  until = Infinity;
}

/** CREATED's texts, "5 seconds ago", made once each. */
const AGO = new FramedDurations((t) => `${t} ago`);

/** Kept cells by container ID: [full, truncated]. */
const keptCells = [new Map<string, KeptCells>(), new Map<string, KeptCells>()];
/** Past this many containers the kept cells start again (removed ones are not tracked). */
const KEEP_ROWS = 4096;

function keptFor(c: ContainerSummary, trunc: boolean): KeptCells {
  const byId = keptCells[trunc ? 1 : 0];
  let k = byId.get(c.Id);
  if (!k) {
    if (byId.size >= KEEP_ROWS) byId.clear();
    k = new KeptCells();
    byId.set(c.Id, k);
  }
  return k;
}

/**
 * One row of `docker ps`: each cell is computed when a template reads it (the
 * default table reads 7 of the 15), so a thousand rows cost what they show.
 */
class ContainerCells implements Record<ContainerField, string> {
  readonly #c: ContainerSummary;
  readonly #trunc: boolean;
  readonly #now: number;
  readonly #onSize: (() => void) | undefined;
  readonly #k: KeptCells;
  readonly #span: AgeSpan | undefined;

  constructor(
    c: ContainerSummary,
    trunc: boolean,
    now: number,
    onSize: (() => void) | undefined,
    span: AgeSpan | undefined,
  ) {
    this.#c = c;
    this.#trunc = trunc;
    this.#now = now;
    this.#onSize = onSize;
    this.#k = keptFor(c, trunc);
    this.#span = span;
  }

  get ID(): string {
    // kept by this very ID
    return (this.#k.id ??= this.#trunc ? truncateID(this.#c.Id) : this.#c.Id);
  }
  get Names(): string {
    const k = this.#k;
    if (k.namesOf !== this.#c.Names) {
      k.names = names(this.#c, this.#trunc);
      k.namesOf = this.#c.Names;
    }
    return k.names;
  }
  get Image(): string {
    const k = this.#k;
    const c = this.#c;
    if (k.imageOf !== c.Image || k.imageIdOf !== c.ImageID) {
      k.image = containerImage(c, this.#trunc);
      k.imageOf = c.Image;
      k.imageIdOf = c.ImageID;
    }
    return k.image;
  }
  get Command(): string {
    const k = this.#k;
    const command = this.#c.Command;
    if (k.commandOf !== command) {
      k.command = quotedCommand(this.#trunc ? ellipsis(command, 20) : command);
      k.commandOf = command;
    }
    return k.command;
  }
  get CreatedAt(): string {
    return goUnixString(this.#c.Created);
  }
  get RunningFor(): string {
    const k = this.#k;
    const age = this.#now - this.#c.Created * 1000;
    if (age < k.from || age >= k.until) {
      k.runningFor = AGO.get(humanDuration(age));
      k.from = age;
      k.until = humanDurationUntil(age);
    }
    const span = this.#span;
    if (span) {
      const born = this.#now - age;
      if (born + k.from > span.from) span.from = born + k.from;
      if (born + k.until < span.until) span.until = born + k.until;
    }
    return k.runningFor;
  }
  get Ports(): string {
    const k = this.#k;
    if (k.portsOf !== this.#c.Ports) {
      k.ports = displayablePorts(this.#c.Ports);
      k.portsOf = this.#c.Ports;
    }
    return k.ports;
  }
  get State(): string {
    return this.#c.State;
  }
  get Status(): string {
    return this.#c.Status;
  }
  /** Reading it is what makes `ps --format` ask the daemon for sizes. */
  get Size(): string {
    this.#onSize?.();
    const c = this.#c;
    const size = humanSizeWithPrecision(c.SizeRw ?? 0, 3);
    return (c.SizeRootFs ?? 0) > 0
      ? `${size} (virtual ${humanSizeWithPrecision(c.SizeRootFs ?? 0, 3)})`
      : size;
  }
  get Labels(): string {
    return labels(this.#c);
  }
  get Mounts(): string {
    return mounts(this.#c, this.#trunc);
  }
  get LocalVolumes(): string {
    return String((this.#c.Mounts ?? []).filter((m) => m.Driver === 'local').length);
  }
  get Networks(): string {
    return Object.keys(this.#c.NetworkSettings?.Networks ?? {}).join(',');
  }
  get Platform(): string {
    return platform(this.#c);
  }

  label(name: string): string {
    return this.#c.Labels?.[name] ?? '';
  }

  /** formatter.MarshalJSON marshals each method's result: Platform is the ocispec.Platform struct, not its String(). */
  marshal(): string {
    const p = this.#c.ImageManifestDescriptor?.platform;
    const parts = SORTED_FIELDS.map(
      (k) =>
        `${goJsonString(k, true)}:${k === 'Platform' ? (p ? goMarshal(p, true) : 'null') : goJsonString(this[k], true)}`,
    );
    return '{' + parts.join(',') + '}';
  }
}

/** Each cell read by its own property access (one shape each: the getter is inlined). */
const CELL_READERS: Record<ContainerField, (o: Record<string, unknown>) => string> = {
  ID: (o) => (o as unknown as ContainerCells).ID,
  Names: (o) => (o as unknown as ContainerCells).Names,
  Image: (o) => (o as unknown as ContainerCells).Image,
  Command: (o) => (o as unknown as ContainerCells).Command,
  CreatedAt: (o) => (o as unknown as ContainerCells).CreatedAt,
  RunningFor: (o) => (o as unknown as ContainerCells).RunningFor,
  Ports: (o) => (o as unknown as ContainerCells).Ports,
  State: (o) => (o as unknown as ContainerCells).State,
  Status: (o) => (o as unknown as ContainerCells).Status,
  Size: (o) => (o as unknown as ContainerCells).Size,
  Labels: (o) => (o as unknown as ContainerCells).Labels,
  Mounts: (o) => (o as unknown as ContainerCells).Mounts,
  LocalVolumes: (o) => (o as unknown as ContainerCells).LocalVolumes,
  Networks: (o) => (o as unknown as ContainerCells).Networks,
  Platform: (o) => (o as unknown as ContainerCells).Platform,
};

/** formatter.ContainerContext, one type for every row. */
const CONTAINER_CONTEXT: GoType = T.ptr({
  kind: 'struct',
  name: 'formatter.ContainerContext',
  fields: CONTAINER_FIELDS.map((name) => ({ name, type: T.string, read: CELL_READERS[name] })),
  methods: {
    Label: {
      params: ['string'],
      call: (recv, [name]) => ({
        t: T.string,
        v: recv instanceof ContainerCells ? recv.label(String(name?.v ?? '')) : '',
      }),
    },
  },
  marshal: (v) => (v instanceof ContainerCells ? v.marshal() : '{}'),
});

/**
 * The cells of one container; `onSize` is told when a template reads .Size (ps then asks
 * for sizes), and `span` narrowed to the times its CREATED text holds for.
 */
export function containerContext(
  c: ContainerSummary,
  trunc: boolean,
  now: number,
  onSize?: () => void,
  span?: AgeSpan,
): GoValue {
  return { t: CONTAINER_CONTEXT, v: new ContainerCells(c, trunc, now, onSize, span) };
}
