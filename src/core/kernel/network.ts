// Networking: network namespaces with their listeners, Docker's three default
// networks (bridge 172.17.0.0/16 with IPAM, host, none), published ports with
// Docker's conflict errors (reference §4.4) and ephemeral ports from 32768,
// and a small outside world (registries, package indexes, an AI provider)
// reachable by name unless a namespace has no route out.
import { randomHex64, type Random } from '../random';

export interface HttpRequest {
  method: string;
  /** Path and query, e.g. "/index.html". */
  path: string;
  host: string;
  headers: Record<string, string>;
  body: string;
  /** Source address of the connection. */
  from: string;
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: string;
}

/** Something listening on a port: the programs in this simulation speak HTTP. */
export interface Service {
  handle(req: HttpRequest): Promise<HttpResponse>;
}

export type Proto = 'tcp' | 'udp';

interface Listener {
  bindIp: string;
  service: Service;
}

export class NetNamespace {
  readonly listeners = new Map<string, Listener>();
  /** eth0's address; undefined with --network none (only lo). */
  ip: string | undefined;
  mac: string | undefined;
  /** Whether packets can leave this namespace for the outside world. */
  routeOut: boolean;

  constructor(
    readonly id: string,
    opts: { ip?: string; mac?: string; routeOut?: boolean } = {},
  ) {
    this.ip = opts.ip;
    this.mac = opts.mac;
    this.routeOut = opts.routeOut ?? true;
  }

  /** bind(2)+listen(2). */
  listen(port: number, service: Service, bindIp = '0.0.0.0', proto: Proto = 'tcp'): 'EADDRINUSE' | undefined {
    const key = `${proto}/${port}`;
    if (this.listeners.has(key)) return 'EADDRINUSE';
    this.listeners.set(key, { bindIp, service });
    return undefined;
  }

  unlisten(port: number, proto: Proto = 'tcp'): void {
    this.listeners.delete(`${proto}/${port}`);
  }

  /** The service accepting connections to `addr:port`, if any. */
  accept(addr: string, port: number, proto: Proto = 'tcp'): Service | undefined {
    const l = this.listeners.get(`${proto}/${port}`);
    if (!l) return undefined;
    if (l.bindIp === '0.0.0.0' || l.bindIp === '::' || l.bindIp === addr) return l.service;
    if ((addr === 'localhost' || addr === '::1') && l.bindIp === '127.0.0.1') return l.service;
    return undefined;
  }
}

export interface Endpoint {
  containerId: string;
  endpointId: string;
  ip: string;
  mac: string;
  netns: NetNamespace;
  /** Names the embedded DNS answers for on a user-defined network (container name, aliases, short ID). */
  dnsNames?: string[];
}

/** A Docker network: `docker network ls` rows and, for the bridge, IP address management. */
export class DockerNetwork {
  readonly endpoints = new Map<string, Endpoint>();
  /** Addresses handed out (allocateIp's memory), and where the search for a free one starts. */
  private used = new Set<number>();
  private lowest = 2;
  constructor(
    readonly id: string,
    readonly name: string,
    readonly driver: 'bridge' | 'host' | 'null',
    readonly subnet?: string,
    readonly gateway?: string,
    readonly created = 0,
  ) {}

  /** Lowest free address of the subnet after the gateway (172.17.0.2, .3, …). */
  allocateIp(): string | undefined {
    if (!this.subnet || !this.gateway) return undefined;
    const [base] = this.subnet.split('/');
    const b = ipToInt(base);
    // the used set is kept between calls (a thousand containers must not cost a million steps);
    // it is rebuilt when endpoints went away (or were added by someone else)
    if (this.used.size !== this.endpoints.size) {
      this.used = new Set([...this.endpoints.values()].map((e) => ipIntOf(e.ip)));
      this.lowest = 2;
    }
    for (let i = this.lowest; i < 65534; i++) {
      if (this.used.has(b + i)) continue;
      this.used.add(b + i);
      this.lowest = i + 1;
      return intToIp(b + i);
    }
    return undefined;
  }
}

