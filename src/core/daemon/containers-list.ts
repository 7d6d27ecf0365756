// GET /containers/json (daemon/list.go): newest first; running ones only
// unless all, a limit or a status filter; the filters in moby's order
// (before/since by position, name/id as regular expressions, label, limit,
// exited, status, health, volume, ancestor with the image's descendants,
// network, publish/expose), then each container.Summary with optional sizes.
import { ok, fail, type Result } from '../image/errors';
import { getBoolOrDefault, matchKVList, parseFilters, validateFilters, type Filters } from '../image/filters';
import type { ImageService } from '../image/service';
import type { ApiResponse } from './api';
import { isRunningState, type ContainerEntry } from './containers-entry';
import { containerSummary, imageLookup } from './containers-summary';
import type { Daemon } from './daemon';
import { boolValue, errorResponse } from './engine';

const ACCEPTED = [
  'ancestor',
  'before',
  'expose',
  'exited',
  'health',
  'id',
  'isolation',
  'is-task',
  'label',
  'name',
  'network',
  'publish',
  'since',
  'status',
  'volume',
];
const STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
const HEALTH = ['starting', 'healthy', 'unhealthy', 'none'];

/** filters.Args.Match: an exact value, or any term as a regular expression (bad ones never match). */
function match(filters: Filters, key: string, value: string): boolean {
  const terms = filters.get(key);
  if (!terms || terms.size === 0) return true;
  if (terms.has(value)) return true;
  for (const t of terms) {
    try {
      if (new RegExp(t).test(value)) return true;
    } catch {
      // an invalid pattern matches nothing, as regexp.MatchString's error is skipped
    }
  }
  return false;
}

/** idOrNameFilter: before/since name a container by ID, name or ID prefix. */
function idOrName(daemon: Daemon, value: string): Result<ContainerEntry> {
  return daemon.get(value);
}

/** portOp: "80", "80/udp", "8000-8001/tcp" as the set of ports they name. */
function ports(key: string, values: Iterable<string>): Result<Set<string>> {
  const out = new Set<string>();
  for (const v of values) {
    if (v.includes(':')) return fail('invalid', `filter for '${key}' should not contain ':': ${v}`);
    const [range, proto = 'tcp'] = v.split('/');
    const m = /^(\d+)(?:-(\d+))?$/.exec(range);
    if (!m) return fail('invalid', `error while looking up for ${key} ${v}: Invalid containerPort: ${range}`);
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    for (let p = start; p <= end; p++) out.add(`${p}/${proto}`);
  }
  return ok(out);
}

/** The images an ancestor filter admits: the image and everything built on it. */
function descendants(images: ImageService, id: string, into: Set<string>): void {
  if (into.has(id)) return;
  into.add(id);
  for (const child of images.store.children(id)) descendants(images, child, into);
}

export function listContainers(
  daemon: Daemon,
  images: ImageService,
  query: Readonly<Record<string, string | undefined>>,
): ApiResponse {
  const f = parseFilters(query.filters);
  if (!f.ok) return errorResponse(f);
  const filters = f.value;
  const bad = validateFilters(filters, ACCEPTED);
  if (bad) return { status: 400, body: { message: bad } };
  const exited: number[] = [];
  for (const v of filters.get('exited') ?? []) {
    if (!/^-?\d+$/.test(v))
      return {
        status: 400,
        body: { message: `invalid filter 'exited=${v}': strconv.Atoi: parsing "${v}": invalid syntax` },
      };
    exited.push(Number(v));
  }
  let all = boolValue(query, 'all');
  for (const s of filters.get('status') ?? []) {
    if (!STATES.includes(s))
      return {
        status: 400,
        body: {
          message: `invalid filter 'status=${s}': invalid value for state (${s}): must be one of ${STATES.join(', ')}`,
        },
      };
    all = true;
  }
  const isTask = getBoolOrDefault(filters, 'is-task', false);
  if (!isTask.ok) return errorResponse(isTask);
  for (const h of filters.get('health') ?? [])
    if (!HEALTH.includes(h))
      return {
        status: 400,
        body: {
          message: `invalid filter 'health=${h}': invalid value for health (${h}): must be one of ${HEALTH.join(', ')}`,
        },
      };
  let before: ContainerEntry | undefined;
  let since: ContainerEntry | undefined;
  for (const v of filters.get('before') ?? []) {
    const c = idOrName(daemon, v);
    if (!c.ok) return errorResponse(c);
    before = c.value;
  }
  for (const v of filters.get('since') ?? []) {
    const c = idOrName(daemon, v);
    if (!c.ok) return errorResponse(c);
    since = c.value;
  }
  const ancestors = new Set<string>();
  for (const a of filters.get('ancestor') ?? []) {
    const id = images.get(a);
    // an unknown image is only a warning in the daemon's log
    if (id.ok) descendants(images, id.value, ancestors);
  }
  const publish = ports('publish', filters.get('publish') ?? []);
  if (!publish.ok) return errorResponse(publish);
  const expose = ports('expose', filters.get('expose') ?? []);
  if (!expose.ok) return errorResponse(expose);
  const limit = Number(query.limit ?? '0') || 0;
  const size = boolValue(query, 'size');
  const now = daemon.deps.clock.now();
  const lookup = imageLookup(images);
  const out: Record<string, unknown>[] = [];
  // most lists have no filter: skip the per-container checks altogether then
  const filtered = filters.size > 0;
  for (const c of daemon.all().reverse()) {
    if (before) {
      if (c.id === before.id) before = undefined;
      continue;
    }
    if (since && c.id === since.id) break;
    if (!all && limit <= 0 && !isRunningState(c.settledState)) continue;
    if (filtered) {
      if (!match(filters, 'name', c.rec.Name) && !match(filters, 'name', c.name)) continue;
      if (!match(filters, 'id', c.id)) continue;
      if (filters.has('is-task') && isTask.value) continue;
      if (!matchKVList(filters, 'label', c.rec.Config.Labels ?? {})) continue;
    }
    if (limit > 0 && out.length === limit) break;
    if (filtered) {
      const st = c.rec.State;
      if (exited.length && !exited.some((e) => e === st.ExitCode && !c.running && st.StartedAt !== 0))
        continue;
      if (filters.has('status') && !match(filters, 'status', c.state().Status)) continue;
      const health = filters.get('health');
      if (health && health.size && !health.has('none')) continue;
      const vols = filters.get('volume');
      if (
        vols &&
        vols.size &&
        !c.rec.Mounts.some((m) => vols.has(m.Destination) || vols.has(m.Name || m.Source))
      )
        continue;
      if (filters.has('ancestor') && !ancestors.has(c.rec.ImageId)) continue;
    }
    const summary = containerSummary(c, images, now, size, lookup);
    const nets = filtered ? filters.get('network') : undefined;
    if (nets && nets.size) {
      const attached = (summary.NetworkSettings as { Networks: Record<string, { NetworkID: string }> })
        .Networks;
      const hit = [...nets].some(
        (v) =>
          v in attached ||
          Object.values(attached).some((n) => n.NetworkID !== '' && n.NetworkID.startsWith(v)),
      );
      if (!hit) continue;
    }
    if (publish.value.size || expose.value.size) {
      const list = summary.Ports as Array<{ PrivatePort: number; PublicPort?: number; Type: string }>;
      const hit = list.some(
        (p) =>
          publish.value.has(`${p.PublicPort ?? 0}/${p.Type}`) ||
          expose.value.has(`${p.PrivatePort}/${p.Type}`),
      );
      if (!hit) continue;
    }
    out.push(summary);
  }
  return { status: 200, body: out };
}
