// Single-purpose images: hello-world (one static binary), ubuntu:24.04 (one
// rootfs layer, legacy-builder history) and ghcr.io/astral-sh/uv (FROM scratch).
import { blobs } from './apt';
import { DEBIAN_BINS, DEBIAN_LIBS, DEBIAN_SBINS, ZONES } from './debian-lists';
import { BASH_BASHRC, GROUP, PASSWD, PROFILE, ROOT_BASHRC, ROOT_PROFILE, SHELLS } from './debian-etc';
import type { Platform } from '../platform';
import { BUILDKIT, LINUX_AMD64, df, lazy, type Recipe } from './recipe';
import { TreeBuilder, at } from './tree';

/** What /hello writes (transcript 01): the userland's `hello` program prints this. */
export const HELLO_WORLD_MESSAGE = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

`;

const HELLO_CREATED = '2026-08-08T19:35:01Z';

/**
 * The official hello-world's Linux platforms, in its index's order, but for linux/386: an
 * x86_64 kernel runs that build, and its message would say `(i386)`, which `hello` does not.
 */
const HELLO_PLATFORMS: readonly Platform[] = [
  LINUX_AMD64,
  { os: 'linux', architecture: 'arm', variant: 'v5' },
  { os: 'linux', architecture: 'arm', variant: 'v7' },
  { os: 'linux', architecture: 'arm64', variant: 'v8' },
  { os: 'linux', architecture: 'mips64le' },
  { os: 'linux', architecture: 'ppc64le' },
  { os: 'linux', architecture: 'riscv64' },
  { os: 'linux', architecture: 's390x' },
];

export function helloWorldRecipe(): Recipe {
  return {
    name: 'hello-world:latest',
    platforms: HELLO_PLATFORMS,
    steps: [
      df.copy(
        HELLO_CREATED,
        'hello / # buildkit',
        lazy(() => new TreeBuilder('hello-world', at(HELLO_CREATED)).exe('/hello', 'hello', 10_072).build()),
        0.5,
      ),
      {
        ...df.cmd(HELLO_CREATED, ['/hello']),
        config: (c) => ({
          ...c,
          Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
          Cmd: ['/hello'],
        }),
      },
    ],
  };
}

export const UBUNTU_OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.3 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.3 LTS (Noble Numbat)"
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

const UBUNTU_CREATED = '2026-10-17T06:21:12Z';

function ubuntuRootfs() {
  const t = new TreeBuilder('ubuntu-24.04', at(UBUNTU_CREATED));
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
    '/usr/local/bin',
    '/usr/local/lib',
    '/usr/local/share',
    '/var/cache',
    '/var/lib/apt/lists',
    '/var/log',
    '/var/mail',
    '/var/opt',
    '/var/spool',
    '/etc/update-motd.d',
    '/etc/profile.d',
  ]) {
    t.dir(d);
  }
  t.dir('/proc', 0o555).dir('/sys', 0o555).dir('/root', 0o700).dir('/tmp', 0o1777).dir('/var/tmp', 0o1777);
  t.dir('/home/ubuntu', 0o750, { uid: 1000, gid: 1000 });
  t.file('/usr/lib/os-release', UBUNTU_OS_RELEASE);
  t.link('/etc/os-release', '../usr/lib/os-release');
  t.file(
    '/etc/lsb-release',
    'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=24.04\nDISTRIB_CODENAME=noble\nDISTRIB_DESCRIPTION="Ubuntu 24.04.3 LTS"\n',
  );
  t.file('/etc/debian_version', 'trixie/sid\n');
  t.file('/etc/issue', 'Ubuntu 24.04.3 LTS \\n \\l\n\n');
  t.file('/etc/passwd', `${PASSWD}ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n`);
  t.file('/etc/group', `${GROUP}ubuntu:x:1000:\n`);
  t.file('/etc/shells', SHELLS);
  t.file('/etc/profile', PROFILE);
  t.file('/etc/bash.bashrc', BASH_BASHRC);
  t.file('/root/.bashrc', ROOT_BASHRC);
  t.file('/root/.profile', ROOT_PROFILE);
  t.file(
    '/etc/apt/sources.list.d/ubuntu.sources',
    'Types: deb\nURIs: http://archive.ubuntu.com/ubuntu/\nSuites: noble noble-updates noble-backports\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n\nTypes: deb\nURIs: http://security.ubuntu.com/ubuntu/\nSuites: noble-security\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n',
  );
  blobs(
    t,
    '/etc',
    'login.defs:12345 nsswitch.conf:542 ld.so.cache:9100 ld.so.conf:34 adduser.conf:3040 gai.conf:2584 legal:267 shadow:600 gshadow:520 bindresvport.blacklist:367 host.conf:92 mke2fs.conf:744 xattr.conf:681',
  );
  t.link('/etc/localtime', '/usr/share/zoneinfo/Etc/UTC');
  for (const [name, v] of [
    ...DEBIAN_BINS,
    ['ps', 145400],
    ['top', 130192],
    ['free', 27152],
    ['kill', 31264],
    ['sudo', 281624],
  ] as const) {
    if (typeof v === 'string') t.link(`/usr/bin/${name}`, v);
    else t.exe(`/usr/bin/${name}`, name, v);
  }
  for (const [name, v] of DEBIAN_SBINS) {
    if (typeof v === 'string') t.link(`/usr/sbin/${name}`, v);
    else t.exe(`/usr/sbin/${name}`, name, v);
  }
  for (const [file, size, ...links] of DEBIAN_LIBS) {
    t.blob(`/usr/lib/x86_64-linux-gnu/${file}`, size);
    for (const l of links) t.link(`/usr/lib/x86_64-linux-gnu/${l}`, file);
  }
  for (const z of ZONES) t.blob(`/usr/share/zoneinfo/${z}`, 2_200);
  blobs(t, '/var/lib/dpkg', 'status:290000 available:0 diversions:400 statoverride:0');
  blobs(t, '/usr/share/keyrings', 'ubuntu-archive-keyring.gpg:2760 ubuntu-archive-removed-keys.gpg:2800');
  return t.scaleTo(78_113_000).build();
}

export function ubuntuRecipe(): Recipe {
  const nop = (s: string) => `/bin/sh -c #(nop)  ${s}`;
  return {
    name: 'ubuntu:24.04',
    steps: [
      { created: UBUNTU_CREATED, createdBy: nop('ARG RELEASE') },
      { created: UBUNTU_CREATED, createdBy: nop('ARG LAUNCHPAD_BUILD_ARCH') },
      {
        created: UBUNTU_CREATED,
        createdBy: nop('LABEL org.opencontainers.image.ref.name=ubuntu'),
        config: (c) => ({
          ...c,
          Labels: { ...(c.Labels ?? {}), 'org.opencontainers.image.ref.name': 'ubuntu' },
        }),
      },
      {
        created: UBUNTU_CREATED,
        createdBy: nop('LABEL org.opencontainers.image.version=24.04'),
        config: (c) => ({
          ...c,
          Labels: { ...(c.Labels ?? {}), 'org.opencontainers.image.version': '24.04' },
        }),
      },
      {
        created: UBUNTU_CREATED,
        createdBy:
          '/bin/sh -c #(nop) ADD file:cd6e7e4b7a2a9bd8a7b2d7e1d8e1fb7f4c10f1a49b52f7bd4f30ca1a1bf4a8e2 in / ',
        layer: lazy(ubuntuRootfs),
        ratio: 0.385,
      },
      {
        created: UBUNTU_CREATED,
        createdBy: nop('CMD ["/bin/bash"]'),
        config: (c) => ({
          ...c,
          Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
          Cmd: ['/bin/bash'],
        }),
      },
    ],
  };
}

