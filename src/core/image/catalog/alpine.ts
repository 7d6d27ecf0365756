// alpine:3.22 and busybox:latest: busybox userlands where the tools are
// applets of one binary (symlinks to /bin/busybox; no bash), musl on Alpine,
// glibc in busybox's default variant.
import { blobs } from './apt';
import { formatPlatform } from '../platform';
import { LINUX_AMD64, lazy, type Recipe } from './recipe';
import { TreeBuilder, at } from './tree';

export const ALPINE_VERSION = '3.22.0';
export const ALPINE_CREATED = '2026-10-31T12:00:00Z';

export const ALPINE_OS_RELEASE = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=${ALPINE_VERSION}
PRETTY_NAME="Alpine Linux v3.22"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`;

const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

const ALPINE_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`;

const BIN_APPLETS =
  'arch ash base64 bbconfig cat chattr chgrp chmod chown cp date dd df dmesg dnsdomainname dumpkmap echo egrep false fatattr fdflush fgrep fsync getopt grep gunzip gzip hostname ionice iostat ipcalc kbd_mode kill link linux32 linux64 ln login ls lsattr lzop makemime mkdir mknod mktemp more mount mountpoint mpstat mv netstat nice pidof ping ping6 pipe_progress printenv ps pwd reformime rev rm rmdir run-parts sed setpriv setserial sh sleep stat stty su sync tar touch true umount uname usleep watch zcat';
const SBIN_APPLETS =
  'acpid adjtimex arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim getty halt hwclock ifconfig ifdown ifenslave ifup init inotifyd insmod ip ipaddr iplink ipneigh iproute iprule iptunnel klogd loadkmap logread losetup lsmod mdev mkdosfs mkfs.vfat mkswap modinfo modprobe nameif nologin pivot_root poweroff raidautorun reboot rmmod route setconsole slattach swapoff swapon switch_root sysctl syslogd tunctl udhcpc vconfig watchdog';
const USR_BIN_APPLETS =
  '[ [[ awk basename bc beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum clear cmp comm cpio crontab cryptpw cut dc deallocvt diff dirname dos2unix du eject env expand expr factor fallocate find flock fold free fuser getconf groups hd head hexdump hostid iconv id install ipcrm ipcs killall last less logger lsof lsusb lzcat lzma md5sum mesg microcom mkfifo mkpasswd nc nl nmeter nohup nproc nsenter nslookup od openvt paste pgrep pkill pmap printf pscan pstree pwdx readlink realpath renice reset resize seq setkeycodes setsid sha1sum sha256sum sha3sum sha512sum showkey shred shuf sort split strings sum tac tail tee test time timeout top tr traceroute traceroute6 truncate tty ttysize udhcpc6 unexpand uniq unix2dos unlink unlzma unlzop unshare unxz unzip uptime uudecode uuencode vi vlock volname wc wget which who whoami xargs xxd xzcat yes';
const USR_SBIN_APPLETS =
  'addgroup adduser arping brctl chpasswd chroot crond delgroup deluser ether-wake fbset killall5 loadfont nanddump nandwrite nbd-client ntpd partprobe rdate rdev readahead remove-shell rfkill sendmail setfont setlogcons';

