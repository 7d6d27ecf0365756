// Small root filesystems shaped like the official images the servers run in
// (nginx, postgres:16, redis:7, hello-world), with the real text of the
// files the programs read. Copied here so the tests do not depend on the
// image catalog's build.
import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { gen, type LayerSpecValue } from '../../../../src/core/fs';
import { utf8Encode } from '../../../../src/core/fs/content';
import { ENVSUBST, LISTEN_IPV6, LOCAL_RESOLVERS, NGINX_ENTRYPOINT, TUNE_WORKERS } from '../../../../src/core/image/catalog/nginx-files';
import { packagePrograms } from '../../../../src/core/userland/packages';
import { serverPrograms } from '../../../../src/core/userland/servers';
import { shellPrograms } from '../../../../src/core/userland/shell';
import { toolPrograms } from '../../../../src/core/userland/tools';
import type { ProgramSpec } from '../../../../src/core/userland/types';

type Files = Record<string, LayerSpecValue>;

const exe = (name: string, size = 100_000) => ({ content: gen(size, `elf:${name}:test`), mode: 0o755 });

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
const GROUP = 'root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\n';
const DEBIAN_OS = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n';

export const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

export const DEFAULT_CONF = `server {
    listen       80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}

`;

export const INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** Every program an image may run: the shells, the core tools, dpkg/apt, the servers. */
export function imagePrograms(): ProgramSpec[] {
  return [...shellPrograms(), ...toolPrograms(), ...packagePrograms(), ...serverPrograms()];
}

const script = (content: string) => ({ content, mode: 0o775 });
const md5Hex = (text: string) => bytesToHex(md5(utf8Encode(text)));

/** What the entrypoint scripts run, as debian:bookworm-slim has them (dash as /bin/sh, coreutils, mawk behind awk). */
const NGINX_TOOLS = 'dash find sort basename dirname touch grep cut md5sum sed mawk printf mkdir cat date getconf tr seq wc head dpkg-query envsubst'.split(' ');

/**
 * nginx:1.29 with its real /docker-entrypoint.sh and d-scripts (nginxinc/docker-nginx), run by
 * dash; dpkg's stanza carries default.conf's md5 as the packaged conffile, and /proc/net/if_inet6
 * stands for the proc mount of a container with IPv6 on its loopback.
 */
export function nginxImage(): Files {
  const tools = Object.fromEntries(NGINX_TOOLS.map((n) => [`/usr/bin/${n}`, exe(n, 60_000)]));
  return {
    ...tools,
    '/bin': { symlink: 'usr/bin' },
    '/usr/bin/sh': { symlink: 'dash' },
    '/usr/bin/awk': { symlink: '/etc/alternatives/awk' },
    '/etc/alternatives/awk': { symlink: '/usr/bin/mawk' },
    '/etc/os-release': DEBIAN_OS,
    '/etc/passwd': `${PASSWD}nginx:x:101:101:nginx user:/nonexistent:/bin/false\n`,
    '/etc/group': `${GROUP}nginx:x:101:\n`,
    '/etc/resolv.conf': 'nameserver 127.0.0.11\noptions ndots:0\n',
    '/var/lib/dpkg/status': `Package: nginx\nStatus: install ok installed\nPriority: optional\nSection: httpd\nMaintainer: NGINX Packaging <nginx-packaging@f5.com>\nArchitecture: amd64\nVersion: 1.29.0-1~bookworm\nConffiles:\n /etc/nginx/conf.d/default.conf ${md5Hex(DEFAULT_CONF)}\n /etc/nginx/nginx.conf ${md5Hex(NGINX_CONF)}\nDescription: high performance web server\n\n`,
    '/proc/net/if_inet6': '00000000000000000000000000000001 01 80 10 80       lo\n',
    '/docker-entrypoint.sh': script(NGINX_ENTRYPOINT),
    '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': script(LISTEN_IPV6),
    '/docker-entrypoint.d/15-local-resolvers.envsh': script(LOCAL_RESOLVERS),
    '/docker-entrypoint.d/20-envsubst-on-templates.sh': script(ENVSUBST),
    '/docker-entrypoint.d/30-tune-worker-processes.sh': script(TUNE_WORKERS),
    '/usr/sbin/nginx': exe('nginx', 1_519_768),
    '/usr/bin/curl': exe('curl', 276_832),
    '/etc/nginx/nginx.conf': NGINX_CONF,
    '/etc/nginx/conf.d/default.conf': DEFAULT_CONF,
    '/etc/nginx/mime.types': gen(5349, 'blob:nginx:/etc/nginx/mime.types'),
    '/usr/share/nginx/html/index.html': { content: INDEX_HTML, mtime: Date.UTC(2025, 5, 24, 17, 57, 38) },
    '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
    '/var/log/nginx/access.log': { symlink: '/dev/stdout' },
    '/var/log/nginx/error.log': { symlink: '/dev/stderr' },
    '/var/cache/nginx': { dir: true },
    '/run': { dir: true },
    '/tmp': { dir: true, mode: 0o1777 },
  };
}

