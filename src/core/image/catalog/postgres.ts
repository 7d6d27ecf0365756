// postgres:16 and postgres:17 (bookworm): the PGDG packages on
// debian:bookworm-slim with gosu, the en_US.UTF-8 locale, an anonymous VOLUME
// for PGDATA, STOPSIGNAL SIGINT. LLVM (for JIT) and ICU carry the bulk.
import { sha256Hex } from '../../hash';
import { aptLayer, bins, blobs } from './apt';
import { GROUP, PASSWD } from './debian-etc';
import { BASE_PACKAGES } from './debian-lists';
import { df, lazy, type Recipe } from './recipe';
import { TreeBuilder, at } from './tree';

export const GOSU_VERSION = '1.17';

const PG_BINS =
  'postgres:9543616 postmaster:>postgres initdb:150712 pg_ctl:63528 psql:695896 pg_dump:432240 pg_dumpall:117672 pg_restore:195808 createdb:80712 createuser:84808 dropdb:76616 dropuser:76616 pg_isready:72472 pg_basebackup:142072 pg_upgrade:179520 pg_resetwal:76600 pg_controldata:68392 pg_rewind:121632 pg_waldump:113400 pgbench:199536 vacuumdb:93000 reindexdb:89000 clusterdb:80712 pg_archivecleanup:60192 pg_checksums:80600 pg_config:68400 pg_receivewal:105080 pg_recvlogical:100984 pg_test_fsync:64200 pg_test_timing:60104 pg_verifybackup:113512 pg_amcheck:109000';
const PG_LIBS =
  'llvmjit.so:260000 plpgsql.so:285000 pgoutput.so:44000 dict_snowball.so:640000 libpqwalreceiver.so:54000 pgcrypto.so:150000 hstore.so:95000 pg_stat_statements.so:62000 postgres_fdw.so:150000 uuid-ossp.so:22000 citext.so:22000 ltree.so:76000 pg_trgm.so:85000 btree_gin.so:50000 btree_gist.so:130000 fuzzystrmatch.so:40000 cube.so:50000 earthdistance.so:15000 tablefunc.so:35000 unaccent.so:22000 amcheck.so:68000 pageinspect.so:75000 pg_buffercache.so:22000 pg_prewarm.so:35000 pgstattuple.so:35000 dblink.so:68000 file_fdw.so:35000 isn.so:50000 lo.so:15000 seg.so:50000 tcn.so:15000 tsm_system_rows.so:15000 tsm_system_time.so:15000 auto_explain.so:30000 passwordcheck.so:15000 sslinfo.so:22000 xml2.so:40000 utf8_and_iso8859.so:15000 euc_jp_and_sjis.so:30000 plpgsql.control:0';
const PG_PKGS =
  'postgresql-common postgresql-client-common ssl-cert libpq5 libllvm15 libicu72 libxml2 libxslt1.1 libssl3 libldap-2.5-0 libsasl2-2 libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0 libkeyutils1 libz3-4 libedit2 libbsd0 libsensors5 libsensors-config libperl5.36 perl perl-modules-5.36 libjson-perl';

export interface PostgresVersion {
  major: string;
  pgVersion: string;
  created: string;
}

