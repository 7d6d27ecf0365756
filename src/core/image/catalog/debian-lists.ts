// What debian:bookworm's packages install where: the programs in /usr/bin and
// /usr/sbin with their sizes (bytes, from the amd64 packages, rounded), the
// shared libraries, gconv modules, perl-base modules, time zones and locales.

/** [name, size in bytes] for a binary, [name, target] for a symlink. */
export type BinEntry = readonly [string, number | string];

// prettier-ignore
export const DEBIAN_BINS: readonly BinEntry[] = [
  // coreutils 9.1
  ['[', 51_632], ['arch', 35_664], ['b2sum', 56_072], ['base32', 39_760], ['base64', 39_760], ['basename', 35_664], ['basenc', 52_072],
  ['cat', 43_856], ['chcon', 68_632], ['chgrp', 64_480], ['chmod', 64_448], ['chown', 68_576], ['cksum', 101_864], ['comm', 39_856],
  ['cp', 151_152], ['csplit', 105_424], ['cut', 47_856], ['date', 105_344], ['dd', 72_048], ['df', 89_184], ['dir', 151_344],
  ['dircolors', 47_856], ['dirname', 31_568], ['du', 97_376], ['echo', 35_664], ['env', 48_176], ['expand', 39_856], ['expr', 72_400],
  ['factor', 64_464], ['false', 31_504], ['fmt', 39_792], ['fold', 39_856], ['groups', 35_664], ['head', 43_856], ['hostid', 35_632],
  ['id', 39_856], ['install', 151_504], ['join', 52_056], ['link', 35_632], ['ln', 68_512], ['logname', 35_632], ['ls', 151_344],
  ['md5sum', 43_856], ['mkdir', 72_752], ['mkfifo', 39_760], ['mknod', 43_856], ['mktemp', 39_824], ['mv', 143_456], ['nice', 39_728],
  ['nl', 43_856], ['nohup', 35_728], ['nproc', 35_632], ['numfmt', 64_464], ['od', 68_624], ['paste', 35_664], ['pathchk', 35_632],
  ['pinky', 35_664], ['pr', 72_048], ['printenv', 35_632], ['printf', 51_984], ['ptx', 68_656], ['pwd', 39_760], ['readlink', 39_824],
  ['realpath', 43_856], ['rm', 64_448], ['rmdir', 39_760], ['runcon', 35_664], ['seq', 47_984], ['sha1sum', 43_856], ['sha224sum', 47_920],
  ['sha256sum', 47_920], ['sha384sum', 52_016], ['sha512sum', 52_016], ['shred', 55_984], ['shuf', 47_984], ['sleep', 35_664],
  ['sort', 118_000], ['split', 55_984], ['stat', 80_032], ['stdbuf', 48_176], ['stty', 76_080], ['sum', 39_856], ['sync', 35_664],
  ['tac', 39_856], ['tail', 64_528], ['tee', 39_856], ['test', 43_856], ['timeout', 39_952], ['touch', 100_976], ['tr', 47_856],
  ['true', 31_504], ['truncate', 39_824], ['tsort', 39_856], ['tty', 35_632], ['uname', 35_664], ['unexpand', 39_856], ['uniq', 43_856],
  ['unlink', 35_632], ['users', 35_664], ['vdir', 151_344], ['wc', 47_856], ['who', 55_664], ['whoami', 35_632], ['yes', 35_664],
  // shells and the basics
  ['bash', 1_265_648], ['rbash', 'bash'], ['dash', 125_640], ['sh', 'dash'], ['bashbug', 7_163],
  ['grep', 203_152], ['egrep', 41], ['fgrep', 41], ['rgrep', 30], ['sed', 122_224], ['find', 224_848], ['xargs', 68_384],
  ['tar', 535_256], ['gzip', 93_832], ['gunzip', 2_346], ['zcat', 1_984], ['zcmp', 1_678], ['zdiff', 6_460], ['zegrep', 29],
  ['zfgrep', 29], ['zforce', 2_081], ['zgrep', 8_103], ['zless', 2_206], ['zmore', 1_842], ['znew', 4_577], ['uncompress', 2_346], ['gzexe', 6_447],
  ['diff', 216_224], ['cmp', 55_960], ['diff3', 64_160], ['sdiff', 60_128], ['hostname', 22_704], ['dnsdomainname', 'hostname'],
  ['domainname', 'hostname'], ['nisdomainname', 'hostname'], ['ypdomainname', 'hostname'], ['login', 61_232], ['su', 72_000],
  ['mount', 59_704], ['umount', 39_128], ['more', 43_800], ['mawk', 158_936], ['awk', '/etc/alternatives/awk'], ['nawk', '/etc/alternatives/nawk'],
  ['pager', '/etc/alternatives/pager'], ['which', '/etc/alternatives/which'],
  // apt and dpkg
  ['apt', 18_672], ['apt-get', 55_936], ['apt-cache', 88_664], ['apt-cdrom', 27_768], ['apt-config', 27_768], ['apt-mark', 51_752], ['apt-key', 28_136],
  ['dpkg', 317_184], ['dpkg-deb', 154_632], ['dpkg-query', 158_648], ['dpkg-split', 121_864], ['dpkg-divert', 150_536],
  ['dpkg-statoverride', 133_344], ['dpkg-trigger', 121_832], ['dpkg-maintscript-helper', 21_415], ['dpkg-realpath', 3_420],
  ['debconf', 2_859], ['debconf-apt-progress', 11_541], ['debconf-communicate', 608], ['debconf-copydb', 1_719], ['debconf-escape', 652],
  ['debconf-set-selections', 2_995], ['debconf-show', 1_827],
  // perl-base
  ['perl', 3_951_824], ['perl5.36.0', 'perl'],
  // debianutils, libc-bin, login, passwd, ncurses, util-linux, misc
  ['run-parts', 27_736], ['tempfile', 14_792], ['savelog', 10_280], ['ischroot', 14_712], ['which.debianutils', 946],
  ['getent', 35_136], ['ldd', 5_452], ['iconv', 68_680], ['locale', 59_112], ['localedef', 305_408], ['getconf', 35_296], ['tzselect', 15_017],
  ['zdump', 27_528], ['chage', 80_376], ['chfn', 62_672], ['chsh', 52_880], ['expiry', 31_184], ['gpasswd', 88_496], ['newgrp', 48_896],
  ['passwd', 68_248], ['sg', 'newgrp'], ['lastlog', 31_248], ['faillog', 31_288],
  ['clear', 14_840], ['infocmp', 63_128], ['tabs', 22_872], ['tic', 88_416], ['toe', 22_840], ['tput', 27_008], ['tset', 27_040],
  ['reset', 'tset'], ['captoinfo', 'tic'], ['infotocap', 'tic'],
  ['chrt', 35_384], ['choom', 23_128], ['dmesg', 84_368], ['fallocate', 35_336], ['flock', 23_080], ['getopt', 23_208], ['hardlink', 39_392],
  ['ionice', 23_080], ['ipcmk', 23_072], ['ipcrm', 23_096], ['ipcs', 43_496], ['lsblk', 149_680], ['lscpu', 108_720], ['lsipc', 56_192],
  ['lslocks', 39_576], ['lslogins', 60_152], ['lsmem', 39_456], ['lsns', 47_640], ['mcookie', 23_200], ['mesg', 14_872], ['namei', 31_216],
  ['nsenter', 35_536], ['prlimit', 39_520], ['renice', 14_872], ['rev', 14_872], ['script', 55_904], ['scriptlive', 43_616],
  ['scriptreplay', 35_416], ['setarch', 27_360], ['setpriv', 43_728], ['setsid', 14_872], ['setterm', 47_576], ['taskset', 27_304],
  ['unshare', 43_744], ['utmpdump', 23_168], ['whereis', 35_344], ['wall', 31_248], ['logger', 55_768], ['look', 14_872],
  ['linux32', 'setarch'], ['linux64', 'setarch'], ['i386', 'setarch'], ['x86_64', 'setarch'], ['mountpoint', 14_896], ['findmnt', 68_496],
  ['chattr', 14_824], ['lsattr', 14_832], ['gpgv', 294_928], ['pidof', '/sbin/killall5'], ['deb-systemd-helper', 23_140],
  ['deb-systemd-invoke', 7_074], ['update-alternatives', 'dpkg'], ['last', 43_864], ['lastb', 'last'],
];

