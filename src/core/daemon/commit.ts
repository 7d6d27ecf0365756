// POST /commit (daemon/commit.go, daemon/images/image_commit.go,
// builder/dockerfile BuildFromConfig): pause a running container, apply the
// `changes` (Dockerfile instructions) to its config, register its upper
// layer on top of its image's layers, store the child image config (a
// history entry whose created_by is the container's command, the author and
// comment, the parent), tag it, and log image create/tag and container commit.
import { fail, ok, type Result } from '../image/errors';
import { chainIds, type HistoryEntry } from '../image/oci';
import { familiarString, parseNormalizedNamed, tagNameOnly, type NamedRef } from '../image/reference';
import type { ImageService } from '../image/service';
import type { ApiResponse } from './api';
import type { ContainerEntry } from './containers-entry';
import { configJson } from './containers-inspect';
import { rfc3339Nano } from './containers-logs';
import type { ContainerConfig } from './containers-types';
import type { Daemon } from './daemon';
import { boolValue, errorResponse, type Router } from './engine';
import { ENGINE } from './system-facts';
import { jsonCopy } from '../json-copy';

const VALID_CHANGES = new Set([
  'cmd',
  'entrypoint',
  'healthcheck',
  'env',
  'expose',
  'label',
  'onbuild',
  'stopsignal',
  'user',
  'volume',
  'workdir',
]);

