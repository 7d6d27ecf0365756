// /etc and /var of debian:bookworm: base-files, base-passwd and apt
// configuration, and the dpkg database the later apt layers rewrite.
import {
  APT_DOCKER_CLEAN,
  BASH_BASHRC,
  DEBIAN_VERSION,
  DPKG_SLIM,
  GROUP,
  GSHADOW,
  MOTD,
  NSSWITCH,
  OS_RELEASE,
  PASSWD,
  PROFILE,
  ROOT_BASHRC,
  ROOT_PROFILE,
  SHELLS,
  SKEL_LOGOUT,
  SKEL_PROFILE,
  debianSources,
  shadow,
} from './debian-etc';
import { BASE_PACKAGES } from './debian-lists';
import { jitter, type TreeBuilder } from './tree';

/** The dpkg database after installing `pkgs` (status, per-package file lists). */
export function dpkgDatabase(
  t: TreeBuilder,
  pkgs: readonly string[],
  allPkgs: readonly string[],
  version = (p: string) => `${p.length}.${p.charCodeAt(0) % 10}-1`,
  /** A package's own fields where the image's real stanza has them (Version, Maintainer, Conffiles). */
  own: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
): void {
  const status = allPkgs
    .map((p) => {
      const f = own[p] ?? {};
      const conffiles = f.Conffiles ? `Conffiles:\n${f.Conffiles}\n` : '';
      return `Package: ${p}\nStatus: install ok installed\nPriority: optional\nSection: ${f.Section ?? 'misc'}\nInstalled-Size: ${jitter(p, 900)}\nMaintainer: ${f.Maintainer ?? 'Debian Developers <debian-devel@lists.debian.org>'}\nArchitecture: amd64\nVersion: ${f.Version ?? version(p)}\n${conffiles}Description: ${p}\n`;
    })
    .join('\n');
  t.file('/var/lib/dpkg/status', status);
  t.file('/var/lib/dpkg/status-old', status);
  for (const p of pkgs) {
    t.blob(`/var/lib/dpkg/info/${p}.list`, jitter(`${p}.list`, 700));
    t.blob(`/var/lib/dpkg/info/${p}.md5sums`, jitter(`${p}.md5`, 900));
  }
}

export function debianEtc(t: TreeBuilder, slim: boolean, epochS: number): void {
  const day = Math.floor(epochS / 86400);
  t.file('/usr/lib/os-release', OS_RELEASE);
  t.link('/etc/os-release', '../usr/lib/os-release');
  t.file('/etc/debian_version', `${DEBIAN_VERSION}\n`);
  t.file('/etc/issue', 'Debian GNU/Linux 12 \\n \\l\n\n');
  t.file('/etc/issue.net', 'Debian GNU/Linux 12\n');
  t.file('/etc/passwd', PASSWD);
  t.file('/etc/group', GROUP);
  t.file('/etc/shadow', shadow(day), 0o640, { gid: 42 });
  t.file('/etc/gshadow', GSHADOW, 0o640, { gid: 42 });
  t.file('/etc/shells', SHELLS);
  t.file('/etc/profile', PROFILE);
  t.file('/etc/bash.bashrc', BASH_BASHRC);
  t.file('/etc/nsswitch.conf', NSSWITCH);
  t.file('/etc/motd', MOTD);
  t.file('/etc/host.conf', 'multi on\n');
  t.file('/etc/environment', '');
  t.file('/etc/timezone', 'Etc/UTC\n');
  t.link('/etc/localtime', '/usr/share/zoneinfo/Etc/UTC');
  t.link('/etc/mtab', '../proc/self/mounts');
  t.file('/etc/ld.so.conf', 'include /etc/ld.so.conf.d/*.conf\n\n');
  t.file('/etc/ld.so.conf.d/libc.conf', '# libc default configuration\n/usr/local/lib\n');
  t.file(
    '/etc/ld.so.conf.d/x86_64-linux-gnu.conf',
    '# Multiarch support\n/usr/local/lib/x86_64-linux-gnu\n/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n',
  );
  t.blob('/etc/ld.so.cache', 9800);
  for (const f of [
    'login.defs',
    'adduser.conf',
    'deluser.conf',
    'debconf.conf',
    'mke2fs.conf',
    'gai.conf',
    'inputrc',
    'xattr.conf',
    'e2scrub.conf',
    'pam.conf',
    'securetty',
  ]) {
    t.blob(`/etc/${f}`, jitter(f, 3000));
  }
  for (const f of [
    'common-account',
    'common-auth',
    'common-password',
    'common-session',
    'common-session-noninteractive',
    'login',
    'other',
    'passwd',
    'su',
    'chfn',
    'chpasswd',
    'chsh',
    'newusers',
    'runuser',
    'runuser-l',
    'su-l',
  ]) {
    t.blob(`/etc/pam.d/${f}`, jitter(f, 900));
  }
  for (const f of [
    'access.conf',
    'faillock.conf',
    'group.conf',
    'limits.conf',
    'namespace.conf',
    'namespace.init',
    'pam_env.conf',
    'sepermit.conf',
    'time.conf',
  ]) {
    t.blob(`/etc/security/${f}`, jitter(f, 2500));
  }
  t.dir('/etc/security/limits.d').dir('/etc/security/namespace.d');
  t.file('/etc/apt/sources.list.d/debian.sources', debianSources('20261103T000000Z'));
  t.file('/etc/apt/apt.conf.d/docker-clean', APT_DOCKER_CLEAN);
  t.file(
    '/etc/apt/apt.conf.d/docker-autoremove-suggests',
    '# Since Docker users are looking for the smallest possible final images, the\n# following emerges as a very common pattern:\n\nApt::AutoRemove::SuggestsImportant "false";\n',
  );
  t.file(
    '/etc/apt/apt.conf.d/docker-gzip-indexes',
    '# Since Docker users using "RUN apt-get update && apt-get install -y ..." in\n# their Dockerfiles don\'t go delete the lists files afterwards, we want them to\n# be as small as possible on-disk, so we explicitly request that Apt keep them\n# compressed on-disk too instead of decompressing them.\n\nAcquire::GzipIndexes "true";\n',
  );
  t.file(
    '/etc/apt/apt.conf.d/docker-no-languages',
    '# In Docker, we don\'t often need the "Translations" files, so we\'re just wasting\n# time and space by downloading them, and this inhibits that.  For users that do\n# need them, it\'s a simple matter to delete this file and "apt-get update". :)\n\nAcquire::Languages "none";\n',
  );
  t.dir('/etc/apt/preferences.d')
    .dir('/etc/apt/trusted.gpg.d')
    .dir('/etc/apt/auth.conf.d')
    .dir('/etc/apt/keyrings');
  t.file(
    '/etc/dpkg/dpkg.cfg',
    '# dpkg configuration file\n\n# Do not enable debsig-verify by default\nno-debsig\n\n# Log status changes and actions to a file.\nlog /var/log/dpkg.log\n',
  );
  t.file(
    '/etc/dpkg/dpkg.cfg.d/docker-apt-speedup',
    '# For most Docker users, package installs happen during "docker build", which\n# doesn\'t survive power loss and gets restarted clean afterwards anyhow, so\n# this minor tweak gives us a nice speedup (much nicer on spinning disks,\n# obviously).\n\nforce-unsafe-io\n',
  );
  if (slim) t.file('/etc/dpkg/dpkg.cfg.d/docker', DPKG_SLIM);
  t.file('/etc/skel/.bashrc', ROOT_BASHRC);
  t.file('/etc/skel/.profile', SKEL_PROFILE);
  t.file('/etc/skel/.bash_logout', SKEL_LOGOUT);
  t.file('/root/.bashrc', ROOT_BASHRC);
  t.file('/root/.profile', ROOT_PROFILE);
  t.link('/etc/alternatives/awk', '/usr/bin/mawk');
  t.link('/etc/alternatives/nawk', '/usr/bin/mawk');
  t.link('/etc/alternatives/which', '/usr/bin/which.debianutils');
  t.link('/etc/alternatives/pager', '/usr/bin/more');
  t.link('/etc/alternatives/rmt', '/usr/sbin/rmt-tar');
  t.blob('/etc/alternatives/README', 100);
  for (const d of [
    'profile.d',
    'opt',
    'default',
    'cron.daily',
    'logrotate.d',
    'systemd/system',
    'update-motd.d',
    'kernel/postinst.d',
    'selinux',
    'init.d',
    'rc0.d',
    'rcS.d',
    'terminfo',
  ]) {
    t.dir(`/etc/${d}`);
  }
  t.blob('/etc/cron.daily/apt-compat', 1478, 0o755);
  t.blob('/etc/cron.daily/dpkg', 123, 0o755);
  t.blob('/etc/update-motd.d/10-uname', 23, 0o755);
  t.blob('/etc/default/useradd', 1118);
  t.blob('/etc/default/nss', 1756);
  t.blob('/etc/selinux/semanage.conf', 2065);
  t.blob('/etc/terminfo/README', 87);
}

