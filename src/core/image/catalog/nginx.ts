// nginx:1.29 (mainline, bookworm): the nginx.org packages on
// debian:bookworm-slim, then five small COPY layers for the entrypoint
// machinery. Shares its base layer with python:3.13-slim, postgres and redis.
import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { utf8Encode } from '../../fs/content';
import { aptLayer, bins, blobs } from './apt';
import { BASE_PACKAGES } from './debian-lists';
import { PASSWD, GROUP } from './debian-etc';
import { df, lazy, type Recipe } from './recipe';
import { TreeBuilder, at } from './tree';
import {
  ENVSUBST,
  LISTEN_IPV6,
  LOCAL_RESOLVERS,
  NGINX_50X_HTML,
  NGINX_CONF,
  NGINX_DEFAULT_CONF,
  NGINX_ENTRYPOINT,
  NGINX_INDEX_HTML,
  TUNE_WORKERS,
} from './nginx-files';

export const NGINX_VERSION = '1.29.0';

const NGINX_PKGS =
  'nginx nginx-module-geoip nginx-module-image-filter nginx-module-njs nginx-module-xslt gettext-base curl libcurl4 libgd3 libgeoip1 libxml2 libxslt1.1 libfontconfig1 libfreetype6 libjpeg62-turbo libpng16-16 libtiff6 libwebp7 libxpm4 libx11-6 libicu72 libssl3 libnghttp2-14 libbrotli1'.split(
    ' ',
  );

const NGINX_CREATED = '2026-11-12T21:03:44Z';

/**
 * nginx.org's package stanza as dpkg keeps it: its version and the md5 of
 * the conffiles this catalog ships as text (10-listen-on-ipv6-by-default.sh
 * compares default.conf against it before editing).
 */
function nginxStanza(): Record<string, string> {
  const sum = (text: string) => bytesToHex(md5(utf8Encode(text)));
  return {
    Version: `${NGINX_VERSION}-1~bookworm`,
    Section: 'httpd',
    Maintainer: 'NGINX Packaging <nginx-packaging@f5.com>',
    Conffiles: [
      ` /etc/nginx/conf.d/default.conf ${sum(NGINX_DEFAULT_CONF)}`,
      ` /etc/nginx/nginx.conf ${sum(NGINX_CONF)}`,
    ].join('\n'),
  };
}

