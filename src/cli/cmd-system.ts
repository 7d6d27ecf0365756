// `docker system df` and `docker system prune` (cli/command/system/df.go,
// prune.go, formatter/disk_usage.go): GET /system/df as the four-row summary
// or the verbose per-object tables, and prune's one prompt over containers,
// networks, (anonymous volumes,) images and build cache.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import type { GoValue } from './go-value';
import { callJson, filtersJson } from './api-call';
import { contextValue, formatWrite, headerValue, isTableFormat, preFormat } from './formatter';
import { T } from './go-value';
import { parseGoTemplate, TemplateError } from './template';
import { FORMAT_HELP, goUnixString, truncateID } from './cmd-images';
import type { ImageSummary } from './cmd-images';
import { confirm } from './cmd-image-manage';
import { INTERRUPTED } from './cmd-pull';
import { filterPairs } from './cmd-ps';
import { pruneContainers } from './cmd-container-prune';
import { pruneNetworks } from './cmd-network';
import { pruneVolumes, VOLUME_HEADERS, volumeContext } from './cmd-volume';
import type { VolumeJson } from './cmd-volume';
import type { ContainerSummary } from './container-format';
import { CONTAINER_HEADERS, containerContext } from './container-format';
import { naturalLess } from './natural-sort';
import { familiarName, isReferenceError, parseNormalizedNamed } from './reference';
import { humanDuration, humanSize, humanSizeWithPrecision } from './units';

/** types.DiskUsage. */
interface DiskUsage {
  LayersSize: number;
  Images: ImageSummary[] | null;
  Containers: ContainerSummary[] | null;
  Volumes: VolumeJson[] | null;
  BuildCache: Array<{ ID: string; Type: string; Size: number; Shared: boolean; InUse: boolean }> | null;
}

const percent = (part: number, total: number) => `${humanSize(part)} (${Math.trunc((part * 100) / total)}%)`;

function isActive(state: string): boolean {
  return state === 'running' || state === 'paused' || state === 'restarting';
}

/** Write runs the template over a different context for each of the four rows. */
const ROW_CONTEXTS: Record<string, string> = {
  Images: 'formatter.diskUsageImagesContext',
  Containers: 'formatter.diskUsageContainersContext',
  'Local Volumes': 'formatter.diskUsageVolumesContext',
  'Build Cache': 'formatter.diskUsageBuilderContext',
};

function summaryRows(du: DiskUsage): GoValue[] {
  const images = du.Images ?? [];
  const containers = du.Containers ?? [];
  const volumes = du.Volumes ?? [];
  const cache = du.BuildCache ?? [];
  const row = (Type: string, TotalCount: number, Active: number, Size: string, Reclaimable: string) =>
    contextValue(ROW_CONTEXTS[Type], {
      Type,
      TotalCount: String(TotalCount),
      Active: String(Active),
      Size,
      Reclaimable,
    });
  let usedByImages = 0;
  for (const i of images)
    if ((i.Containers ?? 0) !== 0 && i.Size !== -1 && i.SharedSize !== -1)
      usedByImages += i.Size - (i.SharedSize ?? 0);
  const imgReclaim = du.LayersSize - usedByImages;
  let cSize = 0;
  let cReclaim = 0;
  for (const c of containers) {
    cSize += c.SizeRw ?? 0;
    if (!isActive(c.State)) cReclaim += c.SizeRw ?? 0;
  }
  let vSize = 0;
  let vReclaim = 0;
  for (const v of volumes) {
    const s = v.UsageData?.Size ?? -1;
    if (s === -1) continue;
    vSize += s;
    if ((v.UsageData?.RefCount ?? 0) === 0) vReclaim += s;
  }
  let builder = 0;
  let cacheReclaim = 0;
  for (const b of cache) {
    if (!b.Shared) builder += b.Size;
    if (!b.InUse) cacheReclaim += b.Size;
  }
  return [
    row(
      'Images',
      images.length,
      images.filter((i) => (i.Containers ?? 0) > 0).length,
      humanSize(du.LayersSize),
      du.LayersSize > 0 ? percent(imgReclaim, du.LayersSize) : humanSize(imgReclaim),
    ),
    row(
      'Containers',
      containers.length,
      containers.filter((c) => isActive(c.State)).length,
      humanSize(cSize),
      cSize > 0 ? percent(cReclaim, cSize) : humanSize(cReclaim),
    ),
    row(
      'Local Volumes',
      volumes.length,
      volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
      humanSize(vSize),
      vSize > 0 ? percent(vReclaim, vSize) : humanSize(vReclaim),
    ),
    row(
      'Build Cache',
      cache.length,
      cache.filter((b) => b.InUse).length,
      humanSize(builder),
      humanSize(cacheReclaim),
    ),
  ];
}

