// Installing a wheel as pip's installer does: unpack its files into
// site-packages, byte-compile every .py into __pycache__, write INSTALLER,
// REQUESTED and a new RECORD, and generate console scripts in the scripts
// directory. Uninstalling removes what RECORD lists (or, when RECORD is
// unreadable, the dist-info and top-level packages).
import { gen } from '../../fs/content';
import { FsError } from '../../fs/types';
import type { FileSystem } from '../types';
import { recordHash, type WheelManifest } from '../outside/pypi';
import { consoleScripts, type InstalledDist, type PyEnv } from './pip-env';

/** An OSError as Python prints it: `[Errno 13] Permission denied: '/usr/…'`. */
export class PyOSError {
  constructor(
    readonly errno: number,
    readonly strerror: string,
    readonly path: string,
  ) {}
  toString(): string {
    return `[Errno ${this.errno}] ${this.strerror}: '${this.path}'`;
  }
}

const ERRNO: Record<string, number> = { EACCES: 13, EROFS: 30, ENOENT: 2, ENOTDIR: 20, EEXIST: 17, EISDIR: 21, EPERM: 1, ENOTEMPTY: 39, EXDEV: 18, EBUSY: 16, EINVAL: 22, ELOOP: 40 };

export function osError(e: FsError, path = e.path): PyOSError {
  return new PyOSError(ERRNO[e.code] ?? 5, e.message, path);
}

function mkdirs(fs: FileSystem, dir: string): PyOSError | undefined {
  const e = fs.mkdir(dir, { recursive: true });
  return e ? osError(e) : undefined;
}

const pycOf = (path: string, short: string) => {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const stem = path.slice(slash + 1, -3);
  return `${dir}__pycache__/${stem}.cpython-${short.replace('.', '')}.pyc`;
};

/** The launcher distlib's ScriptMaker writes for a console_scripts entry. */
export function consoleScript(interpreter: string, target: string): string {
  const [module, attrs] = target.split(/\s*:\s*/);
  const func = (attrs ?? 'main').replace(/\s*\[.*\]$/, '');
  const importName = func.split('.')[0];
  return `#!${interpreter}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom ${module} import ${importName}\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(${func}())\n`;
}

export interface InstallTarget {
  site: string;
  bin: string;
  env: PyEnv;
}

/** Relative path from site-packages to a file elsewhere (RECORD's `../../../bin/x`). */
function relFrom(site: string, path: string): string {
  const a = site.split('/').filter(Boolean);
  const b = path.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/**
 * Unpack a wheel. Returns the number of files written (for the time it
 * takes) or the OSError that stopped it.
 */
export function installWheel(fs: FileSystem, t: InstallTarget, w: WheelManifest, filename: string, requested: boolean): number | PyOSError {
  const record: [string, string][] = [];
  const dirs = new Set<string>();
  let written = 0;
  const write = (path: string, content: string | ReturnType<typeof gen>, mode: number, recordLine: string): PyOSError | undefined => {
    const dir = path.slice(0, path.lastIndexOf('/'));
    if (!dirs.has(dir)) {
      const e = mkdirs(fs, dir);
      if (e) return e;
      dirs.add(dir);
    }
    const e = fs.writeFile(path, content, { mode });
    if (e) return osError(e, path);
    written++;
    record.push([relFrom(t.site, path), recordLine]);
    return undefined;
  };
  for (const f of w.files) {
    if (f.path === `${w.distInfo}/RECORD`) continue;
    const path = `${t.site}/${f.path}`;
    const content = f.text ?? gen(f.size, `${filename}:${f.path}`);
    const exe = /\.so(\.|$)/.test(f.path);
    const err = write(path, content, exe ? 0o755 : 0o644, `sha256=${recordHash(`${filename}/${f.path}`)},${f.size}`);
    if (err) return err;
    if (f.path.endsWith('.py')) {
      // compileall: the bytecode of a module is about the size of its source
      const pyc = pycOf(f.path, t.env.short);
      const size = f.size === 0 ? 121 : Math.round(f.size * 0.82) + 180;
      const e2 = write(`${t.site}/${pyc}`, gen(size, `${filename}:${pyc}`), 0o644, ',');
      if (e2) return e2;
    }
  }
  const di = `${t.site}/${w.distInfo}`;
  const eInst = write(`${di}/INSTALLER`, 'pip\n', 0o644, `sha256=${recordHash('pip\n')},4`);
  if (eInst) return eInst;
  if (requested) {
    const eReq = write(`${di}/REQUESTED`, '', 0o644, 'sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0');
    if (eReq) return eReq;
  }
  const ep = w.files.find((f) => f.path === `${w.distInfo}/entry_points.txt`)?.text ?? '';
  const scripts = consoleScripts(ep);
  if (w.name.toLowerCase() === 'pip') scripts.push([`pip${t.env.short}`, 'pip._internal.cli.main:main']);
  if (scripts.length) {
    const e = mkdirs(fs, t.bin);
    if (e) return e;
  }
  for (const [name, target] of scripts) {
    const text = consoleScript(t.env.interpreter, target);
    const err = write(`${t.bin}/${name}`, text, 0o755, `sha256=${recordHash(text)},${text.length}`);
    if (err) return err;
  }
  record.push([`${w.distInfo}/RECORD`, ',']);
  const text = record
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([p, rest]) => `${p},${rest}\n`)
    .join('');
  const e = fs.writeFile(`${di}/RECORD`, text, { mode: 0o644 });
  if (e) return osError(e);
  return written + 1;
}

