// What compose asks of the Engine API, as docker/compose's composeService
// does: the project's containers by label, networks and volumes by name,
// container create bodies with Compose's labels, and the per-container
// lifecycle calls whose progress lines the commands print.
import type { EngineClient } from '../../core/daemon/api';
import { sha256Hex } from '../../core/hash';
import { callJson, DaemonError, filtersJson } from '../api-call';
import { CliError } from '../command';
import type { ContainerSummary } from '../container-format';
import { COMPOSE_VERSION, containerName, LABELS, type Project, type ServiceSpec } from './model';
import type { ProgressWriter } from './progress';

/** The project's containers (one-off `compose run` containers excluded). */
export async function projectContainers(
  client: EngineClient,
  project: string,
  all: boolean,
  service?: string,
): Promise<ContainerSummary[]> {
  const labels: Array<[string, string]> = [
    ['label', `${LABELS.project}=${project}`],
    ['label', LABELS.configHash],
    ['label', `${LABELS.oneoff}=False`],
  ];
  if (service) labels.push(['label', `${LABELS.service}=${service}`]);
  const query: Record<string, string | undefined> = { filters: filtersJson(labels) };
  if (all) query.all = '1';
  return (await callJson(client, { method: 'GET', path: '/containers/json', query })) as ContainerSummary[];
}

/** getCanonicalContainerName: the name without its slash. */
export function canonicalName(c: ContainerSummary): string {
  const names = c.Names ?? [];
  return (names.find((n) => n.lastIndexOf('/') === 0) ?? names[0] ?? `/${c.Id.slice(0, 12)}`).replace(
    /^\//,
    '',
  );
}

/** getContainerNameWithoutProject: "web-1" for app-web-1; a container_name stays whole. */
export function nameWithoutProject(c: ContainerSummary): string {
  const labels = c.Labels ?? {};
  const project = labels[LABELS.project] ?? '';
  const name = canonicalName(c);
  const dflt = `${project}-${labels[LABELS.service] ?? ''}-${labels[LABELS.number] ?? ''}`;
  return name === dflt ? name.slice(project.length + 1) : name;
}

/** The service's configuration hash (compose's ServiceHash): it changes when the service does. */
export function configHash(service: ServiceSpec): string {
  return sha256Hex(JSON.stringify({ ...service, dependsOn: undefined }));
}

async function exists(client: EngineClient, path: string): Promise<unknown> {
  try {
    return await callJson(client, { method: 'GET', path });
  } catch (e) {
    if (e instanceof DaemonError && e.notFound) return undefined;
    throw e;
  }
}

/** An image's ID if it is local. */
export async function localImage(client: EngineClient, image: string): Promise<string | undefined> {
  const found = (await exists(client, `/images/${image}/json`)) as { Id?: string } | undefined;
  return found?.Id;
}

/** ensureNetwork: reuse the project's network by name, or create it. */
export async function ensureNetwork(
  client: EngineClient,
  project: Project,
  key: string,
  w: ProgressWriter,
): Promise<void> {
  const n = project.networks.get(key);
  if (!n) return;
  const found = await exists(client, `/networks/${n.name}`);
  if (found) return;
  if (n.external) throw new CliError(`network ${n.name} declared as external, but could not be found`, 1);
  const id = `Network ${n.name}`;
  w.event({ id, status: 'working', statusText: 'Creating' });
  let failure: DaemonError | undefined;
  try {
    await callJson(client, {
      method: 'POST',
      path: '/networks/create',
      body: {
        Name: n.name,
        Driver: 'bridge',
        Labels: {
          ...n.labels,
          [LABELS.network]: key,
          [LABELS.project]: project.name,
          [LABELS.version]: COMPOSE_VERSION,
        },
      },
    });
  } catch (e) {
    if (!(e instanceof DaemonError)) throw e;
    failure = e;
  }
  if (failure) {
    w.event({ id, status: 'error', statusText: 'Error' });
    throw new CliError(`failed to create network ${n.name}: ${failure.message}`, 1);
  }
  w.event({ id, status: 'done', statusText: 'Created' });
}

