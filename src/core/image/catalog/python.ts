// The official python:3.13 images: the same Dockerfile steps on three bases
// (buildpack-deps:bookworm, debian:bookworm-slim, alpine:3.22). Each variant
// compiles its own CPython, so their python layers differ; only the base layers
// are shared with other images.
import type { Layer } from '../../fs/layer';
import { aptLayer, bins, blobs } from './apt';
import { BASE_PACKAGES } from './debian-lists';
import { INSTALLED_BUILDPACK } from './buildpack-deps';
import { LIB_DYNLOAD, PIP_FILES, STDLIB_MODULES, STDLIB_PACKAGES, THIS_PY } from './python-stdlib';
import { df, lazy, type Recipe, type Step } from './recipe';
import { TreeBuilder, at, jitter } from './tree';

export const PYTHON_VERSION = '3.13.5';
export const PYTHON_ENV = {
  GPG_KEY: '7169605F62C751356D054A26A821E680E5FA6305',
  PYTHON_VERSION,
  PYTHON_SHA256: '93e583f243454e6e9e4588ca2c2662206ad961659863277afcdb96801647d640',
};
const PIP_VERSION = '25.1.1';

type Variant = 'bookworm' | 'slim' | 'alpine';

const PIP_SCRIPT = `#!/usr/local/bin/python3.13
# -*- coding: utf-8 -*-
import re
import sys
from pip._internal.cli.main import main
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit(main())
`;

const HEADERS =
  `Python.h abstract.h bltinmodule.h boolobject.h bytearrayobject.h bytesobject.h ceval.h codecs.h compile.h complexobject.h
descrobject.h dictobject.h dynamic_annotations.h enumobject.h errcode.h exports.h fileobject.h fileutils.h floatobject.h
frameobject.h genericaliasobject.h import.h intrcheck.h iterobject.h listobject.h lock.h longobject.h marshal.h memoryobject.h
methodobject.h modsupport.h moduleobject.h monitoring.h object.h objimpl.h opcode.h opcode_ids.h osdefs.h osmodule.h patchlevel.h
py_curses.h pyatomic.h pybuffer.h pycapsule.h pyconfig.h pydtrace.h pyerrors.h pyexpat.h pyframe.h pyhash.h pylifecycle.h
pymacconfig.h pymacro.h pymath.h pymem.h pyport.h pystate.h pystats.h pystrcmp.h pystrtod.h pythonrun.h pythread.h pytypedefs.h
rangeobject.h setobject.h sliceobject.h structmember.h structseq.h sysmodule.h traceback.h tupleobject.h typeslots.h unicodeobject.h
warnings.h weakrefobject.h cpython/abstract.h cpython/code.h cpython/dictobject.h cpython/object.h cpython/pystate.h
cpython/unicodeobject.h internal/pycore_ceval.h internal/pycore_code.h internal/pycore_dict.h internal/pycore_object.h`
    .split(/\s+/)
    .filter(Boolean);

