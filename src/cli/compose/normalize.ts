// One service of a compose file, from the parsed (and interpolated) YAML to
// the model: type checks with compose-go's wording, short syntaxes expanded
// (ports, volumes, environment lists, depends_on lists), relative paths
// resolved against the project directory, env_file files read.
import { FsError } from '../../core/fs/types';
import type { FileSystem } from '../../core/userland/types';
import { splitWords, wordValues } from '../../core/userland/shell-words';
import { absPath, parseVolumeSpec } from '../run-mounts';
import { parsePortSpecs } from '../run-ports';
import { parseCpus, parseRamBytes } from '../run-values';
import { parseDotenv } from './interpolate';
import type { DependsOn, MountSpec, PortSpec, ServiceSpec } from './model';
import {
  additional,
  additionalMessage,
  ComposeError,
  isServiceSpecKey,
  kindOf,
  mustBe,
  SERVICE_KEYS,
} from './schema';

export interface NormalizeContext {
  projectDir: string;
  home: string;
  fs: FileSystem | undefined;
  /** The environment of substitution: values for `environment: [NAME]`. */
  env: Readonly<Record<string, string>>;
  /** The file being validated: schema errors name it. */
  file: string;
}

/** A schema violation, as compose-go reports it: "validating FILE: PATH MESSAGE". */
const schemaError = (ctx: NormalizeContext, msg: string) =>
  new ComposeError(`validating ${ctx.file}: ${msg}`);

const scalar = (v: unknown): string =>
  typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);

/** A string command is split as a shell would (compose-go uses shellwords). */
function commandList(v: unknown, where: string): string[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(scalar);
  const split = splitWords(scalar(v));
  if (!split.ok) throw new ComposeError(`${where}: invalid command line string`);
  return wordValues(split.tokens);
}

/** Go's time.ParseDuration, in seconds. */
export function durationSeconds(s: string): number | undefined {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  if (s === '0') return 0;
  let rest = s;
  let total = 0;
  while (rest !== '') {
    const m = /^(\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * units[m[2]];
    rest = rest.slice(m[0].length);
  }
  return s === '' ? undefined : total;
}

function keyValues(v: unknown, where: string, ctx: NormalizeContext): Array<[string, string | null]> {
  if (Array.isArray(v)) {
    return v.map((item) => {
      const s = scalar(item);
      const eq = s.indexOf('=');
      return eq < 0 ? [s, null] : [s.slice(0, eq), s.slice(eq + 1)];
    });
  }
  if (v && typeof v === 'object')
    return Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, x === null ? null : scalar(x)]);
  throw schemaError(ctx, `${where} ${mustBe(['mapping', 'list'])}`);
}

function readEnvFiles(v: unknown, ctx: NormalizeContext): Array<[string, string | null]> {
  const files = Array.isArray(v) ? v : [v];
  const out: Array<[string, string | null]> = [];
  for (const f of files) {
    const spec: { path?: unknown; required?: unknown } =
      f && typeof f === 'object' ? (f as { path?: unknown; required?: unknown }) : { path: f };
    const path = absPath(scalar(spec.path).replace(/^~(?=\/|$)/, ctx.home), ctx.projectDir);
    const text = ctx.fs?.readFile(path);
    if (text === undefined || text instanceof FsError) {
      if (spec.required === false) continue;
      throw new ComposeError(`env file ${path} not found: stat ${path}: no such file or directory`);
    }
    const parsed = parseDotenv(text);
    if ('error' in parsed) throw new ComposeError(`failed to read ${path}: ${parsed.error}`);
    out.push(...parsed);
  }
  return out;
}

function ports(v: unknown[], where: string, ctx: NormalizeContext): PortSpec[] {
  const out: PortSpec[] = [];
  for (const p of v) {
    if (p && typeof p === 'object') {
      const o = p as Record<string, unknown>;
      const extra = additional(o, (k) =>
        ['target', 'published', 'host_ip', 'protocol', 'mode', 'name', 'app_protocol'].includes(k),
      );
      if (extra.length) throw schemaError(ctx, additionalMessage(where, extra));
      if (o.target === undefined) throw schemaError(ctx, `${where} missing property 'target'`);
      out.push({
        target: scalar(o.target),
        published: scalar(o.published),
        hostIp: scalar(o.host_ip),
        protocol: scalar(o.protocol) || 'tcp',
      });
      continue;
    }
    const parsed = parsePortSpecs([scalar(p)]);
    if (typeof parsed === 'string') throw new ComposeError(parsed);
    for (const [port, bindings] of Object.entries(parsed.bindings)) {
      const [target, protocol] = port.split('/');
      for (const b of bindings) out.push({ target, published: b.HostPort, hostIp: b.HostIp, protocol });
    }
  }
  return out;
}