const ipInts = new Map<string, number>();
function ipIntOf(ip: string): number {
  let n = ipInts.get(ip);
  if (n === undefined) ipInts.set(ip, (n = ipToInt(ip)));
  return n;
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Docker's MAC for an IP on the bridge: 02:42 followed by the four IP bytes. */
export function macForIp(ip: string): string {
  return ['02', '42', ...ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0'))].join(':');
}

export interface PortBinding {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  proto: Proto;
  containerId: string;
  containerName: string;
}

/**
 * What `-p` asks for. An empty hostIp means "no address": Docker 28 binds it on
 * 0.0.0.0 and on :: with the same port. Host port 0 means "pick an ephemeral
 * one"; hostPortEnd > hostPort, the first free port of that range.
 */
export interface PortRequest {
  hostIp: string;
  hostPort: number;
  hostPortEnd?: number;
  containerPort: number;
  proto: Proto;
}

export const EPHEMERAL_START = 32768;
export const EPHEMERAL_END = 60999;

const isV6 = (ip: string) => ip.includes(':');
const unspecified = (ip: string) => ip === '0.0.0.0' || ip === '::';
const PROTO_ORDER: Record<Proto, number> = { tcp: 0, udp: 1 };

/** netip.Addr.Compare on the host addresses: none first, IPv4 before IPv6, then by bytes. */
function compareAddr(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '' || b === '') return a === '' ? -1 : 1;
  if (isV6(a) !== isV6(b)) return isV6(a) ? 1 : -1;
  if (!isV6(a)) return ipToInt(a) - ipToInt(b);
  return expand6(a) < expand6(b) ? -1 : 1;
}

function expand6(ip: string): string {
  const [head, tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => g.padStart(4, '0')).join(':');
}

/** cmpPortBinding (libnetwork/drivers/bridge): exact host ports first, then container port, proto, host ports, host IP. */
function comparePortRequest(a: PortRequest, b: PortRequest): number {
  const aEnd = a.hostPortEnd || a.hostPort;
  const bEnd = b.hostPortEnd || b.hostPort;
  const aRange = a.hostPort === 0 || a.hostPort !== aEnd;
  const bRange = b.hostPort === 0 || b.hostPort !== bEnd;
  if (aRange !== bRange) return aRange ? 1 : -1;
  if (a.containerPort !== b.containerPort) return a.containerPort - b.containerPort;
  if (a.proto !== b.proto) return PROTO_ORDER[a.proto] - PROTO_ORDER[b.proto];
  if (a.hostPort !== b.hostPort) return a.hostPort - b.hostPort;
  if (aEnd !== bEnd) return aEnd - bEnd;
  return compareAddr(a.hostIp, b.hostIp);
}

/** types.PortBinding.String: "HostIP:HostPort[-End]:IP:Port/proto", IPv6 addresses in brackets. */
function bindingString(hostIp: string, r: PortRequest, ip: string): string {
  const br = (a: string) => (isV6(a) ? `[${a}]` : a);
  let s = `${br(hostIp)}:`;
  const end = r.hostPortEnd || r.hostPort;
  if (r.hostPort !== 0) s += end !== r.hostPort ? `${r.hostPort}-${end}` : String(r.hostPort);
  if (r.hostPort !== 0) s += ':';
  return `${s}${br(ip)}:${r.containerPort}/${r.proto}`;
}

/**
 * The daemon's port allocator and docker-proxy's sockets: which host addresses
 * and ports containers hold (libnetwork/portallocator keeps one map per
 * address; 0.0.0.0 and :: collide with every address of their family).
 */
export class PortMapper {
  readonly bindings: PortBinding[] = [];
  private nextEphemeral = EPHEMERAL_START;

  /** The address whose map already holds the port (portallocator's alreadyAllocatedErr), if any. */
  private allocatedAt(
    ip: string,
    port: number,
    proto: Proto,
    extra: readonly PortBinding[],
  ): string | undefined {
    for (const b of [...this.bindings, ...extra]) {
      if (b.proto !== proto || b.hostPort !== port || isV6(b.hostIp) !== isV6(ip)) continue;
      if (b.hostIp === ip || unspecified(ip) || unspecified(b.hostIp)) return b.hostIp;
    }
    return undefined;
  }

  /** Whether a host process's socket keeps bind(2) of ip:port from succeeding (IPv6 sockets are V6ONLY). */
  private hostHolds(ip: string, port: number, proto: Proto, hostNetns: NetNamespace): boolean {
    const l = hostNetns.listeners.get(`${proto}/${port}`);
    if (!l) return false;
    if (l.bindIp === '::') return true;
    if (isV6(l.bindIp) !== isV6(ip)) return false;
    return l.bindIp === ip || unspecified(ip) || unspecified(l.bindIp);
  }

  private free(ips: string[], port: number, proto: Proto, hostNetns: NetNamespace, made: PortBinding[]) {
    return ips.every(
      (ip) => !this.allocatedAt(ip, port, proto, made) && !this.hostHolds(ip, port, proto, hostNetns),
    );
  }

  /**
   * Publish a container's ports, all or nothing, in addPortMappings' order:
   * requests sorted by cmpPortBinding; a request without an address becomes
   * an IPv4 and an IPv6 binding with the same host port. On conflict returns
   * Docker's error text (without the outer "failed to set up container networking: ").
   */
  publish(
    reqs: PortRequest[],
    container: { id: string; name: string; endpointId: string; ip: string },
    hostNetns: NetNamespace,
  ): PortBinding[] | { error: string } {
    const made: PortBinding[] = [];
    const sorted = [...reqs].sort(comparePortRequest);
    for (let i = 0; i < sorted.length; i++) {
      const r = sorted[i];
      const ips = r.hostIp === '' ? ['0.0.0.0', '::'] : [r.hostIp];
      // requests that differ only in the host address get the same port (needSamePort)
      while (i + 1 < sorted.length && samePort(r, sorted[i + 1])) {
        const next = sorted[++i].hostIp;
        ips.push(...(next === '' ? ['0.0.0.0', '::'] : [next]));
      }
      const end = r.hostPortEnd || r.hostPort;
      let port = r.hostPort;
      if (port !== 0 && port === end) {
        // RequestPortsInRange for one port: the first address (in request order) holding it is named
        for (const ip of ips) {
          const at = this.allocatedAt(ip, port, r.proto, made);
          if (at !== undefined) {
            const error = `driver failed programming external connectivity on endpoint ${container.name} (${container.endpointId}): Bind for ${at}:${port} failed: port is already allocated`;
            return { error };
          }
        }
      } else if (port === 0) {
        let tries = 0;
        while (
          !this.free(ips, this.nextEphemeral, r.proto, hostNetns, made) &&
          tries++ < EPHEMERAL_END - EPHEMERAL_START
        )
          this.nextEphemeral = this.nextEphemeral >= EPHEMERAL_END ? EPHEMERAL_START : this.nextEphemeral + 1;
        port = this.nextEphemeral;
        this.nextEphemeral = port >= EPHEMERAL_END ? EPHEMERAL_START : port + 1;
      } else {
        let p = port;
        while (p <= end && !this.free(ips, p, r.proto, hostNetns, made)) p++;
        if (p > end) {
          // portallocator's errAllPortsAllocated
          const error = `driver failed programming external connectivity on endpoint ${container.name} (${container.endpointId}): all ports are allocated`;
          return { error };
        }
        port = p;
      }
      // bind(2) each address, IPv4 first: a host process on the port makes it fail
      for (const ip of ips) {
        if (this.hostHolds(ip, port, r.proto, hostNetns)) {
          const at = bindingString(ip, r, container.ip);
          return {
            error:
              r.hostPort !== 0 && r.hostPort === end
                ? `failed to bind host port for ${at}: address already in use`
                : `failed to bind host port ${port} for ${at}: address already in use`,
          };
        }
        made.push({
          hostIp: ip,
          hostPort: port,
          containerPort: r.containerPort,
          proto: r.proto,
          containerId: container.id,
          containerName: container.name,
        });
      }
    }
    this.bindings.push(...made);
    return made;
  }

  release(containerId: string, only?: PortBinding[]): void {
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const b = this.bindings[i];
      if (b.containerId === containerId && (!only || only.includes(b))) this.bindings.splice(i, 1);
    }
  }

  /** docker-proxy's socket a connection to hostIp:port reaches (IPv6 addresses only reach IPv6 ones). */
  lookup(hostIp: string, port: number, proto: Proto = 'tcp'): PortBinding | undefined {
    const v6 = isV6(hostIp);
    return this.bindings.find(
      (b) =>
        b.hostPort === port &&
        b.proto === proto &&
        (b.hostIp === hostIp ||
          (v6
            ? b.hostIp === '::'
            : b.hostIp === '0.0.0.0' || (hostIp === 'localhost' && b.hostIp === '127.0.0.1'))),
    );
  }
}