// prettier-ignore
export const DEBIAN_SBINS: readonly BinEntry[] = [
  ['adduser', 48_760], ['addgroup', 'adduser'], ['deluser', 17_823], ['delgroup', 'deluser'], ['chroot', 43_952], ['chpasswd', 55_784],
  ['chgpasswd', 55_808], ['cpgr', 'vipw'], ['cppw', 'vipw'], ['groupadd', 80_480], ['groupdel', 76_376], ['groupmems', 59_904],
  ['groupmod', 84_536], ['grpck', 59_904], ['grpconv', 51_608], ['grpunconv', 51_608], ['useradd', 142_120], ['userdel', 96_776],
  ['usermod', 133_600], ['pwck', 51_704], ['pwconv', 47_512], ['pwunconv', 47_512], ['newusers', 104_376], ['nologin', 14_848],
  ['vipw', 64_040], ['vigr', 'vipw'], ['ldconfig', 1_003_112], ['iconvconfig', 35_176], ['zic', 55_904], ['pam-auth-update', 22_048],
  ['pam_getenv', 2_890], ['mkhomedir_helper', 22_952], ['pam_timestamp_check', 14_720], ['unix_chkpwd', 39_144], ['unix_update', 43_240],
  ['faillock', 18_824], ['e2fsck', 352_984], ['fsck.ext2', 'e2fsck'], ['fsck.ext3', 'e2fsck'], ['fsck.ext4', 'e2fsck'],
  ['mke2fs', 138_992], ['mkfs.ext2', 'mke2fs'], ['mkfs.ext3', 'mke2fs'], ['mkfs.ext4', 'mke2fs'], ['tune2fs', 113_872],
  ['e2label', 'tune2fs'], ['findfs', 14_856], ['debugfs', 235_200], ['dumpe2fs', 35_616], ['resize2fs', 68_304], ['badblocks', 31_264],
  ['e2freefrag', 18_944], ['e2image', 43_488], ['e2mmpstatus', 'dumpe2fs'], ['e2undo', 22_992], ['e4crypt', 27_040], ['filefrag', 18_936],
  ['logsave', 14_840], ['mklost+found', 14_760], ['fsck', 51_456], ['blkid', 51_368], ['blkdiscard', 27_424], ['blockdev', 39_352],
  ['ctrlaltdel', 14_848], ['fsfreeze', 14_840], ['fstrim', 39_400], ['hwclock', 64_072], ['losetup', 76_152], ['mkfs', 14_848],
  ['mkswap', 55_656], ['swapon', 55_704], ['swapoff', 23_048], ['switch_root', 18_944], ['wipefs', 39_416], ['sulogin', 47_552],
  ['agetty', 64_224], ['getty', 'agetty'], ['runuser', 67_984], ['killall5', 23_008], ['start-stop-daemon', 51_776],
  ['dpkg-preconfigure', 4_604], ['dpkg-reconfigure', 4_498], ['dpkg-fsys-usrunmess', 13_302], ['invoke-rc.d', 16_497], ['service', 10_000],
  ['update-rc.d', 17_071], ['add-shell', 1_260], ['remove-shell', 1_176], ['installkernel', 2_424], ['update-passwd', 31_168],
  ['rmt', '/etc/alternatives/rmt'], ['rmt-tar', 59_096], ['tarcat', 936], ['pivot_root', 14_856], ['readprofile', 22_992], ['rtcwake', 35_440],
  ['chcpu', 27_312], ['ldattach', 27_144], ['isosize', 14_912], ['mkfs.bfs', 23_088], ['mkfs.minix', 39_384], ['fsck.minix', 59_888],
  ['fsck.cramfs', 31_088], ['mkfs.cramfs', 35_248], ['shadowconfig', 1_056], ['zramctl', 51_656], ['chmem', 27_256], ['fdformat', 23_048],
];

