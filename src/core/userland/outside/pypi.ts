// pypi.org and files.pythonhosted.org: the simple repository API (PEP 503
// HTML and PEP 691 JSON, with PEP 658 metadata files), the JSON API, and the
// wheels themselves. A wheel is served as a description of its zip (the file
// list with sizes, the text of its metadata files) with the real size in
// Content-Length — see BLOB_HEADER.
import type { HttpRequest, HttpResponse, Service } from '../../kernel/network';
import { sha256Hex } from '../../hash';
import { canonicalName } from '../packages/requirement';
import { parseVersion, compareVersions } from '../packages/pep440';
import { blobResponse, header, httpDate, response, splitQuery } from './http';
import { PYPI_PROJECTS, type PyProject, type PyRelease } from './pypi-catalog';

export const PYPI_HOST = 'pypi.org';
export const FILES_HOST = 'files.pythonhosted.org';

/** CPython versions the binary wheels are built for. */
const CP_TAGS = ['cp311', 'cp312', 'cp313'];

export interface WheelFile {
  filename: string;
  project: PyProject;
  release: PyRelease;
  /** `py3-none-any` or `cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64`. */
  tag: string;
  size: number;
  url: string;
  sha256: string;
}

/** A file of a wheel, relative to the directory it installs into (site-packages). */
export interface WheelEntry {
  path: string;
  size: number;
  text?: string;
}

/** What a wheel's body describes: its unpacked files, dist-info included. */
export interface WheelManifest {
  name: string;
  version: string;
  distInfo: string;
  tag: string;
  files: WheelEntry[];
}

const byName = new Map(PYPI_PROJECTS.map((p) => [canonicalName(p.name), p]));

export function pypiProject(name: string): PyProject | undefined {
  return byName.get(canonicalName(name));
}