function alpineRootfs() {
  const t = new TreeBuilder('alpine-3.22', at(ALPINE_CREATED));
  t.exe('/bin/busybox', 'busybox', 808_712);
  for (const a of BIN_APPLETS.split(' ')) t.link(`/bin/${a}`, '/bin/busybox');
  for (const a of SBIN_APPLETS.split(' ')) t.link(`/sbin/${a}`, '/bin/busybox');
  for (const a of USR_BIN_APPLETS.split(' ')) t.link(`/usr/bin/${a}`, '/bin/busybox');
  for (const a of USR_SBIN_APPLETS.split(' ')) t.link(`/usr/sbin/${a}`, '/bin/busybox');
  t.exe('/sbin/apk', 'apk', 68_136);
  t.exe('/sbin/ldconfig', 'ldconfig', 393);
  t.exe('/usr/bin/getent', 'getent', 3_810);
  t.exe('/usr/bin/ssl_client', 'ssl_client', 14_344);
  t.exe('/usr/bin/scanelf', 'scanelf', 79_480);
  t.exe('/usr/bin/iconv', 'iconv', 18_088);
  t.exe('/lib/ld-musl-x86_64.so.1', 'ld-musl', 667_648);
  t.link('/lib/libc.musl-x86_64.so.1', 'ld-musl-x86_64.so.1');
  t.link('/usr/bin/ldd', '/lib/ld-musl-x86_64.so.1');
  blobs(
    t,
    '/usr/lib',
    'libcrypto.so.3:4727200 libssl.so.3:645176 libz.so.1.3.1:100416 libz.so.1>libz.so.1.3.1 libapk.so.2.14.9:280000 engines-3/afalg.so:18080 engines-3/loader_attic.so:63240 engines-3/padlock.so:14216 ossl-modules/legacy.so:104240',
  );
  t.file('/etc/alpine-release', `${ALPINE_VERSION}\n`);
  t.file('/usr/lib/os-release', ALPINE_OS_RELEASE);
  t.link('/etc/os-release', '../usr/lib/os-release');
  t.file('/etc/passwd', ALPINE_PASSWD);
  t.file('/etc/group', ALPINE_GROUP);
  t.file(
    '/etc/shadow',
    ALPINE_PASSWD.split('\n')
      .filter(Boolean)
      .map((l) => `${l.split(':')[0]}:${l.startsWith('root') ? '*' : '!'}::0:::::\n`)
      .join(''),
    0o640,
    { gid: 42 },
  );
  t.file('/etc/shells', '# valid login shells\n/bin/sh\n/bin/ash\n');
  t.file('/etc/hostname', 'localhost\n');
  t.file('/etc/issue', 'Welcome to Alpine Linux 3.22\nKernel \\r on \\m (\\l)\n\n');
  t.file(
    '/etc/motd',
    'Welcome to Alpine!\n\nThe Alpine Wiki contains a large amount of how-to guides and general\ninformation about administrating Alpine systems.\nSee <https://wiki.alpinelinux.org/>.\n\nYou can setup the system with the command: setup-alpine\n\nYou may change this message by editing /etc/motd.\n\n',
  );
  t.file(
    '/etc/profile',
    'export CHARSET=UTF-8\nexport LANG=C.UTF-8\nexport PAGER=less\nexport PS1=\'\\h:\\w\\$ \'\numask 022\n\nfor script in /etc/profile.d/*.sh ; do\n\tif [ -r "$script" ] ; then\n\t\t. "$script"\n\tfi\ndone\nunset script\n',
  );
  blobs(t, '/etc/profile.d', 'color_prompt.sh.disabled:295 locale.sh:61 README:73');
  t.file(
    '/etc/apk/repositories',
    'https://dl-cdn.alpinelinux.org/alpine/v3.22/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.22/community\n',
  );
  t.file(
    '/etc/apk/world',
    'alpine-baselayout\nalpine-keys\nalpine-release\napk-tools\nbusybox\nca-certificates-bundle\nlibc-utils\n',
  );
  t.file('/etc/apk/arch', 'x86_64\n');
  blobs(
    t,
    '/etc/apk/keys',
    'alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub:451 alpine-devel@lists.alpinelinux.org-61666e3f.rsa.pub:451',
  );
  blobs(
    t,
    '/etc',
    'fstab:89 inittab:570 modules:15 nsswitch.conf:205 passwd-:800 protocols:3110 services:12813 securetty:54 sysctl.conf:53 udhcpc/udhcpc.conf:0 ssl/openssl.cnf:12411 ssl/ct_log_list.cnf:412 ssl/certs/ca-certificates.crt:221470 busybox-paths.d/busybox:4500 logrotate.d/acpid:140 crontabs/root:283',
    500,
  );
  blobs(t, '/lib/apk/db', 'installed:14200 lock:0 scripts.tar:11000 triggers:80');
  blobs(
    t,
    '/usr/share/apk/keys',
    'alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub:451 alpine-devel@lists.alpinelinux.org-5243ef4b.rsa.pub:451 alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub:451',
  );
  blobs(t, '/usr/share/udhcpc', 'default.script:3000');
  for (const d of [
    '/dev',
    '/home',
    '/media/cdrom',
    '/media/floppy',
    '/media/usb',
    '/mnt',
    '/opt',
    '/proc',
    '/run',
    '/srv',
    '/sys',
    '/usr/local/bin',
    '/usr/local/lib',
    '/usr/local/share',
    '/var/cache/apk',
    '/var/empty',
    '/var/lib/misc',
    '/var/local',
    '/var/log',
    '/var/opt',
    '/var/spool/cron',
    '/lib/firmware',
    '/lib/modules-load.d',
    '/lib/sysctl.d',
    '/etc/conf.d',
    '/etc/init.d',
    '/etc/network',
    '/etc/opt',
    '/etc/periodic/daily',
  ]) {
    t.dir(d);
  }
  t.dir('/root', 0o700).dir('/tmp', 0o1777).dir('/var/tmp', 0o1777).dir('/var/mail', 0o775, { gid: 12 });
  t.link('/var/run', '../run');
  t.link('/var/lock', '../run/lock');
  t.link('/var/spool/mail', '../mail');
  return t.scaleTo(8_310_000).build();
}