/** needSamePort: the same container port, proto and host ports; only the host address differs. */
function samePort(a: PortRequest, b: PortRequest): boolean {
  return (
    a.containerPort === b.containerPort &&
    a.proto === b.proto &&
    a.hostPort === b.hostPort &&
    (a.hostPortEnd || a.hostPort) === (b.hostPortEnd || b.hostPort)
  );
}

export type ConnectError = 'ECONNREFUSED' | 'ECONNRESET' | 'EHOSTUNREACH' | 'ENOTFOUND' | 'ENETUNREACH';

/** The host's view of networking: its own namespace, Docker's networks, published ports, the outside world. */
export class NetworkStack {
  readonly hostNetns = new NetNamespace('host', { ip: '192.168.1.23' });
  readonly networks: DockerNetwork[];
  readonly ports = new PortMapper();
  readonly outside = new Map<string, Service>();
  /** Container namespaces by IP on the bridge, to route container-to-container traffic. */
  private byIp = new Map<string, NetNamespace>();

  constructor(random: Random, created = 0) {
    this.networks = [
      new DockerNetwork(randomHex64(random), 'bridge', 'bridge', '172.17.0.0/16', '172.17.0.1', created),
      new DockerNetwork(randomHex64(random), 'host', 'host', undefined, undefined, created),
      new DockerNetwork(randomHex64(random), 'none', 'null', undefined, undefined, created),
    ];
  }