/** ensureVolume: the project's named volume, made when missing. */
export async function ensureVolume(
  client: EngineClient,
  project: Project,
  key: string,
  w: ProgressWriter,
): Promise<void> {
  const v = project.volumes.get(key);
  if (!v) return;
  if (await exists(client, `/volumes/${v.name}`)) return;
  if (v.external) throw new Error(`external volume "${v.name}" not found`);
  const id = `Volume ${v.name}`;
  w.event({ id, status: 'working', statusText: 'Creating' });
  try {
    await callJson(client, {
      method: 'POST',
      path: '/volumes/create',
      body: {
        Name: v.name,
        Driver: 'local',
        DriverOpts: {},
        Labels: {
          ...v.labels,
          [LABELS.project]: project.name,
          [LABELS.version]: COMPOSE_VERSION,
          [LABELS.volume]: key,
        },
      },
    });
  } catch (e) {
    w.event({ id, status: 'error', statusText: 'Error' });
    throw e;
  }
  w.event({ id, status: 'done', statusText: 'Created' });
}

/** The body of POST /containers/create for replica `n` of a service (getCreateConfigs). */
export function createBody(
  project: Project,
  s: ServiceSpec,
  imageId: string,
  n = 1,
): Record<string, unknown> {
  const labels: Record<string, string> = {
    ...s.labels,
    [LABELS.configHash]: configHash(s),
    [LABELS.number]: String(n),
    [LABELS.dependsOn]: s.dependsOn.map((d) => `${d.service}:${d.condition}:${d.restart}`).join(','),
    [LABELS.image]: imageId,
    [LABELS.oneoff]: 'False',
    [LABELS.project]: project.name,
    [LABELS.configFiles]: project.configFiles.join(','),
    [LABELS.workingDir]: project.workingDir,
    [LABELS.service]: s.name,
    [LABELS.version]: COMPOSE_VERSION,
  };
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of s.ports) {
    const key = `${p.target}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp, HostPort: p.published });
  }
  for (const e of s.expose) exposed[e.includes('/') ? e : `${e}/tcp`] = {};
  const binds: string[] = [];
  const mounts: Array<Record<string, unknown>> = [];
  for (const m of s.volumes) {
    const mode = m.readOnly ? 'ro' : 'rw';
    if (m.type === 'bind') binds.push(`${m.source}:${m.target}:${mode}`);
    else if (m.source === '')
      mounts.push({ Type: 'volume', Target: m.target, ReadOnly: m.readOnly, VolumeOptions: {} });
    else binds.push(`${project.volumes.get(m.source)?.name ?? m.source}:${m.target}:${mode}`);
  }
  const name = containerName(project.name, s, n);
  const network = s.networkMode ?? project.networks.get(s.networks[0] ?? 'default')?.name ?? 'none';
  const endpoints: Record<string, unknown> = {};
  if (!s.networkMode)
    for (const key of s.networks) {
      const net = project.networks.get(key);
      if (net) endpoints[net.name] = { Aliases: [name, s.name] };
    }
  const restart = s.restart ?? 'no';
  const [policy, count] = restart.split(':');
  const env = s.environment
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  return {
    Hostname: s.hostname ?? '',
    Domainname: '',
    User: s.user ?? '',
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    ExposedPorts: Object.keys(exposed).length ? exposed : undefined,
    Tty: s.tty,
    OpenStdin: s.stdinOpen,
    StdinOnce: false,
    Env: env,
    Cmd: s.command ?? null,
    Image: s.image,
    WorkingDir: s.workingDir ?? '',
    Entrypoint: s.entrypoint ?? null,
    Labels: labels,
    ...(s.stopSignal ? { StopSignal: s.stopSignal } : {}),
    ...(s.stopGracePeriod !== undefined ? { StopTimeout: s.stopGracePeriod } : {}),
    HostConfig: {
      Binds: binds.length ? binds : null,
      NetworkMode: network,
      PortBindings: bindings,
      RestartPolicy: { Name: policy === 'no' ? 'no' : policy, MaximumRetryCount: count ? Number(count) : 0 },
      ...(s.init !== undefined ? { Init: s.init } : {}),
      ReadonlyRootfs: s.readOnly,
      Mounts: mounts.length ? mounts : undefined,
      Memory: s.memLimit ?? 0,
      NanoCpus: s.nanoCpus ?? 0,
      ...(s.pidsLimit !== undefined ? { PidsLimit: s.pidsLimit } : {}),
    },
    NetworkingConfig: { EndpointsConfig: endpoints },
  };
}