function imageRow(i: ImageSummary, now: number, trunc = true): GoValue {
  let repo = '<none>';
  let tag = '<none>';
  const tags = i.RepoTags ?? [];
  const digests = i.RepoDigests ?? [];
  const dangling =
    tags.length === 1 &&
    tags[0] === '<none>:<none>' &&
    digests.length === 1 &&
    digests[0] === '<none>@<none>';
  if (tags.length > 0 && !dangling) {
    const ref = parseNormalizedNamed(tags[0]);
    if (!isReferenceError(ref) && ref.tag !== undefined) {
      repo = familiarName(ref);
      tag = ref.tag;
    }
  }
  const shared = i.SharedSize ?? -1;
  return contextValue('formatter.imageContext', {
    ID: trunc ? truncateID(i.Id) : i.Id,
    Repository: repo,
    Tag: tag,
    Digest: '',
    CreatedSince: humanDuration(now - i.Created * 1000) + ' ago',
    CreatedAt: goUnixString(i.Created),
    Size: humanSizeWithPrecision(i.Size, 3),
    VirtualSize: humanSize(i.Size),
    SharedSize: shared === -1 ? 'N/A' : humanSize(shared),
    UniqueSize: i.Size === -1 || shared === -1 ? 'N/A' : humanSize(i.Size - shared),
    Containers: i.Containers === -1 || i.Containers === undefined ? 'N/A' : String(i.Containers),
  });
}

function section(format: string, headers: Record<string, string>, rows: GoValue[]): string {
  const r = formatWrite(format, headerValue(headers), rows);
  if (r.error) throw new CliError(r.error, 1);
  return r.out;
}

function verboseTables(du: DiskUsage, now: number): string {
  let out = 'Images space usage:\n\n';
  out += section(
    'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}',
    {
      ID: 'IMAGE ID',
      Repository: 'REPOSITORY',
      Tag: 'TAG',
      CreatedSince: 'CREATED',
      Size: 'SIZE',
      SharedSize: 'SHARED SIZE',
      UniqueSize: 'UNIQUE SIZE',
      Containers: 'CONTAINERS',
    },
    (du.Images ?? []).map((i) => imageRow(i, now)),
  );
  out += '\nContainers space usage:\n\n';
  out += section(
    'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}',
    CONTAINER_HEADERS,
    (du.Containers ?? []).map((c) => containerContext({ ...c, SizeRootFs: 0 }, true, now)),
  );
  out += '\nLocal Volumes space usage:\n\n';
  out += section(
    'table {{.Name}}\t{{.Links}}\t{{.Size}}',
    VOLUME_HEADERS,
    (du.Volumes ?? []).map(volumeContext),
  );
  let builder = 0;
  for (const b of du.BuildCache ?? []) if (!b.Shared) builder += b.Size;
  out += `\nBuild cache usage: ${humanSize(builder)}\n\n`;
  out += section(
    'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}',
    {
      ID: 'CACHE ID',
      CacheType: 'CACHE TYPE',
      Size: 'SIZE',
      CreatedSince: 'CREATED',
      LastUsedSince: 'LAST USED',
      UsageCount: 'USAGE',
      Shared: 'SHARED',
    },
    [],
  );
  return out;
}

/** A slice of formatter contexts; its element type is the first row's (or an empty row's). */
function contexts(rows: GoValue[], empty: GoValue): GoValue {
  return { t: T.slice((rows[0] ?? empty).t), v: rows.map((r) => r.v) };
}

/**
 * verboseWrite with a format of its own: the template runs once over the
 * diskUsageContext (Images, Containers, Volumes, BuildCache), IDs whole unless
 * the format is a table; its errors are the template's own words.
 */
function verboseTemplate(du: DiskUsage, now: number, format: string): { out: string; error?: string } {
  const trunc = isTableFormat(format);
  let tmpl;
  try {
    tmpl = parseGoTemplate(preFormat(format));
  } catch (e) {
    if (e instanceof TemplateError) throw new CliError(`template parsing error: ${e.message}`, 1);
    throw e;
  }
  const images = (du.Images ?? []).map((i) => imageRow(i, now, trunc));
  const containers = (du.Containers ?? []).map((c) => containerContext({ ...c, SizeRootFs: 0 }, trunc, now));
  const volumes = (du.Volumes ?? []).map(volumeContext);
  const noImage = imageRow({ Id: '', Created: 0, Size: 0 } as ImageSummary, now);
  const noContainer = containerContext(
    { Id: '', Names: [], State: '' } as unknown as ContainerSummary,
    trunc,
    now,
  );
  const noVolume = volumeContext({ Name: '', Driver: '', Scope: '' } as VolumeJson);
  const cacheType = contextValue('formatter.buildCacheContext', {}).t;
  const value: GoValue = {
    t: T.ptr({
      kind: 'struct',
      name: 'formatter.diskUsageContext',
      fields: [
        { name: 'Images', type: contexts(images, noImage).t },
        { name: 'Containers', type: contexts(containers, noContainer).t },
        { name: 'Volumes', type: contexts(volumes, noVolume).t },
        { name: 'BuildCache', type: T.slice(cacheType) },
      ],
    }),
    v: {
      Images: images.map((r) => r.v),
      Containers: containers.map((r) => r.v),
      Volumes: volumes.map((r) => r.v),
      BuildCache: [],
    },
  };
  // Execute has written what it had before an error
  const r = tmpl.run(value);
  return { out: r.output, error: r.error?.message };
}

