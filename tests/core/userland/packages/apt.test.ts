import { describe, expect, it } from 'vitest';
import { gen, type LayerSpecValue } from '../../../../src/core/fs';
import { NetNamespace } from '../../../../src/core/kernel/network';
import { registerOutsideWorld } from '../../../../src/core/userland/outside';
import { packagePrograms } from '../../../../src/core/userland/packages';
import { serverPrograms } from '../../../../src/core/userland/servers';
import { Machine } from '../harness';

const BASE = ['adduser', 'debconf', 'init-system-helpers', 'libacl1', 'libbz2-1.0', 'libc-bin', 'libc6', 'libcap2', 'libcom-err2', 'libcrypt1', 'libdb5.3', 'libgmp10', 'libgnutls30', 'libhogweed6', 'libidn2-0', 'libmd0', 'libnettle8', 'libpam0g', 'libpcre2-8-0', 'libselinux1', 'libsystemd0', 'libtinfo6', 'libudev1', 'libunistring2', 'libuuid1', 'libzstd1', 'passwd', 'perl-base', 'zlib1g'];
const VERSIONS: Record<string, string> = { 'libc-bin': '2.36-9+deb12u10', libc6: '2.36-9+deb12u10', zlib1g: '1:1.2.13.dfsg-1' };

/** debian:bookworm-slim as far as apt and dpkg care. */
function slim(extra: Record<string, LayerSpecValue> = {}) {
  const files: Record<string, LayerSpecValue> = {
    '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n',
    '/usr/bin/apt-get': { content: gen(55_936, 'elf:apt-get:test'), mode: 0o755 },
    '/usr/bin/apt': { content: gen(18_672, 'elf:apt:test'), mode: 0o755 },
    '/etc/apt/sources.list.d/debian.sources':
      'Types: deb\n# http://snapshot.debian.org/archive/debian/20261103T000000Z\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\nTypes: deb\n# http://snapshot.debian.org/archive/debian-security/20261103T000000Z\nURIs: http://deb.debian.org/debian-security\nSuites: bookworm-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n',
    '/etc/dpkg/dpkg.cfg.d/docker': 'path-exclude /usr/share/doc/*\npath-include /usr/share/doc/*/copyright\npath-exclude /usr/share/man/*\n',
    '/var/lib/dpkg/status': BASE.map((p) => `Package: ${p}\nStatus: install ok installed\nArchitecture: amd64\nVersion: ${VERSIONS[p] ?? '1.0-1'}\n`).join('\n'),
    '/var/lib/dpkg/info/libc6:amd64.list': gen(12_000, 'libc6.list'),
    '/var/lib/apt/lists/partial': { dir: true, mode: 0o700 },
    '/var/cache/debconf/templates.dat': gen(490_000, 'templates'),
    ...extra,
  };
  const m = new Machine({ programs: [...packagePrograms(), ...serverPrograms()], files, sys: { net: new NetNamespace('c', { ip: '172.17.0.2' }) } });
  registerOutsideWorld(m.sys.network, { now: () => m.clock.now() });
  return m;
}