/** [file, size, ...symlinks to it] under /usr/lib/x86_64-linux-gnu. */
// prettier-ignore
export const DEBIAN_LIBS: readonly (readonly [string, number, ...string[]])[] = [
  ['libc.so.6', 1_922_136], ['ld-linux-x86-64.so.2', 210_968], ['libm.so.6', 907_784], ['libresolv.so.2', 68_104],
  ['libnss_files.so.2', 14_472], ['libnss_dns.so.2', 14_472], ['libnss_compat.so.2', 43_160], ['libnss_hesiod.so.2', 26_912],
  ['libpthread.so.0', 21_296], ['libdl.so.2', 14_480], ['librt.so.1', 14_664], ['libutil.so.1', 14_480], ['libanl.so.1', 14_480],
  ['libBrokenLocale.so.1', 14_480], ['libc_malloc_debug.so.0', 38_872], ['libmemusage.so', 18_904], ['libpcprofile.so', 14_432],
  ['libthread_db.so.1', 43_008], ['libnsl.so.2.0.1', 92_880, 'libnsl.so.2'], ['libstdc++.so.6.0.30', 2_190_440, 'libstdc++.so.6'],
  ['libgcc_s.so.1', 125_312], ['libacl.so.1.1.2301', 38_888, 'libacl.so.1'], ['libattr.so.1.1.2501', 26_616, 'libattr.so.1'],
  ['libaudit.so.1.0.0', 133_160, 'libaudit.so.1'], ['libblkid.so.1.1.0', 338_728, 'libblkid.so.1'], ['libbz2.so.1.0.4', 74_688, 'libbz2.so.1.0', 'libbz2.so.1'],
  ['libcap-ng.so.0.0.0', 26_912, 'libcap-ng.so.0'], ['libcap.so.2.66', 43_072, 'libcap.so.2'], ['libcom_err.so.2.1', 18_784, 'libcom_err.so.2'],
  ['libcrypt.so.1.1.0', 206_856, 'libcrypt.so.1'], ['libdb-5.3.so', 1_838_720], ['libdebconfclient.so.0.0.0', 14_712, 'libdebconfclient.so.0'],
  ['libe2p.so.2.3', 43_240, 'libe2p.so.2'], ['libext2fs.so.2.4', 423_296, 'libext2fs.so.2'], ['libffi.so.8.1.2', 43_576, 'libffi.so.8'],
  ['libgcrypt.so.20.4.1', 1_312_392, 'libgcrypt.so.20'], ['libgmp.so.10.4.1', 686_728, 'libgmp.so.10'],
  ['libgnutls.so.30.34.3', 2_079_624, 'libgnutls.so.30'], ['libgpg-error.so.0.33.1', 149_576, 'libgpg-error.so.0'],
  ['libhogweed.so.6.6', 309_512, 'libhogweed.so.6'], ['libidn2.so.0.3.8', 121_360, 'libidn2.so.0'], ['liblz4.so.1.9.4', 133_864, 'liblz4.so.1'],
  ['liblzma.so.5.4.1', 170_456, 'liblzma.so.5'], ['libmd.so.0.0.5', 51_488, 'libmd.so.0'], ['libmount.so.1.1.0', 379_344, 'libmount.so.1'],
  ['libnettle.so.8.6', 305_400, 'libnettle.so.8'], ['libp11-kit.so.0.3.0', 1_303_880, 'libp11-kit.so.0'], ['libpam.so.0.85.1', 67_680, 'libpam.so.0'],
  ['libpam_misc.so.0.82.1', 18_800, 'libpam_misc.so.0'], ['libpamc.so.0.82.1', 18_792, 'libpamc.so.0'],
  ['libpcre2-8.so.0.11.2', 628_960, 'libpcre2-8.so.0'], ['libseccomp.so.2.5.4', 133_168, 'libseccomp.so.2'], ['libselinux.so.1', 174_824],
  ['libsemanage.so.2', 293_024], ['libsepol.so.2', 793_880], ['libsmartcols.so.1.1.0', 219_720, 'libsmartcols.so.1'], ['libss.so.2.0', 30_960, 'libss.so.2'],
  ['libsystemd.so.0.35.0', 903_320, 'libsystemd.so.0'], ['libtasn1.so.6.6.3', 80_344, 'libtasn1.so.6'], ['libtinfo.so.6.4', 200_160, 'libtinfo.so.6'],
  ['libtirpc.so.3.0.0', 182_104, 'libtirpc.so.3'], ['libudev.so.1.7.5', 211_000, 'libudev.so.1'], ['libunistring.so.2.2.0', 1_791_136, 'libunistring.so.2'],
  ['libuuid.so.1.3.0', 34_888, 'libuuid.so.1'], ['libxxhash.so.0.8.1', 137_056, 'libxxhash.so.0'], ['libzstd.so.1.5.4', 813_224, 'libzstd.so.1'],
  ['libz.so.1.2.13', 121_280, 'libz.so.1'], ['libapt-pkg.so.6.0.0', 2_307_248, 'libapt-pkg.so.6.0'], ['libapt-private.so.0.0.0', 415_008, 'libapt-private.so.0.0'],
];

