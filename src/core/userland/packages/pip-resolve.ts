// pip's resolver as resolvelib drives it, without backtracking (this index
// has no conflicts to back out of): user requirements are collected in order,
// then the unpinned project with the best preference (pinned, upper-bounded,
// user order, constrained, name) is pinned and its dependencies are
// collected. Candidates are prepared eagerly, which is when pip prints
// "Collecting …" and downloads the PEP 658 metadata.
import { parseVersion, satisfies, compareVersions, type Version } from './pep440';
import type { IndexFile, PipIndex } from './pip-index';
import { parseMetadata, type InstalledDist, type PyEnv } from './pip-env';
import type { PipLog } from './pip-log';
import { canonicalName, evaluateMarker, markerEnv, parseRequirement, requirementString, type Requirement } from './requirement';

/** An InstallRequirement's provenance: the requirement and what it came from. */
export interface Ireq {
  req: Requirement;
  comesFrom?: Ireq | string;
  /** Given by the user (command line or -r file). */
  user: boolean;
}

export function fromPath(i: Ireq): string {
  let s = requirementString(i.req);
  if (i.comesFrom) {
    const c = typeof i.comesFrom === 'string' ? i.comesFrom : fromPath(i.comesFrom);
    if (c) s += `->${c}`;
  }
  return s;
}

export interface Candidate {
  key: string;
  /** Name as the metadata writes it. */
  name: string;
  version: string;
  v: Version;
  installed?: InstalledDist;
  file?: IndexFile;
  requires: Requirement[];
  /** METADATA text of a link candidate (written into the dist-info). */
  metadata?: string;
  ireq: Ireq;
  extras: string[];
}

interface Criterion {
  key: string;
  infos: { ireq: Ireq; parent?: Candidate }[];
  candidates: Candidate[];
}

export interface Resolution {
  /** Pinned candidates in pin order. */
  pins: Candidate[];
  /** parent key (null = root) -> child keys, in the order the edges appeared. */
  graph: Map<string | null, string[]>;
}

export type ResolveError = { kind: 'not-found'; req: string } | { kind: 'conflict' };

export interface ResolveOptions {
  upgrade: boolean;
  forceReinstall: boolean;
  ignoreInstalled: boolean;
  noDeps: boolean;
  /** Display path of site-packages for "already satisfied" lines. */
  displayPath: (p: string) => string;
}

const PRIORITY_TAGS = (env: PyEnv): string[] => {
  const cp = `cp${env.short.replace('.', '')}`;
  return env.musl ? [`${cp}-${cp}-musllinux`] : [`${cp}-${cp}-manylinux`];
};

/** The best wheel of each version that this interpreter can install. */
export function applicable(files: readonly IndexFile[], env: PyEnv): { byVersion: Map<string, IndexFile>; skippedPython: string[] } {
  const byVersion = new Map<string, IndexFile>();
  const skippedPython: string[] = [];
  const prefer = PRIORITY_TAGS(env);
  const full = parseVersion(env.full)!;
  for (const f of files) {
    const m = /^(.+?)-([^-]+)-(.+)\.whl$/.exec(f.filename);
    if (!m) continue;
    const tag = m[3];
    const pure = tag.endsWith('-none-any');
    if (!pure && !prefer.some((p) => tag.startsWith(p))) continue;
    if (f.requiresPython) {
      const specs = f.requiresPython.split(',').map((s) => s.trim());
      const parsed = specs.map((s) => parseRequirement(`x${s}`));
      const ok = parsed.every((r) => 'error' in r || satisfies(full, r.specs, true));
      if (!ok) {
        skippedPython.push(`${m[2]} Requires-Python ${f.requiresPython}`);
        continue;
      }
    }
    const prev = byVersion.get(m[2]);
    if (!prev || (prev.filename.includes('-none-any') && !pure)) byVersion.set(m[2], f);
  }
  return { byVersion, skippedPython };
}

export class Resolver {
  private readonly criteria = new Map<string, Criterion>();
  private readonly pins = new Map<string, Candidate>();
  private readonly projectCache = new Map<string, IndexFile[] | undefined>();
  private readonly graph = new Map<string | null, string[]>([[null, []]]);
  private readonly userOrder = new Map<string, number>();
  private previousHeader = '';

  constructor(
    private readonly index: PipIndex,
    private readonly log: PipLog,
    private readonly env: PyEnv,
    private readonly installed: Map<string, InstalledDist>,
    private readonly opts: ResolveOptions,
  ) {}

  private async files(key: string): Promise<IndexFile[] | undefined> {
    if (!this.projectCache.has(key)) this.projectCache.set(key, await this.index.projectFiles(key));
    return this.projectCache.get(key);
  }

  private connect(parent: string | null, child: string): void {
    const list = this.graph.get(parent) ?? [];
    if (!list.includes(child)) list.push(child);
    this.graph.set(parent, list);
    if (!this.graph.has(child)) this.graph.set(child, []);
  }

