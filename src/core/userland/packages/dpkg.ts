// dpkg's side of Debian packaging: version ordering (epochs, `~`), the
// status database in /var/lib/dpkg/status, dependency fields, apt's
// SizeToStr and its ShowList line wrapping, and unpacking a package's files
// (honouring the slim images' path-exclude rules).
import { gen } from '../../fs/content';
import { FsError } from '../../fs/types';
import { fsOf, type FileSystem, type UserProgram } from '../types';

// ---- versions (dpkg's verrevcmp) ----

function order(c: string): number {
  if (c === '~') return -1;
  if (/\d/.test(c)) return 0;
  if (c === '') return 0;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let first = 0;
    while ((i < a.length && !/\d/.test(a[i])) || (j < b.length && !/\d/.test(b[j]))) {
      const ac = order(a[i] ?? '');
      const bc = order(b[j] ?? '');
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (i < a.length && /\d/.test(a[i]) && j < b.length && /\d/.test(b[j])) {
      if (!first) first = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && /\d/.test(a[i])) return 1;
    if (j < b.length && /\d/.test(b[j])) return -1;
    if (first) return first;
  }
  return 0;
}

export function compareDebVersions(a: string, b: string): number {
  const split = (v: string) => {
    const colon = v.indexOf(':');
    const epoch = colon > 0 ? Number(v.slice(0, colon)) : 0;
    const rest = colon > 0 ? v.slice(colon + 1) : v;
    const dash = rest.lastIndexOf('-');
    return { epoch, upstream: dash > 0 ? rest.slice(0, dash) : rest, revision: dash > 0 ? rest.slice(dash + 1) : '' };
  };
  const x = split(a);
  const y = split(b);
  if (x.epoch !== y.epoch) return x.epoch - y.epoch;
  return verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision);
}

/** `(>= 2.34)` and friends. */
export function versionSatisfies(v: string, op: string, want: string): boolean {
  const c = compareDebVersions(v, want);
  switch (op) {
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '>>':
      return c > 0;
    case '<<':
      return c < 0;
    case '=':
      return c === 0;
    default:
      return true;
  }
}

export interface DepAtom {
  name: string;
  op?: string;
  version?: string;
}

/** `a (>= 1) | b, c` -> [[a, b], [c]]. */
export function parseDepends(field: string | undefined): DepAtom[][] {
  if (!field) return [];
  return field.split(',').map((group) =>
    group.split('|').map((alt) => {
      const m = /^\s*([a-z0-9.+-]+)(?::\w+)?\s*(?:\(\s*(>=|<=|>>|<<|=)\s*([^)\s]+)\s*\))?/.exec(alt);
      return m ? { name: m[1], op: m[2], version: m[3] } : { name: alt.trim() };
    }),
  );
}

// ---- the status database ----

export interface StatusEntry {
  fields: Map<string, string>;
  name: string;
  version: string;
  arch: string;
  installed: boolean;
}

export function parseStanzas(text: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const m = new Map<string, string>();
    let last = '';
    for (const line of block.split('\n')) {
      if (line === '') continue;
      if (/^\s/.test(line) && last) {
        m.set(last, `${m.get(last)}\n${line}`);
        continue;
      }
      const c = line.indexOf(':');
      if (c < 0) continue;
      last = line.slice(0, c);
      m.set(last, line.slice(c + 1).trim());
    }
    if (m.has('Package')) out.push(m);
  }
  return out;
}

export function readStatus(fs: FileSystem): Map<string, StatusEntry> {
  const text = fs.readFile('/var/lib/dpkg/status');
  const out = new Map<string, StatusEntry>();
  if (text instanceof FsError) return out;
  for (const f of parseStanzas(text)) {
    const name = f.get('Package')!;
    out.set(name, { fields: f, name, version: f.get('Version') ?? '', arch: f.get('Architecture') ?? 'amd64', installed: (f.get('Status') ?? '').endsWith(' installed') });
  }
  return out;
}

// ---- apt's numbers and lists ----