/** /usr/local as `make install` leaves it, minus tests, .pyc files and libpython*.a. */
function cpython(t: TreeBuilder, v: Variant): void {
  const lib = '/usr/local/lib/python3.13';
  t.exe('/usr/local/bin/python3.13', 'python3.13', v === 'alpine' ? 14_352 : 16_008);
  t.link('/usr/local/bin/python3', 'python3.13');
  t.file('/usr/local/bin/pip3', PIP_SCRIPT, 0o755);
  t.file('/usr/local/bin/pip3.13', PIP_SCRIPT, 0o755);
  t.file(
    '/usr/local/bin/idle3.13',
    "#!/usr/local/bin/python3.13\n\nfrom idlelib.pyshell import main\nif __name__ == '__main__':\n    main()\n",
    0o755,
  );
  t.link('/usr/local/bin/idle3', 'idle3.13');
  t.file(
    '/usr/local/bin/pydoc3.13',
    "#!/usr/local/bin/python3.13\n\nimport pydoc\nif __name__ == '__main__':\n    pydoc.cli()\n",
    0o755,
  );
  t.link('/usr/local/bin/pydoc3', 'pydoc3.13');
  t.blob('/usr/local/bin/python3.13-config', 3_130, 0o755);
  t.link('/usr/local/bin/python3-config', 'python3.13-config');
  t.blob('/usr/local/lib/libpython3.13.so.1.0', v === 'alpine' ? 22_400_000 : 26_850_000, 0o755);
  t.link('/usr/local/lib/libpython3.13.so', 'libpython3.13.so.1.0');
  t.blob('/usr/local/lib/libpython3.so', 15_616, 0o755);
  blobs(
    t,
    '/usr/local/lib/pkgconfig',
    'python-3.13.pc:323 python-3.13-embed.pc:335 python3.pc>python-3.13.pc python3-embed.pc>python-3.13-embed.pc',
  );
  for (const h of HEADERS) t.blob(`/usr/local/include/python3.13/${h}`, jitter(h, 9_000));
  for (const m of STDLIB_MODULES) t.blob(`${lib}/${m}.py`, jitter(m, 42_000));
  t.file(`${lib}/this.py`, THIS_PY);
  for (const [pkg, mods] of Object.entries(STDLIB_PACKAGES)) {
    for (const m of mods.split(' '))
      t.blob(`${lib}/${pkg}/${m.includes('.') ? m : `${m}.py`}`, jitter(`${pkg}/${m}`, 18_000));
  }
  t.blob(`${lib}/pydoc_data/_pydoc.css`, 96);
  t.blob(`${lib}/ensurepip/_bundled/pip-${PIP_VERSION}-py3-none-any.whl`, 1_825_227);
  for (const x of LIB_DYNLOAD)
    t.blob(
      `${lib}/lib-dynload/${x}.cpython-313-x86_64-linux-${v === 'alpine' ? 'musl' : 'gnu'}.so`,
      jitter(x, 120_000),
      0o755,
    );
  const cfg = `${lib}/config-3.13-x86_64-linux-${v === 'alpine' ? 'musl' : 'gnu'}`;
  blobs(
    t,
    cfg,
    'Makefile:160000 Setup:11000 Setup.bootstrap:1300 Setup.local:41 Setup.stdlib:7000 config.c:4200 config.c.in:1800 install-sh:15300 makesetup:9300 python-config.py:2200 python.o:3500',
  );
  t.blob(`${lib}/_sysconfigdata__linux_x86_64-linux-${v === 'alpine' ? 'musl' : 'gnu'}.py`, 54_000);
  t.blob(`${lib}/_sysconfig_vars__linux_x86_64-linux-${v === 'alpine' ? 'musl' : 'gnu'}.json`, 48_000);
  t.blob(`${lib}/LICENSE.txt`, 13_809);
  t.file(
    `${lib}/site-packages/README.txt`,
    'This directory exists so that 3rd party packages can be installed\nhere.  Read the source for site.py for more details.\n',
  );
  for (const f of PIP_FILES)
    t.blob(`${lib}/site-packages/pip/${f}`, f.endsWith('cacert.pem') ? 297_000 : jitter(f, 14_000));
  const dist = `${lib}/site-packages/pip-${PIP_VERSION}.dist-info`;
  t.file(`${dist}/INSTALLER`, 'pip\n');
  t.file(
    `${dist}/WHEEL`,
    'Wheel-Version: 1.0\nGenerator: setuptools (80.1.0)\nRoot-Is-Purelib: true\nTag: py3-none-any\n\n',
  );
  t.file(`${dist}/top_level.txt`, 'pip\n');
  t.file(
    `${dist}/entry_points.txt`,
    '[console_scripts]\npip = pip._internal.cli.main:main\npip3 = pip._internal.cli.main:main\n',
  );
  t.file(`${dist}/REQUESTED`, '');
  blobs(t, dist, 'METADATA:4700 RECORD:71000 licenses/AUTHORS.txt:11000 licenses/LICENSE.txt:1093');
  t.blob('/usr/local/share/man/man1/python3.13.1', 20_000);
  t.link('/usr/local/share/man/man1/python3.1', 'python3.13.1');
  if (v !== 'alpine') {
    t.blob('/usr/share/gdb/auto-load/usr/local/bin/python3.13-gdb.py', 79_116);
    t.blob('/etc/ld.so.cache', 10_400);
  }
}

const SLIM_RUNTIME =
  'libexpat1 libgdbm6 libgdbm-compat4 libncursesw6 libreadline8 libsqlite3-0 readline-common'.split(' ');

