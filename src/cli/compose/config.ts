// `docker compose config`: the project in canonical form (variables
// substituted, paths absolute, short syntaxes expanded, names given), as YAML
// or JSON; --services/--volumes/--images/--networks list names; -q only checks.
import { stringify } from 'yaml';
import type { Project, ServiceSpec } from './model';

export interface ConfigOptions {
  format: 'yaml' | 'json';
  quiet: boolean;
  list?: 'services' | 'volumes' | 'networks' | 'images';
}

const sorted = <T>(o: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function serviceConfig(s: ServiceSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.command) out.command = s.command;
  if (s.containerName) out.container_name = s.containerName;
  if (s.dependsOn.length)
    out.depends_on = Object.fromEntries(
      s.dependsOn.map((d) => [
        d.service,
        { condition: d.condition, ...(d.restart ? { restart: true } : {}), required: d.required },
      ]),
    );
  if (s.entrypoint) out.entrypoint = s.entrypoint;
  if (s.environment.length) out.environment = sorted(Object.fromEntries(s.environment));
  if (s.expose.length) out.expose = s.expose;
  if (s.hostname) out.hostname = s.hostname;
  out.image = s.image;
  if (s.init !== undefined) out.init = s.init;
  if (Object.keys(s.labels).length) out.labels = sorted(s.labels);
  if (s.memLimit !== undefined) out.mem_limit = String(s.memLimit);
  if (s.networkMode) out.network_mode = s.networkMode;
  else out.networks = Object.fromEntries(s.networks.map((n) => [n, null]));
  if (s.pidsLimit !== undefined) out.pids_limit = s.pidsLimit;
  if (s.ports.length)
    out.ports = s.ports.map((p) => ({
      mode: 'ingress',
      ...(p.hostIp ? { host_ip: p.hostIp } : {}),
      target: Number(p.target),
      ...(p.published ? { published: p.published } : {}),
      protocol: p.protocol,
    }));
  if (s.readOnly) out.read_only = true;
  if (s.restart) out.restart = s.restart;
  if (s.stdinOpen) out.stdin_open = true;
  if (s.stopGracePeriod !== undefined) out.stop_grace_period = `${s.stopGracePeriod}s`;
  if (s.stopSignal) out.stop_signal = s.stopSignal;
  if (s.tty) out.tty = true;
  if (s.user) out.user = s.user;
  if (s.volumes.length)
    out.volumes = s.volumes.map((m) =>
      m.type === 'bind'
        ? {
            type: 'bind',
            source: m.source,
            target: m.target,
            ...(m.readOnly ? { read_only: true } : {}),
            bind: { create_host_path: true },
          }
        : {
            type: 'volume',
            ...(m.source ? { source: m.source } : {}),
            target: m.target,
            ...(m.readOnly ? { read_only: true } : {}),
            volume: {},
          },
    );
  if (s.workingDir) out.working_dir = s.workingDir;
  return out;
}

export function renderConfig(project: Project, opts: ConfigOptions): string {
  const byName = [...project.services].sort((a, b) => (a.name < b.name ? -1 : 1));
  switch (opts.list) {
    case 'services':
      return byName.map((s) => `${s.name}\n`).join('');
    case 'volumes':
      return [...project.volumes.keys()].map((k) => `${k}\n`).join('');
    case 'networks':
      return [...project.networks.keys()].map((k) => `${k}\n`).join('');
    case 'images':
      return byName.map((s) => `${s.image}\n`).join('');
  }
  const model: Record<string, unknown> = {
    name: project.name,
    services: Object.fromEntries(byName.map((s) => [s.name, serviceConfig(s)])),
  };
  const resource = (r: { name: string; external: boolean; labels: Record<string, string> }) => ({
    name: r.name,
    ...(r.external ? { external: true } : {}),
    ...(Object.keys(r.labels).length ? { labels: sorted(r.labels) } : {}),
  });
  if (project.networks.size)
    model.networks = Object.fromEntries([...project.networks].map(([k, n]) => [k, resource(n)]));
  if (project.volumes.size)
    model.volumes = Object.fromEntries([...project.volumes].map(([k, v]) => [k, resource(v)]));
  if (opts.format === 'json') return `${JSON.stringify(model, null, 4)}\n`;
  return stringify(model, { lineWidth: 0, indentSeq: true });
}
