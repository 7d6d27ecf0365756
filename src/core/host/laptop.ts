// The student's laptop: an Ubuntu 24.04 machine whose disk is one layer —
// /etc as Ubuntu ships it (student uid 1000, in the docker group), the host
// tools in merged /usr/bin, the system Python 3.12 with python3-requests, and
// /home/student with the Module A.2 chatbot, its .env and requirements.
import { gen } from '../fs/content';
import { buildLayer, type LayerSpecValue } from '../fs/build-layer';
import type { Layer } from '../fs/layer';
import { STDLIB_MODULES, STDLIB_PACKAGES } from '../image/catalog/python-stdlib';
import { DEFAULT_API_KEY } from '../userland/outside/ai-provider';
import type { HostInfo } from '../userland/types';
import { CHATBOT_PY, REQUIREMENTS_TXT } from './chatbot';

export const HOSTNAME = 'laptop';
export const STUDENT = { name: 'student', uid: 1000, gid: 1000, home: '/home/student' };

/**
 * The laptop's facts: Ubuntu 24.04's kernel, 2 CPUs as the recording machine
 * had (docker's --cpus range error says "from 0.01 to 2.00"; nginx's
 * `worker_processes auto` starts 2 workers) and 8 GB of RAM (MemTotal 7.67 GiB, the
 * LIMIT docker stats shows without -m).
 */
export function hostInfo(bootTime: number): HostInfo {
  return {
    kernelRelease: '6.8.0-49-generic',
    kernelVersion: '#49-Ubuntu SMP PREEMPT_DYNAMIC Mon Nov  4 02:06:24 UTC 2024',
    machine: 'x86_64',
    memTotal: 8_232_296_448,
    cpus: 2,
    bootTime,
  };
}

/** Binaries of /usr/bin with their real sizes on Ubuntu 24.04 (amd64). */
const USR_BIN =
  `bash:1446024 dash:129784 ls:142312 dir:142312 vdir:142312 cat:35280 tee:39432 yes:35344 echo:35208 printf:59912
touch:93000 mkdir:72104 rm:59912 rmdir:43688 ln:63976 pwd:39336 cp:137448 mv:137416 chmod:59912 chown:68104 chgrp:63976
head:43432 tail:64136 wc:47656 sort:109512 uniq:43528 cut:43528 tr:47624 seq:47656 grep:186232 egrep:186232 fgrep:186232
find:204792 du:92232 xargs:63944 df:88224 mount:59704 top:134208 ps:137688 free:27064 uptime:14624 nproc:31208 kill:31128
stat:84104 test:43432 [:47624 env:43528 printenv:35240 which:14624 hostname:22760 id:39424 whoami:35336 groups:35328
uname:35336 date:100904 sleep:35336 tty:35336 true:26936 false:26936 clear:14568 basename:35296 dirname:35296 readlink:43616
realpath:43504 md5sum:43432 sha1sum:43432 sha256sum:47528 sha512sum:51624 curl:268040 python3.12:6660336 docker:37019432
sudo:277936 nano:283344 less:195720 apt:18824`
    .split(/\s+/)
    .filter(Boolean)
    .map((e) => e.split(':') as [string, string]);

const OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin
systemd-timesync:x:996:996:systemd Time Synchronization:/:/usr/sbin/nologin
messagebus:x:100:102::/nonexistent:/usr/sbin/nologin
systemd-resolve:x:992:992:systemd Resolver:/:/usr/sbin/nologin
student:x:1000:1000:Student,,,:/home/student:/bin/bash
`;

const GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:syslog,student
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
cdrom:x:24:student
floppy:x:25:
tape:x:26:
sudo:x:27:student
audio:x:29:
dip:x:30:student
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:student
staff:x:50:
games:x:60:
users:x:100:student
nogroup:x:65534:
systemd-journal:x:999:
systemd-network:x:998:
systemd-timesync:x:996:
kvm:x:993:
render:x:994:
messagebus:x:102:
systemd-resolve:x:992:
lpadmin:x:114:student
docker:x:984:student
student:x:1000:
`;

