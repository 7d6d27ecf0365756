// debian:bookworm and debian:bookworm-slim: the debuerreotype root filesystem
// (merged /usr, dpkg database, the tools a shell provides). The two variants
// are different layers, as the real ones are: slim drops docs, man pages and
// translations, so nothing built on one shares a layer with the other.
import type { Layer } from '../../fs/layer';
import { debianEtc, debianVar } from './debian-system';
import { debianUsr } from './debian-usr';
import { type Recipe, type Step } from './recipe';
import { TreeBuilder, at } from './tree';

export const DEBIAN_CREATED = '2026-11-03T00:00:00Z';
const EPOCH_S = at(DEBIAN_CREATED) / 1000;

/** The root filesystem of debian:bookworm (or -slim), as debuerreotype builds it. */
export function debianRootfs(slim: boolean): Layer {
  const t = new TreeBuilder(slim ? 'debian-bookworm-slim' : 'debian-bookworm', at(DEBIAN_CREATED));
  t.link('/bin', 'usr/bin').link('/sbin', 'usr/sbin').link('/lib', 'usr/lib').link('/lib64', 'usr/lib64');
  for (const d of [
    '/boot',
    '/dev',
    '/home',
    '/media',
    '/mnt',
    '/opt',
    '/run',
    '/srv',
    '/usr/games',
    '/usr/include',
    '/usr/src',
  ])
    t.dir(d);
  t.dir('/proc', 0o555)
    .dir('/sys', 0o555)
    .dir('/root', 0o700)
    .dir('/tmp', 0o1777)
    .dir('/var/tmp', 0o1777)
    .dir('/run/lock', 0o1777);
  for (const d of ['bin', 'etc', 'games', 'include', 'lib', 'libexec', 'sbin', 'share', 'src'])
    t.dir(`/usr/local/${d}`, 0o755, { gid: 50 });
  t.link('/usr/local/man', 'share/man');
  debianEtc(t, slim, EPOCH_S);
  debianUsr(t, slim);
  debianVar(t);
  return t.scaleTo(slim ? 74_832_000 : 116_544_000).build();
}

export function debianRecipe(slim: boolean, fullLayer: () => Layer): Recipe {
  const createdBy = `# debian.sh --arch 'amd64' out/ 'bookworm' '@${EPOCH_S}'`;
  const steps: Step[] = [
    {
      created: DEBIAN_CREATED,
      createdBy,
      comment: 'debuerreotype 0.15',
      layer: fullLayer,
      ratio: slim ? 0.375 : 0.415,
      config: (c) => ({
        ...c,
        Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
        Cmd: ['bash'],
      }),
    },
  ];
  return { name: slim ? 'debian:bookworm-slim' : 'debian:bookworm', steps };
}
