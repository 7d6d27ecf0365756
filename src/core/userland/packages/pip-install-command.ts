// `pip install`: gather requirements (arguments and -r files), resolve them
// against the index, download the wheels, install them in pip's order, and
// report as pip 25.1 does ("Installing collected packages", the uninstalls of
// replaced versions, "Successfully installed", the root-user warning).
import type { WheelManifest } from '../outside/pypi';
import { distributions, readRequirementsFile, warnRoot, type CommandResult, type PipContext } from './pip';
import { installWheel, PyOSError, removeDist } from './pip-install';
import { installationOrder, Resolver, type Candidate, type Ireq } from './pip-resolve';
import { canonicalName, parseRequirement } from './requirement';

const RESOLUTION_IMPOSSIBLE = 'ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts';

/** display_path: relative to the working directory when below it. */
export function displayPath(cwd: string, p: string): string {
  const base = cwd.endsWith('/') ? cwd : `${cwd}/`;
  return p.startsWith(base) && base !== '/' ? `.${p.slice(base.length - 1)}` : p;
}

function osErrorMessage(e: PyOSError, userSite: boolean): string {
  let msg = `Could not install packages due to an OSError: ${e}\n`;
  if (e.errno === 13) msg += userSite ? 'Check the permissions.\n' : 'Consider using the `--user` option or check the permissions.\n';
  return msg.trim();
}

export async function pipInstall(pc: PipContext): Promise<CommandResult> {
  const { ctx, fs, log, env, opts, index } = pc;
  const user: Ireq[] = [];
  for (const a of opts.args) {
    const r = parseRequirement(a);
    if ('error' in r) return { code: 1, error: `Invalid requirement: '${a}': ${r.error}` };
    user.push({ req: r, user: true });
  }
  for (const file of opts.requirements) {
    const lines = readRequirementsFile(fs, file);
    if ('error' in lines) return { code: 1, error: lines.error };
    for (const l of lines) {
      const r = parseRequirement(l.line);
      if ('error' in r) return { code: 1, error: `Invalid requirement: '${l.line}': ${r.error} (from line ${/line (\d+)/.exec(l.comesFrom)?.[1]} of ${file})` };
      user.push({ req: r, comesFrom: l.comesFrom, user: true });
    }
  }
  if (user.length === 0) {
    if (opts.requirements.length) return { code: 0 };
    return { code: 1, error: 'You must give at least one requirement to install (see "pip help install")' };
  }

  // decide_user_install: a site-packages the user cannot write sends the install to ~/.local
  let userInstall = opts.user;
  if (!userInstall && fs.access(env.site, 2 | 1) !== undefined && fs.exists(env.site)) {
    log.info('Defaulting to user installation because normal site-packages is not writeable');
    userInstall = true;
  }
  const site = userInstall ? env.userSite : env.site;
  const bin = userInstall ? env.userBin : env.bin;

  const dists = distributions(pc);
  const resolver = new Resolver(index, log, env, dists, {
    upgrade: opts.upgrade,
    forceReinstall: opts.forceReinstall,
    ignoreInstalled: opts.ignoreInstalled,
    noDeps: opts.noDeps,
    displayPath: (p) => displayPath(ctx.proc.cwd, p),
  });
  const res = await resolver.resolve(user);
  if ('kind' in res) return { code: 1, error: res.kind === 'not-found' ? `No matching distribution found for ${res.req}` : RESOLUTION_IMPOSSIBLE };

  const toInstall = res.pins.filter((c) => !c.installed);
  if (opts.dryRun) {
    const items = toInstall.map((c) => `${c.name}-${c.version}`).sort();
    if (items.length) log.info(`Would install ${items.join(' ')}`);
    return { code: 0 };
  }

  // the wheels whose metadata alone was fetched are downloaded now, in pin order
  const manifests = new Map<Candidate, { manifest: WheelManifest; filename: string }>();
  for (const c of toInstall) {
    const got = await index.download(c.file!.url, c.file!.filename);
    if ('kind' in got) return { code: 1, error: `Could not install requirement ${c.ireq.req.name} because of a connection error` };
    manifests.set(c, { manifest: JSON.parse(got.body) as WheelManifest, filename: c.file!.filename });
  }

  const order = installationOrder(res, toInstall);
  if (order.length) log.info(`Installing collected packages: ${order.map((c) => c.ireq.req.name).join(', ')}`);
  const failed = await log.indented(async (): Promise<PyOSError | undefined> => {
    for (const c of order) {
      const old = dists.get(c.key);
      if (old) {
        log.info(`Attempting uninstall: ${c.ireq.req.name}`);
        const err = await log.indented(async () => {
          log.info(`Found existing installation: ${old.name} ${old.version}`);
          log.info(`Uninstalling ${old.name}-${old.version}:`);
          const e = removeDist(fs, old, bin);
          if (e) return e;
          await log.indented(async () => log.info(`Successfully uninstalled ${old.name}-${old.version}`));
          return undefined;
        });
        if (err) return err;
      }
      const m = manifests.get(c)!;
      const n = installWheel(fs, { site, bin, env }, m.manifest, m.filename, c.ireq.user);
      if (n instanceof PyOSError) return n;
      // unpacking and byte-compiling take a little time per file
      await ctx.sleep(4 * n);
      if (userInstall && !opts.noWarnScriptLocation) warnScriptsNotOnPath(pc, m.manifest, bin);
    }
    return undefined;
  });
  if (failed) {
    log.error(osErrorMessage(failed, userInstall));
    return { code: 1 };
  }

  const after = distributions(pc);
  const summary = order
    .map((c) => c.ireq.req.name)
    .sort()
    .map((n) => {
      const v = after.get(canonicalName(n))?.version;
      return v ? `${n}-${v}` : n;
    });
  if (summary.length) log.info(`Successfully installed ${summary.join(' ')}`);
  warnRoot(pc);
  return { code: 0 };
}

function warnScriptsNotOnPath(pc: PipContext, m: WheelManifest, bin: string): void {
  const path = (pc.ctx.env.PATH ?? '').split(':');
  if (path.includes(bin)) return;
  const ep = m.files.find((f) => f.path.endsWith('/entry_points.txt'))?.text ?? '';
  const names = [...ep.matchAll(/^\s*([^\s=[]+)\s*=/gm)].map((x) => x[1]).filter((n) => pc.fs.exists(`${bin}/${n}`));
  if (names.length === 0) return;
  const what = names.length === 1 ? `The script ${names[0]} is` : `The scripts ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are`;
  pc.log.warning(`${what} installed in '${bin}' which is not on PATH.\n  Consider adding this directory to PATH or, if you prefer to suppress this warning, use --no-warn-script-location.`);
}

