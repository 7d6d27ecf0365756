// debian:bookworm and debian:bookworm-slim: the debuerreotype root filesystem
// (merged /usr, dpkg database, the tools a shell provides). The two variants
// are different layers, as the real ones are: slim drops docs, man pages and
// translations, so nothing built on one shares a layer with the other.
import type { Layer } from '../../fs/layer';
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
import { BASE_PACKAGES, DEBIAN_BINS, DEBIAN_LIBS, DEBIAN_SBINS, GCONV, LOCALE_LANGS, PERL_BASE, ZONES } from './debian-lists';
import { type Recipe, type Step } from './recipe';
import { TreeBuilder, at, jitter } from './tree';

export const DEBIAN_CREATED = '2026-11-03T00:00:00Z';
const EPOCH_S = at(DEBIAN_CREATED) / 1000;
const L = '/usr/lib/x86_64-linux-gnu';

/** Files every Debian package contributes to /usr/share/doc (copyright always; the rest not in slim). */
function docs(t: TreeBuilder, pkgs: readonly string[], slim: boolean): void {
  for (const p of pkgs) {
    t.blob(`/usr/share/doc/${p}/copyright`, jitter(`${p}copyright`, 3200));
    if (!slim) {
      t.blob(`/usr/share/doc/${p}/changelog.Debian.gz`, jitter(`${p}changelog`, 2400));
      if (p.length % 3 === 0) t.blob(`/usr/share/doc/${p}/changelog.gz`, jitter(`${p}upstream`, 9000));
    }
  }
}

/** The dpkg database after installing `pkgs` (status, per-package file lists). */
export function dpkgDatabase(t: TreeBuilder, pkgs: readonly string[], allPkgs: readonly string[], version = (p: string) => `${p.length}.${p.charCodeAt(0) % 10}-1`): void {
  const status = allPkgs
    .map(
      (p) =>
        `Package: ${p}\nStatus: install ok installed\nPriority: optional\nSection: misc\nInstalled-Size: ${jitter(p, 900)}\nMaintainer: Debian Developers <debian-devel@lists.debian.org>\nArchitecture: amd64\nVersion: ${version(p)}\nDescription: ${p}\n`,
    )
    .join('\n');
  t.file('/var/lib/dpkg/status', status);
  t.file('/var/lib/dpkg/status-old', status);
  for (const p of pkgs) {
    t.blob(`/var/lib/dpkg/info/${p}.list`, jitter(`${p}.list`, 700));
    t.blob(`/var/lib/dpkg/info/${p}.md5sums`, jitter(`${p}.md5`, 900));
  }
}