  network(nameOrId: string): DockerNetwork | undefined {
    return (
      this.networks.find((n) => n.name === nameOrId || n.id === nameOrId) ??
      this.networks.find((n) => nameOrId.length > 0 && n.id.startsWith(nameOrId))
    );
  }

  get bridge(): DockerNetwork {
    return this.networks[0];
  }

  /**
   * Attach a container to a bridge network (the default one unless a
   * user-defined network is given): eth0 of a fresh namespace, or one more
   * interface of the namespace it already has. On a user-defined network
   * the embedded DNS answers for `dnsNames`.
   */
  attachBridge(
    containerId: string,
    random: Random,
    net = this.bridge,
    dnsNames: string[] = [],
    netns?: NetNamespace,
  ): Endpoint | undefined {
    const ip = net.allocateIp();
    if (!ip) return undefined;
    const mac = macForIp(ip);
    const ns = netns ?? new NetNamespace(containerId, { ip, mac });
    const ep: Endpoint = { containerId, endpointId: randomHex64(random), ip, mac, netns: ns };
    if (net !== this.bridge && dnsNames.length) ep.dnsNames = dnsNames;
    net.endpoints.set(containerId, ep);
    this.byIp.set(ip, ns);
    return ep;
  }

  /** The container's first endpoint (the one its ports are published on) and its network. */
  endpointOf(containerId: string): { net: DockerNetwork; ep: Endpoint } | undefined {
    for (const net of this.networks) {
      const ep = net.endpoints.get(containerId);
      if (ep) return { net, ep };
    }
    return undefined;
  }

  /** Every network the container has an endpoint on, in the order of the networks. */
  endpointsOf(containerId: string): Array<{ net: DockerNetwork; ep: Endpoint }> {
    const out: Array<{ net: DockerNetwork; ep: Endpoint }> = [];
    for (const net of this.networks) {
      const ep = net.endpoints.get(containerId);
      if (ep) out.push({ net, ep });
    }
    return out;
  }

  /** Remove the container's endpoint from one network (ep.Leave + ep.Delete). */
  detachFrom(containerId: string, net: DockerNetwork): void {
    const ep = net.endpoints.get(containerId);
    if (!ep) return;
    this.byIp.delete(ep.ip);
    net.endpoints.delete(containerId);
  }

  /** Every endpoint of the container goes, and its published ports with them. */
  detach(containerId: string): void {
    for (const { net } of this.endpointsOf(containerId)) this.detachFrom(containerId, net);
    this.ports.release(containerId);
  }

  /** Docker's embedded DNS (127.0.0.11): names of containers on the user-defined networks `from` is on. */
  private resolve(from: NetNamespace, name: string): string | undefined {
    for (const net of this.networks) {
      if (net === this.bridge) continue;
      const eps = [...net.endpoints.values()];
      if (!eps.some((e) => e.netns === from)) continue;
      const hit = eps.find((e) => e.dnsNames?.includes(name));
      if (hit) return hit.ip;
    }
    return undefined;
  }

  /** Open a connection from namespace `from` to host:port. */
  connect(from: NetNamespace, host: string, port: number): Service | ConnectError {
    const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '0.0.0.0';
    if (loopback || host === from.ip) {
      const s = from.accept(loopback ? '127.0.0.1' : host, port);
      if (s) return s;
      if (from === this.hostNetns) {
        // docker-proxy listens on the host for published ports
        const b = this.ports.lookup(host === '::1' ? host : loopback ? '127.0.0.1' : host, port);
        if (b) {
          const ep = this.endpointOf(b.containerId)?.ep;
          return ep?.netns.accept(ep.ip, b.containerPort) ?? 'ECONNRESET';
        }
      }
      return 'ECONNREFUSED';
    }
    const named = /^[\d.]+$/.test(host) ? undefined : this.resolve(from, host);
    if (named) return this.connect(from, named, port);
    const target = this.byIp.get(host);
    if (target) {
      if (!from.ip || (from !== this.hostNetns && !this.byIp.has(from.ip))) return 'ENETUNREACH';
      return target.accept(host, port) ?? 'ECONNREFUSED';
    }
    if (host === this.hostNetns.ip || this.networks.some((n) => n.gateway === host)) {
      return this.hostNetns.accept('0.0.0.0', port) ?? 'ECONNREFUSED';
    }
    if (!from.routeOut || !from.ip) return /^[\d.]+$/.test(host) ? 'ENETUNREACH' : 'ENOTFOUND';
    return this.outside.get(host) ?? (/^[\d.]+$/.test(host) ? 'EHOSTUNREACH' : 'ENOTFOUND');
  }
}
