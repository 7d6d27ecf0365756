// POST /networks/{id}/connect and /disconnect (daemon/container_operations.go
// ConnectToNetwork, DisconnectFromNetwork): a stopped container only has its
// NetworkSettings.Networks changed; a running one gets (or loses) an endpoint
// in its network namespace at once, with the `network connect|disconnect`
// event, moby's conflict checks and their wording.
import { fail, ok, type Result } from '../image/errors';
import { dnsOverrides, joinResolvConf } from './resolv-conf';
import type { DockerNetwork } from '../kernel/network';
import type { ApiResponse } from './api';
import type { ContainerEntry } from './containers-entry';
import type { Daemon } from './daemon';
import { errorResponse, type Router } from './engine';
import {
  dropHostsRecord,
  endpointRecord,
  hostsRecord,
  logNetworkEvent,
  modeNetworkName,
  networkNames,
} from './networks-attach';
import { findNetwork } from './networks-routes';

// runconfig/errors.go (validation errors: 400)
const ERR_SHARED =
  'container sharing network namespace with another container or host cannot be connected to any other network';
const ERR_TO_HOST =
  'cannot connect container to host network - container must be created in host network mode';
const ERR_FROM_HOST =
  'cannot disconnect container from host network - container was created in host network mode';
const ERR_NO_NETWORK =
  'container cannot be connected to multiple networks with one of the networks in private (none) mode';

const ERR_IP_PREDEFINED = 'user specified IP address is supported on user defined networks only';
const ERR_ALIAS_PREDEFINED = 'network-scoped alias is supported only for containers in user defined networks';
const ERR_NO_STATIC_SUBNET =
  'user specified IP address is supported only when connecting to networks with user configured subnets';

export interface EndpointSettings {
  aliases: string[];
  ipv4: string;
  ipv6: string;
  linkLocal: string[];
}

const isIPv4 = (s: string) =>
  /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) && s.split('.').every((o) => Number(o) <= 255);
const isIPv6 = (s: string) =>
  s.includes(':') &&
  /^[0-9a-fA-F:]+$/.test(s) &&
  (s.match(/::/g) ?? []).length <= 1 &&
  s.split(':').length <= 8;
const unspecified = (s: string) => s === '0.0.0.0' || /^[0:]+$/.test(s);

/**
 * validateEndpointSettings: static addresses and aliases need a user-defined
 * network, addresses must parse, and a static address needs a subnet the user
 * configured (the networks here get theirs from the default pools). Every
 * problem is listed, as multierror.Join prints them.
 */
function validateEndpoint(n: DockerNetwork, s: EndpointSettings): Result<void> {
  const errs: string[] = [];
  const predefined = ['bridge', 'host', 'none', 'default'].includes(n.name);
  if (predefined && (s.ipv4 !== '' || s.ipv6 !== '')) errs.push(ERR_IP_PREDEFINED);
  if (predefined && s.aliases.length) errs.push(ERR_ALIAS_PREDEFINED);
  if (s.ipv4 !== '' && (!isIPv4(s.ipv4) || unspecified(s.ipv4))) errs.push(`invalid IPv4 address: ${s.ipv4}`);
  if (s.ipv6 !== '' && (!isIPv6(s.ipv6) || unspecified(s.ipv6))) errs.push(`invalid IPv6 address: ${s.ipv6}`);
  for (const a of s.linkLocal)
    if ((!isIPv4(a) && !isIPv6(a)) || unspecified(a)) errs.push(`invalid link-local IP address: ${a}`);
  if (s.ipv4 !== '') errs.push(ERR_NO_STATIC_SUBNET);
  if (s.ipv6 !== '') errs.push(ERR_NO_STATIC_SUBNET);
  if (errs.length === 0) return ok(undefined);
  const joined = errs.length === 1 ? errs[0] : `* ${errs.join('\n* ')}`;
  return fail('invalid', `invalid endpoint settings:\n${joined}`);
}