// prettier-ignore
export const GCONV: readonly string[] = (() => {
  const out: string[] = ['ANSI_X3.110', 'ARMSCII-8', 'ASMO_449', 'BIG5', 'BIG5HKSCS', 'BRF', 'CP10007', 'CP1125', 'CP1250', 'CP1251', 'CP1252', 'CP1253', 'CP1254', 'CP1255', 'CP1256', 'CP1257', 'CP1258', 'CP737', 'CP770', 'CP771', 'CP772', 'CP773', 'CP774', 'CP775', 'CP932', 'CSN_369103', 'CWI', 'DEC-MCS', 'EBCDIC-AT-DE', 'EBCDIC-AT-DE-A', 'EBCDIC-CA-FR', 'EBCDIC-DK-NO', 'EBCDIC-ES', 'EBCDIC-FI-SE', 'EBCDIC-FR', 'EBCDIC-IS-FRISS', 'EBCDIC-IT', 'EBCDIC-PT', 'EBCDIC-UK', 'EBCDIC-US', 'ECMA-CYRILLIC', 'EUC-CN', 'EUC-JISX0213', 'EUC-JP', 'EUC-JP-MS', 'EUC-KR', 'EUC-TW', 'GB18030', 'GBBIG5', 'GBGBK', 'GBK', 'GEORGIAN-ACADEMY', 'GEORGIAN-PS', 'GOST_19768-74', 'GREEK-CCITT', 'GREEK7', 'GREEK7-OLD', 'HP-GREEK8', 'HP-ROMAN8', 'HP-ROMAN9', 'HP-THAI8', 'HP-TURKISH8', 'IBM037', 'IBM038', 'IBM1004', 'IBM1008', 'IBM1025', 'IBM1026', 'IBM1046', 'IBM1047', 'IBM1097', 'IBM1112', 'IBM1122', 'IBM1123', 'IBM1124', 'IBM1129', 'IBM1130', 'IBM1132', 'IBM1133', 'IBM1137', 'IBM1140', 'IBM1141', 'IBM1142', 'IBM1143', 'IBM1144', 'IBM1145', 'IBM1146', 'IBM1147', 'IBM1148', 'IBM1149', 'IBM1153', 'IBM1154', 'IBM1155', 'IBM1156', 'IBM1157', 'IBM1158', 'IBM1160', 'IBM1161', 'IBM1162', 'IBM1163', 'IBM1164', 'IBM1166', 'IBM1167', 'IBM12712', 'IBM1364', 'IBM1371', 'IBM1388', 'IBM1390', 'IBM1399', 'IBM16804', 'IBM256', 'IBM273', 'IBM274', 'IBM275', 'IBM277', 'IBM278', 'IBM280', 'IBM281', 'IBM284', 'IBM285', 'IBM290', 'IBM297', 'IBM420', 'IBM423', 'IBM424', 'IBM437', 'IBM4517', 'IBM4899', 'IBM4909', 'IBM4971', 'IBM500', 'IBM5347', 'IBM803', 'IBM850', 'IBM851', 'IBM852', 'IBM855', 'IBM856', 'IBM857', 'IBM858', 'IBM860', 'IBM861', 'IBM862', 'IBM863', 'IBM864', 'IBM865', 'IBM866', 'IBM866NAV', 'IBM868', 'IBM869', 'IBM870', 'IBM871', 'IBM874', 'IBM875', 'IBM880', 'IBM891', 'IBM901', 'IBM902', 'IBM903', 'IBM9030', 'IBM904', 'IBM905', 'IBM9066', 'IBM918', 'IBM921', 'IBM922', 'IBM930', 'IBM932', 'IBM933', 'IBM935', 'IBM937', 'IBM939', 'IBM943', 'IBM9448', 'IEC_P27-1', 'INIS', 'INIS-8', 'INIS-CYRILLIC', 'ISIRI-3342', 'ISO-2022-CN', 'ISO-2022-CN-EXT', 'ISO-2022-JP', 'ISO-2022-JP-3', 'ISO-2022-KR', 'ISO-IR-197', 'ISO-IR-209', 'ISO646', 'ISO8859-1', 'ISO8859-10', 'ISO8859-11', 'ISO8859-13', 'ISO8859-14', 'ISO8859-15', 'ISO8859-16', 'ISO8859-2', 'ISO8859-3', 'ISO8859-4', 'ISO8859-5', 'ISO8859-6', 'ISO8859-7', 'ISO8859-8', 'ISO8859-9', 'ISO8859-9E', 'ISO_10367-BOX', 'ISO_11548-1', 'ISO_2033', 'ISO_5427', 'ISO_5427-EXT', 'ISO_5428', 'ISO_6937', 'ISO_6937-2', 'JOHAB', 'KOI-8', 'KOI8-R', 'KOI8-RU', 'KOI8-T', 'KOI8-U', 'LATIN-GREEK', 'LATIN-GREEK-1', 'MAC-CENTRALEUROPE', 'MAC-IS', 'MAC-SAMI', 'MAC-UK', 'MACCYRILLIC', 'MIK', 'NATS-DANO', 'NATS-SEFI', 'PT154', 'RK1048', 'SAMI-WS2', 'SHIFT_JISX0213', 'SJIS', 'T.61', 'TCVN5712-1', 'TIS-620', 'TSCII', 'UHC', 'UNICODE', 'UTF-16', 'UTF-32', 'UTF-7', 'VISCII', 'libCNS', 'libGB', 'libISOIR165', 'libJIS', 'libJISX0213', 'libKSC'];
  return out;
})();