  private eligibleForUpgrade(key: string): boolean {
    return this.opts.upgrade && this.userOrder.has(key);
  }

  /** Candidates for all of a criterion's requirements, best first (pip's find_matches). */
  private async findMatches(key: string, infos: Criterion['infos']): Promise<Candidate[] | ResolveError> {
    const specs = infos.flatMap((i) => i.ireq.req.specs);
    const template = infos[0].ireq;
    const extras = [...new Set(infos.flatMap((i) => i.ireq.req.extras))];
    const inst = this.opts.ignoreInstalled || this.opts.forceReinstall ? undefined : this.installed.get(key);
    const instV = inst && parseVersion(inst.version);
    const instOk = inst && instV && satisfies(instV, specs, true);
    const installedCandidate = (): Candidate => ({ key, name: inst!.name, version: inst!.version, v: instV!, installed: inst, requires: inst!.requires, ireq: template, extras });
    // without an upgrade, a satisfying installed version is taken without asking the index
    if (instOk && !this.eligibleForUpgrade(key)) return [installedCandidate()];
    const files = await this.files(key);
    const { byVersion } = applicable(files ?? [], this.env);
    const found: Candidate[] = [];
    for (const [ver, f] of byVersion) {
      const v = parseVersion(ver);
      if (!v || !satisfies(v, specs)) continue;
      found.push({ key, name: template.req.name, version: ver, v, file: f, requires: [], ireq: template, extras });
    }
    found.sort((a, b) => compareVersions(b.v, a.v));
    if (instOk) {
      // the installed version stands in for the index's copy of the same version
      const at = found.findIndex((c) => compareVersions(c.v, instV!) <= 0);
      const same = at >= 0 && compareVersions(found[at].v, instV!) === 0;
      found.splice(at < 0 ? found.length : at, same ? 1 : 0, installedCandidate());
    }
    return found;
  }

  private async prepare(c: Candidate, ireq: Ireq): Promise<boolean> {
    if (c.installed) {
      let s = requirementString(ireq.req);
      s += ` in ${this.opts.displayPath(c.installed.location)}`;
      if (ireq.comesFrom) {
        const cf = typeof ireq.comesFrom === 'string' ? ireq.comesFrom : fromPath(ireq.comesFrom);
        s += ` (from ${cf})`;
      }
      this.log.info(`Requirement already satisfied: ${s} (${c.version})`);
      return true;
    }
    let info = requirementString(ireq.req);
    if (ireq.comesFrom) info += ` (from ${typeof ireq.comesFrom === 'string' ? ireq.comesFrom : fromPath(ireq.comesFrom)})`;
    const header = `Collecting ${info}`;
    if (header !== this.previousHeader) {
      this.previousHeader = header;
      this.log.info(header);
    }
    const f = c.file!;
    return this.log.indented(async () => {
      const got = await this.index.download(`${f.url}.metadata`, `${f.filename}.metadata`);
      if ('kind' in got) return false;
      const meta = parseMetadata(got.body);
      c.name = meta.get('Name')?.[0] ?? c.name;
      c.metadata = got.body;
      c.requires = [];
      for (const d of meta.get('Requires-Dist') ?? []) {
        const r = parseRequirement(d);
        if (!('error' in r)) c.requires.push(r);
      }
      return true;
    });
  }

  private notFound(ireq: Ireq, parent: Candidate | undefined, key: string): ResolveError {
    const files = this.projectCache.get(key);
    const { byVersion, skippedPython } = applicable(files ?? [], this.env);
    const versions = [...byVersion.keys()].map((v) => parseVersion(v)!).sort(compareVersions).map((v) => v.text);
    const req = requirementString(ireq.req);
    if (skippedPython.length) this.log.critical(`Ignored the following versions that require a different python version: ${skippedPython.join('; ')}`);
    this.log.critical(`Could not find a version that satisfies the requirement ${parent ? `${req} (from ${parent.key})` : req} (from versions: ${versions.join(', ') || 'none'})`);
    if (req === 'requirements.txt') this.log.info('HINT: You are attempting to install a package literally named "requirements.txt" (which cannot exist). Consider using the \'-r\' flag to install the packages listed in requirements.txt');
    return { kind: 'not-found', req };
  }

  /** resolvelib's _add_to_criteria: merge the requirement in, prepare the best candidate. */
  private async add(ireq: Ireq, parent: Candidate | undefined): Promise<ResolveError | undefined> {
    const key = canonicalName(ireq.req.name);
    this.connect(parent ? parent.key : null, key);
    const existing = this.criteria.get(key);
    const infos = [...(existing?.infos ?? []), { ireq, parent }];
    if (existing) {
      const pinned = this.pins.get(key);
      const ok = (c: Candidate) => satisfies(c.v, ireq.req.specs, true);
      if (pinned && !ok(pinned)) return this.conflict(infos);
      const before = existing.candidates[0];
      existing.candidates = existing.candidates.filter(ok);
      existing.infos = infos;
      if (existing.candidates.length === 0) return this.conflict(infos);
      if (existing.candidates[0] !== before && !pinned) {
        if (!(await this.prepare(existing.candidates[0], existing.candidates[0].ireq))) return this.notFound(ireq, parent, key);
      }
      return undefined;
    }
    const found = await this.findMatches(key, infos);
    if (!Array.isArray(found)) return found;
    if (found.length === 0) return this.notFound(ireq, parent, key);
    this.criteria.set(key, { key, infos, candidates: found });
    if (!(await this.prepare(found[0], ireq))) return this.notFound(ireq, parent, key);
    return undefined;
  }

