// pip's self version check: at most once a week (state in
// ~/.cache/pip/selfcheck/<sha224 of sys.prefix>) it asks the index for the
// newest pip and, when pip itself was installed by pip and is older, prints
// the two [notice] lines. Network trouble here is silent (retries=0).
import { FsError } from '../../fs/types';
import { compareVersions, isPrerelease, parseVersion } from './pep440';
import type { PipContext } from './pip';
import type { InstalledDist } from './pip-env';
import { sha224Hex } from './pip-index';
import { applicable } from './pip-resolve';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Python's datetime.isoformat() of an aware UTC datetime. */
function isoformat(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const micro = d.getUTCMilliseconds() * 1000;
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${micro ? `.${p(micro, 6)}` : ''}+00:00`;
}

/** get_best_invocation_for_this_pip: `pip` when it is this pip on PATH. */
function pipCommand(pc: PipContext): string {
  const bin = `${pc.env.prefix}/bin`;
  if ((pc.ctx.env.PATH ?? '').split(':').includes(bin)) {
    for (const n of ['pip', 'pip3', `pip${pc.env.short}`]) if (pc.fs.exists(`${bin}/${n}`)) return n;
  }
  return `python${pc.env.short} -m pip`;
}

export async function pipVersionCheck(pc: PipContext, pipDist: InstalledDist | undefined): Promise<void> {
  if (!pipDist) return;
  const { fs, index, env, ctx } = pc;
  const now = ctx.kernel.clock.now();
  const stateFile = index.cache ? `${index.cache}/selfcheck/${sha224Hex(env.prefix)}` : undefined;
  let remote: string | undefined;
  if (stateFile) {
    const text = fs.readFile(stateFile);
    if (!(text instanceof FsError)) {
      try {
        const s = JSON.parse(text) as { last_check?: string; pypi_version?: string };
        const last = s.last_check ? Date.parse(s.last_check) : NaN;
        if (s.pypi_version && Number.isFinite(last) && now - last <= WEEK_MS) remote = s.pypi_version;
      } catch {
        // an unreadable state file is ignored, as pip does
      }
    }
  }
  if (remote === undefined) {
    const files = await index.projectFiles('pip', 0);
    if (!files) return;
    const versions = [...applicable(files, env).byVersion.keys()]
      .map((v) => parseVersion(v))
      .filter((v): v is NonNullable<typeof v> => v !== undefined && !isPrerelease(v))
      .sort(compareVersions);
    const best = versions.pop();
    if (!best) return;
    remote = best.text;
    if (stateFile && !fs.mkdir(stateFile.slice(0, stateFile.lastIndexOf('/')), { recursive: true })) {
      fs.writeFile(stateFile, JSON.stringify({ key: env.prefix, last_check: isoformat(now), pypi_version: remote }));
    }
  }
  if (pipDist.installer !== 'pip') return;
  const local = parseVersion(pipDist.version);
  const rv = parseVersion(remote);
  if (!local || !rv) return;
  const base = (v: typeof local) => v.release.join('.');
  if (compareVersions(local, rv) >= 0 || base(local) === base(rv)) return;
  const cmd = pipCommand(pc);
  const notice = '\x1b[1m[\x1b[0m\x1b[34;49mnotice\x1b[0m\x1b[1;39;49m]\x1b[0m\x1b[39;49m';
  pc.log.notice([
    { plain: '', tty: '' },
    { plain: `[notice] A new release of pip is available: ${pipDist.version} -> ${remote}`, tty: `${notice} A new release of pip is available: \x1b[0m\x1b[31;49m${pipDist.version}\x1b[0m\x1b[39;49m -> \x1b[0m\x1b[32;49m${remote}\x1b[0m` },
    { plain: `[notice] To update, run: ${cmd} install --upgrade pip`, tty: `${notice} To update, run: \x1b[0m\x1b[32;49m${cmd} install --upgrade pip\x1b[0m` },
  ]);
}
