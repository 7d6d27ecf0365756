// /usr of debian:bookworm: the programs, shared libraries, gconv and perl
// modules, zoneinfo, keyrings, and (not in slim) man pages, docs, translations.
import {
  BASE_PACKAGES,
  DEBIAN_BINS,
  DEBIAN_LIBS,
  DEBIAN_SBINS,
  GCONV,
  LOCALE_LANGS,
  PERL_BASE,
  ZONES,
} from './debian-lists';
import { DEBIANUTILS_WHICH } from './debianutils-which';
import { jitter, type TreeBuilder } from './tree';

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

export function debianUsr(t: TreeBuilder, slim: boolean): void {
  for (const [name, size] of DEBIAN_BINS) {
    if (typeof size === 'string') t.link(`/usr/bin/${name}`, size);
    else t.exe(`/usr/bin/${name}`, name, size);
  }
  for (const [name, size] of DEBIAN_SBINS) {
    if (typeof size === 'string') t.link(`/usr/sbin/${name}`, size);
    else t.exe(`/usr/sbin/${name}`, name, size);
  }
  t.file('/usr/bin/which.debianutils', DEBIANUTILS_WHICH, 0o755);
  for (const [file, size, ...links] of DEBIAN_LIBS) {
    t.blob(`${L}/${file}`, size, 0o644);
    for (const l of links) t.link(`${L}/${l}`, file);
  }
  t.link('/usr/lib64/ld-linux-x86-64.so.2', '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2');
  for (const g of GCONV) t.blob(`${L}/gconv/${g}.so`, jitter(g, 30_000));
  t.blob(`${L}/gconv/gconv-modules.cache`, 27_002);
  t.blob(`${L}/gconv/gconv-modules`, 3_548);
  for (const m of PERL_BASE) t.blob(`${L}/perl-base/${m}`, jitter(m, 14_000));
  for (const m of [
    'pam_access',
    'pam_debug',
    'pam_deny',
    'pam_echo',
    'pam_env',
    'pam_exec',
    'pam_faildelay',
    'pam_faillock',
    'pam_filter',
    'pam_ftp',
    'pam_group',
    'pam_issue',
    'pam_keyinit',
    'pam_lastlog',
    'pam_limits',
    'pam_listfile',
    'pam_localuser',
    'pam_loginuid',
    'pam_mail',
    'pam_mkhomedir',
    'pam_motd',
    'pam_namespace',
    'pam_nologin',
    'pam_permit',
    'pam_pwhistory',
    'pam_rhosts',
    'pam_rootok',
    'pam_securetty',
    'pam_selinux',
    'pam_sepermit',
    'pam_setquota',
    'pam_shells',
    'pam_stress',
    'pam_succeed_if',
    'pam_time',
    'pam_timestamp',
    'pam_tty_audit',
    'pam_umask',
    'pam_unix',
    'pam_userdb',
    'pam_usertype',
    'pam_warn',
    'pam_wheel',
    'pam_xauth',
  ]) {
    t.blob(`${L}/security/${m}.so`, jitter(m, 18_000));
  }
  for (const m of ['http', 'file', 'gpgv', 'store', 'copy', 'cdrom', 'rred', 'mirror'])
    t.exe(`/usr/lib/apt/methods/${m}`, `apt-${m}`, jitter(m, 60_000));
  t.link('/usr/lib/apt/methods/https', 'http');
  t.exe('/usr/lib/apt/apt-helper', 'apt-helper', 43_928);
  t.exe('/usr/lib/apt/solvers/dump', 'apt-dump-solver', 35_736);
  t.exe('/usr/libexec/coreutils/libstdbuf.so', 'libstdbuf', 14_488);
  for (const f of [
    'LC_ADDRESS',
    'LC_COLLATE',
    'LC_CTYPE',
    'LC_IDENTIFICATION',
    'LC_MEASUREMENT',
    'LC_MONETARY',
    'LC_NAME',
    'LC_NUMERIC',
    'LC_PAPER',
    'LC_TELEPHONE',
    'LC_TIME',
  ]) {
    t.blob(
      `/usr/lib/locale/C.utf8/${f}`,
      f === 'LC_COLLATE' ? 1_406_464 : f === 'LC_CTYPE' ? 353_616 : jitter(f, 2_000),
    );
  }
  t.blob('/usr/lib/locale/C.utf8/LC_MESSAGES/SYS_LC_MESSAGES', 48);
  for (const z of ZONES) t.blob(`/usr/share/zoneinfo/${z}`, z.startsWith('Etc/') ? 111 : jitter(z, 2_200));
  t.blob('/usr/share/zoneinfo/zone.tab', 18_822);
  t.blob('/usr/share/zoneinfo/zone1970.tab', 17_596);
  t.blob('/usr/share/zoneinfo/iso3166.tab', 4_463);
  t.blob('/usr/share/zoneinfo/tzdata.zi', 107_453);
  for (const k of [
    'debian-archive-bookworm-automatic.gpg',
    'debian-archive-bookworm-security-automatic.gpg',
    'debian-archive-bookworm-stable.gpg',
    'debian-archive-bullseye-automatic.gpg',
    'debian-archive-bullseye-security-automatic.gpg',
    'debian-archive-bullseye-stable.gpg',
    'debian-archive-keyring.gpg',
    'debian-archive-removed-keys.gpg',
  ]) {
    t.blob(`/usr/share/keyrings/${k}`, jitter(k, 8_000));
  }
  for (const l of [
    'Apache-2.0',
    'Artistic',
    'BSD',
    'CC0-1.0',
    'GFDL-1.2',
    'GFDL-1.3',
    'GPL-1',
    'GPL-2',
    'GPL-3',
    'LGPL-2',
    'LGPL-2.1',
    'LGPL-3',
    'MPL-1.1',
    'MPL-2.0',
  ]) {
    t.blob(`/usr/share/common-licenses/${l}`, jitter(l, 20_000));
  }
  t.link('/usr/share/common-licenses/GPL', 'GPL-3');
  t.link('/usr/share/common-licenses/LGPL', 'LGPL-3');
  for (const f of [
    'dot.bashrc',
    'dot.profile',
    'dot.profile.md5sums',
    'info.dir',
    'motd',
    'profile',
    'profile.md5sums',
    'staff-group-for-usr-local',
  ]) {
    t.blob(`/usr/share/base-files/${f}`, jitter(f, 700));
  }
  for (const f of [
    'a/ansi',
    'd/dumb',
    'l/linux',
    'r/rxvt',
    's/screen',
    's/screen-256color',
    's/sun',
    'v/vt100',
    'v/vt102',
    'v/vt220',
    'x/xterm',
    'x/xterm-256color',
    'x/xterm-color',
  ]) {
    t.blob(`/usr/share/terminfo/${f}`, jitter(f, 2_500));
  }
  for (const f of [
    'Debconf/Client/ConfModule.pm',
    'Debconf/Config.pm',
    'Debconf/ConfModule.pm',
    'Debconf/Db.pm',
    'Debconf/Question.pm',
    'Debconf/Template.pm',
    'Debconf/FrontEnd/Noninteractive.pm',
    'Debconf/FrontEnd/Readline.pm',
    'Debconf/FrontEnd/Dialog.pm',
  ]) {
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
    for (const [name] of [...DEBIAN_BINS, ...DEBIAN_SBINS])
      t.blob(
        `/usr/share/man/man${name.length % 3 === 0 ? 8 : 1}/${name}.${name.length % 3 === 0 ? 8 : 1}.gz`,
        jitter(`${name}man`, 3_800),
      );
    for (const lang of LOCALE_LANGS) {
      for (const dom of [
        'coreutils',
        'dpkg',
        'apt',
        'tar',
        'grep',
        'sed',
        'findutils',
        'diffutils',
        'util-linux',
        'shadow',
        'bash',
        'debconf',
        'libc',
        'gettext-runtime',
        'e2fsprogs',
      ]) {
        if ((lang.charCodeAt(0) + dom.length) % 4 !== 0)
          t.blob(`/usr/share/locale/${lang}/LC_MESSAGES/${dom}.mo`, jitter(`${lang}${dom}`, 60_000));
      }
    }
    for (const i of [
      'coreutils.info.gz',
      'grep.info.gz',
      'sed.info.gz',
      'find.info.gz',
      'find-maint.info.gz',
      'diffutils.info.gz',
      'gzip.info.gz',
      'tar.info.gz',
      'bash.info.gz',
      'dir',
      'dir.old',
      'libc.info.gz',
    ]) {
      t.blob(`/usr/share/info/${i}`, jitter(i, 90_000));
    }
    for (const lang of ['de', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt', 'ru', 'sv', 'zh_CN']) {
      for (const name of ['apt', 'apt-get', 'dpkg', 'passwd', 'login', 'su', 'useradd', 'sources.list'])
        t.blob(`/usr/share/man/${lang}/man8/${name}.8.gz`, jitter(`${lang}${name}`, 6_000));
    }
  }
}