/** apt's SizeToStr (C locale: no thousands separators). */
export function sizeToStr(bytes: number): string {
  const ext = ['', 'k', 'M', 'G', 'T', 'P'];
  let size = Math.abs(bytes);
  for (let i = 0; i < ext.length; i++) {
    if (size < 100 && i !== 0) return `${size.toFixed(1)} ${ext[i]}`;
    if (size < 10000) return `${Math.round(size)} ${ext[i]}`;
    size /= 1000;
  }
  return `${Math.round(size)} ${ext[ext.length - 1]}`;
}

/** apt's ShowList: a title, then names wrapped at the screen width (80 when not a terminal). */
export function showList(title: string, names: readonly string[], width = 80): string {
  if (names.length === 0) return '';
  const screen = width - 3;
  let out = title;
  let used = 0;
  for (const n of names) {
    if (used === 0 || used + n.length >= screen) {
      out += '\n  ';
      used = 0;
    } else {
      out += ' ';
      used++;
    }
    out += n;
    used += n.length;
  }
  return `${out}\n`;
}

// ---- unpacking ----

export interface UnpackedFile {
  path: string;
  kind: 'file' | 'exe' | 'link';
  size?: number;
  program?: string;
  target?: string;
}

/** Expand a package's file spec (see debian-catalog). */
export function packageFiles(pkg: string, spec: string): UnpackedFile[] {
  const out: UnpackedFile[] = [];
  for (const tok of spec.split(/\s+/).filter(Boolean)) {
    if (tok === '@doc') {
      out.push({ path: `/usr/share/doc/${pkg}/copyright`, kind: 'file', size: 3200 + (pkg.length * 97) % 2400 });
      out.push({ path: `/usr/share/doc/${pkg}/changelog.Debian.gz`, kind: 'file', size: 1800 + (pkg.length * 131) % 3000 });
      continue;
    }
    if (tok.startsWith('@man:')) {
      out.push({ path: `/usr/share/man/man1/${tok.slice(5)}.1.gz`, kind: 'file', size: 4000 + tok.length * 211 });
      continue;
    }
    const gt = tok.indexOf('>');
    if (gt > 0) {
      out.push({ path: tok.slice(0, gt), kind: 'link', target: tok.slice(gt + 1) });
      continue;
    }
    const colon = tok.lastIndexOf(':');
    const path = tok.slice(0, colon);
    const size = Number(tok.slice(colon + 1));
    const eq = path.indexOf('=');
    if (eq > 0) out.push({ path: path.slice(0, eq), kind: 'exe', program: path.slice(eq + 1), size });
    else out.push({ path, kind: 'file', size });
  }
  return out;
}

/** /etc/dpkg/dpkg.cfg.d/docker of the slim images: no docs but copyright, no man pages, no translations. */
export function excludedBySlim(fs: FileSystem, path: string): boolean {
  if (!fs.exists('/etc/dpkg/dpkg.cfg.d/docker')) return false;
  if (path.startsWith('/usr/share/doc/')) return !path.endsWith('/copyright');
  return path.startsWith('/usr/share/man/') || path.startsWith('/usr/share/locale/') || path.startsWith('/usr/share/info/') || path.startsWith('/usr/share/lintian/');
}

/** Write a package's files; returns the paths written (the dpkg .list) or the error. */
export function unpack(fs: FileSystem, pkg: string, version: string, spec: string): string[] | FsError {
  const written: string[] = [];
  const dirs = new Set<string>();
  for (const f of packageFiles(pkg, spec)) {
    if (excludedBySlim(fs, f.path)) continue;
    const dir = f.path.slice(0, f.path.lastIndexOf('/')) || '/';
    for (let d = dir; d !== '' && d !== '/' && !dirs.has(d); d = d.slice(0, d.lastIndexOf('/'))) dirs.add(d);
    const e = fs.mkdir(dir, { recursive: true });
    if (e) return e;
    if (f.kind === 'link') {
      fs.rm(f.path, { force: true });
      const err = fs.symlink(f.target!, f.path);
      if (err) return err;
    } else {
      const seed = f.kind === 'exe' ? `elf:${f.program}:deb:${pkg}:${version}:${f.path}` : `deb:${pkg}:${version}:${f.path}`;
      const err = fs.writeFile(f.path, gen(f.size ?? 0, seed), { mode: f.kind === 'exe' ? 0o755 : 0o644 });
      if (err) return err;
    }
    written.push(f.path);
  }
  return ['/.', ...[...dirs].sort(), ...written];
}