/** The escaped project name of wheel filenames and .dist-info directories. */
export function wheelBase(p: PyProject): string {
  // setuptools before 75.8 kept the project's capitals (MarkupSafe-3.0.2-…)
  const keepCase = /^setuptools \((?:[0-6]\d|7[0-4]|75\.[0-7])\b/.test(p.generator);
  const escaped = p.name.replace(/[-_.]+/g, '_');
  return keepCase ? escaped : escaped.toLowerCase();
}

function hashOf(what: string): string {
  return sha256Hex(`pypi:${what}`);
}

function fileUrl(filename: string): string {
  const h = sha256Hex(`blake2b:${filename}`);
  return `https://${FILES_HOST}/packages/${h.slice(0, 2)}/${h.slice(2, 4)}/${h.slice(4, 64)}/${filename}`;
}

export function wheelsOf(p: PyProject, rel: PyRelease): WheelFile[] {
  const base = `${wheelBase(p)}-${rel.version}`;
  const make = (tag: string, size: number): WheelFile => {
    const filename = `${base}-${tag}.whl`;
    return { filename, project: p, release: rel, tag, size, url: fileUrl(filename), sha256: hashOf(filename) };
  };
  if (!p.binary) return [make('py3-none-any', rel.wheel)];
  const out: WheelFile[] = [];
  for (const cp of CP_TAGS) {
    out.push(make(`${cp}-${cp}-${p.binary.glibc}`, rel.wheel));
    out.push(make(`${cp}-${cp}-${p.binary.musl}`, rel.musl ?? rel.wheel));
  }
  return out;
}

function allWheels(p: PyProject): WheelFile[] {
  return p.releases.flatMap((r) => wheelsOf(p, r));
}

function findFile(filename: string): WheelFile | undefined {
  const m = /^([^-]+)-([^-]+)-/.exec(filename);
  if (!m) return undefined;
  const p = pypiProject(m[1]);
  return p ? allWheels(p).find((w) => w.filename === filename) : undefined;
}

function requiresDistOf(p: PyProject, rel: PyRelease): string[] {
  return rel.requiresDist ?? p.requiresDist;
}

/** The METADATA file of a release (also served as PEP 658 `.whl.metadata`). */
export function metadataText(p: PyProject, rel: PyRelease): string {
  const lines = [`Metadata-Version: ${p.metadataVersion}`, `Name: ${p.name}`, `Version: ${rel.version}`, `Summary: ${p.summary}`];
  if (p.homePage) lines.push(`Home-page: ${p.homePage}`);
  if (p.author) lines.push(`Author: ${p.author}`);
  if (p.authorEmail) lines.push(`Author-email: ${p.authorEmail}`);
  if (p.license) lines.push(`License: ${p.license}`);
  if (p.licenseExpression) lines.push(`License-Expression: ${p.licenseExpression}`);
  for (const u of p.projectUrls ?? []) lines.push(`Project-URL: ${u}`);
  for (const c of p.classifiers ?? []) lines.push(`Classifier: ${c}`);
  if (p.requiresPython) lines.push(`Requires-Python: ${p.requiresPython}`);
  lines.push('Description-Content-Type: text/markdown');
  for (const f of (p.distInfo ?? '').split(/\s+/).filter(Boolean)) lines.push(`License-File: ${f.split(':')[0].replace(/^licenses\//, '')}`);
  for (const d of requiresDistOf(p, rel)) lines.push(`Requires-Dist: ${d}`);
  for (const e of p.providesExtra ?? []) lines.push(`Provides-Extra: ${e}`);
  return `${lines.join('\n')}\n\n# ${p.name}\n\n${p.summary}\n`;
}

/** Expand the catalog's compact file list: `dir/` tokens set the directory. */
export function expandFiles(spec: string): WheelEntry[] {
  const out: WheelEntry[] = [];
  let dir = '';
  for (const tok of spec.split(/\s+/).filter(Boolean)) {
    if (tok.endsWith('/')) {
      dir = tok;
      continue;
    }
    const c = tok.lastIndexOf(':');
    out.push({ path: dir + tok.slice(0, c), size: Number(tok.slice(c + 1)) });
  }
  return out;
}

export function wheelManifest(w: WheelFile): WheelManifest {
  const p = w.project;
  const rel = w.release;
  const latest = p.releases[0].version;
  const cp = /^cp(\d)(\d+)-/.exec(w.tag);
  const musl = w.tag.includes('musllinux');
  const fixSo = (path: string) => (cp ? path.replace('cpython-313-x86_64-linux-gnu', `cpython-${cp[1]}${cp[2]}-x86_64-linux-${musl ? 'musl' : 'gnu'}`) : path);
  const files: WheelEntry[] = expandFiles(p.files).map((f) => {
    const text = p.texts?.[f.path];
    // the texts carry the newest release's version; older releases say their own
    const t = text === undefined ? undefined : rel.version === latest ? text : text.split(latest).join(rel.version);
    return { path: fixSo(f.path), size: t === undefined ? f.size : t.length, ...(t === undefined ? {} : { text: t }) };
  });
  const distInfo = `${wheelBase(p)}-${rel.version}.dist-info`;
  const wheel = `Wheel-Version: 1.0\nGenerator: ${p.generator}\nRoot-Is-Purelib: ${cp ? 'false' : 'true'}\nTag: ${w.tag.split('.')[0]}\n${w.tag.includes('.') ? w.tag.split('.').slice(1).map((t) => `Tag: ${w.tag.split('-').slice(0, 2).join('-')}-${t}\n`).join('') : ''}\n`;
  const meta = metadataText(p, rel);
  const extra: WheelEntry[] = [
    { path: `${distInfo}/METADATA`, size: meta.length, text: meta },
    { path: `${distInfo}/WHEEL`, size: wheel.length, text: wheel },
  ];
  if (p.entryPoints) extra.push({ path: `${distInfo}/entry_points.txt`, size: p.entryPoints.length, text: p.entryPoints });
  if (p.topLevel) extra.push({ path: `${distInfo}/top_level.txt`, size: p.topLevel.join('\n').length + 1, text: `${p.topLevel.join('\n')}\n` });
  for (const f of (p.distInfo ?? '').split(/\s+/).filter(Boolean)) {
    const [name, size] = f.split(':');
    extra.push({ path: `${distInfo}/${name}`, size: Number(size) });
  }
  // the wheel's RECORD lists what it holds (pip rewrites it on install)
  const record = [...files, ...extra].map((f) => `${f.path},sha256=${recordHash(`${w.filename}/${f.path}`)},${f.size}\n`).join('') + `${distInfo}/RECORD,,\n`;
  extra.push({ path: `${distInfo}/RECORD`, size: record.length, text: record });
  return { name: p.name, version: rel.version, distInfo, tag: w.tag, files: [...files, ...extra] };
}

/** RECORD's hash field: urlsafe base64 of a sha256, without padding. */
export function recordHash(seed: string): string {
  const hex = sha256Hex(seed);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += abc[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

function sortedReleases(p: PyProject): PyRelease[] {
  return [...p.releases].sort((a, b) => compareVersions(parseVersion(a.version)!, parseVersion(b.version)!));
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fileJson(w: WheelFile) {
  const meta = hashOf(`${w.filename}.metadata`);
  return {
    'core-metadata': { sha256: meta },
    'data-dist-info-metadata': { sha256: meta },
    filename: w.filename,
    hashes: { sha256: w.sha256 },
    provenance: null,
    'requires-python': w.project.requiresPython ?? null,
    size: w.size,
    'upload-time': w.release.uploaded.replace('Z', '.000000Z'),
    url: w.url,
    yanked: false,
  };
}

export interface OutsideOptions {
  /** For Date headers. */
  now?: () => number;
}

export class PypiService implements Service {
  constructor(private readonly opts: OutsideOptions = {}) {}

  private base(type: string, cache = 'max-age=600, public'): Record<string, string> {
    const h: Record<string, string> = { 'content-type': type, 'cache-control': cache, server: 'nginx', 'x-pypi-last-serial': '29861011' };
    if (this.opts.now) h.date = httpDate(this.opts.now());
    return h;
  }

  async handle(req: HttpRequest): Promise<HttpResponse> {
    const { path } = splitQuery(req.path);
    if (req.method !== 'GET' && req.method !== 'HEAD') return response(405, this.base('text/plain'), '405 Method Not Allowed\n');
    const accept = header(req, 'accept') ?? '';
    if (path === '/simple/' || path === '/simple') {
      const names = PYPI_PROJECTS.map((p) => canonicalName(p.name)).sort();
      if (accept.includes('application/vnd.pypi.simple.v1+json')) {
        return response(200, this.base('application/vnd.pypi.simple.v1+json'), JSON.stringify({ meta: { _last_serial: 29861011, 'api-version': '1.4' }, projects: names.map((n) => ({ _last_serial: 29861011, name: n })) }));
      }
      const links = names.map((n) => `    <a href="/simple/${n}/">${n}</a>\n`).join('');
      return response(200, this.base('text/html'), `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.4">\n    <title>Simple index</title>\n  </head>\n  <body>\n${links}  </body>\n</html>`);
    }
    const simple = /^\/simple\/([^/]+)\/?$/.exec(path);
    if (simple) {
      const want = canonicalName(simple[1]);
      const p = byName.get(want);
      if (!p) return response(404, this.base('text/html', 'max-age=600, public'), '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br/><br/>\n\n\n </body>\n</html>');
      if (simple[1] !== want || !path.endsWith('/')) return { status: 301, reason: 'Moved Permanently', headers: { ...this.base('text/html'), location: `/simple/${want}/`, 'content-length': '0' }, body: '' };
      const files = sortedReleases(p).flatMap((r) => wheelsOf(p, r));
      if (accept.includes('application/vnd.pypi.simple.v1+json')) {
        const body = { meta: { _last_serial: 29861011, 'api-version': '1.4' }, name: want, files: files.map(fileJson), versions: sortedReleases(p).map((r) => r.version) };
        return response(200, this.base('application/vnd.pypi.simple.v1+json'), JSON.stringify(body));
      }
      const links = files
        .map((w) => {
          const meta = hashOf(`${w.filename}.metadata`);
          const rp = w.project.requiresPython ? ` data-requires-python="${escapeHtml(w.project.requiresPython)}"` : '';
          return `    <a href="${w.url}#sha256=${w.sha256}"${rp} data-dist-info-metadata="sha256=${meta}" data-core-metadata="sha256=${meta}">${w.filename}</a><br />\n`;
        })
        .join('');
      return response(200, this.base('text/html'), `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.4">\n    <title>Links for ${want}</title>\n  </head>\n  <body>\n    <h1>Links for ${want}</h1>\n${links}  </body>\n</html>\n<!--SERIAL 29861011-->`);
    }
    const api = /^\/pypi\/([^/]+)(?:\/([^/]+))?\/json\/?$/.exec(path);
    if (api) {
      const p = byName.get(canonicalName(api[1]));
      const rel = p && (api[2] ? p.releases.find((r) => r.version === api[2]) : p.releases[0]);
      if (!p || !rel) return response(404, this.base('application/json'), JSON.stringify({ message: 'Not Found' }));
      const info = {
        author: p.author ?? '',
        author_email: p.authorEmail ?? '',
        home_page: p.homePage ?? null,
        license: p.license ?? null,
        license_expression: p.licenseExpression ?? null,
        name: p.name,
        package_url: `https://pypi.org/project/${p.name}/`,
        project_urls: Object.fromEntries((p.projectUrls ?? []).map((u) => u.split(', '))),
        release_url: `https://pypi.org/project/${p.name}/${rel.version}/`,
        requires_dist: requiresDistOf(p, rel).length ? requiresDistOf(p, rel) : null,
        requires_python: p.requiresPython ?? '',
        summary: p.summary,
        version: rel.version,
        yanked: false,
      };
      const urls = wheelsOf(p, rel).map((w) => ({ filename: w.filename, packagetype: 'bdist_wheel', python_version: w.tag.split('-')[0], size: w.size, upload_time_iso_8601: w.release.uploaded, url: w.url, digests: { sha256: w.sha256 } }));
      const body = api[2] ? { info, urls, vulnerabilities: [] } : { info, last_serial: 29861011, releases: Object.fromEntries(sortedReleases(p).map((r) => [r.version, wheelsOf(p, r).map((w) => ({ filename: w.filename, size: w.size, url: w.url }))])), urls, vulnerabilities: [] };
      return response(200, this.base('application/json'), JSON.stringify(body));
    }
    if (path === '/') return response(200, this.base('text/html; charset=UTF-8'), '<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <title>PyPI · The Python Package Index</title>\n  </head>\n  <body>\n    <h1>Find, install and publish Python packages with the Python Package Index</h1>\n  </body>\n</html>\n');
    return response(404, this.base('text/html'), '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br/><br/>\n\n\n </body>\n</html>');
  }
}

/** files.pythonhosted.org: wheels and their PEP 658 metadata files. */
export class PythonHostedService implements Service {
  constructor(private readonly opts: OutsideOptions = {}) {}

  async handle(req: HttpRequest): Promise<HttpResponse> {
    const { path } = splitQuery(req.path);
    const h: Record<string, string> = { 'cache-control': 'max-age=365000000, immutable, public', 'accept-ranges': 'bytes', etag: `"${sha256Hex(path).slice(0, 32)}"` };
    if (this.opts.now) h.date = httpDate(this.opts.now());
    const m = /^\/packages\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{60}\/(.+)$/.exec(path);
    const name = m?.[1] ?? '';
    const isMeta = name.endsWith('.whl.metadata');
    const w = findFile(isMeta ? name.slice(0, -'.metadata'.length) : name);
    if (!w || `https://${FILES_HOST}${path}` !== (isMeta ? `${w.url}.metadata` : w.url)) {
      return response(404, { ...h, 'content-type': 'text/plain' }, 'Not Found');
    }
    if (isMeta) return blobResponse(w.release.metadata, `pypi:${w.filename}.metadata`, metadataText(w.project, w.release), { ...h, 'content-type': 'binary/octet-stream' });
    return blobResponse(w.size, `pypi:${w.filename}`, JSON.stringify(wheelManifest(w)), { ...h, 'content-type': 'binary/octet-stream' });
  }
}
