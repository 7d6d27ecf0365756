// deb.debian.org: InRelease and Packages.xz of bookworm, bookworm-updates
// and bookworm-security (main, amd64), and the .deb files of the pool. Index
// files and packages travel as descriptions of their bytes (BLOB_HEADER):
// a Packages file describes the stanzas this archive carries, a .deb the
// files it unpacks.
import type { HttpRequest, HttpResponse, Service } from '../../kernel/network';
import { sha256Hex } from '../../hash';
import { blobResponse, httpDate, response, splitQuery } from './http';
import { DEBIAN_INDEXES, DEBIAN_PACKAGES, type DebPackage, type Suite } from './debian-catalog';
import type { OutsideOptions } from './pypi';

export const DEBIAN_HOST = 'deb.debian.org';

/** The archive a suite lives in (the path under the host). */
export function archiveOf(suite: string): 'debian' | 'debian-security' {
  return suite.endsWith('-security') ? 'debian-security' : 'debian';
}

/** Seeds of index blobs name what they hold; apt reads a stored list back through them. */
export const LIST_SEED = 'apt-lists:';

export function packagesIn(key: string): DebPackage[] {
  const [, suite] = key.split(' ');
  return DEBIAN_PACKAGES.filter((p) => p.suite === (suite as Suite));
}

export function poolPath(p: DebPackage): string {
  const src = p.name.startsWith('lib') ? p.name.slice(0, 4) : p.name[0];
  const version = p.version.replace(/^\d+:/, '');
  return `pool/main/${src}/${p.name}/${p.name}_${version}_${p.arch}.deb`;
}

/** One stanza of a Packages file. */
export function stanza(p: DebPackage): string {
  const lines = [`Package: ${p.name}`, `Version: ${p.version}`, `Installed-Size: ${p.installed}`, 'Maintainer: Debian Developers <debian-devel@lists.debian.org>', `Architecture: ${p.arch}`];
  if (p.preDepends) lines.push(`Pre-Depends: ${p.preDepends}`);
  if (p.depends) lines.push(`Depends: ${p.depends}`);
  if (p.recommends) lines.push(`Recommends: ${p.recommends}`);
  if (p.suggests) lines.push(`Suggests: ${p.suggests}`);
  lines.push(`Description: ${p.description}`, `Description-md5: ${sha256Hex(p.description).slice(0, 32)}`, `Section: ${p.section}`, `Priority: ${p.priority}`, `Filename: ${poolPath(p)}`, `Size: ${p.size}`, `SHA256: ${sha256Hex(`deb:${p.name}:${p.version}`)}`);
  return `${lines.join('\n')}\n`;
}

export class DebianArchive implements Service {
  constructor(private readonly opts: OutsideOptions = {}) {}

  async handle(req: HttpRequest): Promise<HttpResponse> {
    const { path } = splitQuery(req.path);
    const h: Record<string, string> = { Server: 'Apache', 'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes' };
    if (this.opts.now) h.Date = httpDate(this.opts.now());
    const dist = /^\/(debian|debian-security)\/dists\/([a-z-]+)\/(InRelease|Release|main\/binary-amd64\/Packages(?:\.xz)?)$/.exec(path);
    if (dist) {
      const key = `${dist[1]} ${dist[2]}`;
      const sizes = DEBIAN_INDEXES[key];
      if (!sizes) return response(404, { ...h, 'Content-Type': 'text/html' }, notFound(path));
      if (dist[3] === 'InRelease' || dist[3] === 'Release') {
        const text = `Origin: Debian\nLabel: Debian${dist[1] === 'debian-security' ? '-Security' : ''}\nSuite: ${dist[2].includes('-') ? dist[2] : 'stable'}\nCodename: ${dist[2]}\nChanged: ${new Date(Date.UTC(2026, 10, 1, 10, 12, 0)).toUTCString().replace('GMT', 'UTC')}\nArchitectures: all amd64 arm64 armel armhf i386 mips64el mipsel ppc64el s390x\nComponents: main contrib non-free-firmware non-free\nDescription: Debian 12.12 Released 01 November 2026\n`;
        return blobResponse(sizes.inRelease, `${LIST_SEED}InRelease:${key}`, text, h);
      }
      return blobResponse(sizes.packages, `${LIST_SEED}${key}`, packagesIn(key).map(stanza).join('\n'), h);
    }
    const pool = /^\/(debian|debian-security)\/(pool\/main\/.+\.deb)$/.exec(path);
    if (pool) {
      const p = DEBIAN_PACKAGES.find((x) => poolPath(x) === pool[2] && archiveOf(x.suite) === pool[1]);
      if (p) return blobResponse(p.size, `deb:${p.name}:${p.version}`, JSON.stringify({ name: p.name, version: p.version, files: p.files }), { ...h, 'Content-Type': 'application/vnd.debian.binary-package' });
    }
    return response(404, { ...h, 'Content-Type': 'text/html; charset=iso-8859-1' }, notFound(path));
  }
}

function notFound(path: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL ${path} was not found on this server.</p>\n</body></html>\n`;
}