describe('apt-get', () => {
  it('on a fresh image cannot find packages until `apt-get update` (exit 100)', async () => {
    const m = slim();
    const r = await m.run(['apt-get', 'install', '-y', 'curl']);
    expect(r).toMatchObject({ code: 100, stdout: 'Reading package lists...\nBuilding dependency tree...\nReading state information...\n', stderr: 'E: Unable to locate package curl\n' });
  });

  it('update fetches InRelease and Packages of the three sources and stores the lists', async () => {
    const m = slim();
    const r = await m.run(['apt-get', 'update']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Get:1 http:\/\/deb\.debian\.org\/debian bookworm InRelease \[151 kB\]\nGet:2 http:\/\/deb\.debian\.org\/debian bookworm-updates InRelease \[55\.4 kB\]\nGet:3 http:\/\/deb\.debian\.org\/debian-security bookworm-security InRelease \[48\.0 kB\]\nGet:4 http:\/\/deb\.debian\.org\/debian bookworm\/main amd64 Packages \[8792 kB\]\nGet:5 http:\/\/deb\.debian\.org\/debian bookworm-updates\/main amd64 Packages \[756 B\]\nGet:6 http:\/\/deb\.debian\.org\/debian-security bookworm-security\/main amd64 Packages \[272 kB\]\nFetched 9319 kB in \ds \([\d.]+ [kM]B\/s\)\nReading package lists\.\.\.\n$/,
    );
    expect(m.fs.stat('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4')).toMatchObject({ size: 17_811_468 });
    expect(m.fs.exists('/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_InRelease')).toBe(true);
  });

  it('without a network: three Ign rounds, Err, and W: lines, exit 0 (as apt-get update does)', async () => {
    const m = slim();
    m.sys.net.routeOut = false;
    const r = await m.run(['apt-get', 'update']);
    expect(r.code).toBe(0);
    const ign = 'Ign:1 http://deb.debian.org/debian bookworm InRelease\nIgn:2 http://deb.debian.org/debian bookworm-updates InRelease\nIgn:3 http://deb.debian.org/debian-security bookworm-security InRelease\n';
    expect(r.stdout).toBe(
      `${ign}${ign}${ign}Err:1 http://deb.debian.org/debian bookworm InRelease\n  Temporary failure resolving 'deb.debian.org'\nErr:2 http://deb.debian.org/debian bookworm-updates InRelease\n  Temporary failure resolving 'deb.debian.org'\nErr:3 http://deb.debian.org/debian-security bookworm-security InRelease\n  Temporary failure resolving 'deb.debian.org'\nReading package lists...\n`,
    );
    expect(r.stderr).toBe(
      "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'\nW: Failed to fetch http://deb.debian.org/debian/dists/bookworm-updates/InRelease  Temporary failure resolving 'deb.debian.org'\nW: Failed to fetch http://deb.debian.org/debian-security/dists/bookworm-security/InRelease  Temporary failure resolving 'deb.debian.org'\nW: Some index files failed to download. They have been ignored, or old ones used instead.\n",
    );
  });

  it('install -y curl: the plan, Get lines, dpkg unpack/configure, triggers; then curl runs', async () => {
    const m = slim();
    await m.run(['apt-get', 'update']);
    const r = await m.run(['apt-get', 'install', '-y', 'curl']);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain(
      'The following additional packages will be installed:\n  ca-certificates krb5-locales libbrotli1 libcurl4 libgssapi-krb5-2\n  libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libldap-2.5-0\n  libldap-common libnghttp2-14 libpsl5 librtmp1 libsasl2-2 libsasl2-modules\n  libsasl2-modules-db libssh2-1 libssl3 openssl publicsuffix\n',
    );
    expect(out).toContain('Suggested packages:\n  krb5-doc krb5-user libsasl2-modules-gssapi-mit\n  | libsasl2-modules-gssapi-heimdal libsasl2-modules-ldap libsasl2-modules-otp\n  libsasl2-modules-sql\n');
    expect(out).toContain('0 upgraded, 22 newly installed, 0 to remove and 0 not upgraded.\nNeed to get 6099 kB of archives.\nAfter this operation, 17.0 MB of additional disk space will be used.\n');
    expect(out).toContain('Get:16 http://deb.debian.org/debian bookworm/main amd64 curl amd64 7.88.1-10+deb12u12 [315 kB]\n');
    expect(out).toContain('Selecting previously unselected package libbrotli1:amd64.\n(Reading database ... 300 files and directories currently installed.)\nPreparing to unpack .../00-libbrotli1_1.0.9-2+b6_amd64.deb ...\nUnpacking libbrotli1:amd64 (1.0.9-2+b6) ...\n');
    expect(out).toContain('Setting up ca-certificates (20230311+deb12u1) ...\nUpdating certificates in /etc/ssl/certs...\n142 added, 0 removed; done.\n');
    expect(out).toMatch(/Processing triggers for libc-bin \(2\.36-9\+deb12u10\) \.\.\.\nProcessing triggers for ca-certificates \(20230311\+deb12u1\) \.\.\.\nUpdating certificates in \/etc\/ssl\/certs\.\.\.\n0 added, 0 removed; done\.\nRunning hooks in \/etc\/ca-certificates\/update\.d\.\.\.\ndone\.\n$/);
    expect(r.stderr).toMatch(/^debconf: delaying package configuration, since apt-utils is not installed\ndebconf: unable to initialize frontend: Dialog\ndebconf: \(TERM is not set, so the dialog frontend is not usable\.\)\n/);
    // the files are there, the database knows them, slim's excludes held
    expect(m.fs.stat('/usr/bin/curl')).toMatchObject({ kind: 'file', mode: 0o755, size: 276_832 });
    expect(m.fs.exists('/usr/share/doc/curl/copyright')).toBe(true);
    expect(m.fs.exists('/usr/share/doc/curl/changelog.Debian.gz')).toBe(false);
    expect(m.fs.exists('/usr/share/man/man1/curl.1.gz')).toBe(false);
    expect(m.fs.readFile('/var/lib/dpkg/status')).toContain('Package: curl\nStatus: install ok installed\n');
    expect(m.fs.readFile('/var/lib/dpkg/info/curl:amd64.list')).toBe('/.\n/usr\n/usr/bin\n/usr/share\n/usr/share/doc\n/usr/share/doc/curl\n/usr/bin/curl\n/usr/share/doc/curl/copyright\n');
    expect(m.fs.readFile('/var/lib/apt/extended_states')).toContain('Package: libcurl4\nArchitecture: amd64\nAuto-Installed: 1\n');
    const again = await m.run(['apt-get', 'install', '-y', 'curl']);
    expect(again.stdout).toBe('Reading package lists...\nBuilding dependency tree...\nReading state information...\ncurl is already the newest version (7.88.1-10+deb12u12).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    // the program behind /usr/bin/curl is the simulated curl
    expect((await m.run(['curl', '--version'])).stdout).toMatch(/^curl 7\.88\.1 /);
  });

  it('asks before installing more than asked for; no answer on stdin aborts (exit 1)', async () => {
    const m = slim();
    await m.run(['apt-get', 'update']);
    const r = await m.run(['apt-get', 'install', 'nano']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/After this operation, [\d.]+ [kM]B of additional disk space will be used\.\nDo you want to continue\? \[Y\/n\] Abort\.\n$/);
    expect(m.fs.exists('/usr/bin/nano')).toBe(false);
    const yes = await m.run(['apt-get', 'install', 'nano'], { stdin: 'y\n' });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('update-alternatives: using /bin/nano to provide /usr/bin/editor (editor) in auto mode\n');
    expect(yes.stdout).toContain('update-alternatives: warning: skip creation of /usr/share/man/man1/editor.1.gz because associated file /usr/share/man/man1/nano.1.gz (of link group editor) doesn\'t exist\n');
    expect(m.fs.readlink('/usr/bin/editor')).toBe('/etc/alternatives/editor');
  });

  it('--no-install-recommends lists what it leaves out; apt warns scripts; non-root is refused', async () => {
    const m = slim();
    await m.run(['apt-get', 'update']);
    const r = await m.run(['apt-get', 'install', '-y', '--no-install-recommends', 'iputils-ping']);
    expect(r.stdout).toContain('Recommended packages:\n  libcap2-bin\nThe following NEW packages will be installed:\n  iputils-ping\n');
    expect(r.stdout).toContain('Preparing to unpack .../archives/iputils-ping_20221126-1+deb12u1_amd64.deb ...\n');
    const a = await m.run(['apt', 'install', '-y', 'procps']);
    expect(a.stderr.startsWith('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n')).toBe(true);
    expect(m.fs.exists('/usr/bin/ps')).toBe(true);
    const user = await m.run(['apt-get', 'install', '-y', 'git'], { uid: 1000 });
    expect(user).toMatchObject({ code: 100, stderr: 'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n' });
  });
});
