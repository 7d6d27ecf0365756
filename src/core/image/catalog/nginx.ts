// nginx:1.29 (mainline, bookworm): the nginx.org packages on
// debian:bookworm-slim, then five small COPY layers for the entrypoint
// machinery. Shares its base layer with python:3.13-slim, postgres and redis.
import { aptLayer, bins, blobs } from './apt';
import { BASE_PACKAGES } from './debian-lists';
import { PASSWD, GROUP } from './debian-etc';
import { df, lazy, type Recipe } from './recipe';
import { TreeBuilder, at } from './tree';

export const NGINX_VERSION = '1.29.0';

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

export const NGINX_DEFAULT_CONF = `server {
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

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}

`;

export const NGINX_INDEX_HTML = `<!DOCTYPE html>
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

const NGINX_50X_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

export const NGINX_ENTRYPOINT = `#!/bin/sh
# vim:sw=4:ts=4:et

set -e

entrypoint_log() {
    if [ -z "\${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    if /usr/bin/find "/docker-entrypoint.d/" -mindepth 1 -maxdepth 1 -type f -print -quit 2>/dev/null | read v; then
        entrypoint_log "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"

        entrypoint_log "$0: Looking for shell scripts in /docker-entrypoint.d/"
        find "/docker-entrypoint.d/" -follow -type f -print | sort -V | while read -r f; do
            case "$f" in
                *.envsh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Sourcing $f";
                        . "$f"
                    else
                        # warn on shell scripts without exec bit
                        entrypoint_log "$0: Ignoring $f, not executable";
                    fi
                    ;;
                *.sh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Launching $f";
                        "$f"
                    else
                        # warn on shell scripts without exec bit
                        entrypoint_log "$0: Ignoring $f, not executable";
                    fi
                    ;;
                *) entrypoint_log "$0: Ignoring $f";;
            esac
        done

        entrypoint_log "$0: Configuration complete; ready for start up"
    else
        entrypoint_log "$0: No files found in /docker-entrypoint.d/, skipping configuration"
    fi
fi

exec "$@"
`;

const LISTEN_IPV6 = `#!/bin/sh
# vim:sw=4:ts=4:et

set -e

entrypoint_log() {
    if [ -z "\${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

ME=$(basename "$0")
DEFAULT_CONF_FILE="etc/nginx/conf.d/default.conf"

# check if we have ipv6 available
if [ ! -f "/proc/net/if_inet6" ]; then
    entrypoint_log "$ME: info: ipv6 not available"
    exit 0
fi

if [ ! -f "/$DEFAULT_CONF_FILE" ]; then
    entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE is not a file or does not exist"
    exit 0
fi

# check if the file can be modified, e.g. not on a r/o filesystem
touch /$DEFAULT_CONF_FILE 2>/dev/null || { entrypoint_log "$ME: info: can not modify /$DEFAULT_CONF_FILE (read-only file system?)"; exit 0; }

# check if the file is already modified, e.g. on a container restart
grep -q "listen  \\[::]\\:80;" /$DEFAULT_CONF_FILE && { entrypoint_log "$ME: info: IPv6 listen already enabled"; exit 0; }

entrypoint_log "$ME: info: Getting the checksum of /$DEFAULT_CONF_FILE"

# enable ipv6 on default.conf listen sockets
sed -i -E 's,listen       80;,listen       80;\\n    listen  [::]:80;,' /$DEFAULT_CONF_FILE

entrypoint_log "$ME: info: Enabled listen on IPv6 in /$DEFAULT_CONF_FILE"

exit 0
`;

const LOCAL_RESOLVERS = `#!/bin/sh
# vim:sw=2:ts=2:sts=2:et

set -eu

LC_ALL=C
PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

[ "\${NGINX_ENTRYPOINT_LOCAL_RESOLVERS:-}" ] || return 0

NGINX_LOCAL_RESOLVERS=$(awk 'BEGIN{ORS=" "} $1=="nameserver" {if ($2 ~ ":") {print "["$2"]"} else {print $2}}' /etc/resolv.conf)

NGINX_LOCAL_RESOLVERS="\${NGINX_LOCAL_RESOLVERS% }"

export NGINX_LOCAL_RESOLVERS
`;

const NGINX_PKGS = 'nginx nginx-module-geoip nginx-module-image-filter nginx-module-njs nginx-module-xslt gettext-base curl libcurl4 libgd3 libgeoip1 libxml2 libxslt1.1 libfontconfig1 libfreetype6 libjpeg62-turbo libpng16-16 libtiff6 libwebp7 libxpm4 libx11-6 libicu72 libssl3 libnghttp2-14 libbrotli1'.split(' ');

const NGINX_CREATED = '2026-11-12T21:03:44Z';

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
      blobs(t, '/etc/nginx', 'fastcgi_params:1007 mime.types:5349 scgi_params:636 uwsgi_params:664 modules>/usr/lib/nginx/modules');
      t.file('/usr/share/nginx/html/index.html', NGINX_INDEX_HTML);
      t.file('/usr/share/nginx/html/50x.html', NGINX_50X_HTML);
      blobs(t, '/usr/lib/nginx/modules', 'ngx_http_js_module.so:2410184 ngx_stream_js_module.so:2398008 ngx_http_geoip_module.so:23312 ngx_stream_geoip_module.so:19216 ngx_http_image_filter_module.so:27760 ngx_http_xslt_filter_module.so:31888 ngx_http_js_module-debug.so:2529000 ngx_stream_js_module-debug.so:2515000');
      blobs(t, '/usr/lib/x86_64-linux-gnu', 'libgd.so.3.0.11:420000 libGeoIP.so.1.6.12:138000 libxml2.so.2.9.14:1914280 libxslt.so.1.1.35:251952 libexslt.so.0.8.20:85592 libfontconfig.so.1.12.0:296016 libfreetype.so.6.18.3:794296 libjpeg.so.62.3.0:428200 libpng16.so.16.39.0:219520 libtiff.so.6.0.0:540968 libwebp.so.7.1.5:493824 libXpm.so.4.11.0:76000 libX11.so.6.4.0:1338168 libicudata.so.72.1:30736672 libicuuc.so.72.1:2070056 libicui18n.so.72.1:3393264 libssl.so.3:687352 libcrypto.so.3:4709880 libcurl.so.4.8.0:711360 libnghttp2.so.14.24.1:170472 libbrotlidec.so.1.0.9:51800 libbrotlicommon.so.1.0.9:137800');
      blobs(t, '/usr/share/GeoIP', 'GeoIP.dat:1300000 GeoIPv6.dat:2600000');
      blobs(t, '/usr/share/fonts/truetype/dejavu', 'DejaVuSans.ttf:757076 DejaVuSans-Bold.ttf:705684');
      t.link('/var/log/nginx/access.log', '/dev/stdout');
      t.link('/var/log/nginx/error.log', '/dev/stderr');
      t.dir('/var/cache/nginx', 0o755);
      t.dir('/docker-entrypoint.d');
    },
    size: 117_631_000,
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
      df.copy(c('3:45'), 'docker-entrypoint.sh / # buildkit', copyLayer('nginx-ep', c('3:45'), '/docker-entrypoint.sh', NGINX_ENTRYPOINT)),
      df.copy(c('3:45'), '10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit', copyLayer('nginx-10', c('3:45'), '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', LISTEN_IPV6)),
      df.copy(c('3:45'), '15-local-resolvers.envsh /docker-entrypoint.d # buildkit', copyLayer('nginx-15', c('3:45'), '/docker-entrypoint.d/15-local-resolvers.envsh', LOCAL_RESOLVERS)),
      df.copy(c('3:46'), '20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit', copyLayer('nginx-20', c('3:46'), '/docker-entrypoint.d/20-envsubst-on-templates.sh', ENVSUBST)),
      df.copy(c('3:46'), '30-tune-worker-processes.sh /docker-entrypoint.d # buildkit', copyLayer('nginx-30', c('3:46'), '/docker-entrypoint.d/30-tune-worker-processes.sh', TUNE_WORKERS)),
      df.entrypoint(c('3:46'), ['/docker-entrypoint.sh']),
      df.expose(c('3:46'), ['80/tcp']),
      df.stopSignal(c('3:46'), 'SIGQUIT'),
      df.cmd(c('3:46'), ['nginx', '-g', 'daemon off;']),
    ],
  };
}

const ENVSUBST = `#!/bin/sh

set -e

ME=$(basename "$0")

entrypoint_log() {
    if [ -z "\${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

add_stream_block() {
  local conffile="/etc/nginx/nginx.conf"

  if grep -q -E "\\s*stream\\s*\\{" "$conffile"; then
    entrypoint_log "$ME: $conffile contains a stream block; include $stream_output_dir/*.conf to enable stream templates"
  else
    # check if the file can be modified, e.g. not on a r/o filesystem
    touch "$conffile" 2>/dev/null || { entrypoint_log "$ME: info: can not modify $conffile (read-only file system?)"; exit 0; }
    entrypoint_log "$ME: Appending stream block to $conffile to include $stream_output_dir/*.conf"
    cat << END >> "$conffile"
# added by "$ME" on "$(date)"
stream {
  include $stream_output_dir/*.conf;
}
END
  fi
}

auto_envsubst() {
  local template_dir="\${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
  local suffix="\${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
  local output_dir="\${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
  local stream_suffix="\${NGINX_ENVSUBST_STREAM_TEMPLATE_SUFFIX:-.stream-template}"
  local stream_output_dir="\${NGINX_ENVSUBST_STREAM_OUTPUT_DIR:-/etc/nginx/stream-conf.d}"
  local filter="\${NGINX_ENVSUBST_FILTER:-}"

  local template defined_envs relative_path output_path subdir
  defined_envs=$(printf '\${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /\${filter}/ ) ? name : \\"\\" } }" < /dev/null ))
  [ -d "$template_dir" ] || return 0
  if [ ! -w "$output_dir" ]; then
    entrypoint_log "$ME: ERROR: $template_dir exists, but $output_dir is not writable"
    return 0
  fi
  find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do
    relative_path="\${template#"$template_dir/"}"
    output_path="$output_dir/\${relative_path%"$suffix"}"
    subdir=$(dirname "$relative_path")
    # create a subdirectory where the template file exists
    mkdir -p "$output_dir/$subdir"
    entrypoint_log "$ME: Running envsubst on $template to $output_path"
    envsubst "$defined_envs" < "$template" > "$output_path"
  done
}

auto_envsubst

exit 0
`;

const TUNE_WORKERS = `#!/bin/sh
# vim:sw=2:ts=2:sts=2:et

set -eu

LC_ALL=C
ME=$(basename "$0")
PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

[ "\${NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE:-}" ] || exit 0

touch /etc/nginx/nginx.conf 2>/dev/null || { echo >&2 "$ME: error: can not modify /etc/nginx/nginx.conf (read-only file system?)"; exit 0; }

ceildiv() {
  num=$1
  div=$2
  echo $(( (num + div - 1) / div ))
}

get_cpuset() {
  cpusetroot=$1
  cpusetfile=$2
  ncpu=0
  [ -f "$cpusetroot/$cpusetfile" ] || return 1
  for token in $( tr ',' ' ' < "$cpusetroot/$cpusetfile" ); do
    case "$token" in
      *-*)
        count=$( seq $(echo "$token" | tr '-' ' ') | wc -l )
        ncpu=$(( ncpu+count ))
        ;;
      *)
        ncpu=$(( ncpu+1 ))
        ;;
    esac
  done
  echo "$ncpu"
}

ncpu_online=$( getconf _NPROCESSORS_ONLN )
ncpu=$ncpu_online

sed -i.bak -r 's/^(worker_processes)(.*)$/# Commented out by '"$ME"' on '"$(date)"'\\n#\\1\\2\\n\\1 '"$ncpu"';/' /etc/nginx/nginx.conf
`;
