// GET /networks, GET /networks/{id}, POST /networks/prune
// (api/server/router/network): the host's Docker networks (the default
// bridge, host, none, and user-defined ones) as network.Inspect, with the
// containers attached to each when one network is inspected. The defaults
// are never pruned.
import { fail, ok, type Result } from '../image/errors';
import { matchKVList, parseFilters, parseUntil, validateFilters, type Filters } from '../image/filters';
import type { DockerNetwork, NetworkStack } from '../kernel/network';
import type { ApiResponse } from './api';
import { rfc3339Nano } from './containers-logs';
import type { Daemon } from './daemon';
import { errorResponse, type Router } from './engine';
import { UserNetwork } from './networks-ipam';

/** The labels a network was created with (com.docker.compose.project, …; the predefined ones have none). */
export function networkLabels(n: DockerNetwork): Record<string, string> {
  return n instanceof UserNetwork ? (n.opts.labels ?? {}) : {};
}

const LIST_FILTERS = ['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type'];

/** The default bridge's driver options (daemon/daemon_unix.go initBridgeDriver). */
const BRIDGE_OPTIONS: Record<string, string> = {
  'com.docker.network.bridge.default_bridge': 'true',
  'com.docker.network.bridge.enable_icc': 'true',
  'com.docker.network.bridge.enable_ip_masquerade': 'true',
  'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
  'com.docker.network.bridge.name': 'docker0',
  'com.docker.network.driver.mtu': '1500',
};

function isPredefined(n: DockerNetwork): boolean {
  return n.name === 'bridge' || n.name === 'host' || n.name === 'none';
}

/** network.Inspect; `containers` are the attached endpoints (empty in lists). */
export function networkJson(n: DockerNetwork, containers: Record<string, unknown>): Record<string, unknown> {
  const user = n instanceof UserNetwork ? n.opts : undefined;
  const pool = n.subnet && n.gateway ? [{ Subnet: n.subnet, Gateway: n.gateway }] : null;
  return {
    Name: n.name,
    Id: n.id,
    Created: rfc3339Nano(n.created),
    Scope: user?.scope ?? 'local',
    Driver: n.driver,
    EnableIPv4: user?.enableIPv4 ?? true,
    EnableIPv6: user?.enableIPv6 ?? false,
    IPAM: {
      Driver: user?.ipamDriver ?? 'default',
      Options: user?.ipamOptions ?? null,
      // buildIPAMResources: the user's configs as given, else the pool IPAM picked
      Config: user?.ipamConfig.length ? user.ipamConfig.map((c) => ({ ...c })) : pool,
    },
    Internal: user?.internal ?? false,
    Attachable: user?.attachable ?? false,
    Ingress: false,
    ConfigFrom: { Network: user?.configFrom ?? '' },
    ConfigOnly: user?.configOnly ?? false,
    Containers: containers,
    Options: user ? { ...user.options } : n.name === 'bridge' ? { ...BRIDGE_OPTIONS } : {},
    Labels: user ? user.labels && { ...user.labels } : {},
  };
}

/** network.EndpointResource of each container on the network, by container ID. */
function attached(daemon: Daemon, n: DockerNetwork): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prefix = n.subnet ? n.subnet.split('/')[1] : '';
  for (const ep of n.endpoints.values()) {
    const c = daemon.get(ep.containerId);
    out[ep.containerId] = {
      Name: c.ok ? c.value.name : ep.containerId,
      EndpointID: ep.endpointId,
      MacAddress: ep.mac,
      IPv4Address: prefix ? `${ep.ip}/${prefix}` : ep.ip,
      IPv6Address: '',
    };
  }
  return out;
}