  private conflict(infos: Criterion['infos']): ResolveError {
    const triggers = new Set<string>();
    for (const i of infos) {
      if (!i.parent) triggers.add(requirementString(i.ireq.req));
      else {
        const cf = i.parent.ireq.comesFrom;
        triggers.add(!cf ? `${i.parent.key}==${i.parent.version}` : typeof cf === 'string' ? cf : cf.req.name);
      }
    }
    const t = [...triggers].sort();
    const info = t.length === 1 ? t[0] : `${t.slice(0, -1).join(', ')} and ${t[t.length - 1]}`;
    this.log.critical(`Cannot install ${info} because these package versions have conflicting dependencies.`);
    let msg = '\nThe conflict is caused by:';
    for (const i of infos) msg += `\n    ${i.parent ? `${i.parent.key} ${i.parent.version} depends on ` : 'The user requested '}${requirementString(i.ireq.req)}`;
    msg += "\n\nTo fix this you could try to:\n1. loosen the range of package versions you've specified\n2. remove package versions to allow pip to attempt to solve the dependency conflict\n";
    this.log.info(msg);
    return { kind: 'conflict' };
  }

  private preference(c: Criterion): (number | string)[] {
    const ops = c.infos.flatMap((i) => i.ireq.req.specs);
    const pinned = ops.some((s) => s.op.startsWith('==') && !s.version.includes('*'));
    const upper = ops.some((s) => s.op === '<' || s.op === '<=' || s.op === '~=' || (s.op === '==' && s.version.includes('*')));
    return [pinned ? 0 : 1, upper ? 0 : 1, this.userOrder.get(c.key) ?? Infinity, ops.length ? 0 : 1, c.key];
  }

  async resolve(user: Ireq[]): Promise<Resolution | ResolveError> {
    user.forEach((u, i) => {
      const k = canonicalName(u.req.name);
      if (!this.userOrder.has(k)) this.userOrder.set(k, i);
    });
    for (const u of user) {
      const err = await this.add(u, undefined);
      if (err) return err;
    }
    const env = markerEnv(this.env.full);
    for (;;) {
      const open = [...this.criteria.values()].filter((c) => !this.pins.has(c.key));
      if (open.length === 0) break;
      open.sort((a, b) => {
        const pa = this.preference(a);
        const pb = this.preference(b);
        for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
        return 0;
      });
      const crit = open[0];
      const cand = crit.candidates[0];
      this.pins.set(crit.key, cand);
      if (this.opts.noDeps) continue;
      for (const dep of cand.requires) {
        if (dep.marker && !evaluateMarker(dep.marker, env, cand.extras)) continue;
        const err = await this.add({ req: dep, comesFrom: cand.ireq, user: false }, cand);
        if (err) return err;
      }
    }
    return { pins: [...this.pins.values()], graph: this.graph };
  }
}

/** pip's get_topological_weights + _req_set_item_sorter: what to install first. */
export function installationOrder(res: Resolution, toInstall: readonly Candidate[]): Candidate[] {
  const keys = new Set(toInstall.map((c) => c.key));
  const graph = new Map<string | null, string[]>([...res.graph].map(([k, v]) => [k, [...v]]));
  const weights = new Map<string, number>();
  for (;;) {
    const leaves = [...graph.keys()].filter((k) => k !== null && (graph.get(k) ?? []).length === 0) as string[];
    if (leaves.length === 0) break;
    const w = graph.size - 1;
    for (const l of leaves) if (keys.has(l)) weights.set(l, w);
    for (const l of leaves) {
      graph.delete(l);
      for (const [k, v] of graph) graph.set(k, v.filter((x) => x !== l));
    }
  }
  const path = new Set<string | null>();
  const visit = (node: string | null) => {
    if (path.has(node)) return;
    path.add(node);
    for (const c of graph.get(node) ?? []) visit(c);
    path.delete(node);
    if (node === null || !keys.has(node)) return;
    weights.set(node, Math.max(weights.get(node) ?? 0, path.size));
  };
  visit(null);
  return [...toInstall].sort((a, b) => {
    const wa = weights.get(a.key) ?? 0;
    const wb = weights.get(b.key) ?? 0;
    if (wa !== wb) return wb - wa;
    return a.key < b.key ? 1 : a.key > b.key ? -1 : 0;
  });
}