const BASHRC = `# ~/.bashrc: executed by bash(1) for non-login shells.

# If not running interactively, don't do anything
case $- in
    *i*) ;;
      *) return;;
esac

HISTCONTROL=ignoreboth
HISTSIZE=1000
HISTFILESIZE=2000

PS1='\\[\\033[01;32m\\]\\u@\\h\\[\\033[00m\\]:\\[\\033[01;34m\\]\\w\\[\\033[00m\\]\\$ '

alias ls='ls --color=auto'
alias grep='grep --color=auto'
alias ll='ls -alF'
alias la='ls -A'
alias l='ls -CF'

# Module A.2: the chatbot's API key lives in ~/.env, out of the code.
# Export everything it sets, so programs started from this shell see it.
if [ -f ~/.env ]; then
    set -a
    . ~/.env
    set +a
fi
`;

const PROFILE = `# ~/.profile: executed by the command interpreter for login shells.

# if running bash
if [ -n "$BASH_VERSION" ]; then
    # include .bashrc if it exists
    if [ -f "$HOME/.bashrc" ]; then
        . "$HOME/.bashrc"
    fi
fi

# set PATH so it includes user's private bin if it exists
if [ -d "$HOME/.local/bin" ] ; then
    PATH="$HOME/.local/bin:$PATH"
fi
`;

const ETC_BASH_BASHRC = `# System-wide .bashrc file for interactive bash(1) shells.

# If not running interactively, don't do anything
[ -z "$PS1" ] && return

PS1='\\u@\\h:\\w\\$ '
`;

const SYSTEM_MTIME = Date.UTC(2024, 9, 10, 12, 0, 0);
const STUDENT_MTIME = Date.UTC(2026, 10, 20, 18, 42, 0);

function seedSize(name: string, base: number): number {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return base + (h % base);
}

/** Ubuntu's python3.12 (stdlib under /usr/lib/python3.12) and python3-requests in /usr/lib/python3/dist-packages. */
function python(files: Map<string, LayerSpecValue>): void {
  const lib = '/usr/lib/python3.12';
  files.set('/usr/bin/python3', { symlink: 'python3.12' });
  for (const m of STDLIB_MODULES) files.set(`${lib}/${m}.py`, gen(seedSize(m, 9_000), `ubuntu-py312:${m}`));
  for (const [pkg, mods] of Object.entries(STDLIB_PACKAGES)) {
    for (const m of mods.split(' '))
      if (!m.includes('.'))
        files.set(`${lib}/${pkg}/${m}.py`, gen(seedSize(`${pkg}/${m}`, 6_000), `ubuntu-py312:${pkg}/${m}`));
  }
  for (const so of ['math', '_json', 'select', '_socket', '_ssl', '_hashlib', '_ctypes', '_decimal']) {
    files.set(`${lib}/lib-dynload/${so}.cpython-312-x86_64-linux-gnu.so`, {
      content: gen(seedSize(so, 40_000), `ubuntu-py312:${so}.so`),
      mode: 0o644,
    });
  }
  const dist = '/usr/lib/python3/dist-packages';
  const pkgs: Record<string, string> = {
    requests:
      '__init__ __version__ adapters api auth certs compat cookies exceptions help hooks models packages sessions status_codes structures utils',
    urllib3:
      '__init__ _base_connection _collections _request_methods _version connection connectionpool exceptions fields filepost poolmanager response',
    idna: '__init__ codec compat core idnadata intranges package_data uts46data',
    certifi: '__init__ core',
    chardet: '__init__ chardistribution charsetprober enums universaldetector version',
  };
  for (const [pkg, mods] of Object.entries(pkgs)) {
    for (const m of mods.split(' '))
      files.set(`${dist}/${pkg}/${m}.py`, gen(seedSize(`${pkg}/${m}`, 3_000), `ubuntu-dist:${pkg}/${m}`));
  }
  files.set(
    `${dist}/requests/__version__.py`,
    '__title__ = "requests"\n__description__ = "Python HTTP for Humans."\n__url__ = "https://requests.readthedocs.io"\n__version__ = "2.31.0"\n__build__ = 0x023100\n',
  );
  files.set(
    `${dist}/requests-2.31.0.egg-info/PKG-INFO`,
    'Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nSummary: Python HTTP for Humans.\n',
  );
  files.set('/usr/local/lib/python3.12/dist-packages', { dir: true });
}