const UV_CREATED = '2026-11-20T15:02:31Z';
export const UV_VERSION = '0.8.22';

export function uvRecipe(): Recipe {
  return {
    name: `ghcr.io/astral-sh/uv:${UV_VERSION}`,
    steps: [
      df.copy(
        UV_CREATED,
        '/uv /uvx / # buildkit',
        lazy(() =>
          new TreeBuilder('uv', at(UV_CREATED))
            .exe('/uv', 'uv', 41_210_640)
            .exe('/uvx', 'uvx', 337_984)
            .build(),
        ),
        0.42,
      ),
      df.workdir(
        UV_CREATED,
        '/io',
        lazy(() => new TreeBuilder('uv-io', at(UV_CREATED)).dir('/io').build()),
      ),
      df.entrypoint(UV_CREATED, ['/uv']),
      {
        created: UV_CREATED,
        createdBy: `LABEL org.opencontainers.image.source=https://github.com/astral-sh/uv org.opencontainers.image.version=${UV_VERSION}`,
        comment: BUILDKIT,
        config: (c) => ({
          ...c,
          Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
          Labels: {
            'org.opencontainers.image.description':
              'An extremely fast Python package and project manager, written in Rust.',
            'org.opencontainers.image.licenses': 'Apache-2.0 OR MIT',
            'org.opencontainers.image.source': 'https://github.com/astral-sh/uv',
            'org.opencontainers.image.title': 'uv',
            'org.opencontainers.image.version': UV_VERSION,
          },
        }),
      },
    ],
  };
}
