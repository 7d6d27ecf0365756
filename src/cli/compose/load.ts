// Loading a Compose project as `docker compose` does: find the file
// (compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml in the
// working directory or a parent, or -f), parse the YAML, read .env, substitute
// variables, validate against the specification, name the project (-p,
// COMPOSE_PROJECT_NAME, `name:`, the directory), and order the services by
// depends_on.
import { parseDocument } from 'yaml';
import { FsError } from '../../core/fs/types';
import type { FileSystem } from '../../core/userland/types';
import { absPath } from '../run-mounts';
import { interpolateTree, InterpolationError, parseDotenv, type Interpolation } from './interpolate';
import type { Project, ResourceSpec, ServiceSpec } from './model';
import { normalizeService } from './normalize';
import {
  additional,
  additionalMessage,
  ComposeError,
  kindOf,
  mustBe,
  NETWORK_KEYS,
  NETWORK_SPEC,
  TOP_LEVEL_KEYS,
  TOP_LEVEL_SPEC,
  VOLUME_KEYS,
  VOLUME_SPEC,
} from './schema';

export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

export interface LoadOptions {
  /** The client's files, as the user running docker sees them. */
  fs: FileSystem | undefined;
  cwd: string;
  env: Readonly<Record<string, string>>;
  /** -f values, in order. */
  files: string[];
  /** -p. */
  projectName?: string;
  /** --project-directory. */
  projectDirectory?: string;
}

const parentOf = (p: string) => (p === '/' ? '/' : p.slice(0, p.lastIndexOf('/')) || '/');
const baseOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** compose-go's NormalizeProjectName. */
export function normalizeProjectName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^-_a-z0-9]/g, '')
    .replace(/^[-_]+/, '');
}

const VALID_NAME = /^[a-z0-9][a-z0-9_-]*$/;

function findDefaultFile(fs: FileSystem | undefined, cwd: string): string | undefined {
  for (let dir = cwd; ; dir = parentOf(dir)) {
    for (const f of DEFAULT_FILES) {
      const p = dir === '/' ? `/${f}` : `${dir}/${f}`;
      const st = fs?.stat(p);
      if (st && !(st instanceof FsError) && st.kind === 'file') return p;
    }
    if (dir === '/') return undefined;
  }
}

