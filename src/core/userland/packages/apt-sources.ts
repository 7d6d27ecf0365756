// Where apt looks: the sources (deb822 /etc/apt/sources.list.d/*.sources and
// one-line sources.list), the lists `apt-get update` stores in
// /var/lib/apt/lists, and the packages those lists describe.
import { contentText, isGenerated } from '../../fs/content';
import { FsError } from '../../fs/types';
import type { FileSystem } from '../types';
import { LIST_SEED, packagesIn } from '../outside/debian';
import type { DebPackage } from '../outside/debian-catalog';
import { parseStanzas } from './dpkg';

export interface Source {
  /** http://deb.debian.org/debian */
  uri: string;
  suite: string;
  components: string[];
}

export function readSources(fs: FileSystem): Source[] {
  const out: Source[] = [];
  const list = fs.readFile('/etc/apt/sources.list');
  if (!(list instanceof FsError)) {
    for (const line of list.split('\n')) {
      const m = /^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s+(.+)$/.exec(line);
      if (m) out.push({ uri: m[1].replace(/\/$/, ''), suite: m[2], components: m[3].trim().split(/\s+/) });
    }
  }
  const dir = fs.readdir('/etc/apt/sources.list.d');
  if (!(dir instanceof FsError)) {
    for (const n of dir.filter((x) => x.endsWith('.sources'))) {
      const text = fs.readFile(`/etc/apt/sources.list.d/${n}`);
      if (text instanceof FsError) continue;
      for (const st of parseStanzas(text.replace(/^#.*\n/gm, '').replace(/^Types:/gm, 'Package: source\nTypes:'))) {
        if (!(st.get('Types') ?? '').split(/\s+/).includes('deb')) continue;
        for (const uri of (st.get('URIs') ?? '').split(/\s+/).filter(Boolean)) {
          for (const suite of (st.get('Suites') ?? '').split(/\s+/).filter(Boolean)) out.push({ uri: uri.replace(/\/$/, ''), suite, components: (st.get('Components') ?? 'main').split(/\s+/) });
        }
      }
    }
  }
  return out;
}

/** The file name apt stores a URI under: scheme and slashes flattened. */
export function listName(uri: string, rest: string): string {
  return `${uri.replace(/^[a-z]+:\/\//, '')}/${rest}`.replace(/\//g, '_');
}

/** `debian bookworm` for http://deb.debian.org/debian + bookworm. */
export function archiveKey(s: Source): string {
  return `${s.uri.replace(/^[a-z]+:\/\/[^/]+\//, '')} ${s.suite}`;
}

export interface Available {
  pkg: DebPackage;
  source: Source;
}

/** Packages of the stored lists, newest version of each name. */
export function availablePackages(fs: FileSystem, sources: readonly Source[]): Map<string, Available> {
  const out = new Map<string, Available>();
  for (const s of sources) {
    const path = `/var/lib/apt/lists/${listName(s.uri, `dists/${s.suite}/main/binary-amd64/Packages`)}.lz4`;
    const c = fs.readContent(path);
    if (c instanceof FsError) continue;
    let pkgs: DebPackage[];
    if (isGenerated(c) && c.seed.startsWith(LIST_SEED)) pkgs = packagesIn(c.seed.slice(LIST_SEED.length));
    else pkgs = parseStanzas(contentText(c)).map(stanzaToPackage);
    for (const p of pkgs) if (!out.has(p.name)) out.set(p.name, { pkg: p, source: s });
  }
  return out;
}

function stanzaToPackage(f: Map<string, string>): DebPackage {
  return {
    name: f.get('Package') ?? '',
    version: f.get('Version') ?? '',
    arch: f.get('Architecture') === 'all' ? 'all' : 'amd64',
    suite: 'bookworm',
    section: f.get('Section') ?? 'misc',
    priority: 'optional',
    size: Number(f.get('Size') ?? 0),
    installed: Number(f.get('Installed-Size') ?? 0),
    depends: f.get('Depends'),
    preDepends: f.get('Pre-Depends'),
    recommends: f.get('Recommends'),
    suggests: f.get('Suggests'),
    description: f.get('Description') ?? '',
    files: '@doc',
  };
}