function nginxLayer() {
  return aptLayer({
    salt: 'nginx-1.29.0',
    created: NGINX_CREATED,
    installed: BASE_PACKAGES,
    packages: NGINX_PKGS,
    docs: false,
    files: (t) => {
      t.file('/etc/passwd', `${PASSWD}nginx:x:101:101:nginx user:/nonexistent:/bin/false\n`);
      t.file('/etc/group', `${GROUP}nginx:x:101:\n`);
      bins(t, '/usr/sbin', 'nginx:1519768 nginx-debug:1614592');
      bins(t, '/usr/bin', 'envsubst:39312 gettext:35120 ngettext:35120 curl:276832');
      t.file('/etc/nginx/nginx.conf', NGINX_CONF);
      t.file('/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_CONF);
      blobs(
        t,
        '/etc/nginx',
        'fastcgi_params:1007 mime.types:5349 scgi_params:636 uwsgi_params:664 modules>/usr/lib/nginx/modules',
      );
      t.file('/usr/share/nginx/html/index.html', NGINX_INDEX_HTML);
      t.file('/usr/share/nginx/html/50x.html', NGINX_50X_HTML);
      blobs(
        t,
        '/usr/lib/nginx/modules',
        'ngx_http_js_module.so:2410184 ngx_stream_js_module.so:2398008 ngx_http_geoip_module.so:23312 ngx_stream_geoip_module.so:19216 ngx_http_image_filter_module.so:27760 ngx_http_xslt_filter_module.so:31888 ngx_http_js_module-debug.so:2529000 ngx_stream_js_module-debug.so:2515000',
      );
      blobs(
        t,
        '/usr/lib/x86_64-linux-gnu',
        'libgd.so.3.0.11:420000 libGeoIP.so.1.6.12:138000 libxml2.so.2.9.14:1914280 libxslt.so.1.1.35:251952 libexslt.so.0.8.20:85592 libfontconfig.so.1.12.0:296016 libfreetype.so.6.18.3:794296 libjpeg.so.62.3.0:428200 libpng16.so.16.39.0:219520 libtiff.so.6.0.0:540968 libwebp.so.7.1.5:493824 libXpm.so.4.11.0:76000 libX11.so.6.4.0:1338168 libicudata.so.72.1:30736672 libicuuc.so.72.1:2070056 libicui18n.so.72.1:3393264 libssl.so.3:687352 libcrypto.so.3:4709880 libcurl.so.4.8.0:711360 libnghttp2.so.14.24.1:170472 libbrotlidec.so.1.0.9:51800 libbrotlicommon.so.1.0.9:137800',
      );
      blobs(t, '/usr/share/GeoIP', 'GeoIP.dat:1300000 GeoIPv6.dat:2600000');
      blobs(t, '/usr/share/fonts/truetype/dejavu', 'DejaVuSans.ttf:757076 DejaVuSans-Bold.ttf:705684');
      t.link('/var/log/nginx/access.log', '/dev/stdout');
      t.link('/var/log/nginx/error.log', '/dev/stderr');
      t.dir('/var/cache/nginx', 0o755);
      t.dir('/docker-entrypoint.d');
    },
    size: 117_631_000,
    stanzas: { nginx: nginxStanza() },
  });
}

function copyLayer(salt: string, created: string, path: string, text: string) {
  return lazy(() => {
    const t = new TreeBuilder(salt, at(created));
    t.file(path, text, 0o775);
    return t.build();
  });
}

export function nginxRecipe(slim: Recipe): Recipe {
  const c = (s: string) => `2026-11-12T21:0${s}Z`;
  return {
    name: 'nginx:1.29.0-bookworm',
    base: slim,
    steps: [
      df.label(c('1:10'), { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' }),
      df.env(c('1:10'), { NGINX_VERSION }),
      df.env(c('1:10'), { NJS_VERSION: '0.9.0' }),
      df.env(c('1:10'), { NJS_RELEASE: '1~bookworm' }),
      df.env(c('1:10'), { PKG_RELEASE: '1~bookworm' }),
      df.env(c('1:10'), { DYNPKG_RELEASE: '1~bookworm' }),
      df.run(
        NGINX_CREATED,
        'set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates     &&     NGINX_GPGKEYS="573BFD6B3D8FBC641079A6ABABF5BD827BD9BF62 8540A6F18833A80E9C1653A42FD21310B49F6B46 9E9BE90EACBCDE69FE9B204CBCDCD8A38D88A2B3";     NGINX_GPGKEY_PATH=/etc/apt/keyrings/nginx-archive-keyring.gpg;     export GNUPGHOME="$(mktemp -d)";     found="";     for NGINX_GPGKEY in $NGINX_GPGKEYS; do     for server in         hkp://keyserver.ubuntu.com:80         pgp.mit.edu     ; do         echo "Fetching GPG key $NGINX_GPGKEY from $server";         gpg1 --batch --keyserver "$server" --keyserver-options timeout=10 --recv-keys "$NGINX_GPGKEY" && found=yes && break;     done;     test -z "$found" && echo >&2 "error: failed to fetch GPG key $NGINX_GPGKEY" && exit 1;     done;     gpg1 --batch --export $NGINX_GPGKEYS > "$NGINX_GPGKEY_PATH" ;     rm -rf "$GNUPGHOME";     apt-get remove --purge --auto-remove -y gnupg1 && rm -rf /var/lib/apt/lists/*     && dpkgArch="$(dpkg --print-architecture)"     && nginxPackages="         nginx=${NGINX_VERSION}-${PKG_RELEASE}         nginx-module-xslt=${NGINX_VERSION}-${DYNPKG_RELEASE}         nginx-module-geoip=${NGINX_VERSION}-${DYNPKG_RELEASE}         nginx-module-image-filter=${NGINX_VERSION}-${DYNPKG_RELEASE}         nginx-module-njs=${NGINX_VERSION}+${NJS_VERSION}-${NJS_RELEASE}     "     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y                         $nginxPackages                         gettext-base                         curl     && apt-get remove --purge --auto-remove -y && rm -rf /var/lib/apt/lists/* /etc/apt/sources.list.d/nginx.list         && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log     && mkdir /docker-entrypoint.d',
        lazy(nginxLayer),
        0.4,
      ),
      df.copy(
        c('3:45'),
        'docker-entrypoint.sh / # buildkit',
        copyLayer('nginx-ep', c('3:45'), '/docker-entrypoint.sh', NGINX_ENTRYPOINT),
      ),
      df.copy(
        c('3:45'),
        '10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit',
        copyLayer('nginx-10', c('3:45'), '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', LISTEN_IPV6),
      ),
      df.copy(
        c('3:45'),
        '15-local-resolvers.envsh /docker-entrypoint.d # buildkit',
        copyLayer('nginx-15', c('3:45'), '/docker-entrypoint.d/15-local-resolvers.envsh', LOCAL_RESOLVERS),
      ),
      df.copy(
        c('3:46'),
        '20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit',
        copyLayer('nginx-20', c('3:46'), '/docker-entrypoint.d/20-envsubst-on-templates.sh', ENVSUBST),
      ),
      df.copy(
        c('3:46'),
        '30-tune-worker-processes.sh /docker-entrypoint.d # buildkit',
        copyLayer('nginx-30', c('3:46'), '/docker-entrypoint.d/30-tune-worker-processes.sh', TUNE_WORKERS),
      ),
      df.entrypoint(c('3:46'), ['/docker-entrypoint.sh']),
      df.expose(c('3:46'), ['80/tcp']),
      df.stopSignal(c('3:46'), 'SIGQUIT'),
      df.cmd(c('3:46'), ['nginx', '-g', 'daemon off;']),
    ],
  };
}