export const PG_ENV = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/16/bin',
  GOSU_VERSION: '1.17',
  LANG: 'en_US.utf8',
  PG_MAJOR: '16',
  PG_VERSION: '16.9-1.pgdg120+1',
  PGDATA: '/var/lib/postgresql/data',
};

export function postgresImage(): Files {
  return {
    '/etc/os-release': DEBIAN_OS,
    '/etc/passwd': `${PASSWD}postgres:x:999:999::/var/lib/postgresql:/bin/bash\n`,
    '/etc/group': `${GROUP}postgres:x:999:\n`,
    '/usr/local/bin/docker-entrypoint.sh': { content: gen(12_594, 'blob:pg16-ep:/usr/local/bin/docker-entrypoint.sh'), mode: 0o755 },
    '/usr/local/bin/gosu': exe('gosu', 2_410_480),
    '/usr/lib/postgresql/16/bin/postgres': exe('postgres', 9_543_616),
    '/usr/lib/postgresql/16/bin/initdb': exe('initdb', 150_712),
    '/usr/lib/postgresql/16/bin/pg_ctl': exe('pg_ctl', 63_528),
    '/usr/lib/postgresql/16/bin/psql': exe('psql', 695_896),
    '/usr/share/postgresql-common/pg_wrapper': exe('pg_wrapper', 8_400),
    '/usr/bin/psql': { symlink: '../share/postgresql-common/pg_wrapper' },
    '/usr/bin/getent': exe('getent', 40_000),
    ...Object.fromEntries(['id', 'mkdir', 'chmod', 'chown', 'find', 'ls', 'cat'].map((n) => [`/usr/bin/${n}`, exe(n, 60_000)])),
    '/var/lib/postgresql': { dir: true, mode: 0o1777, uid: 999, gid: 999 },
    '/var/lib/postgresql/data': { dir: true, mode: 0o1777, uid: 999, gid: 999 },
    '/run/postgresql': { dir: true, mode: 0o3777, uid: 999, gid: 999 },
    '/var/run': { symlink: '/run' },
    '/docker-entrypoint-initdb.d': { dir: true },
    '/tmp': { dir: true, mode: 0o1777 },
  };
}

export function redisImage(): Files {
  return {
    '/etc/os-release': DEBIAN_OS,
    '/etc/passwd': `${PASSWD}redis:x:999:999::/home/redis:/bin/sh\n`,
    '/etc/group': `${GROUP}redis:x:999:\n`,
    '/usr/local/bin/docker-entrypoint.sh': exe('docker-entrypoint.sh', 970),
    '/usr/local/bin/redis-server': exe('redis-server', 14_100_000),
    '/usr/local/bin/gosu': exe('gosu', 2_410_480),
    '/data': { dir: true, uid: 999, gid: 999 },
  };
}

export function helloImage(): Files {
  return { '/hello': exe('hello', 10_072) };
}