function pgInstallLayer(v: PostgresVersion) {
  const pkgs = [...PG_PKGS.split(' '), `postgresql-${v.major}`, `postgresql-client-${v.major}`];
  return aptLayer({
    salt: `postgres-${v.pgVersion}`,
    created: v.created,
    installed: [...BASE_PACKAGES, 'gnupg', 'less', 'gosu', 'locales', 'libnss-wrapper', 'xz-utils', 'zstd'],
    packages: pkgs,
    docs: false,
    files: (t) => {
      const base = `/usr/lib/postgresql/${v.major}`;
      bins(t, `${base}/bin`, PG_BINS);
      blobs(t, `${base}/lib`, PG_LIBS);
      blobs(t, `${base}/lib/bitcode`, 'postgres.index.bc:900000 plpgsql.index.bc:80000');
      for (const f of [
        'postgres.bki:1050000',
        'system_constraints.sql:9000',
        'system_functions.sql:23000',
        'system_views.sql:48000',
        'information_schema.sql:116000',
        'sql_features.txt:36000',
        'snowball_create.sql:45000',
        'errcodes.txt:33000',
        'pg_hba.conf.sample:5700',
        'pg_ident.conf.sample:2600',
        'postgresql.conf.sample:31000',
        'pg_service.conf.sample:604',
        'psqlrc.sample:278',
      ]) {
        const [name, size] = f.split(':');
        t.blob(`/usr/share/postgresql/${v.major}/${name}`, Number(size));
      }
      for (const e of 'plpgsql hstore pgcrypto pg_stat_statements postgres_fdw uuid-ossp citext ltree pg_trgm btree_gin btree_gist fuzzystrmatch cube earthdistance tablefunc unaccent amcheck pageinspect pg_buffercache pg_prewarm pgstattuple dblink file_fdw isn lo seg tcn tsm_system_rows tsm_system_time xml2 intarray intagg bloom adminpack dict_int dict_xsync'.split(
        ' ',
      )) {
        t.blob(`/usr/share/postgresql/${v.major}/extension/${e}.control`, 180);
        t.blob(`/usr/share/postgresql/${v.major}/extension/${e}--1.0.sql`, 6_000);
      }
      blobs(
        t,
        `/usr/share/postgresql/${v.major}/timezonesets`,
        'Default:28000 Africa.txt:7000 America.txt:11000 Asia.txt:8000 Europe.txt:10000 India:1000',
      );
      blobs(
        t,
        `/usr/share/postgresql/${v.major}/tsearch_data`,
        'english.stop:622 danish.stop:424 dutch.stop:453 french.stop:805 german.stop:1349 spanish.stop:2176 synonym_sample.syn:73 thesaurus_sample.ths:473',
      );
      bins(
        t,
        '/usr/bin',
        'pg_ctlcluster:30000 pg_lsclusters:7000 pg_createcluster:34000 pg_dropcluster:8000 pg_conftool:9000 psql:>../share/postgresql-common/pg_wrapper pg_dump:>../share/postgresql-common/pg_wrapper pg_restore:>../share/postgresql-common/pg_wrapper createdb:>../share/postgresql-common/pg_wrapper',
      );
      t.exe('/usr/share/postgresql-common/pg_wrapper', 'pg_wrapper', 8_400);
      blobs(
        t,
        '/usr/lib/x86_64-linux-gnu',
        'libLLVM-15.so.1:101680000 libLLVM-15.so>libLLVM-15.so.1 libz3.so.4:18300000 libpq.so.5.16:323776 libpq.so.5>libpq.so.5.16 libicudata.so.72.1:30736672 libicuuc.so.72.1:2070056 libicui18n.so.72.1:3393264 libxml2.so.2.9.14:1914280 libxslt.so.1.1.35:251952 libssl.so.3:687352 libcrypto.so.3:4709880 libldap-2.5.so.0.1.11:346360 libsasl2.so.2.0.25:120336 libgssapi_krb5.so.2.2:338688 libkrb5.so.3.3:827936 libk5crypto.so.3.1:178456 libedit.so.2.0.70:245808 libbsd.so.0.11.7:88016 libsensors.so.5.0.0:62248 libperl.so.5.36.0:3955416',
      );
      blobs(
        t,
        '/etc/postgresql-common',
        'createcluster.conf:2200 pg_upgradecluster.d/analyze:1300 user_clusters:300',
      );
      t.file('/etc/passwd', `${PASSWD}postgres:x:999:999::/var/lib/postgresql:/bin/bash\n`);
      t.file('/etc/group', `${GROUP}postgres:x:999:\nssl-cert:x:101:postgres\n`);
      t.dir('/var/lib/postgresql', 0o1777, { uid: 999, gid: 999 });
    },
    size: v.major === '16' ? 330_781_000 : 337_402_000,
  });
}

function small(salt: string, created: string, fill: (t: TreeBuilder) => void, size?: number) {
  return lazy(() => {
    const t = new TreeBuilder(salt, at(created));
    fill(t);
    return size === undefined ? t.build() : t.scaleTo(size).build();
  });
}