/** Host and container: modes are not private (they share a namespace). */
const isPrivate = (driver: string) => driver !== 'host';

/**
 * updateNetworkSettings: refuse what cannot share a namespace; true when the
 * container is already on the network (a duplicate config is left alone).
 */
function checkJoin(daemon: Daemon, c: ContainerEntry, n: DockerNetwork): Result<boolean> {
  const stack = daemon.deps.network;
  const hostMode = c.rec.HostConfig.NetworkMode === 'host';
  if (!hostMode && n.driver === 'host') return fail('invalid', ERR_TO_HOST);
  for (const name of networkNames(c.rec)) {
    const sn = stack.network(name);
    if (!sn) continue;
    if (sn.name === n.name) return ok(true);
    if (!isPrivate(sn.driver) || !isPrivate(n.driver)) return fail('invalid', ERR_SHARED);
    if (sn.name === 'none' || n.name === 'none') return fail('invalid', ERR_NO_NETWORK);
  }
  return ok(false);
}

const removing = (c: ContainerEntry) =>
  fail(
    'system',
    `Container ${c.id} is marked for removal and cannot be connected or disconnected to the network`,
  );

export function connectContainer(
  daemon: Daemon,
  c: ContainerEntry,
  term: string,
  settings: EndpointSettings,
): Result<void> {
  const { aliases } = settings;
  if (c.removed) return removing(c);
  const stack = daemon.deps.network;
  const found = findNetwork(stack, term);
  const names = networkNames(c.rec);
  if (!c.running) {
    // a network that is not found is recorded by name all the same (the start will fail)
    if (!found.ok) {
      if (found.kind !== 'notFound') return found;
      if (!names.includes(term)) c.rec.Networks = [...names, term];
      return ok(undefined);
    }
    const valid = validateEndpoint(found.value, settings);
    if (!valid.ok) return valid;
    const joined = checkJoin(daemon, c, found.value);
    if (!joined.ok) return joined;
    if (!joined.value) c.rec.Networks = [...names, found.value.name];
    return ok(undefined);
  }
  // connectToNetwork: a running container in another's namespace has no sandbox to add to
  if (c.rec.HostConfig.NetworkMode?.startsWith('container:')) return fail('invalid', ERR_SHARED);
  // findAndAttachNetwork: a name the daemon does not know goes to the (absent) swarm agent
  if (!found.ok)
    return found.kind === 'notFound'
      ? fail('system', 'invalid cluster node while attaching to network')
      : found;
  const n = found.value;
  const valid = validateEndpoint(n, settings);
  if (!valid.ok) return valid;
  const joined = checkJoin(daemon, c, n);
  if (!joined.ok) return joined;
  const name = c.name;
  if (joined.value || n.endpoints.has(c.id))
    return fail('forbidden', `endpoint with name ${name} already exists in network ${n.name}`);
  const live = c.live;
  if (!live) return fail('system', `container ${c.id} is not running`);
  const dnsNames = [name, ...aliases, c.id.slice(0, 12)];
  const ep = stack.attachBridge(c.id, daemon.deps.random, n, dnsNames, live.sys.net);
  if (!ep)
    return fail('system', `no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`);
  if (!live.sys.net.ip) {
    live.sys.net.ip = ep.ip;
    live.sys.net.mac = ep.mac;
  }
  c.rec.Networks = [...names, n.name];
  // libnetwork's join adds the address to the container's /etc/hosts
  const hosts = c.files.readFile('/hosts');
  c.files.writeFile('/hosts', `${typeof hosts === 'string' ? hosts : ''}${hostsRecord(c.rec, ep.ip)}`);
  // and its resolv.conf is remade (for the embedded resolver on a user-defined network)
  joinResolvConf(
    c.files,
    c.rec.HostConfig.NetworkMode ?? '',
    n.name !== 'bridge',
    dnsOverrides(c.rec.HostConfig),
  );
  if (n.name === modeNetworkName(c.rec)) c.rec.Network = endpointRecord(n, ep);
  else c.rec.Endpoints = { ...(c.rec.Endpoints ?? {}), [n.name]: endpointRecord(n, ep) };
  logNetworkEvent(daemon.deps.events, n, 'connect', c.id);
  return ok(undefined);
}

