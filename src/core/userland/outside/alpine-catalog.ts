// The packages of the simulated Alpine 3.22 repositories (main and
// community): the minirootfs' own sixteen, and what students `apk add`
// (curl, bash, git, vim, nano) with their dependencies, versions, sizes and
// files. `files` uses the Debian catalog's notation.

export interface ApkPackage {
  name: string;
  version: string;
  repo: 'main' | 'community';
  /** Bytes of the .apk. */
  size: number;
  /** Installed bytes. */
  installed: number;
  depends: string[];
  description: string;
  url: string;
  license: string;
  origin: string;
  files: string;
  /** Ships a post-install script ("Executing name-version.post-install"). */
  postInstall?: boolean;
  /** Files it puts in busybox's applet directories fire busybox's trigger. */
  binDirs?: boolean;
}

const p = (name: string, version: string, repo: 'main' | 'community', size: number, installed: number, depends: string[], description: string, files: string, extra: Partial<ApkPackage> = {}): ApkPackage => ({
  name,
  version,
  repo,
  size,
  installed,
  depends,
  description,
  url: extra.url ?? 'https://alpinelinux.org',
  license: extra.license ?? 'MIT',
  origin: extra.origin ?? name,
  files,
  ...extra,
});

/** What alpine:3.22's minirootfs has installed. */
export const ALPINE_BASE = ['alpine-baselayout', 'alpine-baselayout-data', 'alpine-keys', 'alpine-release', 'apk-tools', 'busybox', 'busybox-binsh', 'ca-certificates-bundle', 'libapk2', 'libcrypto3', 'libssl3', 'musl', 'musl-utils', 'scanelf', 'ssl_client', 'zlib'];