/** A Dockerfile instruction's arguments: a JSON array (exec form), or the raw text. */
function jsonArgs(rest: string): string[] | undefined {
  if (!rest.startsWith('[')) return undefined;
  try {
    const v = JSON.parse(rest) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Dockerfile word splitting with quotes (ENV/LABEL key=value pairs, VOLUME lists). */
function words(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"' && i + 1 < s.length) cur += s[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

/** ${VAR} and $VAR from the config's environment (the build's expansion). */
function expand(s: string, env: string[]): string {
  const lookup = (k: string) => {
    for (let i = env.length - 1; i >= 0; i--)
      if (env[i].startsWith(`${k}=`)) return env[i].slice(k.length + 1);
    return '';
  };
  return s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a: string, b: string) =>
    lookup(a ?? b),
  );
}

/** parseNameVal + parseKvps: "KEY name value" (old form) or "KEY a=b c=d". */
function keyValues(rest: string, env: string[], instr: string): Result<[string, string][]> {
  const ws = words(rest);
  if (ws.length === 0) return fail('invalid', `${instr} requires at least one argument`);
  if (!ws[0].includes('=')) {
    // the legacy "ENV key value" form: the rest after the first run of blanks is the value
    const m = /^(\S+)\s+([\s\S]*)$/.exec(rest.trim());
    if (!m) return fail('invalid', `${instr} must have two arguments`);
    return ok([[m[1], expand(m[2], env)]]);
  }
  const out: [string, string][] = [];
  for (const w of ws) {
    const i = w.indexOf('=');
    if (i < 0)
      return fail(
        'invalid',
        `Syntax error - can't find = in ${JSON.stringify(w)}. Must be of the form: name=value`,
      );
    if (i === 0) return fail('invalid', `${instr} names can not be blank`);
    out.push([w.slice(0, i), expand(w.slice(i + 1), env)]);
  }
  return ok(out);
}

/** The instructions whose parser takes the rest of the line as one argument (parseString). */
const EXACTLY_ONE = new Set(['user', 'workdir', 'stopsignal']);

const empty = (v: unknown[] | null | undefined) => !v || v.length === 0;
const noKeys = (v: object | null | undefined) => !v || Object.keys(v).length === 0;

/**
 * daemon/commit.go merge: the container's config fills what the changed config
 * lacks. The command is filled only while there is no entrypoint, so an
 * ENTRYPOINT change leaves the image without the container's CMD.
 */
export function mergeConfig(user: ContainerConfig, ctr: ContainerConfig): ContainerConfig {
  const out: ContainerConfig = { ...user };
  if (!out.User) out.User = ctr.User;
  if (noKeys(out.ExposedPorts)) out.ExposedPorts = ctr.ExposedPorts;
  else out.ExposedPorts = { ...ctr.ExposedPorts, ...out.ExposedPorts };
  if (empty(out.Env)) out.Env = ctr.Env;
  else {
    const have = new Set(out.Env!.map((e) => e.split('=')[0]));
    out.Env = [...out.Env!, ...(ctr.Env ?? []).filter((e) => !have.has(e.split('=')[0]))];
  }
  out.Labels = { ...ctr.Labels, ...out.Labels };
  if (empty(out.Entrypoint)) {
    if (empty(out.Cmd)) out.Cmd = ctr.Cmd;
    if (out.Entrypoint === undefined || out.Entrypoint === null) out.Entrypoint = ctr.Entrypoint;
  }
  if (ctr.Healthcheck) {
    const h = out.Healthcheck;
    if (!h) out.Healthcheck = ctr.Healthcheck;
    else {
      const merged = { ...h };
      if (empty(merged.Test)) merged.Test = ctr.Healthcheck.Test;
      for (const k of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const)
        if (!merged[k]) merged[k] = ctr.Healthcheck[k];
      out.Healthcheck = merged;
    }
  }
  if (!out.WorkingDir) out.WorkingDir = ctr.WorkingDir;
  if (noKeys(out.Volumes)) out.Volumes = ctr.Volumes;
  else out.Volumes = { ...out.Volumes, ...ctr.Volumes };
  if (!out.StopSignal) out.StopSignal = ctr.StopSignal;
  return out;
}

/** BuildFromConfig: apply `changes` to a copy of `config`. */
export function applyChanges(config: ContainerConfig, changes: string[]): Result<ContainerConfig> {
  const cfg: ContainerConfig = jsonCopy(config);
  const lines = changes
    .join('\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  // parser.Parse of a change set with no instruction in it (`-c ""`)
  if (changes.length > 0 && lines.length === 0) return fail('invalid', 'file with no instructions');
  const parsed = lines.map((l) => {
    const m = /^(\S+)\s*(.*)$/.exec(l)!;
    return { instr: m[1], rest: m[2].trim() };
  });
  // the Dockerfile parser stores an instruction's name lower-cased (Node.Value), as the error shows it
  for (const { instr } of parsed)
    if (!VALID_CHANGES.has(instr.toLowerCase()))
      return fail('invalid', `${instr.toLowerCase()} is not a valid change command`);
  const shell = cfg.Shell && cfg.Shell.length ? cfg.Shell : ['/bin/sh', '-c'];
  // dispatchEntrypoint drops the CMD unless this change set gave one (dispatchState.cmdSet)
  let cmdSet = false;
  for (const { instr, rest } of parsed) {
    const env = cfg.Env ?? [];
    const name = instr.toLowerCase();
    if (rest === '' && name !== 'cmd' && name !== 'entrypoint')
      return fail(
        'invalid',
        `${name.toUpperCase()} requires ${EXACTLY_ONE.has(name) ? 'exactly' : 'at least'} one argument`,
      );
    switch (name) {
      case 'cmd': {
        // handleJSONArgs: no words is an empty command line, which the shell form still prefixes
        const line = jsonArgs(rest) ?? (rest === '' ? [...shell] : [...shell, rest]);
        cfg.Cmd = line;
        cfg.ArgsEscaped = undefined;
        if (rest !== '' && line.length > 0) cmdSet = true;
        break;
      }
      case 'entrypoint': {
        // parseShellDependentCommand(emptyAsNil): no words, or [], is no entrypoint at all
        const line = jsonArgs(rest) ?? (rest === '' ? [] : [...shell, rest]);
        cfg.Entrypoint = line.length === 0 ? null : line;
        if (!cmdSet) cfg.Cmd = null;
        break;
      }
      case 'env': {
        const kv = keyValues(rest, env, 'ENV');
        if (!kv.ok) return kv;
        const next = [...env];
        for (const [k, v] of kv.value) {
          const i = next.findIndex((e) => e.split('=')[0] === k);
          if (i >= 0) next[i] = `${k}=${v}`;
          else next.push(`${k}=${v}`);
        }
        cfg.Env = next;
        break;
      }
      case 'label': {
        const kv = keyValues(rest, env, 'LABEL');
        if (!kv.ok) return kv;
        cfg.Labels = { ...(cfg.Labels ?? {}) };
        for (const [k, v] of kv.value) cfg.Labels[k] = v;
        break;
      }
      case 'expose': {
        cfg.ExposedPorts = { ...(cfg.ExposedPorts ?? {}) };
        for (const p of words(expand(rest, env))) {
          const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(p);
          if (!m) return fail('invalid', `invalid containerPort: ${p.split('/')[0]}`);
          const end = m[2] === undefined ? Number(m[1]) : Number(m[2]);
          for (let n = Number(m[1]); n <= end; n++)
            cfg.ExposedPorts[`${n}/${(m[3] ?? 'tcp').toLowerCase()}`] = {};
        }
        break;
      }
      case 'volume': {
        cfg.Volumes = { ...(cfg.Volumes ?? {}) };
        for (const v of jsonArgs(rest) ?? words(expand(rest, env))) {
          if (v.trim() === '') return fail('invalid', 'VOLUME specified can not be an empty string');
          cfg.Volumes[v] = {};
        }
        break;
      }
      case 'workdir': {
        const dir = expand(rest, env);
        cfg.WorkingDir = dir.startsWith('/') ? dir : `${(cfg.WorkingDir || '/').replace(/\/$/, '')}/${dir}`;
        break;
      }
      case 'user':
        cfg.User = expand(rest, env);
        break;
      case 'stopsignal':
        cfg.StopSignal = expand(rest, env);
        break;
      case 'onbuild':
        cfg.OnBuild = [...(cfg.OnBuild ?? []), rest];
        break;
      case 'healthcheck': {
        if (/^none$/i.test(rest)) cfg.Healthcheck = { Test: ['NONE'] };
        else {
          const m = /^CMD\s+(.*)$/i.exec(rest);
          if (!m)
            return fail('invalid', 'Unknown type "' + rest.split(/\s+/)[0] + '" in HEALTHCHECK (try CMD)');
          const exec = jsonArgs(m[1]);
          cfg.Healthcheck = { Test: exec ? ['CMD', ...exec] : ['CMD-SHELL', m[1]] };
        }
        break;
      }
    }
  }
  return ok(cfg);
}

/** CommitImage: the child image's ID. */
function commitImage(
  images: ImageService,
  c: ContainerEntry,
  config: ContainerConfig,
  author: string,
  comment: string,
  now: number,
): Result<string> {
  const store = images.store;
  const parentId = c.rec.ImageId;
  const parent = parentId && store.hasImage(parentId) ? store.config(parentId) : undefined;
  const layer = c.root.commit();
  const empty = layer.entries.size === 0;
  const diffIds = [...(parent?.rootfs.diff_ids ?? [])];
  let hold: string | undefined;
  if (!empty) {
    const parentChain = diffIds.length ? chainIds(diffIds)[diffIds.length - 1] : null;
    hold = store.registerLayer(layer, parentChain);
    diffIds.push(layer.diffId);
  }
  const created = rfc3339Nano(now);
  const entry: HistoryEntry = { created };
  if (author) entry.author = author;
  const createdBy = (c.rec.Config.Cmd ?? []).join(' ');
  if (createdBy) entry.created_by = createdBy;
  if (comment) entry.comment = comment;
  if (empty) entry.empty_layer = true;
  // image.Image's JSON: V1Image's fields, then parent, rootfs and history
  const json: Record<string, unknown> = {};
  if (comment) json.comment = comment;
  json.created = created;
  json.container = c.id;
  json.container_config = configJson(c.rec.Config);
  json.docker_version = ENGINE.version;
  if (author) json.author = author;
  json.config = configJson(config);
  json.architecture = parent?.architecture ?? 'amd64';
  if (parent?.variant) json.variant = parent.variant;
  json.os = parent?.os ?? 'linux';
  if (parentId) json.parent = parentId;
  json.rootfs = { type: 'layers', diff_ids: diffIds };
  json.history = [...(parent?.history ?? []), entry];
  const id = store.createImage(JSON.stringify(json));
  if (hold !== undefined) store.releaseLayer(hold);
  return id;
}

export function registerCommitRoute(router: Router, daemon: Daemon, images: ImageService): void {
  router.add('POST', '/commit', (req): ApiResponse => {
    const q = req.query;
    const found = daemon.get(q.container ?? '');
    if (!found.ok) return errorResponse(found);
    const c = found.value;
    let ref: NamedRef | undefined;
    if (q.repo) {
      const r = parseNormalizedNamed(q.tag ? `${q.repo}:${q.tag}` : q.repo);
      if (!r.ok) return errorResponse(r);
      if (r.value.digest !== undefined)
        return { status: 400, body: { message: 'refusing to create a tag with a digest reference' } };
      ref = tagNameOnly(r.value);
    }
    if (c.removed)
      return { status: 409, body: { message: `You cannot commit container ${c.id} which is being removed` } };
    const pause = q.pause === undefined || q.pause === '' ? true : boolValue(q, 'pause');
    const pausedHere = pause && c.running && !c.paused && daemon.pause(c).ok;
    try {
      const base = (req.body && typeof req.body === 'object' ? req.body : c.rec.Config) as ContainerConfig;
      // repeated `changes` parameters arrive joined by newlines, as the builder joins them
      const changes = q.changes !== undefined ? [q.changes] : [];
      const cfg = applyChanges(base, changes);
      if (!cfg.ok) return errorResponse(cfg);
      const merged = mergeConfig(cfg.value, c.rec.Config);
      const now = daemon.deps.clock.now();
      const id = commitImage(images, c, merged, q.author ?? '', q.comment ?? '', now);
      if (!id.ok) return errorResponse(id);
      images.logImageEvent(id.value, id.value, 'create');
      let imageRef = '';
      if (ref) {
        const t = images.tag(id.value, ref);
        if (!t.ok) return errorResponse(t);
        imageRef = familiarString(ref);
      }
      daemon.event(c, 'commit', { comment: q.comment ?? '', imageID: id.value, imageRef });
      return { status: 201, body: { Id: id.value } };
    } finally {
      if (pausedHere) daemon.unpause(c);
    }
  });
}