function pythonLayer(v: Variant, created: string, size: number): Layer {
  if (v === 'slim') {
    return aptLayer({
      salt: 'python-3.13-slim',
      created,
      installed: [...BASE_PACKAGES, 'ca-certificates', 'netbase', 'openssl', 'libssl3'],
      packages: SLIM_RUNTIME,
      docs: false,
      files: (t) => {
        cpython(t, v);
        blobs(
          t,
          '/usr/lib/x86_64-linux-gnu',
          'libsqlite3.so.0.8.6:1490608 libsqlite3.so.0>libsqlite3.so.0.8.6 libreadline.so.8.2:343968 libreadline.so.8>libreadline.so.8.2 libncursesw.so.6.4:469176 libncursesw.so.6>libncursesw.so.6.4 libexpat.so.1.8.10:198712 libexpat.so.1>libexpat.so.1.8.10 libgdbm.so.6.0.0:59016 libgdbm_compat.so.4.0.0:18520',
        );
      },
      size,
    });
  }
  const t = new TreeBuilder(`python-3.13-${v}`, at(created));
  cpython(t, v);
  return t.scaleTo(size).build();
}

function symlinksLayer(v: Variant, created: string): Layer {
  const t = new TreeBuilder(`python-3.13-${v}-links`, at(created));
  for (const src of ['idle3', 'pip3', 'pydoc3', 'python3', 'python3-config'])
    t.link(`/usr/local/bin/${src.replace('3', '')}`, src);
  return t.build();
}

const BUILD_SCRIPT = {
  bookworm:
    'set -eux; \t\twget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz"; \techo "$PYTHON_SHA256 *python.tar.xz" | sha256sum -c -; \twget -O python.tar.xz.asc "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz.asc"; \tGNUPGHOME="$(mktemp -d)"; export GNUPGHOME; \tgpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$GPG_KEY"; \tgpg --batch --verify python.tar.xz.asc python.tar.xz; \tgpgconf --kill all; \trm -rf "$GNUPGHOME" python.tar.xz.asc; \tmkdir -p /usr/src/python; \ttar --extract --directory /usr/src/python --strip-components=1 --file python.tar.xz; \trm python.tar.xz; \t\tcd /usr/src/python; \tgnuArch="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)"; \t./configure \t\t--build="$gnuArch" \t\t--enable-loadable-sqlite-extensions \t\t--enable-optimizations \t\t--enable-option-checking=fatal \t\t--enable-shared \t\t$(test "$gnuArch" != \'riscv64-linux-musl\' && echo \'--with-lto\') \t\t--with-ensurepip \t; \tnproc="$(nproc)"; \tEXTRA_CFLAGS="$(dpkg-buildflags --get CFLAGS)"; \tLDFLAGS="$(dpkg-buildflags --get LDFLAGS)"; \tmake -j "$nproc" \t\t"EXTRA_CFLAGS=${EXTRA_CFLAGS:-}" \t\t"LDFLAGS=${LDFLAGS:-}" \t; \trm python; \tmake -j "$nproc" \t\t"EXTRA_CFLAGS=${EXTRA_CFLAGS:-}" \t\t"LDFLAGS=${LDFLAGS:--Wl},-rpath=\'\\$\\$ORIGIN/../lib\'" \t\tpython \t; \tmake install; \t\tbin="$(readlink -ve /usr/local/bin/python3)"; \tdir="$(dirname "$bin")"; \tmkdir -p "/usr/share/gdb/auto-load/$dir"; \tcp -vL Tools/gdb/libpython.py "/usr/share/gdb/auto-load/$bin-gdb.py"; \t\tcd /; \trm -rf /usr/src/python; \t\tfind /usr/local -depth \t\t\\( \t\t\t\\( -type d -a \\( -name test -o -name tests -o -name idle_test \\) \\) \t\t\t-o \\( -type f -a \\( -name \'*.pyc\' -o -name \'*.pyo\' -o -name \'libpython*.a\' \\) \\) \t\t\\) -exec rm -rf \'{}\' + \t; \t\tldconfig; \t\texport PYTHONDONTWRITEBYTECODE=1; \tpython3 --version; \tpip3 --version',
  slim: 'set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tdpkg-dev \t\tgcc \t\tgnupg \t\tlibbluetooth-dev \t\tlibbz2-dev \t\tlibc6-dev \t\tlibdb-dev \t\tlibffi-dev \t\tlibgdbm-dev \t\tliblzma-dev \t\tlibncursesw5-dev \t\tlibreadline-dev \t\tlibsqlite3-dev \t\tlibssl-dev \t\tmake \t\ttk-dev \t\tuuid-dev \t\twget \t\txz-utils \t\tzlib1g-dev \t; \t\twget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz"; \techo "$PYTHON_SHA256 *python.tar.xz" | sha256sum -c -; \t./configure --enable-optimizations --enable-shared --with-lto --with-ensurepip; \tmake -j "$(nproc)"; \tmake install; \t\tapt-mark auto \'.*\' > /dev/null; \tapt-mark manual $savedAptMark; \tapt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \trm -rf /var/lib/apt/lists/*; \t\texport PYTHONDONTWRITEBYTECODE=1; \tpython3 --version; \tpip3 --version',
  alpine:
    'set -eux; \t\tapk add --no-cache --virtual .build-deps \t\tgnupg \t\ttar \t\txz \t\t\t\tbluez-dev \t\tbzip2-dev \t\tdpkg-dev dpkg \t\tfindutils \t\tgcc \t\tgdbm-dev \t\tlibc-dev \t\tlibffi-dev \t\tlibnsl-dev \t\tlibtirpc-dev \t\tlinux-headers \t\tmake \t\tncurses-dev \t\topenssl-dev \t\tpax-utils \t\treadline-dev \t\tsqlite-dev \t\ttcl-dev \t\ttk \t\ttk-dev \t\tutil-linux-dev \t\txz-dev \t\tzlib-dev \t; \t\twget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz"; \t./configure --enable-optimizations --enable-shared --with-lto --with-ensurepip; \tmake -j "$(nproc)"; \tmake install; \t\tapk add --no-network --virtual .python-rundeps $runDeps; \tapk del --no-network .build-deps; \t\texport PYTHONDONTWRITEBYTECODE=1; \tpython3 --version; \tpip3 --version',
};

