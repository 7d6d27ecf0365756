// hostname, both flavours: BusyBox's (musl's gethostbyname) and Debian's
// (getaddrinfo, getifaddrs). Printing the name reads the UTS namespace; the
// address options resolve the name through the container's /etc/hosts.
import { getopt, isOptError } from './getopt';
import type { Tool } from './tool';

/**
 * A name looked up in /etc/hosts (glibc's files backend, musl's
 * name_from_hosts): the lines that list it, in file order; the first one's
 * first name is the canonical name, its other names the aliases. Docker writes
 * the container's own line there; a --network none container (or one joined to
 * such a donor, or to one that stopped) has none. `inet` keeps IPv4 only
 * (gethostbyname); getaddrinfo's AF_UNSPEC takes IPv6 lines too.
 */
function hostsLookup(t: Tool, name: string, inet: boolean): { canon: string; aliases: string[]; addrs: string[] } | undefined {
  const text = t.fs.readFile('/etc/hosts');
  if (typeof text !== 'string') return undefined;
  let first: string[] | undefined;
  const addrs: string[] = [];
  for (const line of text.split('\n')) {
    const [addr, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (!names.includes(name)) continue;
    const v4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(addr);
    if (!v4 && (inet || !addr.includes(':'))) continue;
    first ??= names;
    if (!addrs.includes(addr)) addrs.push(addr);
  }
  return first === undefined ? undefined : { canon: first[0], aliases: first.slice(1), addrs };
}

/** BusyBox hostname: -d, -f and -i resolve the name (xgethostbyname), -s only cuts it. */
function hostnameBusybox(t: Tool, args: string[]): number {
  const p = getopt(args, { short: 'dfisF:v', long: { domain: 'd', fqdn: 'f', file: 'F' } });
  if (isOptError(p)) return t.badOption(p.error, 1, '[-sfdi] [HOSTNAME | -F FILE]');
  const name = t.ctx.ns.uts.hostname;
  if (p.has('d') || p.has('f') || p.has('i')) {
    const hp = hostsLookup(t, name, true);
    if (!hp) {
      // bb_herror_msg_and_die: what the Alpine engine printed for a container with only lo
      t.warn(`${name}: Host name lookup failure`);
      return 1;
    }
    const dot = hp.canon.indexOf('.');
    if (p.has('f')) t.out(`${hp.canon}\n`);
    else if (p.has('s')) t.out(`${dot < 0 ? hp.canon : hp.canon.slice(0, dot)}\n`);
    else if (p.has('d')) {
      if (dot >= 0) t.out(`${hp.canon.slice(dot + 1)}\n`);
    } else t.out(`${hp.addrs.join(' ')}\n`);
    return 0;
  }
  if (p.has('s')) t.out(`${name.split('.')[0]}\n`);
  else if (p.operands.length > 0 || p.has('F')) {
    // sethostname(2) needs CAP_SYS_ADMIN, which Docker does not grant
    t.warn('sethostname: Operation not permitted');
    return 1;
  } else t.out(`${name}\n`);
  return 0;
}

/** The Debian/Ubuntu `hostname` (3.x): usage(stderr) and exit(-1) for a bad call. */
const GNU_HOSTNAME_USAGE =
  'Usage: hostname [-v] [-b] {hostname|-F file}         set host name (from file)\n' +
  '       hostname [-v] [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name\n' +
  '       hostname [-v]                                 display host name\n\n' +
  '       {yp,nis,}domainname [-v] {nisdomain|-F file}  set NIS domain name (from file)\n' +
  '       {yp,nis,}domainname [-v]                      display NIS domain name\n\n' +
  '       dnsdomainname [-v]                            display dns domain name\n\n' +
  '       hostname -V|--version|-h|--help               print info and exit\n\n' +
  'Program name:\n       {yp,nis,}domainname=hostname -y\n       dnsdomainname=hostname -d\n\n' +
  'Program options:\n' +
  '    -a, --alias            alias names\n' +
  '    -A, --all-fqdns        all long host names (FQDNs)\n' +
  '    -b, --boot             set default hostname if none available\n' +
  '    -d, --domain           DNS domain name\n' +
  '    -f, --fqdn, --long     long host name (FQDN)\n' +
  '    -F, --file             read host name or NIS domain name from given file\n' +
  '    -i, --ip-address       addresses for the host name\n' +
  '    -I, --all-ip-addresses all addresses for the host\n' +
  '    -s, --short            short host name\n' +
  '    -y, --yp, --nis        NIS/YP domain name\n\n' +
  'Description:\n' +
  '   This command can get or set the host name or the NIS domain name. You can\n' +
  '   also get the DNS domain or the FQDN (fully qualified domain name).\n' +
  '   Unless you are using bind or NIS for host lookups you can change the\n' +
  '   FQDN (Fully Qualified Domain Name) and the DNS domain name (which is\n' +
  '   part of the FQDN) in the /etc/hosts file.\n';

const LONG_DISPLAY: Record<string, string> = {
  '--alias': 'a', '--all-fqdns': 'A', '--domain': 'd', '--fqdn': 'f', '--long': 'f',
  '--ip-address': 'i', '--all-ip-addresses': 'I', '--short': 's', '--nis': 'y', '--yp': 'y',
};

/** Each display option sets the type, so the last one given counts. */
function lastDisplayOption(args: string[]): string | undefined {
  let last: string | undefined;
  for (const a of args) {
    if (a === '--') break;
    if (a.startsWith('--')) last = LONG_DISPLAY[a] ?? last;
    else if (a.startsWith('-')) for (const c of a.slice(1)) if ('aAdfiIsy'.includes(c)) last = c;
  }
  return last;
}

/** The first name /etc/hosts gives an address (a reverse lookup through the files backend). */
function addressName(t: Tool, ip: string): string | undefined {
  const text = t.fs.readFile('/etc/hosts');
  if (typeof text !== 'string') return undefined;
  for (const line of text.split('\n')) {
    const [addr, first] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (addr === ip && first) return first;
  }
  return undefined;
}

/**
 * Debian's hostname: -i, -f, -d and -a resolve the name (getaddrinfo, then
 * errx with gai_strerror); -I lists the interfaces' addresses, lo left out.
 * The last display option given wins.
 */
export function hostname(t: Tool, args: string[]): number {
  if (!t.gnu) return hostnameBusybox(t, args);
  const p = getopt(args, {
    short: 'aAdfbF:hiIsVvy',
    long: { domain: 'd', boot: 'b', 'file=': 'F', fqdn: 'f', 'all-fqdns': 'A', help: 'h', long: 'f', short: 's', version: 'V', verbose: 'v', alias: 'a', 'ip-address': 'i', 'all-ip-addresses': 'I', nis: 'y', yp: 'y' },
  });
  if (isOptError(p)) {
    t.warn(p.error);
    t.err(GNU_HOSTNAME_USAGE);
    return 255;
  }
  if (p.has('h')) {
    t.out(GNU_HOSTNAME_USAGE);
    return 255;
  }
  if (p.has('V')) {
    t.out('hostname 3.23\n');
    return 0;
  }
  const name = t.ctx.ns.uts.hostname;
  if (p.operands.length > 0 || p.has('F')) {
    // sethostname(2) needs CAP_SYS_ADMIN, which Docker does not grant
    t.warn('you must be root to change the host name');
    return 1;
  }
  const display = lastDisplayOption(args);
  const ip = t.ctx.ns.net.ip;
  if (display === 'I') {
    // getifaddrs: the addresses of the interfaces other than lo
    t.out(`${ip ? `${ip} ` : ''}\n`);
    return 0;
  }
  if (display === 'A') {
    // each address's name (getnameinfo NI_NAMEREQD), those without one skipped
    const back = ip ? addressName(t, ip) : undefined;
    t.out(`${back ? `${back} ` : ''}\n`);
    return 0;
  }
  if (display === 's') {
    t.out(`${name.split('.')[0]}\n`);
    return 0;
  }
  if (display === 'y') {
    // yp_get_default_domain fails: printf to stdout, exit 1
    t.out('hostname: Local domain name not set\n');
    return 1;
  }
  if (display === undefined) {
    t.out(`${name}\n`);
    return 0;
  }
  const hp = hostsLookup(t, name, false);
  if (!hp) {
    // with an interface the resolver gets an answer (NXDOMAIN); with only lo it cannot ask
    t.warn(ip ? 'Name or service not known' : 'Temporary failure in name resolution');
    return 1;
  }
  const dot = hp.canon.indexOf('.');
  if (display === 'i') t.out(`${hp.addrs.join(' ')}\n`);
  else if (display === 'f') t.out(`${hp.canon}\n`);
  else if (display === 'a') t.out(`${hp.aliases.join(' ')}\n`);
  else if (dot >= 0) t.out(`${hp.canon.slice(dot + 1)}\n`);
  return 0;
}