function normPath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

/** What uninstalling removes: RECORD's files, or (RECORD unreadable) the dist-info and top-level packages. */
export function uninstallPaths(fs: FileSystem, d: InstalledDist, bin: string): string[] {
  const out = new Set<string>();
  if (d.record) {
    for (const r of d.record) out.add(normPath(`${d.location}/${r}`));
  } else {
    out.add(`${d.location}/${d.distInfo}`);
    const tops = d.topLevel ?? [d.name.replace(/[-.]/g, '_').toLowerCase()];
    for (const t of tops) {
      if (fs.exists(`${d.location}/${t}`)) out.add(`${d.location}/${t}`);
      if (fs.exists(`${d.location}/${t}.py`)) out.add(`${d.location}/${t}.py`);
    }
    for (const [name] of consoleScripts(d.entryPoints)) if (fs.exists(`${bin}/${name}`)) out.add(`${bin}/${name}`);
  }
  return [...out];
}

/** pip's compact(): drop paths that lie under another path of the set. */
function compact(paths: Iterable<string>): string[] {
  const short: string[] = [];
  for (const p of [...paths].sort((a, b) => a.length - b.length)) {
    const skip = short.some((sp) => {
      const base = sp.replace(/\*$/, '').replace(/\/$/, '');
      return p.startsWith(base) && p[base.length] === '/';
    });
    if (!skip) short.push(p);
  }
  return short.sort();
}

/** compress_for_output_listing: the "Would remove:" lines. */
export function removalListing(fs: FileSystem, paths: readonly string[]): string[] {
  const folders = new Set<string>();
  const files = new Set<string>();
  for (const p of paths) {
    const st = fs.lstat(p);
    if (!(st instanceof FsError) && st.kind === 'dir') {
      folders.add(p);
      continue;
    }
    if (p.endsWith('.pyc')) continue;
    if (p.endsWith('__init__.py') || p.includes('.dist-info')) folders.add(p.slice(0, p.lastIndexOf('/')));
    files.add(p);
  }
  return compact([...files, ...compact(folders).map((f) => `${f}/*`)]);
}

/** Remove a distribution's files; directories of the package left empty go too. */
export function removeDist(fs: FileSystem, d: InstalledDist, bin: string): PyOSError | undefined {
  const dirs = new Set<string>();
  for (const p of uninstallPaths(fs, d, bin)) {
    const st = fs.lstat(p);
    if (st instanceof FsError) continue;
    const e = fs.rm(p, { recursive: true, force: true });
    if (e) return osError(e, p);
    dirs.add(p.slice(0, p.lastIndexOf('/')));
  }
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) {
    for (let x = dir; x.startsWith(`${d.location}/`); x = x.slice(0, x.lastIndexOf('/'))) {
      const names = fs.readdir(x);
      if (names instanceof FsError || names.length > 0) break;
      if (fs.rmdir(x)) break;
    }
  }
  return undefined;
}
