// pip's read-only commands: list (columns, freeze, json), freeze, and show
// (with -v and -f), over the distributions installed in site-packages.
import { distributions, tabulate, usageError, type PipContext } from './pip';
import type { InstalledDist, PyEnv } from './pip-env';
import { pipVersionCheck } from './pip-selfcheck';
import { canonicalName, evaluateMarker, markerEnv, type Requirement } from './requirement';

export async function pipList(pc: PipContext, pipDist: InstalledDist | undefined): Promise<number> {
  const dists = [...distributions(pc).values()].sort((a, b) => (a.canonical < b.canonical ? -1 : a.canonical > b.canonical ? 1 : 0));
  if (pc.opts.format === 'freeze') {
    for (const d of dists) pc.log.info(`${d.name}==${d.version}`);
  } else if (pc.opts.format === 'json') {
    pc.log.info(JSON.stringify(dists.map((d) => ({ name: d.name, version: d.version }))).replace(/","/g, '", "').replace(/},{/g, '}, {').replace(/":"/g, '": "'));
  } else if (pc.opts.format === 'columns') {
    if (dists.length) {
      const rows = tabulate([['Package', 'Version'], ...dists.map((d) => [d.name, d.version])]);
      const widths = ['Package', 'Version'].map((h, i) => Math.max(h.length, ...dists.map((d) => (i === 0 ? d.name : d.version).length)));
      rows.splice(1, 0, widths.map((w) => '-'.repeat(w)).join(' '));
      for (const r of rows) pc.log.info(r);
    }
  } else {
    return usageError(pc.ctx, pc.prog, 'list', `option --format: invalid choice: '${pc.opts.format}' (choose from 'columns', 'freeze', 'json')`);
  }
  if (!pc.opts.disableVersionCheck) await pipVersionCheck(pc, pipDist);
  return 0;
}

export async function pipFreeze(pc: PipContext): Promise<number> {
  const skip = pc.opts.all ? new Set<string>() : new Set(['pip', 'setuptools', 'wheel', 'distribute']);
  const dists = [...distributions(pc).values()].filter((d) => !skip.has(d.canonical)).sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  for (const d of dists) pc.log.info(`${d.name}==${d.version}`);
  return 0;
}

export async function pipShow(pc: PipContext): Promise<number> {
  const { log, opts } = pc;
  if (opts.args.length === 0) {
    log.warning('ERROR: Please provide a package name or names.');
    return 1;
  }
  const dists = distributions(pc);
  const missing = opts.args.filter((n) => !dists.has(canonicalName(n))).sort();
  if (missing.length) log.warning(`Package(s) not found: ${missing.join(', ')}`);
  let printed = 0;
  for (const q of opts.args) {
    const d = dists.get(canonicalName(q));
    if (!d) continue;
    if (printed++) log.info('---');
    const m = d.metadata;
    const get = (k: string) => m.get(k)?.[0] ?? '';
    const requires = [...new Set(d.requires.filter((r) => !r.marker || !/extra/.test(JSON.stringify(r.marker))).filter((r) => !r.marker || markerHolds(r, pc.env)).map((r) => r.name))].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    const requiredBy = [...dists.values()]
      .filter((o) => o.requires.some((r) => canonicalName(r.name) === d.canonical && (!r.marker || markerHolds(r, pc.env))))
      .map((o) => o.name)
      .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    let home = get('Home-page');
    if (!home) {
      for (const u of m.get('Project-URL') ?? []) {
        const [label, url] = u.split(/,\s*/, 2);
        if (label.toLowerCase().replace(/[^a-z]/g, '') === 'homepage') home = (url ?? '').trim();
      }
    }
    const mv = get('Metadata-Version').split('.').map(Number);
    log.info(`Name: ${d.name}`);
    log.info(`Version: ${d.version}`);
    log.info(`Summary: ${get('Summary')}`);
    log.info(`Home-page: ${home}`);
    log.info(`Author: ${get('Author')}`);
    log.info(`Author-email: ${get('Author-email')}`);
    if ((mv[0] > 2 || (mv[0] === 2 && mv[1] >= 4)) && get('License-Expression')) log.info(`License-Expression: ${get('License-Expression')}`);
    else log.info(`License: ${get('License')}`);
    log.info(`Location: ${d.location}`);
    log.info(`Requires: ${requires.join(', ')}`);
    log.info(`Required-by: ${requiredBy.join(', ')}`);
    if (opts.verbosity > 0) {
      log.info(`Metadata-Version: ${get('Metadata-Version')}`);
      log.info(`Installer: ${d.installer}`);
      log.info('Classifiers:');
      for (const c of m.get('Classifier') ?? []) log.info(`  ${c}`);
      log.info('Entry-points:');
      for (const e of d.entryPoints.split('\n').filter((l) => l.trim())) log.info(`  ${e.trim()}`);
      log.info('Project-URLs:');
      for (const u of m.get('Project-URL') ?? []) log.info(`  ${u}`);
    }
    if (opts.files) {
      log.info('Files:');
      if (!d.record) log.info('Cannot locate RECORD or installed-files.txt');
      else for (const f of [...d.record].sort()) log.info(`  ${f}`);
    }
  }
  return printed ? 0 : 1;
}

function markerHolds(r: Requirement, env: PyEnv): boolean {
  return !r.marker || evaluateMarker(r.marker, markerEnv(env.full));
}
