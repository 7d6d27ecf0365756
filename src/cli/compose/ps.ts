// `docker compose ps` (cmd/compose/ps.go, cmd/formatter/container.go): the
// project's containers sorted by name, as NAME IMAGE COMMAND SERVICE CREATED
// STATUS PORTS, or -q IDs, --services names, --status filters, --format.
import { CliError } from '../command';
import { displayablePorts, goQuote, type ContainerSummary } from '../container-format';
import { contextValue, formatWrite, headerValue, JSON_FORMAT } from '../formatter';
import { ellipsis } from '../runewidth';
import { humanDuration } from '../units';
import { canonicalName, projectContainers } from './engine-ops';
import { LABELS, type Project } from './model';
import type { ComposeContext } from './up';

const DEFAULT_TABLE =
  'table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}';

const HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  Name: 'NAME',
  Names: 'NAMES',
  Project: 'PROJECT',
  Service: 'SERVICE',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Labels: 'LABELS',
  ExitCode: 'EXIT CODE',
  Health: 'HEALTH',
  Networks: 'NETWORKS',
};

export interface PsOptions {
  all: boolean;
  quiet: boolean;
  services: boolean;
  status: string[];
  format: string;
  noTrunc: boolean;
  names: string[];
}

function row(c: ContainerSummary, trunc: boolean, now: number) {
  const labels = c.Labels ?? {};
  const ports = [...(c.Ports ?? [])].sort((a, b) => a.PrivatePort - b.PrivatePort);
  return contextValue('formatter.ContainerContext', {
    ID: trunc ? c.Id.slice(0, 12) : c.Id,
    Name: canonicalName(c),
    Names: (c.Names ?? []).map((n) => n.replace(/^\//, '')).join(','),
    Project: labels[LABELS.project] ?? '',
    Service: labels[LABELS.service] ?? '',
    Image: c.Image,
    Command: goQuote(trunc ? ellipsis(c.Command, 20) : c.Command),
    CreatedAt: new Date(c.Created * 1000).toISOString(),
    RunningFor: `${humanDuration(now - c.Created * 1000)} ago`,
    Ports: displayablePorts(ports),
    State: c.State,
    Status: c.Status,
    Labels: Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    ExitCode: /^Exited \((\d+)\)/.exec(c.Status)?.[1] ?? '0',
    Health: '',
    Networks: Object.keys(c.NetworkSettings?.Networks ?? {}).join(','),
  });
}

export async function composePs(ctx: ComposeContext, project: Project, opts: PsOptions): Promise<number> {
  for (const n of opts.names)
    if (!project.services.some((s) => s.name === n)) throw new CliError(`no such service: ${n}`, 1);
  const all = opts.all || opts.status.length > 0;
  let containers = (await projectContainers(ctx.client, project.name, all)).filter(
    (c) => opts.names.length === 0 || opts.names.includes(c.Labels?.[LABELS.service] ?? ''),
  );
  if (opts.status.length) containers = containers.filter((c) => opts.status.includes(c.State));
  containers.sort((a, b) =>
    canonicalName(a) < canonicalName(b) ? -1 : canonicalName(a) > canonicalName(b) ? 1 : 0,
  );
  if (opts.quiet) {
    for (const c of containers) ctx.io.stdout.write(`${c.Id}\n`);
    return 0;
  }
  if (opts.services) {
    const services: string[] = [];
    for (const c of containers) {
      const s = c.Labels?.[LABELS.service] ?? '';
      if (!services.includes(s)) services.push(s);
    }
    ctx.io.stdout.write(`${services.join('\n')}\n`);
    return 0;
  }
  const format =
    opts.format === '' || opts.format === 'table'
      ? DEFAULT_TABLE
      : opts.format === JSON_FORMAT
        ? '{{json .}}'
        : opts.format;
  const r = formatWrite(
    format,
    headerValue(HEADERS),
    containers.map((c) => row(c, !opts.noTrunc, ctx.now())),
  );
  if (r.error) throw new CliError(r.error, 1);
  ctx.io.stdout.write(r.out);
  return 0;
}
