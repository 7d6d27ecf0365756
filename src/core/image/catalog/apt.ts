// A `RUN apt-get install …` layer: the packages' files plus what apt and dpkg
// rewrite on the way (the dpkg database, logs, debconf cache, ld.so.cache),
// which is why such a layer copies files up from the base.
import type { Layer } from '../../fs/layer';
import { dpkgDatabase } from './debian-system';
import { TreeBuilder, at, jitter } from './tree';

export interface AptLayerSpec {
  salt: string;
  created: string;
  /** Packages already installed below (the dpkg status file lists them too). */
  installed: readonly string[];
  /** Packages this step installs. */
  packages: readonly string[];
  /** Whether /usr/share/doc keeps more than copyright files (not on slim bases). */
  docs: boolean;
  /** Adds the packages' own files. */
  files: (t: TreeBuilder) => void;
  /** The layer's real size in bytes. */
  size: number;
  /** Status-file fields of packages whose real stanza the image's programs read (dpkg-query). */
  stanzas?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Binaries as `name:size` words, installed under `dir` as executables of that program. */
export function bins(t: TreeBuilder, dir: string, spec: string): void {
  for (const w of spec.split(/\s+/).filter(Boolean)) {
    const [name, size] = w.split(':');
    if (size.startsWith('>')) t.link(`${dir}/${name}`, size.slice(1));
    else t.exe(`${dir}/${name}`, name, Number(size));
  }
}

/** Data files as `path:size` words under `dir`; `name>target` makes a symlink. */
export function blobs(t: TreeBuilder, dir: string, spec: string, nominal = 20_000): void {
  for (const w of spec.split(/\s+/).filter(Boolean)) {
    const gt = w.indexOf('>');
    if (gt > 0) {
      t.link(`${dir}/${w.slice(0, gt)}`, w.slice(gt + 1));
      continue;
    }
    const c = w.lastIndexOf(':');
    if (c > 0) t.blob(`${dir}/${w.slice(0, c)}`, Number(w.slice(c + 1)));
    else t.blob(`${dir}/${w}`, jitter(`${dir}/${w}`, nominal));
  }
}

export function aptLayer(spec: AptLayerSpec): Layer {
  const t = new TreeBuilder(spec.salt, at(spec.created));
  spec.files(t);
  for (const p of spec.packages) {
    t.blob(`/usr/share/doc/${p}/copyright`, jitter(`${p}copyright`, 3_200));
    if (spec.docs) t.blob(`/usr/share/doc/${p}/changelog.Debian.gz`, jitter(`${p}changelog`, 2_400));
  }
  dpkgDatabase(t, spec.packages, [...spec.installed, ...spec.packages].sort(), undefined, spec.stanzas);
  t.blob('/var/log/dpkg.log', 180_000 + spec.packages.length * 900);
  t.blob('/var/log/apt/history.log', 920 + spec.packages.length * 60);
  t.blob('/var/log/apt/term.log', 2_210 + spec.packages.length * 300, 0o640, { gid: 4 });
  t.blob('/var/log/apt/eipp.log.xz', 5_500 + spec.packages.length * 40);
  t.blob('/var/cache/debconf/templates.dat', 490_000 + spec.packages.length * 1_500);
  t.blob('/var/cache/debconf/config.dat', 9_720 + spec.packages.length * 30);
  t.blob('/var/lib/apt/extended_states', spec.packages.length * 60);
  t.blob('/etc/ld.so.cache', 9_800 + spec.packages.length * 300);
  return t.scaleTo(spec.size).build();
}