const LINKS_SCRIPT =
  'set -eux; \tfor src in idle3 pip3 pydoc3 python3 python3-config; do \t\tdst="$(echo "$src" | tr -d 3)"; \t\t[ -s "/usr/local/bin/$src" ]; \t\t[ ! -e "/usr/local/bin/$dst" ]; \t\tln -svT "$src" "/usr/local/bin/$dst"; \tdone';

interface PyTimes {
  env: string;
  deps: string;
  build: string;
  links: string;
}

function pythonSteps(v: Variant, times: PyTimes, depsStep: Step): Step[] {
  return [
    df.env(times.env, { LANG: 'C.UTF-8' }),
    depsStep,
    df.env(times.deps, { GPG_KEY: PYTHON_ENV.GPG_KEY }),
    df.env(times.deps, { PYTHON_VERSION }),
    df.env(times.deps, { PYTHON_SHA256: PYTHON_ENV.PYTHON_SHA256 }),
    df.run(
      times.build,
      BUILD_SCRIPT[v],
      lazy(() =>
        pythonLayer(v, times.build, v === 'bookworm' ? 87_413_000 : v === 'slim' ? 36_027_000 : 35_118_000),
      ),
      v === 'alpine' ? 0.33 : 0.32,
    ),
    df.run(
      times.links,
      LINKS_SCRIPT,
      lazy(() => symlinksLayer(v, times.links)),
    ),
    df.cmd(times.links, ['python3']),
  ];
}

