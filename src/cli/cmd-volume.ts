// `docker volume` create/ls/inspect/rm/prune (cli/command/volume/*.go,
// formatter/volume.go): the volume routes and Docker's volume table.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import type { EngineClient } from '../core/daemon/api';
import type { FlagSpec } from './flags';
import { DaemonError, callJson, filtersJson } from './api-call';
import { contextValue, formatWrite, headerValue } from './formatter';
import { FORMAT_HELP } from './cmd-images';
import { objectInspectCommand } from './cmd-inspect';
import { volumeType } from './api-types';
import { confirm } from './cmd-image-manage';
import { INTERRUPTED } from './cmd-pull';
import { filterPairs } from './cmd-ps';
import { naturalSort } from './natural-sort';
import { labelMethod } from './container-format';
import { humanSize } from './units';

/** volume.Volume. */
export interface VolumeJson {
  CreatedAt?: string;
  Driver: string;
  Labels: Record<string, string> | null;
  Mountpoint: string;
  Name: string;
  Options: Record<string, string> | null;
  Scope: string;
  Status?: Record<string, unknown>;
  UsageData?: { RefCount: number; Size: number } | null;
}

function volumeFormat(source: string, quiet: boolean): string {
  if (source === 'table') return quiet ? '{{.Name}}' : 'table {{.Driver}}\t{{.Name}}';
  if (source === 'raw') return quiet ? 'name: {{.Name}}' : 'name: {{.Name}}\\ndriver: {{.Driver}}\\n';
  return source;
}

export const VOLUME_HEADERS: Record<string, string> = {
  ID: 'ID',
  Name: 'VOLUME NAME',
  Group: 'GROUP',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  Availability: 'AVAILABILITY',
  Mountpoint: 'MOUNTPOINT',
  Labels: 'LABELS',
  Links: 'LINKS',
  Size: 'SIZE',
  Status: 'STATUS',
};

/** formatter.volumeContext. */
export function volumeContext(v: VolumeJson) {
  return contextValue(
    'formatter.volumeContext',
    {
      Name: v.Name,
      Driver: v.Driver,
      Scope: v.Scope,
      Mountpoint: v.Mountpoint,
      Labels: Object.entries(v.Labels ?? {})
        .map(([k, val]) => `${k}=${val}`)
        .join(','),
      Links: v.UsageData ? String(v.UsageData.RefCount) : 'N/A',
      Size: v.UsageData ? humanSize(v.UsageData.Size) : 'N/A',
      Group: 'N/A',
      Availability: 'N/A',
      Status: 'N/A',
    },
    { Label: labelMethod(v.Labels) },
  );
}