// ---- dpkg-query ----

/** A field as dpkg-query's formatter prints it (virtual db: fields included). */
function queryField(e: StatusEntry, name: string): string {
  const status = e.fields.get('Status') ?? '';
  const [want, , state] = status.split(' ');
  switch (name) {
    case 'binary:Package':
      return e.name;
    case 'db:Status-Abbrev':
      return `${(want ?? 'u')[0]}${state === 'installed' ? 'i' : state === 'config-files' ? 'c' : 'n'} `;
    case 'db:Status-Want':
      return want ?? '';
    case 'db:Status-Status':
      return state ?? '';
    case 'Conffiles':
      // stored as continuation lines; printed without the header, one " path hash" a line
      return (e.fields.get('Conffiles') ?? '').replace(/^\n/, '');
    default:
      return e.fields.get(name) ?? '';
  }
}

/** --showformat: ${field;width} (negative width pads right) and \n \t \\ escapes. */
export function formatPackage(e: StatusEntry, format: string): string {
  const escaped = format.replace(/\\([nt\\])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
  return escaped.replace(/\$\{([^};]+)(?:;(-?\d+))?\}/g, (_m, name: string, width: string | undefined) => {
    const v = queryField(e, name);
    if (width === undefined) return v;
    const w = Number(width);
    return w < 0 ? v.padEnd(-w) : v.padStart(w);
  });
}

/** dpkg-query -W/--show [-f FORMAT] [PACKAGE...] and -s/--status PACKAGE...: reads the status database. */
export const dpkgQuery: UserProgram = async (ctx) => {
  const fs = fsOf(ctx);
  const args = ctx.argv.slice(1);
  let action = '';
  let format = '${binary:Package}\t${Version}\n';
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-W' || a === '--show') action = 'show';
    else if (a === '-s' || a === '--status') action = 'status';
    else if (a === '-f' || a === '--showformat') format = args[++i] ?? '';
    else if (a.startsWith('--showformat=')) format = a.slice('--showformat='.length);
    else if (a.startsWith('-f') && a.length > 2) format = a.slice(2);
    else if (a.startsWith('-') && a !== '-') {
      ctx.stderr.write(`dpkg-query: error: unknown option ${a}\n\nUse --help for help about querying packages.\n`);
      return 2;
    } else names.push(a);
  }
  if (!action) {
    ctx.stderr.write('dpkg-query: error: need an action option\n\nUse --help for help about querying packages.\n');
    return 2;
  }
  const db = readStatus(fs);
  if (action === 'status' && names.length === 0) {
    ctx.stderr.write('dpkg-query: error: --status needs at least one package name argument\n\nUse --help for help about querying packages.\n');
    return 2;
  }
  const globRe = (g: string) => new RegExp(`^${g.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  const patterns = names.length ? names : ['*'];
  let status = 0;
  for (const pat of patterns) {
    const re = globRe(pat);
    const hits = [...db.values()].filter((e) => re.test(e.name) && (names.length > 0 || e.installed));
    if (hits.length === 0) {
      ctx.stderr.write(action === 'status' ? `dpkg-query: package '${pat}' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n` : `dpkg-query: no packages found matching ${pat}\n`);
      status = 1;
      continue;
    }
    for (const e of hits.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (action === 'show') ctx.stdout.write(formatPackage(e, format));
      else ctx.stdout.write(`${[...e.fields].map(([k, v]) => (v.startsWith('\n') ? `${k}:${v}` : `${k}: ${v}`)).join('\n')}\n\n`);
    }
  }
  return status;
};