function volumes(
  v: unknown[],
  ctx: NormalizeContext,
  declared: ReadonlySet<string>,
  service: string,
  where: string,
): MountSpec[] {
  const out: MountSpec[] = [];
  const resolve = (src: string) => absPath(src.replace(/^~(?=\/|$)/, ctx.home), ctx.projectDir);
  const named = (src: string) => {
    if (src !== '' && !declared.has(src))
      throw new ComposeError(
        `service "${service}" refers to undefined volume ${src}: invalid compose project`,
      );
  };
  for (const item of v) {
    if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      const extra = additional(o, (k) =>
        ['type', 'source', 'target', 'read_only', 'bind', 'volume', 'tmpfs', 'consistency'].includes(k),
      );
      if (extra.length) throw schemaError(ctx, additionalMessage(where, extra));
      const type = scalar(o.type);
      const target = scalar(o.target);
      if (target === '') throw schemaError(ctx, `${where} missing property 'target'`);
      const readOnly = o.read_only === true;
      if (type === 'bind') out.push({ type: 'bind', source: resolve(scalar(o.source)), target, readOnly });
      else if (type === 'volume') {
        named(scalar(o.source));
        out.push({ type: 'volume', source: scalar(o.source), target, readOnly });
      } else
        throw new ComposeError(`Stevedore does not simulate volumes of type "${type}" in compose files yet`);
      continue;
    }
    const spec = scalar(item);
    const parsed = parseVolumeSpec(spec);
    if (typeof parsed === 'string') throw new ComposeError(parsed);
    const mode = spec.split(':').slice(2).join(':');
    const readOnly = mode.split(',').includes('ro');
    if (parsed.type === 'bind')
      out.push({ type: 'bind', source: resolve(parsed.source), target: parsed.target, readOnly });
    else {
      named(parsed.source);
      out.push({ type: 'volume', source: parsed.source, target: parsed.target, readOnly });
    }
  }
  return out;
}

function dependsOn(v: unknown, service: string): DependsOn[] {
  if (Array.isArray(v))
    return v.map((s) => ({
      service: scalar(s),
      condition: 'service_started',
      required: true,
      restart: false,
    }));
  return Object.entries(v as Record<string, unknown>).map(([name, d]) => {
    const o = (d ?? {}) as Record<string, unknown>;
    const condition = scalar(o.condition) || 'service_started';
    if (condition !== 'service_started')
      throw new ComposeError(
        `service "${service}": Stevedore does not simulate depends_on condition "${condition}" yet (healthchecks and completion waits); use service_started`,
      );
    return {
      service: name,
      condition: 'service_started',
      required: o.required !== false,
      restart: o.restart === true,
    };
  });
}

function flag(v: unknown): boolean {
  return v === true || v === 'true';
}

