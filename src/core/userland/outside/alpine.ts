// dl-cdn.alpinelinux.org: APKINDEX.tar.gz of v3.22 main and community and
// the .apk files. Both travel as descriptions of their bytes (BLOB_HEADER):
// an index describes its package records, an .apk the files it installs.
import type { HttpRequest, HttpResponse, Service } from '../../kernel/network';
import { sha256Hex } from '../../hash';
import { blobResponse, httpDate, response, splitQuery } from './http';
import { ALPINE_INDEXES, ALPINE_PACKAGES, type ApkPackage } from './alpine-catalog';
import type { OutsideOptions } from './pypi';

export const ALPINE_HOST = 'dl-cdn.alpinelinux.org';

export const APK_INDEX_SEED = 'apk-index:';

export function repoPackages(repo: string): ApkPackage[] {
  return ALPINE_PACKAGES.filter((p) => p.repo === repo);
}

/** One APKINDEX record. */
export function apkRecord(p: ApkPackage): string {
  const c = sha256Hex(`apk:${p.name}:${p.version}`);
  return `C:Q1${c.slice(0, 26)}=\nP:${p.name}\nV:${p.version}\nA:x86_64\nS:${p.size}\nI:${p.installed}\nT:${p.description}\nU:${p.url}\nL:${p.license}\no:${p.origin}\nm:Natanael Copa <ncopa@alpinelinux.org>\nt:1749000000\nc:${c.slice(26, 66)}\n${p.depends.length ? `D:${p.depends.join(' ')}\n` : ''}`;
}

export class AlpineRepository implements Service {
  constructor(private readonly opts: OutsideOptions = {}) {}

  async handle(req: HttpRequest): Promise<HttpResponse> {
    const { path } = splitQuery(req.path);
    const h: Record<string, string> = { Server: 'nginx', 'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes' };
    if (this.opts.now) h.Date = httpDate(this.opts.now());
    const idx = /^\/alpine\/v3\.22\/(main|community)\/x86_64\/APKINDEX\.tar\.gz$/.exec(path);
    if (idx) {
      const repo = idx[1] as 'main' | 'community';
      const meta = ALPINE_INDEXES[repo];
      return blobResponse(meta.size, `${APK_INDEX_SEED}v3.22/${repo}`, `${meta.describe}\n${repoPackages(repo).map(apkRecord).join('\n')}`, h);
    }
    const apk = /^\/alpine\/v3\.22\/(main|community)\/x86_64\/(.+)\.apk$/.exec(path);
    if (apk) {
      const p = ALPINE_PACKAGES.find((x) => x.repo === apk[1] && `${x.name}-${x.version}` === apk[2]);
      if (p) return blobResponse(p.size, `apk:${p.name}:${p.version}`, JSON.stringify({ name: p.name, version: p.version, files: p.files }), h);
    }
    return response(404, { ...h, 'Content-Type': 'text/html' }, '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
  }
}