// prettier-ignore
export const PERL_BASE: readonly string[] = [
  'AutoLoader.pm', 'B.pm', 'Carp.pm', 'Carp/Heavy.pm', 'Class/Struct.pm', 'Config.pm', 'Config_git.pl', 'Config_heavy.pl', 'Cwd.pm', 'DynaLoader.pm',
  'Errno.pm', 'Exporter.pm', 'Exporter/Heavy.pm', 'Fcntl.pm', 'File/Basename.pm', 'File/Find.pm', 'File/Glob.pm', 'File/Path.pm', 'File/Spec.pm',
  'File/Spec/Unix.pm', 'File/Temp.pm', 'File/stat.pm', 'FileHandle.pm', 'Getopt/Long.pm', 'Hash/Util.pm', 'I18N/Langinfo.pm', 'IO.pm',
  'IO/File.pm', 'IO/Handle.pm', 'IO/Pipe.pm', 'IO/Seekable.pm', 'IO/Select.pm', 'IO/Socket.pm', 'IO/Socket/INET.pm', 'IO/Socket/UNIX.pm',
  'IPC/Open2.pm', 'IPC/Open3.pm', 'List/Util.pm', 'POSIX.pm', 'Scalar/Util.pm', 'SelectSaver.pm', 'Socket.pm', 'Symbol.pm', 'Sys/Hostname.pm',
  'Text/ParseWords.pm', 'Text/Tabs.pm', 'Text/Wrap.pm', 'Tie/Hash.pm', 'XSLoader.pm', 'attributes.pm', 'bytes.pm', 'bytes_heavy.pl',
  'constant.pm', 'feature.pm', 'fields.pm', 'integer.pm', 'lib.pm', 'locale.pm', 'overload.pm', 'overloading.pm', 'parent.pm', 're.pm',
  'strict.pm', 'unicore/Heavy.pl', 'unicore/To/Age.pl', 'unicore/To/Bc.pl', 'unicore/To/Cf.pl', 'unicore/To/Digit.pl', 'unicore/To/Fold.pl',
  'unicore/To/Gc.pl', 'unicore/To/Lc.pl', 'unicore/To/Uc.pl', 'unicore/UCD.pl', 'utf8.pm', 'vars.pm', 'warnings.pm', 'warnings/register.pm',
  'auto/Cwd/Cwd.so', 'auto/Fcntl/Fcntl.so', 'auto/File/Glob/Glob.so', 'auto/Hash/Util/Util.so', 'auto/IO/IO.so', 'auto/List/Util/Util.so',
  'auto/POSIX/POSIX.so', 'auto/Socket/Socket.so', 'auto/re/re.so', 'auto/B/B.so',
];

