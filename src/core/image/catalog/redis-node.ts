// redis:7 / redis:8 (on bookworm-slim, VOLUME /data, WORKDIR /data) and
// node:22 / node:24 in their full (buildpack-deps) and -slim variants.
import { aptLayer, bins, blobs } from './apt';
import { GROUP, PASSWD } from './debian-etc';
import { BASE_PACKAGES } from './debian-lists';
import { checksumFor, GOSU_VERSION } from './postgres';
import { df, lazy, type Recipe } from './recipe';
import { TreeBuilder, at, jitter } from './tree';

const REDIS_ENTRYPOINT = `#!/bin/sh
set -e

# first arg is \`-f\` or \`--some-option\`
# or first arg is \`something.conf\`
if [ "\${1#-}" != "$1" ] || [ "\${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi

# allow the container to be started with \`--user\`
if [ "$1" = 'redis-server' -a "$(id -u)" = '0' ]; then
	find . \\! -user redis -exec chown redis '{}' +
	exec gosu redis "$0" "$@"
fi

# set an appropriate umask (if one isn't set already)
# - https://github.com/docker-library/redis/issues/305
# - https://github.com/redis/redis/blob/bb875603fb7ff3f9d19aad906bd45d7db98d9a39/utils/systemd-redis_server.service#L37
um="$(umask)"
if [ "$um" = '0022' ]; then
	umask 0077
fi

exec "$@"
`;

const NODE_ENTRYPOINT = `#!/bin/sh
set -e

# Run command with node if the first argument contains a "-" or is not a system command. The last
# part inside the "{}" is a workaround for the following bug in ash/dash:
# https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=874264
if [ "\${1#-}" != "\${1}" ] || [ -z "$(command -v "\${1}")" ] || { [ -f "\${1}" ] && ! [ -x "\${1}" ]; }; then
  set -- node "$@"
fi

exec "$@"
`;

function layer(salt: string, created: string, fill: (t: TreeBuilder) => void, size?: number) {
  return lazy(() => {
    const t = new TreeBuilder(salt, at(created));
    fill(t);
    return size === undefined ? t.build() : t.scaleTo(size).build();
  });
}