export function postgresRecipe(slim: Recipe, v: PostgresVersion): Recipe {
  const c = (m: string) => `2026-11-13T02:${m}Z`;
  const users = (t: TreeBuilder) => {
    t.file('/etc/passwd', `${PASSWD}postgres:x:999:999::/var/lib/postgresql:/bin/bash\n`);
    t.file('/etc/group', `${GROUP}postgres:x:999:\n`);
    blobs(t, '/etc', 'shadow:540 gshadow:470 passwd-:950 group-:430');
    t.dir('/var/lib/postgresql', 0o1777, { uid: 999, gid: 999 });
  };
  const pgdata = '/var/lib/postgresql/data';
  return {
    name: `postgres:${v.pgVersion}`,
    base: slim,
    steps: [
      df.run(
        c('01:10'),
        'set -eux; \tgroupadd -r postgres --gid=999; \tuseradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres; \tinstall --verbose --directory --owner postgres --group postgres --mode 1777 /var/lib/postgresql',
        small(`pg${v.major}-users`, c('01:10'), users),
      ),
      df.run(
        c('01:18'),
        'set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgnupg \t\tless \t; \trm -rf /var/lib/apt/lists/*',
        lazy(() =>
          aptLayer({
            salt: `pg${v.major}-gnupg`,
            created: c('01:18'),
            installed: BASE_PACKAGES,
            packages: [
              'gnupg',
              'less',
              'gpg',
              'gpg-agent',
              'gpgconf',
              'dirmngr',
              'libassuan0',
              'libksba8',
              'libnpth0',
              'libreadline8',
              'libsqlite3-0',
              'pinentry-curses',
            ],
            docs: false,
            files: (t) =>
              bins(
                t,
                '/usr/bin',
                'gpg:1106008 gpg-agent:379344 gpgconf:173128 dirmngr:704808 less:181752 lesskey:27184 lessecho:14792 pinentry-curses:71880',
              ),
            size: 9_810_000,
          }),
        ),
      ),
      df.env(c('01:18'), { GOSU_VERSION }),
      df.run(
        c('01:22'),
        'set -eux; \tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends ca-certificates wget; \trm -rf /var/lib/apt/lists/*; \tdpkgArch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')"; \twget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch"; \tchmod +x /usr/local/bin/gosu; \tgosu --version; \tgosu nobody true',
        small(
          `pg${v.major}-gosu`,
          c('01:22'),
          (t) => t.exe('/usr/local/bin/gosu', 'gosu', 2_410_480),
          4_098_000,
        ),
      ),
      df.run(
        c('01:40'),
        "set -eux; \tif [ -f /etc/dpkg/dpkg.cfg.d/docker ]; then \t\tgrep -q '/usr/share/locale' /etc/dpkg/dpkg.cfg.d/docker; \t\tsed -ri '/\\/usr\\/share\\/locale/d' /etc/dpkg/dpkg.cfg.d/docker; \t\t! grep -q '/usr/share/locale' /etc/dpkg/dpkg.cfg.d/docker; \tfi; \tapt-get update; apt-get install -y --no-install-recommends locales; rm -rf /var/lib/apt/lists/*; \techo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen; \tlocale-gen; \tlocale -a | grep 'en_US.utf8'",
        lazy(() =>
          aptLayer({
            salt: `pg${v.major}-locales`,
            created: c('01:40'),
            installed: BASE_PACKAGES,
            packages: ['locales'],
            docs: false,
            files: (t) => {
              t.blob('/usr/lib/locale/locale-archive', 3_050_000);
              t.file(
                '/etc/locale.gen',
                '# This file lists locales that you wish to have built.\nen_US.UTF-8 UTF-8\n',
              );
              bins(t, '/usr/sbin', 'locale-gen:3000 update-locale:3000 validlocale:1700');
              for (const l of [
                'de_DE',
                'en_GB',
                'en_US',
                'es_ES',
                'fr_FR',
                'it_IT',
                'ja_JP',
                'pt_BR',
                'ru_RU',
                'zh_CN',
              ])
                t.blob(`/usr/share/i18n/locales/${l}`, 9_000);
              t.blob('/usr/share/i18n/charmaps/UTF-8.gz', 210_000);
            },
            size: 25_402_000,
          }),
        ),
      ),
      df.env(c('01:40'), { LANG: 'en_US.utf8' }),
      df.run(
        c('01:44'),
        'set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tlibnss-wrapper \t\txz-utils \t\tzstd \t; \trm -rf /var/lib/apt/lists/*',
        lazy(() =>
          aptLayer({
            salt: `pg${v.major}-nss`,
            created: c('01:44'),
            installed: BASE_PACKAGES,
            packages: ['libnss-wrapper', 'xz-utils', 'zstd'],
            docs: false,
            files: (t) => {
              bins(
                t,
                '/usr/bin',
                'xz:84464 unxz:>xz xzcat:>xz zstd:1419608 unzstd:>zstd zstdcat:>zstd nss_wrapper.pl:12000',
              );
              t.blob('/usr/lib/x86_64-linux-gnu/libnss_wrapper.so', 80_000);
            },
            size: 1_847_000,
          }),
        ),
      ),
      df.run(
        c('01:44'),
        'mkdir /docker-entrypoint-initdb.d',
        small(`pg${v.major}-initdb`, c('01:44'), (t) => t.dir('/docker-entrypoint-initdb.d')),
      ),
      df.run(
        c('01:50'),
        'set -ex; \tkey=\'B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8\'; \texport GNUPGHOME="$(mktemp -d)"; \tmkdir -p /usr/local/share/keyrings/; \tgpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key"; \tgpg --batch --export --armor "$key" > /usr/local/share/keyrings/postgres.gpg.asc; \tgpgconf --kill all; \trm -rf "$GNUPGHOME"',
        small(`pg${v.major}-key`, c('01:50'), (t) =>
          t.blob('/usr/local/share/keyrings/postgres.gpg.asc', 2_970),
        ),
      ),
      df.env(c('01:50'), { PG_MAJOR: v.major }),
      df.env(c('01:50'), {
        PATH: `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/${v.major}/bin`,
      }),
      df.env(c('01:50'), { PG_VERSION: v.pgVersion }),
      df.run(
        v.created,
        `set -ex; \t\texport PYTHONDONTWRITEBYTECODE=1; \t\tdpkgArch="$(dpkg --print-architecture)"; \taptRepo="[ signed-by=/usr/local/share/keyrings/postgres.gpg.asc ] http://apt.postgresql.org/pub/repos/apt/ bookworm-pgdg main $PG_MAJOR"; \techo "deb $aptRepo" > /etc/apt/sources.list.d/pgdg.list; \tapt-get update; \t\tapt-get install -y --no-install-recommends postgresql-common; \tsed -ri 's/#(create_main_cluster) .*$/\\1 = false/' /etc/postgresql-common/createcluster.conf; \tapt-get install -y --no-install-recommends \t\t"postgresql-$PG_MAJOR=$PG_VERSION" \t; \t\trm -rf /var/lib/apt/lists/*; \t\tpostgres --version`,
        lazy(() => pgInstallLayer(v)),
        0.29,
      ),
      df.run(
        c('08:31'),
        'set -eux; \tdpkg-divert --add --rename --divert "/usr/share/postgresql/postgresql.conf.sample.dpkg" "/usr/share/postgresql/$PG_MAJOR/postgresql.conf.sample"; \tcp -v /usr/share/postgresql/postgresql.conf.sample.dpkg /usr/share/postgresql/postgresql.conf.sample; \tln -sv ../postgresql.conf.sample "/usr/share/postgresql/$PG_MAJOR/"; \tsed -ri "s!^#?(listen_addresses)\\s*=\\s*\\S+.*!\\1 = \'*\'!" /usr/share/postgresql/postgresql.conf.sample; \tgrep -F "listen_addresses = \'*\'" /usr/share/postgresql/postgresql.conf.sample',
        small(`pg${v.major}-sample`, c('08:31'), (t) => {
          t.blob('/usr/share/postgresql/postgresql.conf.sample', 31_000);
          t.blob('/usr/share/postgresql/postgresql.conf.sample.dpkg', 31_000);
          t.link(`/usr/share/postgresql/${v.major}/postgresql.conf.sample`, '../postgresql.conf.sample');
          t.blob('/var/lib/dpkg/diversions', 90);
        }),
      ),
      df.run(
        c('08:31'),
        'install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql',
        small(`pg${v.major}-run`, c('08:31'), (t) =>
          t.dir('/run/postgresql', 0o3777, { uid: 999, gid: 999 }),
        ),
      ),
      df.env(c('08:31'), { PGDATA: pgdata }),
      df.run(
        c('08:32'),
        'install --verbose --directory --owner postgres --group postgres --mode 1777 "$PGDATA"',
        small(`pg${v.major}-data`, c('08:32'), (t) => t.dir(pgdata, 0o1777, { uid: 999, gid: 999 })),
      ),
      df.volume(c('08:32'), [pgdata]),
      df.copy(
        c('08:32'),
        'docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/ # buildkit',
        small(`pg${v.major}-ep`, c('08:32'), (t) => {
          t.exe('/usr/local/bin/docker-entrypoint.sh', 'postgres-entrypoint', 12_594);
          t.exe('/usr/local/bin/docker-ensure-initdb.sh', 'postgres-ensure-initdb', 1_108);
        }),
      ),
      df.run(
        c('08:32'),
        'ln -sT docker-ensure-initdb.sh /usr/local/bin/docker-enforce-initdb.sh',
        small(`pg${v.major}-enforce`, c('08:32'), (t) =>
          t.link('/usr/local/bin/docker-enforce-initdb.sh', 'docker-ensure-initdb.sh'),
        ),
      ),
      df.entrypoint(c('08:32'), ['docker-entrypoint.sh']),
      df.stopSignal(c('08:32'), 'SIGINT'),
      df.expose(c('08:32'), ['5432/tcp']),
      df.cmd(c('08:32'), ['postgres']),
    ],
  };
}

/** A fixed, version-derived checksum for ENV lines that carry one. */
export function checksumFor(what: string): string {
  return sha256Hex(what);
}
