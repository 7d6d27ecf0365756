// Networking: network namespaces with their listeners, Docker's three default
// networks (bridge 172.17.0.0/16 with IPAM, host, none), containers' endpoints
// on one or more networks, docker-proxy's published ports (port-mapper.ts),
// and a small outside world (registries, package indexes, an AI provider)
// reachable by name unless a namespace has no route out.
import { randomHex64, type Random } from '../random';
import { PortMapper } from './port-mapper';

export {
  EPHEMERAL_END,
  EPHEMERAL_START,
  PortMapper,
  type PortBinding,
  type PortRequest,
} from './port-mapper';

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
  private lowest = 0;
  private held?: ReadonlySet<number>;
  constructor(
    readonly id: string,
    readonly name: string,
    readonly driver: 'bridge' | 'host' | 'null',
    readonly subnet?: string,
    readonly gateway?: string,
    readonly created = 0,
  ) {}

  /**
   * The addresses IPAM hands out, [from, end), less the reserved ones (the
   * gateway, auxiliary addresses); undefined when the network has none. The
   * default bridge's: its /16 after the gateway.
   */
  protected addressRange(): { from: number; end: number; reserved: readonly number[] } | undefined {
    if (!this.subnet || !this.gateway) return undefined;
    const b = ipToInt(this.subnet.split('/')[0]);
    return { from: b + 2, end: b + 65534, reserved: [] };
  }

  /**
   * The lowest free address (172.17.0.2, .3, …): libnetwork's default IPAM asks
   * its bitmap for the first unset bit (SetAny with serial=false; only swarm's
   * allocator asks for serial allocation), so an address freed is handed out again.
   */
  allocateIp(): string | undefined {
    const r = this.addressRange();
    if (!r) return undefined;
    this.held ??= new Set(r.reserved);
    // the used set is kept between calls (a thousand containers must not cost a million steps);
    // it is rebuilt when endpoints went away (or were added by someone else)
    if (this.used.size !== this.endpoints.size) {
      this.used = new Set([...this.endpoints.values()].map((e) => ipIntOf(e.ip)));
      this.lowest = r.from;
    }
    for (let a = Math.max(this.lowest, r.from); a < r.end; a++) {
      if (this.used.has(a) || this.held.has(a)) continue;
      this.used.add(a);
      this.lowest = a + 1;
      return intToIp(a);
    }
    return undefined;
  }

  /** An endpoint left: its address is free again (the lowest free one is handed out first). */
  releaseIp(ip: string): void {
    const n = ipIntOf(ip);
    if (!this.used.delete(n)) return;
    if (n < this.lowest) this.lowest = n;
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
    // kept in step, so the next allocation need not rebuild what is in use
    net.releaseIp(ep.ip);
  }

  /**
   * The sandbox is deleted: every endpoint of the container goes, its published ports with
   * them, and its interfaces leave the namespace, which lives on with lo only while a process
   * of another container (--network container:X) is still in it.
   */
  detach(containerId: string): void {
    for (const { net, ep } of this.endpointsOf(containerId)) {
      this.detachFrom(containerId, net);
      if (ep.netns.ip === ep.ip) {
        ep.netns.ip = undefined;
        ep.netns.mac = undefined;
      }
    }
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