async function runDf(ctx: RunContext): Promise<number> {
  const du = (await callJson(ctx.client, { method: 'GET', path: '/system/df' })) as DiskUsage;
  const format = ctx.flags.string('format') || 'table';
  const now = ctx.now();
  if (ctx.flags.bool('verbose') && format === 'table') {
    ctx.io.stdout.write(verboseTables(du, now));
    return 0;
  }
  if (ctx.flags.bool('verbose')) {
    const r = verboseTemplate(du, now, format);
    ctx.io.stdout.write(r.out);
    if (r.error !== undefined) throw new CliError(r.error, 1);
    return 0;
  }
  const source =
    format === 'table'
      ? 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}'
      : format;
  ctx.io.stdout.write(
    section(
      source,
      { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' },
      summaryRows(du),
    ),
  );
  return 0;
}

function confirmation(all: boolean, volumes: boolean, pairs: Array<[string, string]>): string {
  const warnings = ['all stopped containers', 'all networks not used by at least one container'];
  if (volumes) warnings.push('all anonymous volumes not used by at least one container');
  warnings.push(all ? 'all images without at least one container associated to them' : 'all dangling images');
  warnings.push(all ? 'all build cache' : 'unused build cache');
  const filters: string[] = [];
  for (const name of ['label', 'label!', 'until'])
    for (const [k, v] of pairs) if (k === name) filters.push(`${name}=${v}`);
  filters.sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
  let msg = 'WARNING! This will remove:' + warnings.map((w) => `\n  - ${w}`).join('') + '\n';
  if (filters.length > 0)
    msg += '\n  Items to be pruned will be filtered with:' + filters.map((x) => `\n  - ${x}`).join('') + '\n';
  return msg + '\nAre you sure you want to continue?';
}

async function runPrune(ctx: RunContext): Promise<number> {
  const { flags, io } = ctx;
  const all = flags.bool('all');
  const volumes = flags.bool('volumes');
  const pairs = filterPairs(flags.strings('filter'));
  if (volumes && pairs.some(([k]) => k === 'until'))
    throw new CliError('ERROR: The "until" filter is not supported with "--volumes"', 1);
  if (!flags.bool('force')) {
    const ok = await confirm(ctx, confirmation(all, volumes, pairs));
    if (ok === INTERRUPTED) return INTERRUPTED;
    if (!ok) return 0;
  }
  let reclaimed = 0;
  const print = (output: string) => {
    if (output !== '') io.stdout.write(output + '\n');
  };
  const c = await pruneContainers(ctx.client, pairs);
  reclaimed += c.reclaimed;
  print(c.output);
  print(await pruneNetworks(ctx.client, pairs));
  if (volumes) {
    const v = await pruneVolumes(ctx.client, pairs);
    reclaimed += v.reclaimed;
    print(v.output);
  }
  const img = (await callJson(ctx.client, {
    method: 'POST',
    path: '/images/prune',
    query: { filters: filtersJson([...pairs, ['dangling', String(!all)]]) },
  })) as { ImagesDeleted: Array<{ Untagged?: string; Deleted?: string }> | null; SpaceReclaimed: number };
  const deleted = img?.ImagesDeleted ?? [];
  if (deleted.length > 0) {
    print(
      'Deleted Images:\n' +
        deleted
          .map((d) => (d.Untagged ? `untagged: ${d.Untagged}\n` : `deleted: ${d.Deleted ?? ''}\n`))
          .join(''),
    );
    reclaimed += img.SpaceReclaimed;
  }
  // filters.ToJSON of no filters is the empty string, and the client still sends it
  const query: Record<string, string> = { filters: filtersJson(pairs) ?? '' };
  if (all) query.all = '1';
  const cache = (await callJson(ctx.client, { method: 'POST', path: '/build/prune', query })) as {
    CachesDeleted: string[] | null;
    SpaceReclaimed: number;
  };
  const caches = cache?.CachesDeleted ?? [];
  if (caches.length > 0) print('Deleted build cache objects:\n' + caches.map((x) => x + '\n').join(''));
  reclaimed += cache?.SpaceReclaimed ?? 0;
  io.stdout.write(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  return 0;
}

export const dfCommand: Partial<CommandSpec> = {
  args: { kind: 'none' },
  flags: [
    { name: 'verbose', shorthand: 'v', kind: 'bool', usage: 'Show detailed information on space usage' },
    { name: 'format', kind: 'string', usage: FORMAT_HELP },
  ],
  run: runDf,
};

export const systemPruneCommand: Partial<CommandSpec> = {
  args: { kind: 'none' },
  flags: [
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
    { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Remove all unused images not just dangling ones' },
    { name: 'volumes', kind: 'bool', usage: 'Prune anonymous volumes' },
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "label=<key>=<value>")' },
  ],
  run: runPrune,
};