/** Alpine's names for the platforms its minirootfs tarballs are built for. */
const ALPINE_ARCH: Record<string, string> = { 'linux/amd64': 'x86_64', 'linux/arm64/v8': 'aarch64' };

export function alpineRecipe(): Recipe {
  return {
    name: 'alpine:3.22',
    // the registry's alpine offers these two of the official image's eight platforms
    platforms: [LINUX_AMD64, { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    steps: [
      {
        created: ALPINE_CREATED,
        createdBy: 'ADD alpine-minirootfs-3.22.0-x86_64.tar.gz / # buildkit',
        createdByFor: (p) =>
          `ADD alpine-minirootfs-3.22.0-${ALPINE_ARCH[formatPlatform(p)] ?? p.architecture}.tar.gz / # buildkit`,
        comment: 'buildkit.dockerfile.v0',
        layer: lazy(alpineRootfs),
        ratio: 0.44,
        config: (c) => ({ ...c, Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] }),
      },
      {
        created: ALPINE_CREATED,
        createdBy: 'CMD ["/bin/sh"]',
        comment: 'buildkit.dockerfile.v0',
        config: (c) => ({ ...c, Cmd: ['/bin/sh'] }),
      },
    ],
  };
}

const BUSYBOX_BIN = `${BIN_APPLETS} ${USR_BIN_APPLETS} ${SBIN_APPLETS} ${USR_SBIN_APPLETS} ftpd ftpget ftpput httpd inetd telnet telnetd tftp tftpd`;

export const BUSYBOX_CREATED = '2026-09-26T21:31:42Z';

function busyboxRootfs() {
  const t = new TreeBuilder('busybox-1.37.0-glibc', at(BUSYBOX_CREATED));
  t.exe('/bin/busybox', 'busybox', 1_134_744);
  for (const a of new Set(BUSYBOX_BIN.split(' '))) if (a !== 'busybox') t.link(`/bin/${a}`, 'busybox');
  blobs(
    t,
    '/lib',
    'ld-linux-x86-64.so.2:210968 libc.so.6:1922136 libm.so.6:907784 libresolv.so.2:68104 libnss_files.so.2:14472 libnss_dns.so.2:14472 libpthread.so.0:21296',
  );
  t.link('/lib64', 'lib');
  t.file(
    '/etc/passwd',
    'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
  );
  t.file(
    '/etc/group',
    'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\nwheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\nwww-data:x:33:\noperator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\nusers:x:100:\nnogroup:x:65534:\n',
  );
  t.file(
    '/etc/shadow',
    'root:*:10933:0:99999:7:::\ndaemon:*:10933:0:99999:7:::\nbin:*:10933:0:99999:7:::\nsys:*:10933:0:99999:7:::\nsync:*:10933:0:99999:7:::\nmail:*:10933:0:99999:7:::\nwww-data:*:10933:0:99999:7:::\noperator:*:10933:0:99999:7:::\nnobody:*:10933:0:99999:7:::\n',
    0o600,
  );
  t.file(
    '/etc/nsswitch.conf',
    'hosts:\t\tfiles dns\nnetworks:\tfiles\npasswd:\t\tfiles\ngroup:\t\tfiles\nshadow:\t\tfiles\n',
  );
  t.blob('/etc/localtime', 114);
  t.dir('/etc/network/if-up.d')
    .dir('/etc/network/if-down.d')
    .dir('/etc/network/if-pre-up.d')
    .dir('/etc/network/if-post-down.d');
  for (const d of ['/dev', '/home', '/usr/sbin', '/var/spool/mail', '/var/www']) t.dir(d);
  t.dir('/root', 0o700).dir('/tmp', 0o1777);
  return t.scaleTo(4_277_910).build();
}

export function busyboxRecipe(): Recipe {
  return {
    name: 'busybox:1.37.0-glibc',
    steps: [
      {
        created: BUSYBOX_CREATED,
        createdBy: 'BusyBox 1.37.0 (glibc), Debian 13',
        layer: lazy(busyboxRootfs),
        ratio: 0.51,
      },
      {
        created: BUSYBOX_CREATED,
        createdBy: 'CMD ["sh"]',
        comment: 'buildkit.dockerfile.v0',
        config: (c) => ({
          ...c,
          Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
          Cmd: ['sh'],
        }),
      },
    ],
  };
}