export function redisRecipe(slim: Recipe, version: string, created: string): Recipe {
  const major = version.split('.')[0];
  const c = (m: string) => `${created.slice(0, 14)}${m}Z`;
  return {
    name: `redis:${version}-bookworm`,
    base: slim,
    steps: [
      df.run(
        c('01:02'),
        'set -eux; \tgroupadd -r -g 999 redis; \tuseradd -r -g redis -u 999 redis',
        layer(`redis${major}-users`, c('01:02'), (t) => {
          t.file('/etc/passwd', `${PASSWD}redis:x:999:999::/home/redis:/bin/sh\n`);
          t.file('/etc/group', `${GROUP}redis:x:999:\n`);
          blobs(t, '/etc', 'shadow:540 gshadow:470 passwd-:950 group-:430');
        }),
      ),
      df.run(
        c('01:09'),
        'set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\ttzdata \t; \trm -rf /var/lib/apt/lists/*',
        lazy(() =>
          aptLayer({
            salt: `redis${major}-tz`,
            created: c('01:09'),
            installed: BASE_PACKAGES,
            packages: ['tzdata'],
            docs: false,
            files: (t) => {
              for (const z of ['Europe/London', 'America/New_York', 'Asia/Tokyo', 'Etc/UTC'])
                t.blob(`/usr/share/zoneinfo/${z}`, 2_200);
            },
            size: 1_436_000,
          }),
        ),
      ),
      df.env(c('01:09'), { GOSU_VERSION }),
      df.run(
        c('01:13'),
        'set -eux; \tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends ca-certificates gnupg wget; \trm -rf /var/lib/apt/lists/*; \tdpkgArch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')"; \twget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch"; \tchmod +x /usr/local/bin/gosu; \tgosu --version; \tgosu nobody true',
        layer(
          `redis${major}-gosu`,
          c('01:13'),
          (t) => t.exe('/usr/local/bin/gosu', 'gosu', 2_410_480),
          4_098_000,
        ),
      ),
      df.env(c('01:13'), { REDIS_VERSION: version }),
      df.env(c('01:13'), { REDIS_DOWNLOAD_URL: `http://download.redis.io/releases/redis-${version}.tar.gz` }),
      df.env(c('01:13'), { REDIS_DOWNLOAD_SHA: checksumFor(`redis-${version}.tar.gz`) }),
      df.run(
        c('03:48'),
        'set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\twget \t\t\t\tdpkg-dev \t\tgcc \t\tlibc6-dev \t\tlibssl-dev \t\tmake \t; \t\twget -O redis.tar.gz "$REDIS_DOWNLOAD_URL"; \techo "$REDIS_DOWNLOAD_SHA *redis.tar.gz" | sha256sum -c -; \tmkdir -p /usr/src/redis; \ttar -xzf redis.tar.gz -C /usr/src/redis --strip-components=1; \trm redis.tar.gz; \t\texport BUILD_TLS=yes; \tmake -C /usr/src/redis -j "$(nproc)" all; \tmake -C /usr/src/redis install; \t\tserverMd5="$(md5sum /usr/local/bin/redis-server | cut -d\' \' -f1)"; export serverMd5; \tfind /usr/local/bin/redis* -maxdepth 0 \t\t-type f -not -name redis-server \t\t-exec sh -eux -c \' \t\t\tmd5="$(md5sum "$1" | cut -d" " -f1)"; \t\t\ttest "$md5" = "$serverMd5"; \t\t\' -- \'{}\' \';\' \t\t-exec ln -svfT \'redis-server\' \'{}\' \';\' \t; \t\trm -r /usr/src/redis; \t\tapt-mark auto \'.*\' > /dev/null; \t[ -z "$savedAptMark" ] || apt-mark manual $savedAptMark > /dev/null; \tapt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \trm -rf /var/lib/apt/lists/*; \t\tredis-cli --version; \tredis-server --version',
        layer(
          `redis-${version}`,
          c('03:48'),
          (t) => {
            bins(
              t,
              '/usr/local/bin',
              `redis-server:${major === '8' ? 16_200_000 : 14_100_000} redis-benchmark:7600000 redis-cli:7400000 redis-check-aof:>redis-server redis-check-rdb:>redis-server redis-sentinel:>redis-server`,
            );
            blobs(t, '/usr/lib/x86_64-linux-gnu', 'libssl.so.3:687352 libcrypto.so.3:4709880');
            if (major === '8')
              blobs(
                t,
                '/usr/local/lib/redis/modules',
                'redisbloom.so:1900000 redisearch.so:9800000 rejson.so:3100000 redistimeseries.so:1400000',
              );
          },
          major === '8' ? 55_218_000 : 35_807_000,
        ),
      ),
      df.run(
        c('03:48'),
        'mkdir /data && chown redis:redis /data',
        layer(`redis${major}-data`, c('03:48'), (t) => t.dir('/data', 0o755, { uid: 999, gid: 999 })),
      ),
      df.volume(c('03:48'), ['/data']),
      df.workdir(c('03:48'), '/data'),
      df.copy(
        c('03:48'),
        'docker-entrypoint.sh /usr/local/bin/ # buildkit',
        layer(`redis${major}-ep`, c('03:48'), (t) =>
          t.file('/usr/local/bin/docker-entrypoint.sh', REDIS_ENTRYPOINT, 0o755),
        ),
      ),
      df.entrypoint(c('03:48'), ['docker-entrypoint.sh']),
      df.expose(c('03:48'), ['6379/tcp']),
      df.cmd(c('03:48'), ['redis-server']),
    ],
  };
}

function nodeInstall(t: TreeBuilder, version: string): void {
  t.exe('/usr/local/bin/node', 'node', version.startsWith('24') ? 121_882_360 : 117_283_448);
  t.link('/usr/local/bin/nodejs', 'node');
  t.link('/usr/local/bin/npm', '../lib/node_modules/npm/bin/npm-cli.js');
  t.link('/usr/local/bin/npx', '../lib/node_modules/npm/bin/npx-cli.js');
  t.link('/usr/local/bin/corepack', '../lib/node_modules/corepack/dist/corepack.js');
  const npm = '/usr/local/lib/node_modules/npm';
  t.file(`${npm}/bin/npm-cli.js`, "#!/usr/bin/env node\nrequire('../lib/cli.js')(process)\n", 0o755);
  t.file(
    `${npm}/bin/npx-cli.js`,
    "#!/usr/bin/env node\n\nconst cli = require('../lib/cli.js')\n\n// run the resulting command as `npm exec ...args`\nprocess.argv[1] = require.resolve('./npm-cli.js')\nprocess.argv.splice(2, 0, 'exec')\n\ncli(process)\n",
    0o755,
  );
  for (const f of 'lib/cli.js lib/npm.js lib/commands/install.js lib/commands/run-script.js lib/commands/init.js lib/commands/ci.js lib/commands/exec.js lib/commands/publish.js lib/utils/config/definitions.js package.json README.md LICENSE'.split(
    ' ',
  )) {
    t.blob(`${npm}/${f}`, jitter(f, 20_000));
  }
  for (const m of 'semver tar minipass glob chalk cacache pacote @npmcli/arborist @npmcli/config @npmcli/run-script node-gyp which abbrev ini nopt npm-package-arg validate-npm-package-name'.split(
    ' ',
  )) {
    t.blob(`${npm}/node_modules/${m}/package.json`, 1_500);
    t.blob(`${npm}/node_modules/${m}/index.js`, jitter(m, 40_000));
  }
  blobs(
    t,
    '/usr/local/lib/node_modules/corepack',
    'package.json:1900 dist/corepack.js:70 dist/lib/corepack.cjs:2200000',
  );
  for (const h of 'node.h node_api.h node_api_types.h node_buffer.h node_object_wrap.h node_version.h uv.h v8.h v8-version.h js_native_api.h js_native_api_types.h zlib.h'.split(
    ' ',
  ))
    t.blob(`/usr/local/include/node/${h}`, jitter(h, 30_000));
  blobs(t, '/usr/local/share/doc/node', 'gdbinit:10000 lldb_commands.py:3000');
  t.blob('/usr/local/share/man/man1/node.1', 20_000);
}