/** One service of the file. `declared*` are the top-level keys. */
export function normalizeService(
  name: string,
  raw: unknown,
  ctx: NormalizeContext,
  declaredVolumes: ReadonlySet<string>,
  declaredNetworks: ReadonlySet<string>,
): ServiceSpec {
  const path = `services.${name}`;
  if (kindOf(raw) !== 'mapping') throw schemaError(ctx, `${path} ${mustBe(['mapping'])}`);
  const s = raw as Record<string, unknown>;
  const unknown = additional(s, isServiceSpecKey);
  if (unknown.length) throw schemaError(ctx, additionalMessage(path, unknown));
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-')) continue;
    const kinds = SERVICE_KEYS[k];
    if (!kinds)
      throw new ComposeError(`${path}.${k}: Stevedore does not simulate '${k}' in compose files yet`);
    if (!kinds.includes(kindOf(v))) throw schemaError(ctx, `${path}.${k} ${mustBe(kinds)}`);
  }
  if (typeof s.image !== 'string' || s.image === '')
    throw new ComposeError(
      `service "${name}" has neither an image nor a build context specified: invalid compose project`,
    );

  // env_file first, environment over it; names without a value come from the substitution environment
  const env = new Map<string, string | null>();
  if (s.env_file !== undefined) for (const [k, v] of readEnvFiles(s.env_file, ctx)) env.set(k, v);
  if (s.environment !== undefined)
    for (const [k, v] of keyValues(s.environment, `${path}.environment`, ctx)) env.set(k, v);
  const environment: Array<[string, string | null]> = [...env].map(([k, v]) => [
    k,
    v ?? (Object.hasOwn(ctx.env, k) ? ctx.env[k] : null),
  ]);

  const labels = Object.fromEntries(
    s.labels === undefined ? [] : keyValues(s.labels, `${path}.labels`, ctx).map(([k, v]) => [k, v ?? '']),
  );
  const networks =
    s.networks === undefined
      ? []
      : Array.isArray(s.networks)
        ? s.networks.map(scalar)
        : Object.keys(s.networks as object);
  for (const n of networks)
    if (n !== 'default' && !declaredNetworks.has(n))
      throw new ComposeError(`service "${name}" refers to undefined network ${n}: invalid compose project`);

  const spec: ServiceSpec = {
    name,
    image: s.image,
    environment,
    ports: s.ports === undefined ? [] : ports(s.ports as unknown[], `${path}.ports`, ctx),
    expose: ((s.expose as unknown[] | undefined) ?? []).map(scalar),
    volumes:
      s.volumes === undefined
        ? []
        : volumes(s.volumes as unknown[], ctx, declaredVolumes, name, `${path}.volumes`),
    dependsOn: s.depends_on === undefined ? [] : dependsOn(s.depends_on, name),
    labels,
    tty: flag(s.tty),
    stdinOpen: flag(s.stdin_open),
    readOnly: flag(s.read_only),
    networks: s.network_mode !== undefined ? [] : networks.length ? networks : ['default'],
    pullPolicy: 'missing',
  };
  const command = commandList(s.command, `${path}.command`);
  if (command) spec.command = command;
  const entrypoint = commandList(s.entrypoint, `${path}.entrypoint`);
  if (entrypoint) spec.entrypoint = entrypoint;
  if (s.container_name !== undefined) spec.containerName = scalar(s.container_name);
  if (s.restart !== undefined) {
    const r = scalar(s.restart);
    if (!/^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(r))
      throw new ComposeError(`invalid restart policy: unknown policy '${r}'`);
    spec.restart = r;
  }
  if (s.working_dir !== undefined) spec.workingDir = scalar(s.working_dir);
  if (s.user !== undefined) spec.user = scalar(s.user);
  if (s.hostname !== undefined) spec.hostname = scalar(s.hostname);
  if (s.stop_signal !== undefined) spec.stopSignal = scalar(s.stop_signal);
  if (s.init !== undefined) spec.init = flag(s.init);
  if (s.network_mode !== undefined) spec.networkMode = scalar(s.network_mode);
  if (s.stop_grace_period !== undefined) {
    const d = durationSeconds(scalar(s.stop_grace_period));
    if (d === undefined)
      throw new ComposeError(
        `${path}.stop_grace_period: time: invalid duration "${scalar(s.stop_grace_period)}"`,
      );
    spec.stopGracePeriod = Math.floor(d);
  }
  if (s.mem_limit !== undefined) {
    const m = typeof s.mem_limit === 'number' ? s.mem_limit : parseRamBytes(scalar(s.mem_limit));
    if (typeof m === 'string') throw new ComposeError(`${path}.mem_limit: ${m}`);
    spec.memLimit = m;
  }
  if (s.cpus !== undefined) {
    const c = parseCpus(scalar(s.cpus));
    if (typeof c === 'string') throw new ComposeError(`${path}.cpus: ${c}`);
    spec.nanoCpus = c;
  }
  if (s.pids_limit !== undefined) spec.pidsLimit = Number(s.pids_limit);
  if (s.pull_policy !== undefined) {
    const p = scalar(s.pull_policy);
    if (p === 'build')
      throw new ComposeError(`${path}.pull_policy: Stevedore does not simulate 'build' in compose files yet`);
    if (!['always', 'missing', 'never', 'if_not_present'].includes(p))
      throw new ComposeError(`invalid pull policy for service ${name}: ${p}`);
    spec.pullPolicy = p === 'if_not_present' ? 'missing' : (p as ServiceSpec['pullPolicy']);
  }
  return spec;
}