function yamlOf(text: string, path: string): Record<string, unknown> {
  const doc = parseDocument(text, { uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? 1;
    const what = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ComposeError(`yaml: line ${line}: ${what.charAt(0).toLowerCase()}${what.slice(1)}`);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) throw new ComposeError(`empty compose file`);
  if (kindOf(value) !== 'mapping')
    throw new ComposeError(`validating ${path}: top-level object ${mustBe(['mapping'])}`);
  return value as Record<string, unknown>;
}

function resources(
  kind: 'volume' | 'network',
  raw: unknown,
  project: string,
  path: string,
): Map<string, ResourceSpec> {
  const out = new Map<string, ResourceSpec>();
  if (raw === undefined || raw === null) return out;
  const where = kind === 'volume' ? 'volumes' : 'networks';
  if (kindOf(raw) !== 'mapping')
    throw new ComposeError(`validating ${path}: ${where} ${mustBe(['mapping'])}`);
  const spec = kind === 'volume' ? VOLUME_SPEC : NETWORK_SPEC;
  const simulated = kind === 'volume' ? VOLUME_KEYS : NETWORK_KEYS;
  for (const [key, v] of Object.entries(raw as Record<string, unknown>)) {
    const o = (v ?? {}) as Record<string, unknown>;
    if (kindOf(o) !== 'mapping')
      throw new ComposeError(`validating ${path}: ${where}.${key} ${mustBe(['mapping'])}`);
    const extra = additional(o, (k) => spec.includes(k));
    if (extra.length)
      throw new ComposeError(`validating ${path}: ${additionalMessage(`${where}.${key}`, extra)}`);
    for (const k of Object.keys(o))
      if (!simulated.includes(k) && !k.startsWith('x-'))
        throw new ComposeError(
          `${where}.${key}.${k}: Stevedore does not simulate '${k}' in compose files yet`,
        );
    if (o.driver !== undefined && o.driver !== (kind === 'volume' ? 'local' : 'bridge'))
      throw new ComposeError(
        `${where}.${key}: Stevedore simulates only the ${kind === 'volume' ? 'local' : 'bridge'} driver`,
      );
    const external = o.external === true;
    const named = typeof o.name === 'string' ? o.name : undefined;
    const labels: Record<string, string> = {};
    if (o.labels && typeof o.labels === 'object')
      for (const [k, x] of Array.isArray(o.labels)
        ? (o.labels as unknown[]).map((l) => String(l).split(/=(.*)/s).slice(0, 2))
        : Object.entries(o.labels as Record<string, unknown>))
        labels[String(k)] = String(x ?? '');
    out.set(key, { key, name: named ?? (external ? key : `${project}_${key}`), external, labels });
  }
  return out;
}

/** depends_on order: dependencies first, otherwise the services' names in order. */
function dependencyOrder(services: ServiceSpec[]): ServiceSpec[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  for (const s of services)
    for (const d of s.dependsOn)
      if (!byName.has(d.service))
        throw new ComposeError(
          `service "${s.name}" depends on undefined service "${d.service}": invalid compose project`,
        );
  const out: ServiceSpec[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (s: ServiceSpec, trail: string[]) => {
    const st = state.get(s.name);
    if (st === 'done') return;
    if (st === 'visiting')
      throw new ComposeError(
        `dependency cycle detected: ${[...trail.slice(trail.indexOf(s.name)), s.name].join(' -> ')}`,
      );
    state.set(s.name, 'visiting');
    for (const d of s.dependsOn) visit(byName.get(d.service) as ServiceSpec, [...trail, s.name]);
    state.set(s.name, 'done');
    out.push(s);
  };
  for (const s of [...services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    visit(s, []);
  return out;
}

/** Load and validate the project; a ComposeError carries compose's message. */
export function loadProject(opts: LoadOptions): Project {
  const { fs, cwd } = opts;
  const home = opts.env.HOME ?? '/root';
  const files = opts.files.length
    ? opts.files.map((f) => absPath(f.replace(/^~(?=\/|$)/, home), cwd))
    : [findDefaultFile(fs, cwd)].filter((f): f is string => f !== undefined);
  if (files.length === 0) throw new ComposeError('no configuration file provided: not found');
  const projectDir = opts.projectDirectory ? absPath(opts.projectDirectory, cwd) : parentOf(files[0]);

  // .env of the project directory gives defaults; the shell's environment wins
  const env: Record<string, string> = {};
  const dotenvPath = `${projectDir === '/' ? '' : projectDir}/.env`;
  const dotenv = fs?.readFile(dotenvPath);
  if (typeof dotenv === 'string') {
    const parsed = parseDotenv(dotenv);
    if ('error' in parsed) throw new ComposeError(`failed to read ${dotenvPath}: ${parsed.error}`);
    for (const [k, v] of parsed) if (v !== null) env[k] = v;
  }
  Object.assign(env, opts.env);

  const warnings: string[] = [];
  const seen: Interpolation = { unset: [] };
  let merged: Record<string, unknown> = {};
  for (const path of files) {
    const text = fs?.readFile(path);
    if (text === undefined || text instanceof FsError)
      throw new ComposeError(`open ${path}: no such file or directory`);
    const raw = yamlOf(text, path);
    const extra = additional(raw, (k) => TOP_LEVEL_SPEC.includes(k));
    if (extra.length) throw new ComposeError(`validating ${path}: ${additionalMessage('', extra)}`);
    for (const k of Object.keys(raw))
      if (!TOP_LEVEL_KEYS.includes(k) && !k.startsWith('x-'))
        throw new ComposeError(`${k}: Stevedore does not simulate '${k}' in compose files yet`);
    if ('version' in raw)
      warnings.push(
        `${path}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`,
      );
    if (raw.services !== undefined && kindOf(raw.services) !== 'mapping')
      throw new ComposeError(`validating ${path}: services ${mustBe(['mapping'])}`);
    let value: Record<string, unknown>;
    try {
      value = interpolateTree(raw, env, seen) as Record<string, unknown>;
    } catch (e) {
      if (e instanceof InterpolationError) throw new ComposeError(e.message);
      throw e;
    }
    merged = mergeFiles(merged, value);
  }
  for (const name of seen.unset)
    warnings.unshift(`The "${name}" variable is not set. Defaulting to a blank string.`);

  const fromFile = typeof merged.name === 'string' ? merged.name : undefined;
  const chosen = opts.projectName ?? env.COMPOSE_PROJECT_NAME ?? fromFile;
  let name: string;
  if (chosen !== undefined && chosen !== '') {
    if (!VALID_NAME.test(chosen))
      throw new ComposeError(
        `invalid project name "${chosen}": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number`,
      );
    name = chosen;
  } else name = normalizeProjectName(baseOf(projectDir));
  if (name === '') throw new ComposeError(`project name must not be empty`);

  const volumes = resources('volume', merged.volumes, name, files[0]);
  const networks = resources('network', merged.networks, name, files[0]);
  const ctx = { projectDir, home, fs, env, file: files[0] };
  const services = Object.entries((merged.services ?? {}) as Record<string, unknown>).map(([n, s]) =>
    normalizeService(n, s, ctx, new Set(volumes.keys()), new Set(networks.keys())),
  );
  if (services.length === 0) throw new ComposeError('no service selected');
  // the default network exists when a service is on it
  if (services.some((s) => s.networks.includes('default')) && !networks.has('default'))
    networks.set('default', { key: 'default', name: `${name}_default`, external: false, labels: {} });
  return {
    name,
    workingDir: projectDir,
    configFiles: files,
    services: dependencyOrder(services),
    networks,
    volumes,
    environment: env,
    warnings,
  };
}

/** Later files override earlier ones, service by service, key by key. */
function mergeFiles(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    if (
      ['services', 'volumes', 'networks'].includes(k) &&
      prev &&
      typeof prev === 'object' &&
      v &&
      typeof v === 'object'
    ) {
      const section: Record<string, unknown> = { ...(prev as Record<string, unknown>) };
      for (const [name, def] of Object.entries(v as Record<string, unknown>)) {
        const old = section[name];
        section[name] =
          old && typeof old === 'object' && def && typeof def === 'object'
            ? { ...(old as object), ...(def as object) }
            : def;
      }
      out[k] = section;
    } else out[k] = v;
  }
  return out;
}
