// Docker's local volume driver: named and anonymous volumes, each a plain
// filesystem (an overlay with no lowers) kept at
// /var/lib/docker/volumes/NAME/_data, with the references (container IDs)
// that keep it from being removed, and moby's volume-service error texts.
import type { Clock } from '../clock';
import type { EventLog } from '../events';
import { OverlayMount } from '../fs/overlay';
import { contentSize } from '../fs/types';
import { fail, ok, type Result } from '../image/errors';
import { getBoolOrDefault, matchKVList, validateFilters, type Filters } from '../image/filters';
import { randomHex64, type Random } from '../random';

/** The label every anonymous volume carries (volume/service AnonymousLabel): `volume prune` removes only these by default. */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

const VALID_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export interface VolumeCreateOptions {
  driver?: string;
  labels?: Record<string, string>;
  options?: Record<string, string>;
}

/** volume.Volume as the API serialises it, in Go's field order. */
export interface VolumeJson {
  CreatedAt: string;
  Driver: string;
  Labels: Record<string, string> | null;
  Mountpoint: string;
  Name: string;
  Options: Record<string, string> | null;
  Scope: 'local';
  UsageData?: { RefCount: number; Size: number };
}

export class Volume {
  /** Container IDs holding the volume (mounted or merely configured). */
  readonly refs = new Set<string>();

  constructor(
    readonly name: string,
    readonly createdAt: number,
    readonly labels: Readonly<Record<string, string>>,
    readonly options: Readonly<Record<string, string>>,
    readonly fs: OverlayMount,
  ) {}

  get mountpoint(): string {
    return `/var/lib/docker/volumes/${this.name}/_data`;
  }

  get anonymous(): boolean {
    return ANONYMOUS_LABEL in this.labels;
  }

  /** Bytes of file content (`docker system df -v`, prune's reclaimed space). */
  size(): number {
    let n = 0;
    for (const [, e] of this.fs.upperEntries()) if (e.kind === 'file') n += contentSize(e.content);
    return n;
  }

  toJSON(usage = false): VolumeJson {
    const labels = Object.keys(this.labels).length ? { ...this.labels } : null;
    const options = Object.keys(this.options).length ? { ...this.options } : null;
    const v: VolumeJson = {
      CreatedAt: rfc3339Seconds(this.createdAt),
      Driver: 'local',
      Labels: labels,
      Mountpoint: this.mountpoint,
      Name: this.name,
      Options: options,
      Scope: 'local',
    };
    if (usage) v.UsageData = { RefCount: this.refs.size, Size: this.size() };
    return v;
  }
}

/** time.RFC3339 in UTC: "2026-11-27T21:19:35Z". */
export function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export interface PruneReport {
  VolumesDeleted: string[];
  SpaceReclaimed: number;
}