// prettier-ignore
export const ZONES: readonly string[] = [
  'Africa/Abidjan', 'Africa/Cairo', 'Africa/Johannesburg', 'Africa/Lagos', 'Africa/Nairobi', 'America/Anchorage', 'America/Argentina/Buenos_Aires',
  'America/Bogota', 'America/Chicago', 'America/Denver', 'America/Halifax', 'America/Lima', 'America/Los_Angeles', 'America/Mexico_City',
  'America/New_York', 'America/Phoenix', 'America/Santiago', 'America/Sao_Paulo', 'America/Toronto', 'America/Vancouver', 'Antarctica/McMurdo',
  'Asia/Bangkok', 'Asia/Dhaka', 'Asia/Dubai', 'Asia/Hong_Kong', 'Asia/Jakarta', 'Asia/Jerusalem', 'Asia/Karachi', 'Asia/Kathmandu', 'Asia/Kolkata',
  'Asia/Manila', 'Asia/Seoul', 'Asia/Shanghai', 'Asia/Singapore', 'Asia/Taipei', 'Asia/Tehran', 'Asia/Tokyo', 'Atlantic/Azores', 'Atlantic/Reykjavik',
  'Australia/Adelaide', 'Australia/Brisbane', 'Australia/Melbourne', 'Australia/Perth', 'Australia/Sydney', 'Etc/GMT', 'Etc/GMT+1', 'Etc/GMT-1',
  'Etc/UCT', 'Etc/UTC', 'Europe/Amsterdam', 'Europe/Athens', 'Europe/Berlin', 'Europe/Brussels', 'Europe/Bucharest', 'Europe/Budapest',
  'Europe/Copenhagen', 'Europe/Dublin', 'Europe/Helsinki', 'Europe/Istanbul', 'Europe/Kyiv', 'Europe/Lisbon', 'Europe/London', 'Europe/Madrid',
  'Europe/Moscow', 'Europe/Oslo', 'Europe/Paris', 'Europe/Prague', 'Europe/Rome', 'Europe/Stockholm', 'Europe/Vienna', 'Europe/Warsaw',
  'Europe/Zurich', 'Indian/Maldives', 'Pacific/Auckland', 'Pacific/Fiji', 'Pacific/Honolulu', 'Factory', 'leap-seconds.list', 'leapseconds',
];

