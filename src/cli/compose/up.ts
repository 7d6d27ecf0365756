// `docker compose up` (pkg/compose/create.go, convergence.go, up.go): pull
// missing images, make the project's networks and volumes, create (or keep,
// or recreate) one container per service in depends_on order, start them —
// then with -d return, or attach to their output until they all exit or
// Ctrl-C stops them gracefully.
import type { EngineClient } from '../../core/daemon/api';
import { callJson, callStream, DaemonError } from '../api-call';
import { CliError } from '../command';
import type { ContainerSummary } from '../container-format';
import type { CommandIO } from '../io';
import { isReferenceError, parseNormalizedNamed } from '../reference';
import { attachAndFollow, type LogOptions } from './logs';
import {
  configHash,
  createBody,
  ensureNetwork,
  ensureVolume,
  localImage,
  projectContainers,
  canonicalName,
} from './engine-ops';
import { containerName, LABELS, type Project, type ServiceSpec } from './model';
import { progressWriter, type ProgressWriter } from './progress';
import { stopContainers, warn } from './lifecycle';

export interface UpOptions {
  detach: boolean;
  pull: 'policy' | 'always' | 'missing' | 'never';
  quietPull: boolean;
  noStart: boolean;
  forceRecreate: boolean;
  noRecreate: boolean;
  removeOrphans: boolean;
  timeout?: number;
  services: string[];
  log: LogOptions;
}

export interface ComposeContext {
  client: EngineClient;
  io: CommandIO;
  now(): number;
}

/** Pull one service's image with compose's progress: the service, its layers as children. */
async function pullImage(
  ctx: ComposeContext,
  s: ServiceSpec,
  w: ProgressWriter,
  quiet: boolean,
): Promise<void> {
  w.event({ id: s.name, status: 'working', text: 'Pulling' });
  const ref = parseNormalizedNamed(s.image);
  if (isReferenceError(ref)) {
    w.event({ id: s.name, status: 'error', text: 'Error', statusText: ref.error });
    throw new CliError(ref.error, 1);
  }
  let failure: string | undefined;
  try {
    const stream = await callStream(ctx.client, {
      method: 'POST',
      path: '/images/create',
      query: { fromImage: ref.name, tag: ref.digest ?? ref.tag ?? 'latest' },
    });
    for await (const jm of stream) {
      if (jm.error) {
        failure = jm.error;
        break;
      }
      if (quiet || !jm.id || !jm.progressDetail) continue;
      const done = ['Download complete', 'Already exists', 'Pull complete'].includes(jm.status ?? '');
      const moving = ['Downloading', 'Extracting', 'Verifying Checksum'].includes(jm.status ?? '');
      const { current = 0, total = 0 } = jm.progressDetail;
      w.event({
        id: jm.id,
        parentId: s.name,
        text: jm.status,
        status: done ? 'done' : 'working',
        statusText: jm.progress ?? '',
        current: moving ? current : 0,
        total: moving ? total : 0,
        percent: done ? 100 : moving && total > 0 ? Math.floor((current * 100) / total) : 0,
      });
    }
  } catch (e) {
    if (!(e instanceof DaemonError)) throw e;
    failure = e.daemonMessage;
  }
  if (failure !== undefined) {
    w.event({ id: s.name, status: 'error', text: 'Error', statusText: failure });
    throw new CliError(`Error response from daemon: ${failure}`, 1);
  }
  w.event({ id: s.name, status: 'done', text: 'Pulled' });
}

/** ensureImagesExists: each image pulled once, by the first service that needs it. */
async function ensureImages(
  ctx: ComposeContext,
  services: ServiceSpec[],
  opts: UpOptions,
  w: ProgressWriter,
): Promise<void> {
  const pulled = new Map<string, string>();
  for (const s of services) {
    const policy = opts.pull === 'policy' ? s.pullPolicy : opts.pull;
    const by = pulled.get(s.image);
    if (by) {
      w.event({ id: s.name, status: 'warning', text: `Skipped - Image is already being pulled by ${by}` });
      continue;
    }
    const present = policy === 'always' ? undefined : await localImage(ctx.client, s.image);
    if (present) continue;
    if (policy === 'never') throw new CliError(`Error response from daemon: No such image: ${s.image}`, 1);
    pulled.set(s.image, s.name);
    await pullImage(ctx, s, w, opts.quietPull);
  }
}

const byName = (a: ContainerSummary, b: ContainerSummary) => (canonicalName(a) < canonicalName(b) ? -1 : 1);