export function nodeRecipe(base: Recipe, version: string, slim: boolean, created: string): Recipe {
  const c = (m: string) => `${created.slice(0, 14)}${m}Z`;
  const major = version.split('.')[0];
  return {
    name: `node:${version}-bookworm${slim ? '-slim' : ''}`,
    base,
    steps: [
      df.run(
        c('00:12'),
        'groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
        layer(`node${major}${slim}-user`, c('00:12'), (t) => {
          t.file('/etc/passwd', `${PASSWD}node:x:1000:1000::/home/node:/bin/bash\n`);
          t.file('/etc/group', `${GROUP}node:x:1000:\n`);
          blobs(t, '/etc', 'shadow:560 gshadow:480 passwd-:950 group-:430');
          t.dir('/home/node', 0o755, { uid: 1000, gid: 1000 });
          blobs(t, '/home/node', '.bashrc:3526 .profile:807 .bash_logout:220');
        }),
      ),
      df.env(c('00:12'), { NODE_VERSION: version }),
      df.run(
        c('00:31'),
        'ARCH= && dpkgArch="$(dpkg --print-architecture)"   && case "${dpkgArch##*-}" in       amd64) ARCH=\'x64\';;       *) echo "unsupported architecture"; exit 1 ;;     esac     && set -ex     && curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz"     && tar -xJf "node-v$NODE_VERSION-linux-$ARCH.tar.xz" -C /usr/local --strip-components=1 --no-same-owner     && rm "node-v$NODE_VERSION-linux-$ARCH.tar.xz"     && ln -s /usr/local/bin/node /usr/local/bin/nodejs     && node --version     && npm --version',
        layer(
          `node-${version}${slim ? '-slim' : ''}`,
          c('00:31'),
          (t) => nodeInstall(t, version),
          slim ? 150_182_000 : 186_711_000,
        ),
        0.33,
      ),
      df.env(c('00:31'), { YARN_VERSION: '1.22.22' }),
      df.run(
        c('00:36'),
        'set -ex   && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz"   && mkdir -p /opt   && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg   && rm yarn-v$YARN_VERSION.tar.gz   && yarn --version',
        layer(
          `node${major}${slim}-yarn`,
          c('00:36'),
          (t) => {
            blobs(
              t,
              '/opt/yarn-v1.22.22',
              'bin/yarn:2030 bin/yarn.js:1010 bin/yarnpkg:42 lib/cli.js:5300000 lib/v8-compile-cache.js:10000 package.json:1500 LICENSE:1300 README.md:2400',
            );
            t.link('/usr/local/bin/yarn', '/opt/yarn-v1.22.22/bin/yarn');
            t.link('/usr/local/bin/yarnpkg', '/opt/yarn-v1.22.22/bin/yarnpkg');
          },
          slim ? 5_350_000 : 5_343_000,
        ),
      ),
      df.copy(
        c('00:36'),
        'docker-entrypoint.sh /usr/local/bin/ # buildkit',
        layer(`node${major}${slim}-ep`, c('00:36'), (t) =>
          t.file('/usr/local/bin/docker-entrypoint.sh', NODE_ENTRYPOINT, 0o755),
        ),
      ),
      df.entrypoint(c('00:36'), ['docker-entrypoint.sh']),
      df.cmd(c('00:36'), ['node']),
    ],
  };
}