async function runCreate(ctx: RunContext): Promise<number> {
  const { flags } = ctx;
  let name = flags.string('name');
  if (ctx.args.length === 1) {
    if (name !== '')
      throw new CliError(
        'conflicting options: cannot specify a volume-name through both --name and as a positional arg',
        1,
      );
    name = ctx.args[0];
  }
  const driverOpts: Record<string, string> = {};
  for (const o of flags.strings('opt')) {
    const i = o.indexOf('=');
    if (i < 0) driverOpts[o] = '';
    else driverOpts[o.slice(0, i)] = o.slice(i + 1);
  }
  const labels: Record<string, string> = {};
  for (const l of flags.strings('label')) {
    const i = l.indexOf('=');
    labels[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1);
  }
  // Go marshals maps with sorted keys
  const sorted = (o: Record<string, string>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const vol = (await callJson(ctx.client, {
    method: 'POST',
    path: '/volumes/create',
    // volume.CreateOptions with its omitempty fields dropped when empty
    body: {
      ...(flags.string('driver') !== '' ? { Driver: flags.string('driver') } : {}),
      ...(Object.keys(driverOpts).length ? { DriverOpts: sorted(driverOpts) } : {}),
      ...(Object.keys(labels).length ? { Labels: sorted(labels) } : {}),
      ...(name !== '' ? { Name: name } : {}),
    },
  })) as VolumeJson;
  ctx.io.stdout.write(`${vol.Name}\n`);
  return 0;
}

async function runList(ctx: RunContext): Promise<number> {
  const { flags } = ctx;
  const query: Record<string, string> = {};
  const f = filtersJson(filterPairs(flags.strings('filter')));
  if (f) query.filters = f;
  const res = (await callJson(ctx.client, { method: 'GET', path: '/volumes', query })) as {
    Volumes: VolumeJson[] | null;
  };
  const quiet = flags.bool('quiet');
  const format = volumeFormat(flags.string('format') || 'table', quiet);
  const rows = naturalSort(res?.Volumes ?? [], (v) => v.Name).map(volumeContext);
  const r = formatWrite(format, headerValue(VOLUME_HEADERS), rows);
  if (r.error) throw new CliError(r.error, 1);
  ctx.io.stdout.write(r.out);
  return 0;
}

async function runRemove(ctx: RunContext): Promise<number> {
  const query: Record<string, string> = {};
  if (ctx.flags.bool('force')) query.force = '1';
  const errs: string[] = [];
  for (const name of ctx.args) {
    try {
      await callJson(ctx.client, { method: 'DELETE', path: `/volumes/${name}`, query });
      ctx.io.stdout.write(`${name}\n`);
    } catch (e) {
      if (!(e instanceof DaemonError)) throw e;
      errs.push(e.message);
    }
  }
  if (errs.length > 0) throw new CliError(errs.join('\n'), 1);
  return 0;
}

const ANON_WARNING =
  'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?';
const ALL_WARNING =
  'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?';

/** volume.RunPrune: the report's text and the bytes reclaimed. */
export async function pruneVolumes(
  client: EngineClient,
  pairs: Array<[string, string]>,
): Promise<{ output: string; reclaimed: number }> {
  const report = (await callJson(client, {
    method: 'POST',
    path: '/volumes/prune',
    query: { filters: filtersJson(pairs) },
  })) as { VolumesDeleted: string[] | null; SpaceReclaimed: number };
  const deleted = report?.VolumesDeleted ?? [];
  if (deleted.length === 0) return { output: '', reclaimed: 0 };
  return {
    output: 'Deleted Volumes:\n' + deleted.map((v) => v + '\n').join(''),
    reclaimed: report.SpaceReclaimed,
  };
}

async function runPrune(ctx: RunContext): Promise<number> {
  const pairs = filterPairs(ctx.flags.strings('filter'));
  let warning = ANON_WARNING;
  if (ctx.flags.bool('all')) {
    if (pairs.some(([k]) => k === 'all'))
      throw new CliError('conflicting options: cannot specify both --all and --filter all=1', 1);
    pairs.push(['all', 'true']);
    warning = ALL_WARNING;
  }
  if (!ctx.flags.bool('force')) {
    const ok = await confirm(ctx, warning);
    if (ok === INTERRUPTED) return INTERRUPTED;
    if (!ok) return 0;
  }
  const r = await pruneVolumes(ctx.client, pairs);
  if (r.output !== '') ctx.io.stdout.write(r.output + '\n');
  ctx.io.stdout.write(`Total reclaimed space: ${humanSize(r.reclaimed)}\n`);
  return 0;
}

const CLUSTER_FLAGS: FlagSpec[] = [
  { name: 'group', kind: 'string', usage: 'Cluster Volume group (cluster volumes)', hidden: true },
  {
    name: 'scope',
    kind: 'string',
    usage: 'Cluster Volume access scope ("single", "multi")',
    defValue: 'single',
    hidden: true,
  },
  {
    name: 'sharing',
    kind: 'string',
    usage: 'Cluster Volume access sharing ("none", "readonly", "onewriter", "all")',
    defValue: 'none',
    hidden: true,
  },
  {
    name: 'availability',
    kind: 'string',
    usage: 'Cluster Volume availability ("active", "pause", "drain")',
    defValue: 'active',
    hidden: true,
  },
  {
    name: 'type',
    kind: 'string',
    usage: 'Cluster Volume access type ("mount", "block")',
    defValue: 'block',
    hidden: true,
  },
  { name: 'secret', kind: 'list', usage: 'Cluster Volume secrets', hidden: true },
  { name: 'limit-bytes', kind: 'string', usage: 'Minimum size of the Cluster Volume in bytes', hidden: true },
  {
    name: 'required-bytes',
    kind: 'string',
    usage: 'Maximum size of the Cluster Volume in bytes',
    hidden: true,
  },
  {
    name: 'topology-required',
    kind: 'list',
    usage: 'A topology that the Cluster Volume must be accessible from',
    hidden: true,
  },
  {
    name: 'topology-preferred',
    kind: 'list',
    usage: 'A topology that the Cluster Volume would be preferred in',
    hidden: true,
  },
];

export const volumeCreateCommand: Partial<CommandSpec> = {
  args: { kind: 'max', n: 1 },
  flags: [
    {
      name: 'driver',
      shorthand: 'd',
      kind: 'string',
      usage: 'Specify volume driver name',
      defValue: 'local',
    },
    { name: 'name', kind: 'string', usage: 'Specify volume name', hidden: true },
    {
      name: 'opt',
      shorthand: 'o',
      kind: 'list',
      usage: 'Set driver specific options',
      typeName: 'map',
      defValue: 'map[]',
    },
    { name: 'label', kind: 'list', usage: 'Set metadata for a volume' },
    ...CLUSTER_FLAGS,
  ],
  run: runCreate,
};

export const volumeListCommand: Partial<CommandSpec> = {
  args: { kind: 'none' },
  flags: [
    { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Only display volume names' },
    { name: 'format', kind: 'string', usage: FORMAT_HELP },
    { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Provide filter values (e.g. "dangling=true")' },
    {
      name: 'cluster',
      kind: 'bool',
      usage: 'Display only cluster volumes, and use cluster volume list formatting',
      hidden: true,
    },
  ],
  run: runList,
};

// runInspect's getVolFunc uses VolumeInspect, which keeps no raw body: a template error names volume.Volume
export const volumeInspectCommand = objectInspectCommand((n) => `/volumes/${n}`, volumeType, { noRaw: true });

export const volumeRemoveCommand: Partial<CommandSpec> = {
  long: 'Remove one or more volumes. You cannot remove a volume that is in use by a container.',
  args: { kind: 'min', n: 1 },
  flags: [{ name: 'force', shorthand: 'f', kind: 'bool', usage: 'Force the removal of one or more volumes' }],
  run: runRemove,
};

export const volumePruneCommand: Partial<CommandSpec> = {
  args: { kind: 'none' },
  flags: [
    {
      name: 'all',
      shorthand: 'a',
      kind: 'bool',
      usage: 'Remove all unused volumes, not just anonymous ones',
    },
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "label=<label>")' },
  ],
  run: runPrune,
};