/** Create what is missing, keep what is current, recreate what changed (convergence.ensureService). */
async function converge(
  ctx: ComposeContext,
  project: Project,
  services: ServiceSpec[],
  opts: UpOptions,
  w: ProgressWriter,
): Promise<void> {
  const observed = await projectContainers(ctx.client, project.name, true);
  const orphans = observed
    .filter((c) => !project.services.some((s) => s.name === c.Labels?.[LABELS.service]))
    .sort(byName);
  if (orphans.length && opts.removeOrphans) {
    for (const c of orphans) {
      const id = `Container ${canonicalName(c)}`;
      w.event({ id, status: 'working', statusText: 'Removing' });
      await callJson(ctx.client, { method: 'DELETE', path: `/containers/${c.Id}`, query: { force: '1' } });
      w.event({ id, status: 'done', statusText: 'Removed' });
    }
  } else if (orphans.length)
    warn(
      ctx,
      `Found orphan containers ([${orphans.map(canonicalName).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`,
    );
  for (const s of services) {
    const mine = observed.filter((c) => c.Labels?.[LABELS.service] === s.name).sort(byName);
    const imageId = (await localImage(ctx.client, s.image)) ?? '';
    const name = containerName(project.name, s);
    if (mine.length === 0) {
      const id = `Container ${name}`;
      w.event({ id, status: 'working', statusText: 'Creating' });
      try {
        await callJson(ctx.client, {
          method: 'POST',
          path: '/containers/create',
          query: { name },
          body: createBody(project, s, imageId),
        });
      } catch (e) {
        if (e instanceof DaemonError) w.event({ id, status: 'error', statusText: e.daemonMessage });
        throw e;
      }
      w.event({ id, status: 'done', statusText: 'Created' });
      continue;
    }
    for (const c of mine) {
      const id = `Container ${canonicalName(c)}`;
      const changed = c.Labels?.[LABELS.configHash] !== configHash(s) || c.Labels?.[LABELS.image] !== imageId;
      if (opts.forceRecreate || (changed && !opts.noRecreate)) {
        w.event({ id, status: 'working', statusText: 'Recreate' });
        await callJson(ctx.client, {
          method: 'POST',
          path: `/containers/${c.Id}/stop`,
          query: opts.timeout !== undefined ? { t: String(opts.timeout) } : {},
        });
        await callJson(ctx.client, { method: 'DELETE', path: `/containers/${c.Id}`, query: { force: '1' } });
        await callJson(ctx.client, {
          method: 'POST',
          path: '/containers/create',
          query: { name },
          body: createBody(project, s, imageId),
        });
        w.event({ id, status: 'done', statusText: 'Recreated' });
      } else if (c.State === 'running') w.event({ id, status: 'done', statusText: 'Running' });
    }
  }
}

/** startService for each service in order: every container of it not running yet. */
export async function startServices(
  ctx: ComposeContext,
  project: Project,
  services: ServiceSpec[],
  w: ProgressWriter | undefined,
): Promise<void> {
  const observed = await projectContainers(ctx.client, project.name, true);
  for (const s of services) {
    const mine = observed.filter((c) => c.Labels?.[LABELS.service] === s.name).sort(byName);
    if (mine.length === 0) throw new CliError(`service "${s.name}" has no container to start`, 1);
    for (const c of mine) {
      if (c.State === 'running') continue;
      const id = `Container ${canonicalName(c)}`;
      w?.event({ id, status: 'working', statusText: 'Starting' });
      await callJson(ctx.client, { method: 'POST', path: `/containers/${c.Id}/start` });
      w?.event({ id, status: 'done', statusText: 'Started' });
    }
  }
}

/** The services `up SERVICE…` touches: those named and what they depend on. */
export function selectServices(project: Project, names: string[]): ServiceSpec[] {
  if (names.length === 0) return project.services;
  for (const n of names)
    if (!project.services.some((s) => s.name === n)) throw new CliError(`no such service: ${n}`, 1);
  const want = new Set<string>();
  const add = (n: string) => {
    if (want.has(n)) return;
    want.add(n);
    for (const d of project.services.find((s) => s.name === n)?.dependsOn ?? []) add(d.service);
  };
  names.forEach(add);
  return project.services.filter((s) => want.has(s.name));
}

export async function composeUp(ctx: ComposeContext, project: Project, opts: UpOptions): Promise<number> {
  const services = selectServices(project, opts.services);
  const attach = !opts.detach && !opts.noStart;
  const w = progressWriter(ctx.io, 'Running');
  try {
    await ensureImages(ctx, services, opts, w);
    for (const key of project.networks.keys())
      if (services.some((s) => s.networks.includes(key))) await ensureNetwork(ctx.client, project, key, w);
    for (const key of project.volumes.keys()) await ensureVolume(ctx.client, project, key, w);
    await converge(ctx, project, services, opts, w);
    if (!attach && !opts.noStart) await startServices(ctx, project, services, w);
  } catch (e) {
    w.stop();
    if (e instanceof Error && !(e instanceof CliError)) throw new CliError(e.message, 1);
    throw e;
  }
  w.stop();
  if (!attach) return 0;

  // attached: the containers' output with prefixes, until they all exit; Ctrl-C stops them
  const containers = (await projectContainers(ctx.client, project.name, true)).filter((c) =>
    services.some((s) => s.name === c.Labels?.[LABELS.service]),
  );
  let stopping: Promise<void> | undefined;
  let killed = false;
  const off = ctx.io.interrupt?.onInterrupt(() => {
    if (!stopping) {
      ctx.io.stdout.write('Gracefully Stopping... press Ctrl+C again to force\n');
      stopping = stopContainers(ctx, project, services, opts.timeout, 'attached');
    } else if (!killed) {
      killed = true;
      for (const c of containers)
        void ctx.client.request({ method: 'POST', path: `/containers/${c.Id}/kill` });
    }
  });
  try {
    await attachAndFollow(ctx, containers.sort(byName), opts.log, () =>
      startServices(ctx, project, services, undefined),
    );
    if (stopping) await stopping;
  } finally {
    off?.();
  }
  return stopping ? 130 : 0;
}