export const ALPINE_PACKAGES: readonly ApkPackage[] = [
  p('alpine-baselayout', '3.7.0-r0', 'main', 8_712, 6_451, ['alpine-baselayout-data=3.7.0-r0', '/bin/sh'], 'Alpine base dir structure and init scripts', '', { license: 'GPL-2.0-only' }),
  p('alpine-baselayout-data', '3.7.0-r0', 'main', 11_388, 18_170, [], 'Alpine base dir structure and init scripts', '', { license: 'GPL-2.0-only', origin: 'alpine-baselayout' }),
  p('alpine-keys', '2.5-r0', 'main', 13_327, 13_327, [], 'Public keys for Alpine Linux packages', ''),
  p('alpine-release', '3.22.0-r0', 'main', 2_121, 1_077, [], 'Alpine release data', ''),
  p('apk-tools', '2.14.9-r2', 'main', 36_072, 68_136, ['musl>=1.2.3_git20230424', 'ca-certificates-bundle', 'libapk2=2.14.9-r2'], 'Alpine Package Keeper - package manager for alpine', '', { license: 'GPL-2.0-only' }),
  p('busybox', '1.37.0-r18', 'main', 515_940, 808_712, ['musl>=1.2.5_git20240512'], 'Size optimized toolbox of many common UNIX utilities', '', { license: 'GPL-2.0-only' }),
  p('busybox-binsh', '1.37.0-r18', 'main', 1_450, 1, ['busybox=1.37.0-r18'], 'busybox ash /bin/sh', '', { license: 'GPL-2.0-only', origin: 'busybox' }),
  p('ca-certificates-bundle', '20250619-r0', 'main', 128_000, 221_470, [], 'Pre generated bundle of Mozilla certificates', '', { license: 'MPL-2.0 AND MIT', origin: 'ca-certificates' }),
  p('libapk2', '2.14.9-r2', 'main', 118_016, 280_000, ['so:libc.musl-x86_64.so.1', 'so:libcrypto.so.3', 'so:libssl.so.3', 'so:libz.so.1'], 'Alpine Package Keeper - shared library', '', { license: 'GPL-2.0-only', origin: 'apk-tools' }),
  p('libcrypto3', '3.5.0-r0', 'main', 1_805_824, 4_794_000, ['so:libc.musl-x86_64.so.1'], 'Crypto library from openssl', '', { license: 'Apache-2.0', origin: 'openssl' }),
  p('libssl3', '3.5.0-r0', 'main', 358_812, 645_176, ['so:libc.musl-x86_64.so.1', 'so:libcrypto.so.3'], 'SSL shared libraries', '', { license: 'Apache-2.0', origin: 'openssl' }),
  p('musl', '1.2.5-r10', 'main', 413_520, 667_648, [], 'the musl c library (libc) implementation', ''),
  p('musl-utils', '1.2.5-r10', 'main', 37_372, 101_000, ['scanelf', 'so:libc.musl-x86_64.so.1'], 'the musl c library (libc) implementation', '', { origin: 'musl' }),
  p('scanelf', '1.3.8-r1', 'main', 36_660, 79_480, ['so:libc.musl-x86_64.so.1'], 'Scan ELF binaries for stuff', '', { license: 'GPL-2.0-only', origin: 'pax-utils' }),
  p('ssl_client', '1.37.0-r18', 'main', 5_832, 14_344, ['so:libc.musl-x86_64.so.1', 'so:libcrypto.so.3', 'so:libssl.so.3'], 'EXTERNAL ssl_client for busybox wget', '', { license: 'GPL-2.0-only', origin: 'busybox' }),
  p('zlib', '1.3.1-r2', 'main', 53_548, 100_416, ['so:libc.musl-x86_64.so.1'], 'A compression/decompression Library', '', { license: 'Zlib' }),

  p('curl', '8.14.1-r1', 'main', 270_508, 255_000, ['ca-certificates', 'libcurl=8.14.1-r1', 'so:libc.musl-x86_64.so.1', 'so:libcurl.so.4', 'so:libz.so.1'], 'URL retrieval utility and library', '/usr/bin/curl=curl:251976', { license: 'curl', url: 'https://curl.se/', binDirs: true }),
  p('libcurl', '8.14.1-r1', 'main', 386_040, 760_000, ['ca-certificates-bundle', 'brotli-libs', 'c-ares', 'libidn2', 'nghttp2-libs', 'libpsl', 'zstd-libs', 'so:libcrypto.so.3', 'so:libssl.so.3', 'so:libz.so.1'], 'The multiprotocol file transfer library', '/usr/lib/libcurl.so.4.8.0:741976 /usr/lib/libcurl.so.4>libcurl.so.4.8.0', { license: 'curl', url: 'https://curl.se/', origin: 'curl' }),
  p('ca-certificates', '20250619-r0', 'main', 182_116, 682_000, ['ca-certificates-bundle'], 'Common CA certificates PEM files from Mozilla', '/usr/sbin/update-ca-certificates=update-ca-certificates:30000 /usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt:1939 /etc/ca-certificates.conf:6010', { license: 'MPL-2.0 AND MIT' }),
  p('brotli-libs', '1.1.0-r2', 'main', 345_012, 1_000_000, ['so:libc.musl-x86_64.so.1'], 'Generic lossless compressor (libraries)', '/usr/lib/libbrotlicommon.so.1.1.0:143000 /usr/lib/libbrotlidec.so.1.1.0:55000 /usr/lib/libbrotlienc.so.1.1.0:790000', { origin: 'brotli' }),
  p('c-ares', '1.34.5-r0', 'main', 90_752, 213_000, ['so:libc.musl-x86_64.so.1'], 'Asynchronous DNS/names resolver library', '/usr/lib/libcares.so.2.19.4:209000 /usr/lib/libcares.so.2>libcares.so.2.19.4'),
  p('libunistring', '1.3-r0', 'main', 547_156, 1_800_000, ['so:libc.musl-x86_64.so.1'], 'Library for manipulating Unicode strings and C strings', '/usr/lib/libunistring.so.5.2.0:1790000 /usr/lib/libunistring.so.5>libunistring.so.5.2.0', { license: 'GPL-2.0-or-later OR LGPL-3.0-or-later' }),
  p('libidn2', '2.3.7-r0', 'main', 74_104, 209_000, ['so:libc.musl-x86_64.so.1', 'so:libunistring.so.5'], 'Encode/Decode library for internationalized domain names', '/usr/lib/libidn2.so.0.4.0:205000 /usr/lib/libidn2.so.0>libidn2.so.0.4.0', { license: 'GPL-2.0-or-later OR LGPL-3.0-or-later' }),
  p('nghttp2-libs', '1.65.0-r0', 'main', 75_608, 170_000, ['so:libc.musl-x86_64.so.1'], 'Experimental HTTP/2 client, server and proxy (libraries)', '/usr/lib/libnghttp2.so.14.28.4:166000 /usr/lib/libnghttp2.so.14>libnghttp2.so.14.28.4', { origin: 'nghttp2' }),
  p('libpsl', '0.21.5-r3', 'main', 58_112, 120_000, ['so:libc.musl-x86_64.so.1', 'so:libidn2.so.0', 'so:libunistring.so.5'], 'C library for the Publix Suffix List', '/usr/lib/libpsl.so.5.3.5:117000 /usr/lib/libpsl.so.5>libpsl.so.5.3.5'),
  p('zstd-libs', '1.5.7-r0', 'main', 266_492, 690_000, ['so:libc.musl-x86_64.so.1'], 'Zstandard - Fast real-time compression algorithm (libraries)', '/usr/lib/libzstd.so.1.5.7:686000 /usr/lib/libzstd.so.1>libzstd.so.1.5.7', { license: 'BSD-3-Clause OR GPL-2.0-or-later', origin: 'zstd' }),
  p('bash', '5.2.37-r0', 'main', 464_556, 1_240_000, ['/bin/sh', 'so:libc.musl-x86_64.so.1', 'so:libreadline.so.8'], 'The GNU Bourne Again shell', '/bin/bash=bash:1130000 /etc/bash/bashrc:1500', { license: 'GPL-3.0-or-later', postInstall: true, binDirs: true }),
  p('readline', '8.2.13-r1', 'main', 117_136, 272_000, ['so:libc.musl-x86_64.so.1', 'so:libncursesw.so.6'], 'GNU readline library', '/usr/lib/libreadline.so.8.2:270000 /usr/lib/libreadline.so.8>libreadline.so.8.2 /etc/inputrc:1800', { license: 'GPL-3.0-or-later' }),
  p('libncursesw', '6.5_p20250503-r0', 'main', 150_224, 377_000, ['ncurses-terminfo-base', 'so:libc.musl-x86_64.so.1'], 'Console display library (libncursesw)', '/usr/lib/libncursesw.so.6.5:373000 /usr/lib/libncursesw.so.6>libncursesw.so.6.5', { origin: 'ncurses' }),
  p('ncurses-terminfo-base', '6.5_p20250503-r0', 'main', 21_924, 41_000, [], 'Descriptions of common terminals', '/etc/terminfo/x/xterm:3800 /etc/terminfo/v/vt100:1200', { origin: 'ncurses' }),
  p('git', '2.49.1-r0', 'main', 6_592_300, 18_600_000, ['so:libc.musl-x86_64.so.1', 'so:libcurl.so.4', 'so:libexpat.so.1', 'so:libpcre2-8.so.0', 'so:libz.so.1'], 'Distributed version control system', '/usr/bin/git=git:3700000 /usr/libexec/git-core/git-remote-http=git-remote-http:1600000 /usr/share/git-core/templates/description:73', { license: 'GPL-2.0-or-later', url: 'https://www.git-scm.com/', binDirs: true }),
  p('libexpat', '2.7.1-r0', 'main', 75_880, 181_000, ['so:libc.musl-x86_64.so.1'], 'XML Parser library written in C', '/usr/lib/libexpat.so.1.10.2:177000 /usr/lib/libexpat.so.1>libexpat.so.1.10.2', { origin: 'expat' }),
  p('pcre2', '10.43-r1', 'main', 263_288, 650_000, ['so:libc.musl-x86_64.so.1'], 'Perl-compatible regular expression library', '/usr/lib/libpcre2-8.so.0.13.0:646000 /usr/lib/libpcre2-8.so.0>libpcre2-8.so.0.13.0', { license: 'BSD-3-Clause' }),
  p('vim', '9.1.1415-r0', 'main', 1_862_316, 3_800_000, ['vim-common=9.1.1415-r0', 'xxd', 'so:libc.musl-x86_64.so.1', 'so:libncursesw.so.6', 'so:libsodium.so.26'], 'Improved vi-style text editor', '/usr/bin/vim=vim:3400000 /usr/bin/vimdiff>vim', { license: 'Vim', url: 'https://www.vim.org/', binDirs: true }),
  p('vim-common', '9.1.1415-r0', 'main', 10_128, 24_000, [], 'Improved vi-style text editor (common files)', '/usr/share/vim/vimrc:1500', { license: 'Vim', origin: 'vim' }),
  p('xxd', '9.1.1415-r0', 'main', 16_196, 34_000, ['so:libc.musl-x86_64.so.1'], 'Make a hexdump or do the reverse', '/usr/bin/xxd=xxd:30000', { license: 'Vim', origin: 'vim', binDirs: true }),
  p('libsodium', '1.0.20-r1', 'main', 151_260, 381_000, ['so:libc.musl-x86_64.so.1'], 'P(ortable|ackageable) NaCl-based crypto library', '/usr/lib/libsodium.so.26.2.0:377000 /usr/lib/libsodium.so.26>libsodium.so.26.2.0', { license: 'ISC' }),
  p('nano', '8.4-r0', 'main', 522_800, 2_300_000, ['so:libc.musl-x86_64.so.1', 'so:libmagic.so.1', 'so:libncursesw.so.6'], 'Enhanced clone of the Pico text editor', '/usr/bin/nano=nano:290000 /usr/bin/rnano>nano /etc/nanorc:10000', { license: 'GPL-3.0-or-later', url: 'https://www.nano-editor.org/', binDirs: true }),
  p('libmagic', '5.46-r2', 'main', 513_656, 9_700_000, ['so:libc.musl-x86_64.so.1', 'so:libz.so.1'], 'File type identification library', '/usr/lib/libmagic.so.1.0.0:160000 /usr/share/misc/magic.mgc:9500000', { license: 'BSD-2-Clause', origin: 'file' }),
];

/** Which package provides a shared library (`so:` dependencies). */
export const ALPINE_SO: Record<string, string> = {
  'libc.musl-x86_64.so.1': 'musl',
  'libcrypto.so.3': 'libcrypto3',
  'libssl.so.3': 'libssl3',
  'libz.so.1': 'zlib',
  'libcurl.so.4': 'libcurl',
  'libreadline.so.8': 'readline',
  'libncursesw.so.6': 'libncursesw',
  'libexpat.so.1': 'libexpat',
  'libpcre2-8.so.0': 'pcre2',
  'libsodium.so.26': 'libsodium',
  'libmagic.so.1': 'libmagic',
  'libunistring.so.5': 'libunistring',
  'libidn2.so.0': 'libidn2',
};

/** The index files' sizes and the repositories' describe lines (`apk update`). */
export const ALPINE_INDEXES = {
  main: { size: 527_312, describe: 'v3.22.0-103-g2f42b5e4c3c', count: 5_618 },
  community: { size: 1_802_528, describe: 'v3.22.0-104-g0a4b9e6c1d2', count: 20_708 },
};