export class VolumeStore {
  private readonly volumes = new Map<string, Volume>();

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly events: EventLog,
  ) {}

  /**
   * VolumesService.Create: an empty name makes an anonymous volume (64 hex);
   * an existing name returns that volume. `ref` (a container ID) holds it.
   */
  create(name: string, opts: VolumeCreateOptions = {}, ref?: string): Result<Volume> {
    const anonymous = name === '';
    const n = anonymous ? randomHex64(this.random) : name;
    const driver = opts.driver || 'local';
    if (driver !== 'local')
      return fail(
        'notFound',
        `create ${n}: error looking up volume plugin ${driver}: plugin "${driver}" not found`,
      );
    let v = this.volumes.get(n);
    if (!v) {
      if (n.length === 1)
        return fail(
          'invalid',
          `create ${n}: volume name is too short, names should be at least two alphanumeric characters`,
        );
      if (!VALID_NAME.test(n))
        return fail(
          'invalid',
          `create ${n}: "${n}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
        );
      const labels = { ...(opts.labels ?? {}) };
      if (anonymous) labels[ANONYMOUS_LABEL] = '';
      const fs = new OverlayMount([], { clock: this.clock });
      v = new Volume(n, this.clock.now(), labels, { ...(opts.options ?? {}) }, fs);
      this.volumes.set(n, v);
      this.events.emit('volume', 'create', { ID: n, Attributes: { driver: 'local' } });
    }
    if (ref) v.refs.add(ref);
    return ok(v);
  }

  get(name: string): Result<Volume> {
    const v = this.volumes.get(name);
    return v ? ok(v) : fail('notFound', `get ${name}: no such volume`);
  }

  /** Drop a container's hold on a volume (the volume stays). */
  release(name: string, ref: string): void {
    this.volumes.get(name)?.refs.delete(ref);
  }

  /** VolumesService.Remove: refused while any container holds it; `force` only forgives a missing volume. */
  remove(name: string, opts: { force?: boolean } = {}): Result<void> {
    const v = this.volumes.get(name);
    if (!v) return opts.force ? ok(undefined) : fail('notFound', `get ${name}: no such volume`);
    if (v.refs.size > 0)
      return fail('conflict', `remove ${name}: volume is in use - [${[...v.refs].join(', ')}]`);
    this.volumes.delete(name);
    this.events.emit('volume', 'destroy', { ID: name, Attributes: { driver: 'local' } });
    return ok(undefined);
  }

  /** Every volume, in creation order (the CLI sorts). */
  list(): Volume[] {
    return [...this.volumes.values()];
  }

  /** GET /volumes filters: dangling, name (substring), driver, label. */
  find(f: Filters): Result<Volume[]> {
    const bad = validateFilters(f, ['dangling', 'name', 'driver', 'label']);
    if (bad) return fail('invalid', bad);
    const dangling = f.has('dangling') ? getBoolOrDefault(f, 'dangling', false) : undefined;
    if (dangling && !dangling.ok) return dangling;
    return ok(
      this.list().filter((v) => {
        if (dangling?.ok && (v.refs.size === 0) !== dangling.value) return false;
        const names = f.get('name');
        if (names && ![...names].some((n) => v.name.includes(n))) return false;
        const drivers = f.get('driver');
        if (drivers && !drivers.has('local')) return false;
        return matchKVList(f, 'label', v.labels as Record<string, string>);
      }),
    );
  }

  /** POST /volumes/prune: unused volumes; only anonymous ones unless all=true (v23+). */
  prune(f: Filters): Result<PruneReport> {
    const bad = validateFilters(f, ['label', 'label!', 'all']);
    if (bad) return fail('invalid', bad);
    const all = f.get('all');
    let everything = false;
    if (all && all.size > 1)
      return fail('invalid', `invalid filter 'all=${[...all].join(' ')}': only one value is expected`);
    if (all && all.size === 1) {
      const [v] = [...all];
      const b = parseGoBool(v);
      if (b === undefined)
        return fail('invalid', `invalid filter 'all': strconv.ParseBool: parsing "${v}": invalid syntax`);
      everything = b;
    }
    const deleted: string[] = [];
    let reclaimed = 0;
    for (const v of this.list()) {
      if (v.refs.size > 0) continue;
      if (!everything && !v.anonymous) continue;
      if (!matchKVList(f, 'label', v.labels as Record<string, string>)) continue;
      const not = f.get('label!');
      if (not && [...not].some((kv) => labelMatches(v.labels, kv))) continue;
      reclaimed += v.size();
      this.volumes.delete(v.name);
      this.events.emit('volume', 'destroy', { ID: v.name, Attributes: { driver: 'local' } });
      deleted.push(v.name);
    }
    this.events.emit('volume', 'prune', { ID: '', Attributes: { reclaimed: String(reclaimed) } });
    return ok({ VolumesDeleted: deleted, SpaceReclaimed: reclaimed });
  }
}

function labelMatches(labels: Readonly<Record<string, string>>, kv: string): boolean {
  const i = kv.indexOf('=');
  if (i < 0) return kv in labels;
  return labels[kv.slice(0, i)] === kv.slice(i + 1);
}

/** strconv.ParseBool. */
function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}