export function disconnectContainer(
  daemon: Daemon,
  c: ContainerEntry,
  term: string,
  force: boolean,
): Result<void> {
  const stack = daemon.deps.network;
  const found = findNetwork(stack, term);
  const names = networkNames(c.rec);
  if (!c.running || (!found.ok && force)) {
    if (c.removed) return removing(c);
    const name = found.ok ? found.value.name : term;
    if (!names.includes(name))
      return fail('system', `container ${c.id} is not connected to the network ${name}`);
    c.rec.Networks = names.filter((x) => x !== name);
    return ok(undefined);
  }
  if (!found.ok) return found;
  const n = found.value;
  if (c.rec.HostConfig.NetworkMode === 'host' && n.driver === 'host') return fail('invalid', ERR_FROM_HOST);
  const ep = n.endpoints.get(c.id);
  const live = c.live;
  if (!ep || !live) return fail('system', `container ${c.id} is not connected to network ${n.name}`);
  stack.detachFrom(c.id, n);
  // and the leave takes it out again (etchosts.Delete)
  dropHostsRecord(c.files, c.rec, ep.ip);
  // the published ports belonged to the endpoint that leaves
  if (live.endpoint === ep) {
    stack.ports.release(c.id);
    c.rec.Ports = Object.fromEntries(Object.keys(c.rec.Config.ExposedPorts ?? {}).map((p) => [p, null]));
  }
  if (live.sys.net.ip === ep.ip) {
    const next = stack.endpointsOf(c.id)[0]?.ep;
    live.sys.net.ip = next?.ip;
    live.sys.net.mac = next?.mac;
  }
  c.rec.Networks = names.filter((x) => x !== n.name);
  if (n.name === modeNetworkName(c.rec)) c.rec.Network = undefined;
  else if (c.rec.Endpoints) {
    const rest = { ...c.rec.Endpoints };
    delete rest[n.name];
    c.rec.Endpoints = rest;
  }
  logNetworkEvent(daemon.deps.events, n, 'disconnect', c.id);
  return ok(undefined);
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function registerNetworkConnectRoutes(router: Router, daemon: Daemon): void {
  router.add('POST', '/networks/{id}/connect', (req): ApiResponse => {
    const body = (req.body ?? {}) as {
      Container?: unknown;
      EndpointConfig?: {
        Aliases?: unknown;
        IPAMConfig?: { IPv4Address?: unknown; IPv6Address?: unknown; LinkLocalIPs?: unknown } | null;
      } | null;
    };
    const c = daemon.get(typeof body.Container === 'string' ? body.Container : '');
    if (!c.ok) return errorResponse(c);
    const ipam = body.EndpointConfig?.IPAMConfig;
    const r = connectContainer(daemon, c.value, req.params.id, {
      aliases: stringList(body.EndpointConfig?.Aliases),
      ipv4: typeof ipam?.IPv4Address === 'string' ? ipam.IPv4Address : '',
      ipv6: typeof ipam?.IPv6Address === 'string' ? ipam.IPv6Address : '',
      linkLocal: stringList(ipam?.LinkLocalIPs),
    });
    return r.ok ? { status: 200, body: '' } : errorResponse(r);
  });
  router.add('POST', '/networks/{id}/disconnect', (req): ApiResponse => {
    const body = (req.body ?? {}) as { Container?: unknown; Force?: unknown };
    const c = daemon.get(typeof body.Container === 'string' ? body.Container : '');
    if (!c.ok) return errorResponse(c);
    const r = disconnectContainer(daemon, c.value, req.params.id, body.Force === true);
    return r.ok ? { status: 200, body: '' } : errorResponse(r);
  });
}