/** network.FindNetwork: full ID, then exact name, then a unique ID prefix. */
export function findNetwork(stack: NetworkStack, term: string): Result<DockerNetwork> {
  const nets = stack.networks;
  const byId = nets.find((n) => n.id === term);
  if (byId) return ok(byId);
  const byName = nets.filter((n) => n.name === term);
  if (byName.length === 1) return ok(byName[0]);
  const byPrefix = term === '' ? [] : nets.filter((n) => n.id.startsWith(term));
  if (byPrefix.length === 1) return ok(byPrefix[0]);
  if (byPrefix.length > 1)
    return fail('invalid', `network ${term} is ambiguous (${byPrefix.length} matches found on id)`);
  return fail('notFound', `network ${term} not found`);
}

function listFilter(f: Filters, n: DockerNetwork): boolean {
  const has = (k: string) => (f.get(k)?.size ?? 0) > 0;
  if (has('driver') && !f.get('driver')!.has(n.driver)) return false;
  if (has('name') && ![...f.get('name')!].some((v) => n.name.includes(v))) return false;
  if (has('id') && ![...f.get('id')!].some((v) => n.id.includes(v))) return false;
  if (has('scope') && !f.get('scope')!.has('local')) return false;
  if (!matchKVList(f, 'label', networkLabels(n))) return false;
  if (has('type')) {
    const t = isPredefined(n) ? 'builtin' : 'custom';
    if (!f.get('type')!.has(t)) return false;
  }
  if (has('dangling')) {
    const want = f.get('dangling')!.has('true') || f.get('dangling')!.has('1');
    const dangling = !isPredefined(n) && n.endpoints.size === 0;
    if (want !== dangling) return false;
  }
  return true;
}

export function registerNetworkRoutes(router: Router, daemon: Daemon): void {
  const stack = daemon.deps.network;
  router.add('GET', '/networks', (req): ApiResponse => {
    const f = parseFilters(req.query.filters);
    if (!f.ok) return errorResponse(f);
    const bad = validateFilters(f.value, LIST_FILTERS);
    if (bad) return { status: 400, body: { message: bad } };
    for (const t of f.value.get('type') ?? [])
      if (t !== 'custom' && t !== 'builtin')
        return { status: 400, body: { message: `invalid filter: 'type'='${t}'` } };
    return {
      status: 200,
      body: stack.networks.filter((n) => listFilter(f.value, n)).map((n) => networkJson(n, {})),
    };
  });
  router.add('POST', '/networks/prune', (req): ApiResponse => {
    const f = parseFilters(req.query.filters);
    if (!f.ok) return errorResponse(f);
    const bad = validateFilters(f.value, ['label', 'label!', 'until']);
    if (bad) return { status: 400, body: { message: bad } };
    const until = parseUntil(f.value, daemon.deps.clock.now());
    if (!until.ok) return errorResponse(until);
    // localNetworksPrune: user-defined networks without endpoints, created
    // no later than `until`, whose labels match; the defaults stay
    const deleted: string[] = [];
    for (const n of [...stack.networks]) {
      if (isPredefined(n) || n.endpoints.size > 0) continue;
      if (n instanceof UserNetwork && n.opts.configOnly) continue;
      if (until.value !== undefined && n.created > until.value) continue;
      const labels = networkLabels(n);
      if (!matchKVList(f.value, 'label', labels)) continue;
      if (f.value.has('label!') && matchKVList(f.value, 'label!', labels)) continue;
      stack.networks.splice(stack.networks.indexOf(n), 1);
      daemon.deps.events.emit('network', 'destroy', {
        ID: n.id,
        Attributes: { name: n.name, type: n.driver },
      });
      deleted.push(n.name);
    }
    daemon.deps.events.emit('network', 'prune', { ID: '', Attributes: { reclaimed: '0' } });
    return { status: 200, body: { NetworksDeleted: deleted.length ? deleted : null } };
  });
  router.add('GET', '/networks/{id}', (req): ApiResponse => {
    const n = findNetwork(stack, req.params.id);
    if (!n.ok) return errorResponse(n);
    return { status: 200, body: networkJson(n.value, attached(daemon, n.value)) };
  });
}
