// The Python installation pip works on, found in the filesystem as CPython's
// sysconfig would report it (prefix, site-packages, scripts dir, libc), and
// the distributions installed in it: *.dist-info directories with their
// METADATA, RECORD, entry points and INSTALLER.
import { isGenerated } from '../../fs/content';
import { FsError } from '../../fs/types';
import type { FileSystem } from '../types';
import { metadataText, pypiProject } from '../outside/pypi';
import { canonicalName, parseRequirement, type Requirement } from './requirement';

export interface PyEnv {
  prefix: string;
  /** 3.13.5 */
  full: string;
  /** 3.13 */
  short: string;
  site: string;
  bin: string;
  /** The interpreter console scripts name in their #! line. */
  interpreter: string;
  musl: boolean;
  home: string;
  /** ~/.local/lib/python3.13/site-packages */
  userSite: string;
  userBin: string;
}

/** Find CPython under /usr/local (the official images), or undefined. */
export function findPythonEnv(fs: FileSystem, env: Record<string, string>): PyEnv | undefined {
  const prefix = '/usr/local';
  let full = env.PYTHON_VERSION;
  if (!full) {
    const libs = fs.readdir(`${prefix}/lib`);
    if (libs instanceof FsError) return undefined;
    const py = libs.filter((n) => /^python3\.\d+$/.test(n)).sort().pop();
    if (!py) return undefined;
    full = `${py.slice(6)}.0`;
  }
  const short = full.split('.').slice(0, 2).join('.');
  const site = `${prefix}/lib/python${short}/site-packages`;
  if (!fs.exists(`${prefix}/lib/python${short}`)) return undefined;
  const home = env.HOME || '/root';
  return {
    prefix,
    full,
    short,
    site,
    bin: `${prefix}/bin`,
    interpreter: `${prefix}/bin/python${short}`,
    musl: fs.exists('/lib/ld-musl-x86_64.so.1'),
    home,
    userSite: `${home}/.local/lib/python${short}/site-packages`,
    userBin: `${home}/.local/bin`,
  };
}

export interface InstalledDist {
  /** METADATA Name (raw). */
  name: string;
  canonical: string;
  version: string;
  location: string;
  distInfo: string;
  metadata: Map<string, string[]>;
  requires: Requirement[];
  installer: string;
  /** RECORD paths, relative to location; undefined when RECORD cannot be read. */
  record?: string[];
  entryPoints: string;
  topLevel?: string[];
}

/** RFC 822-style headers of METADATA (continuation lines folded), up to the body. */
export function parseMetadata(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let last: [string, number] | undefined;
  for (const line of text.split('\n')) {
    if (line === '') break;
    if (/^[ \t]/.test(line) && last) {
      const vals = out.get(last[0])!;
      vals[last[1]] += `\n${line.trim()}`;
      continue;
    }
    const c = line.indexOf(':');
    if (c < 0) continue;
    const k = line.slice(0, c);
    const v = line.slice(c + 1).trim();
    const vals = out.get(k) ?? [];
    vals.push(v);
    out.set(k, vals);
    last = [k, vals.length - 1];
  }
  return out;
}

function readText(fs: FileSystem, path: string): string | undefined {
  const c = fs.readContent(path);
  if (c instanceof FsError || isGenerated(c)) return undefined;
  const t = fs.readFile(path);
  return t instanceof FsError ? undefined : t;
}

/** A dist-info directory as pip's importlib backend reads it. */
export function readDist(fs: FileSystem, location: string, dir: string): InstalledDist | undefined {
  const m = /^(.+)-([^-]+)\.dist-info$/.exec(dir);
  if (!m) return undefined;
  const path = `${location}/${dir}`;
  let meta = readText(fs, `${path}/METADATA`);
  if (meta === undefined && fs.exists(`${path}/METADATA`)) {
    // the image carries these bytes as a generated blob: they say what the release's METADATA says
    const p = pypiProject(m[1]);
    const rel = p?.releases.find((r) => r.version === m[2]);
    if (p && rel) meta = metadataText(p, rel);
  }
  const metadata = parseMetadata(meta ?? `Name: ${m[1]}\nVersion: ${m[2]}\n`);
  const name = metadata.get('Name')?.[0] ?? m[1];
  const version = metadata.get('Version')?.[0] ?? m[2];
  const requires: Requirement[] = [];
  for (const d of metadata.get('Requires-Dist') ?? []) {
    const r = parseRequirement(d);
    if (!('error' in r)) requires.push(r);
  }
  const rec = readText(fs, `${path}/RECORD`);
  const record = rec === undefined ? undefined : rec.split('\n').filter(Boolean).map((l) => l.split(',')[0]);
  const top = readText(fs, `${path}/top_level.txt`);
  return {
    name,
    canonical: canonicalName(name),
    version,
    location,
    distInfo: dir,
    metadata,
    requires,
    installer: (readText(fs, `${path}/INSTALLER`) ?? '').trim(),
    record,
    entryPoints: readText(fs, `${path}/entry_points.txt`) ?? '',
    topLevel: top?.split('\n').filter(Boolean),
  };
}

/** Every distribution in these directories, first location wins (sys.path order). */
export function installedDists(fs: FileSystem, locations: readonly string[]): Map<string, InstalledDist> {
  const out = new Map<string, InstalledDist>();
  for (const loc of locations) {
    const names = fs.readdir(loc);
    if (names instanceof FsError) continue;
    for (const n of names) {
      if (!n.endsWith('.dist-info')) continue;
      const d = readDist(fs, loc, n);
      if (d && !out.has(d.canonical)) out.set(d.canonical, d);
    }
  }
  return out;
}

/** `[console_scripts]` of entry_points.txt: script name -> `module:attr`. */
export function consoleScripts(entryPoints: string): [string, string][] {
  const out: [string, string][] = [];
  let section = '';
  for (const raw of entryPoints.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      section = line.slice(1, -1).trim();
      continue;
    }
    if (section !== 'console_scripts' || !line.includes('=')) continue;
    const eq = line.indexOf('=');
    out.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return out;
}