function etc(t: TreeBuilder, slim: boolean): void {
  const day = Math.floor(EPOCH_S / 86400);
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
  t.file('/etc/ld.so.conf.d/x86_64-linux-gnu.conf', '# Multiarch support\n/usr/local/lib/x86_64-linux-gnu\n/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n');
  t.blob('/etc/ld.so.cache', 9800);
  for (const f of ['login.defs', 'adduser.conf', 'deluser.conf', 'debconf.conf', 'mke2fs.conf', 'gai.conf', 'inputrc', 'xattr.conf', 'e2scrub.conf', 'pam.conf', 'securetty']) {
    t.blob(`/etc/${f}`, jitter(f, 3000));
  }
  for (const f of ['common-account', 'common-auth', 'common-password', 'common-session', 'common-session-noninteractive', 'login', 'other', 'passwd', 'su', 'chfn', 'chpasswd', 'chsh', 'newusers', 'runuser', 'runuser-l', 'su-l']) {
    t.blob(`/etc/pam.d/${f}`, jitter(f, 900));
  }
  for (const f of ['access.conf', 'faillock.conf', 'group.conf', 'limits.conf', 'namespace.conf', 'namespace.init', 'pam_env.conf', 'sepermit.conf', 'time.conf']) {
    t.blob(`/etc/security/${f}`, jitter(f, 2500));
  }
  t.dir('/etc/security/limits.d').dir('/etc/security/namespace.d');
  t.file('/etc/apt/sources.list.d/debian.sources', debianSources('20261103T000000Z'));
  t.file('/etc/apt/apt.conf.d/docker-clean', APT_DOCKER_CLEAN);
  t.file('/etc/apt/apt.conf.d/docker-autoremove-suggests', '# Since Docker users are looking for the smallest possible final images, the\n# following emerges as a very common pattern:\n\nApt::AutoRemove::SuggestsImportant "false";\n');
  t.file('/etc/apt/apt.conf.d/docker-gzip-indexes', '# Since Docker users using "RUN apt-get update && apt-get install -y ..." in\n# their Dockerfiles don\'t go delete the lists files afterwards, we want them to\n# be as small as possible on-disk, so we explicitly request that Apt keep them\n# compressed on-disk too instead of decompressing them.\n\nAcquire::GzipIndexes "true";\n');
  t.file('/etc/apt/apt.conf.d/docker-no-languages', '# In Docker, we don\'t often need the "Translations" files, so we\'re just wasting\n# time and space by downloading them, and this inhibits that.  For users that do\n# need them, it\'s a simple matter to delete this file and "apt-get update". :)\n\nAcquire::Languages "none";\n');
  t.dir('/etc/apt/preferences.d').dir('/etc/apt/trusted.gpg.d').dir('/etc/apt/auth.conf.d').dir('/etc/apt/keyrings');
  t.file('/etc/dpkg/dpkg.cfg', '# dpkg configuration file\n\n# Do not enable debsig-verify by default\nno-debsig\n\n# Log status changes and actions to a file.\nlog /var/log/dpkg.log\n');
  t.file('/etc/dpkg/dpkg.cfg.d/docker-apt-speedup', '# For most Docker users, package installs happen during "docker build", which\n# doesn\'t survive power loss and gets restarted clean afterwards anyhow, so\n# this minor tweak gives us a nice speedup (much nicer on spinning disks,\n# obviously).\n\nforce-unsafe-io\n');
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
  for (const d of ['profile.d', 'opt', 'default', 'cron.daily', 'logrotate.d', 'systemd/system', 'update-motd.d', 'kernel/postinst.d', 'selinux', 'init.d', 'rc0.d', 'rcS.d', 'terminfo']) {
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

function usr(t: TreeBuilder, slim: boolean): void {
  for (const [name, size] of DEBIAN_BINS) {
    if (typeof size === 'string') t.link(`/usr/bin/${name}`, size);
    else t.exe(`/usr/bin/${name}`, name, size);
  }
  for (const [name, size] of DEBIAN_SBINS) {
    if (typeof size === 'string') t.link(`/usr/sbin/${name}`, size);
    else t.exe(`/usr/sbin/${name}`, name, size);
  }
  t.file('/usr/bin/which.debianutils', '#! /bin/sh\nset -ef\n\nif test -n "$KSH_VERSION"; then\n\tputs() {\n\t\tprint -r -- "$*"\n\t}\nelse\n\tputs() {\n\t\tprintf \'%s\\n\' "$*"\n\t}\nfi\n', 0o755);
  for (const [file, size, ...links] of DEBIAN_LIBS) {
    t.blob(`${L}/${file}`, size, 0o644);
    for (const l of links) t.link(`${L}/${l}`, file);
  }
  t.link('/usr/lib64/ld-linux-x86-64.so.2', '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2');
  for (const g of GCONV) t.blob(`${L}/gconv/${g}.so`, jitter(g, 30_000));
  t.blob(`${L}/gconv/gconv-modules.cache`, 27_002);
  t.blob(`${L}/gconv/gconv-modules`, 3_548);
  for (const m of PERL_BASE) t.blob(`${L}/perl-base/${m}`, jitter(m, 14_000));
  for (const m of ['pam_access', 'pam_debug', 'pam_deny', 'pam_echo', 'pam_env', 'pam_exec', 'pam_faildelay', 'pam_faillock', 'pam_filter', 'pam_ftp', 'pam_group', 'pam_issue', 'pam_keyinit', 'pam_lastlog', 'pam_limits', 'pam_listfile', 'pam_localuser', 'pam_loginuid', 'pam_mail', 'pam_mkhomedir', 'pam_motd', 'pam_namespace', 'pam_nologin', 'pam_permit', 'pam_pwhistory', 'pam_rhosts', 'pam_rootok', 'pam_securetty', 'pam_selinux', 'pam_sepermit', 'pam_setquota', 'pam_shells', 'pam_stress', 'pam_succeed_if', 'pam_time', 'pam_timestamp', 'pam_tty_audit', 'pam_umask', 'pam_unix', 'pam_userdb', 'pam_usertype', 'pam_warn', 'pam_wheel', 'pam_xauth']) {
    t.blob(`${L}/security/${m}.so`, jitter(m, 18_000));
  }
  for (const m of ['http', 'file', 'gpgv', 'store', 'copy', 'cdrom', 'rred', 'mirror']) t.exe(`/usr/lib/apt/methods/${m}`, `apt-${m}`, jitter(m, 60_000));
  t.link('/usr/lib/apt/methods/https', 'http');
  t.exe('/usr/lib/apt/apt-helper', 'apt-helper', 43_928);
  t.exe('/usr/lib/apt/solvers/dump', 'apt-dump-solver', 35_736);
  t.exe('/usr/libexec/coreutils/libstdbuf.so', 'libstdbuf', 14_488);
  for (const f of ['LC_ADDRESS', 'LC_COLLATE', 'LC_CTYPE', 'LC_IDENTIFICATION', 'LC_MEASUREMENT', 'LC_MONETARY', 'LC_NAME', 'LC_NUMERIC', 'LC_PAPER', 'LC_TELEPHONE', 'LC_TIME']) {
    t.blob(`/usr/lib/locale/C.utf8/${f}`, f === 'LC_COLLATE' ? 1_406_464 : f === 'LC_CTYPE' ? 353_616 : jitter(f, 2_000));
  }
  t.blob('/usr/lib/locale/C.utf8/LC_MESSAGES/SYS_LC_MESSAGES', 48);
  for (const z of ZONES) t.blob(`/usr/share/zoneinfo/${z}`, z.startsWith('Etc/') ? 111 : jitter(z, 2_200));
  t.blob('/usr/share/zoneinfo/zone.tab', 18_822);
  t.blob('/usr/share/zoneinfo/zone1970.tab', 17_596);
  t.blob('/usr/share/zoneinfo/iso3166.tab', 4_463);
  t.blob('/usr/share/zoneinfo/tzdata.zi', 107_453);
  for (const k of ['debian-archive-bookworm-automatic.gpg', 'debian-archive-bookworm-security-automatic.gpg', 'debian-archive-bookworm-stable.gpg', 'debian-archive-bullseye-automatic.gpg', 'debian-archive-bullseye-security-automatic.gpg', 'debian-archive-bullseye-stable.gpg', 'debian-archive-keyring.gpg', 'debian-archive-removed-keys.gpg']) {
    t.blob(`/usr/share/keyrings/${k}`, jitter(k, 8_000));
  }
  for (const l of ['Apache-2.0', 'Artistic', 'BSD', 'CC0-1.0', 'GFDL-1.2', 'GFDL-1.3', 'GPL-1', 'GPL-2', 'GPL-3', 'LGPL-2', 'LGPL-2.1', 'LGPL-3', 'MPL-1.1', 'MPL-2.0']) {
    t.blob(`/usr/share/common-licenses/${l}`, jitter(l, 20_000));
  }
  t.link('/usr/share/common-licenses/GPL', 'GPL-3');
  t.link('/usr/share/common-licenses/LGPL', 'LGPL-3');
  for (const f of ['dot.bashrc', 'dot.profile', 'dot.profile.md5sums', 'info.dir', 'motd', 'profile', 'profile.md5sums', 'staff-group-for-usr-local']) {
    t.blob(`/usr/share/base-files/${f}`, jitter(f, 700));
  }
  for (const f of ['a/ansi', 'd/dumb', 'l/linux', 'r/rxvt', 's/screen', 's/screen-256color', 's/sun', 'v/vt100', 'v/vt102', 'v/vt220', 'x/xterm', 'x/xterm-256color', 'x/xterm-color']) {
    t.blob(`/usr/share/terminfo/${f}`, jitter(f, 2_500));
  }
  for (const f of ['Debconf/Client/ConfModule.pm', 'Debconf/Config.pm', 'Debconf/ConfModule.pm', 'Debconf/Db.pm', 'Debconf/Question.pm', 'Debconf/Template.pm', 'Debconf/FrontEnd/Noninteractive.pm', 'Debconf/FrontEnd/Readline.pm', 'Debconf/FrontEnd/Dialog.pm']) {
    t.blob(`/usr/share/perl5/${f}`, jitter(f, 9_000));
  }
  t.blob('/usr/share/debconf/confmodule', 2_790);
  t.blob('/usr/share/dpkg/cputable', 2_055);
  t.blob('/usr/share/dpkg/tupletable', 1_778);
  t.blob('/usr/share/dpkg/abitable', 365);
  t.blob('/usr/share/bash-completion/completions/apt', 16_000);
  t.blob('/usr/share/pam/common-auth', 1_283);
  docs(t, BASE_PACKAGES, slim);
  if (!slim) {
    for (const [name] of [...DEBIAN_BINS, ...DEBIAN_SBINS]) t.blob(`/usr/share/man/man${name.length % 3 === 0 ? 8 : 1}/${name}.${name.length % 3 === 0 ? 8 : 1}.gz`, jitter(`${name}man`, 3_800));
    for (const lang of LOCALE_LANGS) {
      for (const dom of ['coreutils', 'dpkg', 'apt', 'tar', 'grep', 'sed', 'findutils', 'diffutils', 'util-linux', 'shadow', 'bash', 'debconf', 'libc', 'gettext-runtime', 'e2fsprogs']) {
        if ((lang.charCodeAt(0) + dom.length) % 4 !== 0) t.blob(`/usr/share/locale/${lang}/LC_MESSAGES/${dom}.mo`, jitter(`${lang}${dom}`, 60_000));
      }
    }
    for (const i of ['coreutils.info.gz', 'grep.info.gz', 'sed.info.gz', 'find.info.gz', 'find-maint.info.gz', 'diffutils.info.gz', 'gzip.info.gz', 'tar.info.gz', 'bash.info.gz', 'dir', 'dir.old', 'libc.info.gz']) {
      t.blob(`/usr/share/info/${i}`, jitter(i, 90_000));
    }
    for (const lang of ['de', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt', 'ru', 'sv', 'zh_CN']) {
      for (const name of ['apt', 'apt-get', 'dpkg', 'passwd', 'login', 'su', 'useradd', 'sources.list']) t.blob(`/usr/share/man/${lang}/man8/${name}.8.gz`, jitter(`${lang}${name}`, 6_000));
    }
  }
}

function varFiles(t: TreeBuilder): void {
  dpkgDatabase(t, BASE_PACKAGES, BASE_PACKAGES);
  t.file('/var/lib/dpkg/available', '');
  t.file('/var/lib/dpkg/diversions', '');
  t.file('/var/lib/dpkg/statoverride', '');
  t.file('/var/lib/dpkg/arch', 'amd64\n');
  for (const a of ['awk', 'nawk', 'pager', 'rmt', 'which']) t.blob(`/var/lib/dpkg/alternatives/${a}`, jitter(a, 120));
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
  t.dir('/var/backups').dir('/var/cache/ldconfig', 0o700).dir('/var/lib/misc').dir('/var/opt').dir('/var/spool');
  t.dir('/var/mail', 0o2775, { gid: 8 }).dir('/var/local', 0o2775, { gid: 50 });
  t.link('/var/spool/mail', '../mail');
  t.link('/var/run', '/run');
  t.link('/var/lock', '/run/lock');
}

/** The root filesystem of debian:bookworm (or -slim), as debuerreotype builds it. */
export function debianRootfs(slim: boolean): Layer {
  const t = new TreeBuilder(slim ? 'debian-bookworm-slim' : 'debian-bookworm', at(DEBIAN_CREATED));
  t.link('/bin', 'usr/bin').link('/sbin', 'usr/sbin').link('/lib', 'usr/lib').link('/lib64', 'usr/lib64');
  for (const d of ['/boot', '/dev', '/home', '/media', '/mnt', '/opt', '/run', '/srv', '/usr/games', '/usr/include', '/usr/src']) t.dir(d);
  t.dir('/proc', 0o555).dir('/sys', 0o555).dir('/root', 0o700).dir('/tmp', 0o1777).dir('/var/tmp', 0o1777).dir('/run/lock', 0o1777);
  for (const d of ['bin', 'etc', 'games', 'include', 'lib', 'libexec', 'sbin', 'share', 'src']) t.dir(`/usr/local/${d}`, 0o755, { gid: 50 });
  t.link('/usr/local/man', 'share/man');
  etc(t, slim);
  usr(t, slim);
  varFiles(t);
  return t.scaleTo(slim ? 74_832_000 : 116_544_000).build();
}

export function debianRecipe(slim: boolean, fullLayer: () => Layer): Recipe {
  const createdBy = `# debian.sh --arch 'amd64' out/ 'bookworm' '@${EPOCH_S}'`;
  const steps: Step[] = [
    { created: DEBIAN_CREATED, createdBy, comment: 'debuerreotype 0.15', layer: fullLayer, ratio: slim ? 0.375 : 0.415, config: (c) => ({ ...c, Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['bash'] }) },
  ];
  return { name: slim ? 'debian:bookworm-slim' : 'debian:bookworm', steps };
}