export function pythonRecipes(bases: { buildpack: Recipe; slim: Recipe; alpine: Recipe }): {
  bookworm: Recipe;
  slim: Recipe;
  alpine: Recipe;
} {
  const t = (d: string, h: string) => `2026-11-${d}T${h}Z`;
  const bookworm: Recipe = {
    name: 'python:3.13-bookworm',
    base: bases.buildpack,
    steps: pythonSteps(
      'bookworm',
      {
        env: t('04', '17:46:55'),
        deps: t('04', '17:47:30'),
        build: t('04', '17:52:41'),
        links: t('04', '17:52:42'),
      },
      df.run(
        t('04', '17:47:30'),
        'set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tlibbluetooth-dev \t\ttk-dev \t\tuuid-dev \t; \trm -rf /var/lib/apt/lists/*',
        lazy(() =>
          aptLayer({
            salt: 'python-3.13-deps',
            created: t('04', '17:47:30'),
            installed: INSTALLED_BUILDPACK,
            packages:
              'libbluetooth-dev libbluetooth3 libtcl8.6 libtk8.6 libxft2 libxrender1 libxss1 tcl tcl-dev tcl8.6 tcl8.6-dev tk tk-dev tk8.6 tk8.6-dev uuid-dev x11proto-dev xorg-sgml-doctools'.split(
                ' ',
              ),
            docs: true,
            files: (tb) => {
              bins(tb, '/usr/bin', 'tclsh8.6:14416 tclsh:>tclsh8.6 wish8.6:14416 wish:>wish8.6');
              blobs(
                tb,
                '/usr/lib/x86_64-linux-gnu',
                'libtcl8.6.so:1784392 libtk8.6.so:1519184 libbluetooth.so.3.19.8:141472 libXft.so.2.3.6:100944 libXrender.so.1.3.0:43432 libXss.so.1.0.0:14600 libtclstub8.6.a:6000 libtkstub8.6.a:10000',
              );
              blobs(
                tb,
                '/usr/share/tcltk/tcl8.6',
                'init.tcl:24000 auto.tcl:21000 clock.tcl:140000 history.tcl:7000 package.tcl:23000 tclIndex:5000 word.tcl:4000',
                20_000,
              );
              blobs(
                tb,
                '/usr/share/tcltk/tk8.6',
                'tk.tcl:23000 button.tcl:20000 entry.tcl:18000 text.tcl:34000 ttk/ttk.tcl:5000',
                20_000,
              );
              blobs(tb, '/usr/include/tcl8.6', 'tcl.h:90000 tclDecls.h:170000 tk.h:55000 tkDecls.h:70000');
            },
            size: 18_631_000,
          }),
        ),
        0.36,
      ),
    ),
  };
  const slim: Recipe = {
    name: 'python:3.13-slim-bookworm',
    base: bases.slim,
    steps: pythonSteps(
      'slim',
      {
        env: t('04', '17:58:02'),
        deps: t('04', '17:58:07'),
        build: t('04', '18:03:19'),
        links: t('04', '18:03:20'),
      },
      df.run(
        t('04', '17:58:07'),
        'set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tnetbase \t\ttzdata \t; \trm -rf /var/lib/apt/lists/*',
        lazy(() =>
          aptLayer({
            salt: 'python-3.13-slim-ca',
            created: t('04', '17:58:07'),
            installed: BASE_PACKAGES,
            packages: ['ca-certificates', 'netbase', 'openssl', 'libssl3'],
            docs: false,
            files: (tb) => {
              bins(tb, '/usr/bin', 'openssl:1004296 c_rehash:6998');
              bins(tb, '/usr/sbin', 'update-ca-certificates:5438');
              blobs(
                tb,
                '/usr/lib/x86_64-linux-gnu',
                'libssl.so.3:687352 libcrypto.so.3:4709880 engines-3/afalg.so:26248 engines-3/loader_attic.so:112600 engines-3/padlock.so:14472 ossl-modules/legacy.so:153224',
              );
              blobs(tb, '/etc/ssl/certs', 'ca-certificates.crt:213777');
              blobs(
                tb,
                '/usr/share/ca-certificates/mozilla',
                'ISRG_Root_X1.crt:1939 ISRG_Root_X2.crt:790 DigiCert_Global_Root_CA.crt:1338 GlobalSign_Root_CA.crt:1258 Amazon_Root_CA_1.crt:1188',
              );
              blobs(
                tb,
                '/etc',
                'services:12813 protocols:2932 rpc:887 ethertypes:1816 ca-certificates.conf:6010 ssl/openssl.cnf:12332',
              );
            },
            size: 9_443_000,
          }),
        ),
        0.4,
      ),
    ),
  };
  const alpine: Recipe = {
    name: 'python:3.13-alpine3.22',
    base: bases.alpine,
    steps: pythonSteps(
      'alpine',
      {
        env: t('04', '18:10:44'),
        deps: t('04', '18:10:47'),
        build: t('04', '18:16:02'),
        links: t('04', '18:16:03'),
      },
      df.run(
        t('04', '18:10:47'),
        'set -eux; \tapk add --no-cache \t\tca-certificates \t\ttzdata \t;',
        lazy(() => {
          const tb = new TreeBuilder('python-3.13-alpine-ca', at(t('04', '18:10:47')));
          blobs(tb, '/etc/ssl/certs', 'ca-certificates.crt:221470');
          blobs(
            tb,
            '/usr/share/ca-certificates/mozilla',
            'ISRG_Root_X1.crt:1939 ISRG_Root_X2.crt:790 DigiCert_Global_Root_CA.crt:1338',
          );
          for (const z of [
            'Europe/London',
            'Europe/Paris',
            'Europe/Berlin',
            'America/New_York',
            'America/Los_Angeles',
            'Asia/Tokyo',
            'Etc/UTC',
            'UTC',
          ])
            tb.blob(`/usr/share/zoneinfo/${z}`, 2_200);
          blobs(tb, '/lib/apk/db', 'installed:80000 triggers:120 scripts.tar:40000');
          blobs(tb, '/etc/apk', 'world:70');
          return tb.scaleTo(1_912_000).build();
        }),
        0.45,
      ),
    ),
  };
  return { bookworm, slim, alpine };
}
