// Published ports: libnetwork's port allocator (one map per host address,
// 0.0.0.0 and :: colliding with every address of their family) and the
// bridge driver's addPortMappings order, with Docker 28's implicit IPv6
// binding and its conflict errors (reference §1.2, §4.4).
import type { NetNamespace, Proto } from './network';

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
  if (!isV6(a)) return v4Int(a) - v4Int(b);
  return expand6(a) < expand6(b) ? -1 : 1;
}

const v4Int = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

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
