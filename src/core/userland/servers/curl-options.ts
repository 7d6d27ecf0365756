// curl's command line: the flavour of the installed curl (by the
// distribution's os-release), its stripped --help, and option parsing with
// curl's bundling rules and its "is unknown" / "requires parameter" errors.
import { FsError } from '../../fs/types';
import { fsOf, type UserContext } from '../types';

export interface Flavour {
  version: string;
  oldProtocolText: boolean;
  versionText: string;
}

export function flavour(ctx: UserContext): Flavour {
  const os = fsOf(ctx).readFile('/etc/os-release');
  const text = os instanceof FsError ? '' : os;
  if (/^ID=alpine/m.test(text))
    return {
      version: '8.14.1',
      oldProtocolText: false,
      versionText:
        'curl 8.14.1 (x86_64-alpine-linux-musl) libcurl/8.14.1 OpenSSL/3.5.0 zlib/1.3.1 brotli/1.1.0 zstd/1.5.7 c-ares/1.34.5 libidn2/2.3.7 libpsl/0.21.5 nghttp2/1.65.0\nRelease-Date: 2025-06-04\nProtocols: dict file ftp ftps gopher gophers http https imap imaps ipfs ipns mqtt pop3 pop3s rtsp smb smbs smtp smtps telnet tftp ws wss\nFeatures: alt-svc AsynchDNS brotli HSTS HTTP2 HTTPS-proxy IDN IPv6 Largefile libz NTLM PSL SSL threadsafe TLS-SRP UnixSockets zstd\n',
    };
  if (/^ID=ubuntu/m.test(text))
    return {
      version: '8.5.0',
      oldProtocolText: false,
      versionText:
        'curl 8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0 OpenSSL/3.0.13 zlib/1.3 brotli/1.1.0 zstd/1.5.5 libidn2/2.3.7 libpsl/0.21.2 (+libidn2/2.3.7) libssh/0.10.6/openssl/zlib nghttp2/1.59.0 librtmp/2.3 OpenLDAP/2.6.7\nRelease-Date: 2023-12-06, security patched: 8.5.0-2ubuntu10.6\nProtocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp\nFeatures: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd\n',
    };
  return {
    version: '7.88.1',
    oldProtocolText: true,
    versionText:
      'curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.16 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13\nRelease-Date: 2023-02-20, security patched: 7.88.1-10+deb12u12\nProtocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp\nFeatures: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WA PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd\n',
  };
}

const HELP = `Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
 -f, --fail                 Fail fast with no output on HTTP errors
 -h, --help <category>      Get help for commands
 -i, --include              Include protocol response headers in the output
 -o, --output <file>        Write to file instead of stdout
 -O, --remote-name          Write output to a file named as the remote file
 -s, --silent               Silent mode
 -T, --upload-file <file>   Transfer local FILE to destination
 -u, --user <user:password> Server user and password
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
 -V, --version              Show version number and quit

This is not the full help, this menu is stripped into categories.
Use "--help category" to get an overview of all categories.
For all options use the manual or "--help all".
`;

export interface Options {
  urls: string[];
  method?: string;
  data: string[];
  json: boolean;
  headers: string[];
  include: boolean;
  head: boolean;
  verbose: boolean;
  silent: boolean;
  showError: boolean;
  fail: boolean;
  location: boolean;
  output?: string;
  remoteName: boolean;
  writeOut?: string;
  userAgent?: string;
  user?: string;
  noMeter: boolean;
}

const VALUE_LONG: Record<string, string> = { '--request': 'X', '--data': 'd', '--data-raw': 'd', '--data-binary': 'd', '--data-ascii': 'd', '--json': 'json', '--header': 'H', '--output': 'o', '--write-out': 'w', '--user-agent': 'A', '--user': 'u', '--max-time': 'm', '--connect-timeout': 'ct', '--retry': 'retry', '--url': 'url', '--cacert': 'cacert', '--resolve': 'resolve' };
const FLAG_LONG: Record<string, string> = { '--include': 'i', '--head': 'I', '--verbose': 'v', '--silent': 's', '--show-error': 'S', '--fail': 'f', '--fail-with-body': 'f', '--location': 'L', '--remote-name': 'O', '--insecure': 'k', '--compressed': 'compressed', '--no-progress-meter': 'np', '--http1.1': 'h11', '--globoff': 'g' };
const SHORT_VALUE = new Set(['X', 'd', 'H', 'o', 'w', 'A', 'u', 'm', 'e', 'b', 'c', 'F', 'T', 'x', 'r', 'E', 'K', 'y', 'Y', 'z', 'C', 'P', 'Q']);
const SHORT_FLAG = new Set(['i', 'I', 'v', 's', 'S', 'f', 'L', 'O', 'k', 'g', '4', '6', 'N', 'n', 'q', 'j', 'l', 'G', 'p', '#', '0', '1', '2', '3', 'B', 'R', 'Z']);

export type Parsed = Options | { exit: number; out?: string; err?: string };

export function parse(argv: string[], fl: Flavour): Parsed {
  const o: Options = { urls: [], data: [], json: false, headers: [], include: false, head: false, verbose: false, silent: false, showError: false, fail: false, location: false, remoteName: false, noMeter: false };
  const set = (k: string, v?: string): Parsed | undefined => {
    switch (k) {
      case 'X':
        o.method = v;
        break;
      case 'd':
        o.data.push(v ?? '');
        break;
      case 'json':
        o.json = true;
        o.data.push(v ?? '');
        break;
      case 'H':
        o.headers.push(v ?? '');
        break;
      case 'o':
        o.output = v;
        break;
      case 'w':
        o.writeOut = v;
        break;
      case 'A':
        o.userAgent = v;
        break;
      case 'u':
        o.user = v;
        break;
      case 'url':
        o.urls.push(v ?? '');
        break;
      case 'i':
        o.include = true;
        break;
      case 'I':
        o.head = true;
        break;
      case 'v':
        o.verbose = true;
        break;
      case 's':
        o.silent = true;
        break;
      case 'S':
        o.showError = true;
        break;
      case 'f':
        o.fail = true;
        break;
      case 'L':
        o.location = true;
        break;
      case 'O':
        o.remoteName = true;
        break;
      case 'np':
        o.noMeter = true;
        break;
      case 'h':
        return { exit: 0, out: HELP };
      case 'V':
        return { exit: 0, out: fl.versionText };
      default:
        break;
    }
    return undefined;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help') return { exit: 0, out: HELP };
    if (a === '--version') return { exit: 0, out: fl.versionText };
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (VALUE_LONG[name]) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return { exit: 2, err: `curl: option ${name}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n` };
        const r = set(VALUE_LONG[name], v);
        if (r) return r;
      } else if (FLAG_LONG[name] || name.startsWith('--no-')) {
        const r = set(FLAG_LONG[name] ?? '');
        if (r) return r;
      } else return { exit: 2, err: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n` };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'h') return { exit: 0, out: HELP };
        if (c === 'V') return { exit: 0, out: fl.versionText };
        if (SHORT_VALUE.has(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return { exit: 2, err: `curl: option -${c}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n` };
          const r = set(c, v);
          if (r) return r;
          break;
        }
        if (!SHORT_FLAG.has(c)) return { exit: 2, err: `curl: option -${a.slice(j)}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n` };
        const r = set(c);
        if (r) return r;
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}