export function debianVar(t: TreeBuilder): void {
  dpkgDatabase(t, BASE_PACKAGES, BASE_PACKAGES);
  t.file('/var/lib/dpkg/available', '');
  t.file('/var/lib/dpkg/diversions', '');
  t.file('/var/lib/dpkg/statoverride', '');
  t.file('/var/lib/dpkg/arch', 'amd64\n');
  for (const a of ['awk', 'nawk', 'pager', 'rmt', 'which'])
    t.blob(`/var/lib/dpkg/alternatives/${a}`, jitter(a, 120));
  t.dir('/var/lib/dpkg/updates').dir('/var/lib/dpkg/triggers').dir('/var/lib/dpkg/parts');
  t.blob('/var/lib/dpkg/triggers/File', 160);
  t.blob('/var/cache/debconf/config.dat', 9_720);
  t.blob('/var/cache/debconf/templates.dat', 490_000);
  t.file('/var/cache/debconf/passwords.dat', '', 0o600);
  t.dir('/var/cache/apt/archives/partial', 0o700, { uid: 42 });
  t.dir('/var/lib/apt/lists/partial', 0o700, { uid: 42 });
  t.file('/var/lib/apt/extended_states', '');
  t.blob('/var/log/dpkg.log', 180_000);
  t.blob('/var/log/alternatives.log', 1_730);
  t.blob('/var/log/apt/history.log', 920);
  t.blob('/var/log/apt/term.log', 2_210, 0o640, { gid: 4 });
  t.blob('/var/log/apt/eipp.log.xz', 5_500);
  t.file('/var/log/lastlog', '', 0o664, { gid: 43 });
  t.file('/var/log/wtmp', '', 0o664, { gid: 43 });
  t.file('/var/log/btmp', '', 0o660, { gid: 43 });
  t.file('/var/log/faillog', '', 0o644);
  t.dir('/var/backups')
    .dir('/var/cache/ldconfig', 0o700)
    .dir('/var/lib/misc')
    .dir('/var/opt')
    .dir('/var/spool');
  t.dir('/var/mail', 0o2775, { gid: 8 }).dir('/var/local', 0o2775, { gid: 50 });
  t.link('/var/spool/mail', '../mail');
  t.link('/var/run', '/run');
  t.link('/var/lock', '/run/lock');
}
