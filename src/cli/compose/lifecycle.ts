// `docker compose start`, `stop` and `down` (pkg/compose/start.go, stop.go,
// down.go): containers stopped in reverse depends_on order and removed, then
// the project's networks (and with -v its volumes), with compose's progress
// lines; plus the graceful stop of an attached `up`.
import { callJson, DaemonError } from '../api-call';
import { CliError } from '../command';
import type { ContainerSummary } from '../container-format';
import { canonicalName, projectContainers } from './engine-ops';
import { LABELS, type Project, type ServiceSpec } from './model';
import { PlainWriter, progressWriter, type ProgressEvent, type ProgressWriter } from './progress';
import { selectServices, startServices, type ComposeContext } from './up';

/** The warning logrus prints: `WARN[0000] …`, coloured on a terminal. */
export function warn(ctx: ComposeContext, msg: string): void {
  const level = ctx.io.isTTY ? '\x1b[33mWARN\x1b[0m' : 'WARN';
  ctx.io.stderr.write(`${level}[0000] ${msg}\n`);
}

const byName = (a: ContainerSummary, b: ContainerSummary) => (canonicalName(a) < canonicalName(b) ? -1 : 1);

async function stopOne(
  ctx: ComposeContext,
  c: ContainerSummary,
  timeout: number | undefined,
  w: ProgressWriter,
): Promise<void> {
  const id = `Container ${canonicalName(c)}`;
  w.event({ id, status: 'working', statusText: 'Stopping' });
  try {
    await callJson(ctx.client, {
      method: 'POST',
      path: `/containers/${c.Id}/stop`,
      query: timeout !== undefined ? { t: String(timeout) } : {},
    });
  } catch (e) {
    w.event({ id, status: 'error', statusText: 'Error while Stopping' });
    throw e;
  }
  w.event({ id, status: 'done', statusText: 'Stopped' });
}

/** Each service's containers, dependents first; a service's own containers stop together. */
async function inReverseOrder(
  services: ServiceSpec[],
  containers: ContainerSummary[],
  each: (c: ContainerSummary) => Promise<void>,
): Promise<void> {
  for (const s of [...services].reverse()) {
    const mine = containers.filter((c) => c.Labels?.[LABELS.service] === s.name).sort(byName);
    await Promise.all(mine.map(each));
  }
}

/**
 * Stop the services' containers. `attached` is up's Ctrl-C: on a terminal the
 * events go out as status lines between the logs (compose's mixed writer).
 */
export async function stopContainers(
  ctx: ComposeContext,
  project: Project,
  services: ServiceSpec[],
  timeout: number | undefined,
  mode: 'progress' | 'attached',
): Promise<void> {
  let w: ProgressWriter;
  if (mode === 'attached' && ctx.io.isTTY) {
    const out = ctx.io.stdout;
    const mixed = (e: ProgressEvent) =>
      out.write(`\r\x1b[K ${e.id} ${e.text ?? ''} \x1b[32m${e.statusText ?? ''}\x1b[0m\n`);
    w = { event: mixed, tail: (m) => out.write(`\r\x1b[K ${m}\n`), stop: () => undefined };
  } else w = mode === 'attached' ? new PlainWriter(ctx.io.stderr) : progressWriter(ctx.io, 'Stopping');
  try {
    const running = (await projectContainers(ctx.client, project.name, false)).filter((c) =>
      services.some((s) => s.name === c.Labels?.[LABELS.service]),
    );
    await inReverseOrder(services, running, (c) => stopOne(ctx, c, timeout, w));
  } finally {
    w.stop();
  }
}

export async function composeStop(
  ctx: ComposeContext,
  project: Project,
  names: string[],
  timeout: number | undefined,
): Promise<number> {
  await stopContainers(ctx, project, selectServices(project, names), timeout, 'progress');
  return 0;
}

export async function composeStart(ctx: ComposeContext, project: Project, names: string[]): Promise<number> {
  const services = selectServices(project, names);
  const w = progressWriter(ctx.io, 'Running');
  try {
    await startServices(ctx, project, services, w);
  } finally {
    w.stop();
  }
  return 0;
}

export interface DownOptions {
  volumes: boolean;
  timeout?: number;
  removeOrphans: boolean;
}

async function removeResource(
  ctx: ComposeContext,
  kind: 'Network' | 'Volume',
  name: string,
  w: ProgressWriter,
): Promise<void> {
  const path = kind === 'Network' ? `/networks/${name}` : `/volumes/${name}`;
  try {
    await callJson(ctx.client, { method: 'GET', path });
  } catch (e) {
    if (e instanceof DaemonError && e.notFound) return;
    throw e;
  }
  const id = `${kind} ${name}`;
  w.event({ id, status: 'working', statusText: 'Removing' });
  try {
    await callJson(ctx.client, { method: 'DELETE', path });
  } catch (e) {
    if (e instanceof DaemonError && (e.status === 409 || e.status === 403)) {
      w.event({ id, status: 'warning', statusText: 'Resource is still in use' });
      return;
    }
    w.event({ id, status: 'error', statusText: 'Error' });
    if (e instanceof DaemonError)
      throw new CliError(`failed to remove ${kind.toLowerCase()} ${name}: ${e.message}`, 1);
    throw e;
  }
  w.event({ id, status: 'done', statusText: 'Removed' });
}

/** `docker compose down`: stop and remove the containers, then the networks (and with -v the volumes). */
export async function composeDown(ctx: ComposeContext, project: Project, opts: DownOptions): Promise<number> {
  const w = progressWriter(ctx.io, 'Running');
  let removed = 0;
  try {
    const containers = await projectContainers(ctx.client, project.name, true);
    const orphans = containers.filter(
      (c) => !project.services.some((s) => s.name === c.Labels?.[LABELS.service]),
    );
    const remove = async (c: ContainerSummary) => {
      const id = `Container ${canonicalName(c)}`;
      if (c.State === 'running' || c.State === 'paused' || c.State === 'restarting')
        await stopOne(ctx, c, opts.timeout, w);
      w.event({ id, status: 'working', statusText: 'Removing' });
      await callJson(ctx.client, {
        method: 'DELETE',
        path: `/containers/${c.Id}`,
        query: { force: '1', ...(opts.volumes ? { v: '1' } : {}) },
      });
      w.event({ id, status: 'done', statusText: 'Removed' });
      removed++;
    };
    await inReverseOrder(project.services, containers, remove);
    if (opts.removeOrphans) await Promise.all(orphans.sort(byName).map(remove));
    else if (orphans.length)
      warn(
        ctx,
        `Found orphan containers ([${orphans.map(canonicalName).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`,
      );
    for (const n of project.networks.values())
      if (!n.external) await removeResource(ctx, 'Network', n.name, w);
    if (opts.volumes)
      for (const v of project.volumes.values())
        if (!v.external) await removeResource(ctx, 'Volume', v.name, w);
  } finally {
    w.stop();
  }
  if (removed === 0 && !opts.volumes) {
    const anything = [...project.networks.values()].some((n) => !n.external);
    if (!anything) warn(ctx, `Warning: No resource found to remove for project "${project.name}".`);
  }
  return 0;
}