// prettier-ignore
export const LOCALE_LANGS: readonly string[] = [
  'ar', 'be', 'bg', 'ca', 'cs', 'da', 'de', 'el', 'eo', 'es', 'et', 'eu', 'fi', 'fr', 'ga', 'gl', 'hr', 'hu', 'id', 'it', 'ja', 'ka', 'ko',
  'lt', 'nb', 'nl', 'pl', 'pt', 'pt_BR', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'tr', 'uk', 'vi', 'zh_CN', 'zh_TW',
];

// prettier-ignore
export const BASE_PACKAGES: readonly string[] = [
  'adduser', 'apt', 'base-files', 'base-passwd', 'bash', 'bsdutils', 'coreutils', 'dash', 'debconf', 'debian-archive-keyring', 'debianutils',
  'diffutils', 'dpkg', 'e2fsprogs', 'findutils', 'gcc-12-base', 'gpgv', 'grep', 'gzip', 'hostname', 'init-system-helpers', 'libacl1',
  'libapt-pkg6.0', 'libattr1', 'libaudit-common', 'libaudit1', 'libblkid1', 'libbz2-1.0', 'libc-bin', 'libc6', 'libcap-ng0', 'libcap2',
  'libcom-err2', 'libcrypt1', 'libdb5.3', 'libdebconfclient0', 'libext2fs2', 'libffi8', 'libgcc-s1', 'libgcrypt20', 'libgmp10',
  'libgnutls30', 'libgpg-error0', 'libhogweed6', 'libidn2-0', 'liblz4-1', 'liblzma5', 'libmd0', 'libmount1', 'libnettle8', 'libnsl2',
  'libp11-kit0', 'libpam-modules', 'libpam-modules-bin', 'libpam-runtime', 'libpam0g', 'libpcre2-8-0', 'libseccomp2', 'libselinux1',
  'libsemanage-common', 'libsemanage2', 'libsepol2', 'libsmartcols1', 'libss2', 'libstdc++6', 'libsystemd0', 'libtasn1-6', 'libtinfo6',
  'libtirpc-common', 'libtirpc3', 'libudev1', 'libunistring2', 'libuuid1', 'libxxhash0', 'libzstd1', 'login', 'logsave', 'mawk', 'mount',
  'ncurses-base', 'ncurses-bin', 'passwd', 'perl-base', 'sed', 'sysvinit-utils', 'tar', 'tzdata', 'usr-is-merged', 'util-linux',
  'util-linux-extra', 'zlib1g',
];