/** The laptop's disk as one layer (the host's overlay root has no lowers beneath it). */
export function hostLayer(apiKey = DEFAULT_API_KEY): Layer {
  const files = new Map<string, LayerSpecValue>();
  for (const [name, target] of [
    ['bin', 'usr/bin'],
    ['sbin', 'usr/sbin'],
    ['lib', 'usr/lib'],
    ['lib64', 'usr/lib64'],
  ])
    files.set(`/${name}`, { symlink: target });
  for (const [name, size] of USR_BIN)
    files.set(`/usr/bin/${name}`, {
      content: gen(Number(size), `ubuntu-noble:/usr/bin/${name}`),
      mode: name === 'sudo' ? 0o4755 : 0o755,
    });
  files.set('/usr/bin/sh', { symlink: 'dash' });
  files.set('/usr/bin/python3', { symlink: 'python3.12' });
  files.set('/usr/bin/vi', { symlink: 'nano' });
  files.set('/usr/sbin/nologin', { content: gen(14_640, 'ubuntu-noble:/usr/sbin/nologin'), mode: 0o755 });
  files.set('/usr/lib64/ld-linux-x86-64.so.2', { symlink: '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2' });
  files.set('/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', {
    content: gen(236_616, 'ubuntu-noble:ld.so'),
    mode: 0o755,
  });
  files.set('/usr/lib/x86_64-linux-gnu/libc.so.6', {
    content: gen(2_125_328, 'ubuntu-noble:libc.so.6'),
    mode: 0o755,
  });
  files.set('/usr/lib/os-release', OS_RELEASE);
  files.set('/etc/os-release', { symlink: '../usr/lib/os-release' });
  files.set(
    '/etc/lsb-release',
    'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=24.04\nDISTRIB_CODENAME=noble\nDISTRIB_DESCRIPTION="Ubuntu 24.04.1 LTS"\n',
  );
  files.set('/etc/issue', 'Ubuntu 24.04.1 LTS \\n \\l\n\n');
  files.set('/etc/debian_version', 'trixie/sid\n');
  files.set('/etc/hostname', `${HOSTNAME}\n`);
  files.set('/etc/resolv.conf', { symlink: '../run/systemd/resolve/stub-resolv.conf' });
  files.set(
    '/etc/hosts',
    `127.0.0.1 localhost\n127.0.1.1 ${HOSTNAME}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`,
  );
  files.set('/etc/passwd', PASSWD);
  files.set('/etc/group', GROUP);
  files.set('/etc/shadow', {
    content: `root:*:19993:0:99999:7:::\nstudent:$y$j9T$h4Bv0qk3Vb1dJ1wYhQ8mX/$uW1cS2tq8Fd4y9pN0aHcT7lKzR3eV6gJ5mB2xY1oQ4D:20412:0:99999:7:::\n`,
    mode: 0o640,
    gid: 42,
  });
  files.set(
    '/etc/shells',
    '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n',
  );
  files.set('/etc/bash.bashrc', ETC_BASH_BASHRC);
  files.set(
    '/etc/environment',
    'PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin"\n',
  );
  files.set('/etc/timezone', 'Etc/UTC\n');
  files.set('/etc/machine-id', 'f3a1c2d4e5b6978a1b2c3d4e5f60718a\n');
  files.set('/etc/docker', { dir: true });
  files.set('/usr/local/bin', { dir: true });
  files.set('/root', { dir: true, mode: 0o700 });
  files.set('/tmp', { dir: true, mode: 0o1777 });
  files.set('/var/tmp', { dir: true, mode: 0o1777 });
  files.set('/var/lib/docker', { dir: true, mode: 0o710 });
  python(files);

  const own = { uid: STUDENT.uid, gid: STUDENT.gid, mtime: STUDENT_MTIME };
  const home = STUDENT.home;
  files.set(home, { dir: true, mode: 0o750, ...own });
  files.set(`${home}/.bashrc`, { content: BASHRC, mode: 0o644, ...own });
  files.set(`${home}/.profile`, { content: PROFILE, mode: 0o644, ...own });
  files.set(`${home}/.bash_logout`, {
    content: '# ~/.bash_logout: executed by bash(1) when login shell exits.\n',
    mode: 0o644,
    ...own,
  });
  files.set(`${home}/chatbot.py`, { content: CHATBOT_PY, mode: 0o644, ...own });
  files.set(`${home}/requirements.txt`, { content: REQUIREMENTS_TXT, mode: 0o644, ...own });
  files.set(`${home}/.env`, { content: `OPENAI_API_KEY=${apiKey}\n`, mode: 0o600, ...own });
  return buildLayer(files, { mtime: SYSTEM_MTIME });
}
