// POST /networks/create and DELETE /networks/{id} (api/server/router/network,
// daemon/network.go): user-defined bridge networks (addresses: networks-ipam.ts)
// with moby's refusals in moby's order, and the create/destroy events; connect
// and disconnect are networks-connect.ts's.
import { fail, ok, type Result } from '../image/errors';
import { randomHex64 } from '../random';
import type { DockerNetwork } from '../kernel/network';
import type { ApiResponse } from './api';
import type { Daemon } from './daemon';
import { registerNetworkConnectRoutes } from './networks-connect';
import {
  planIpam,
  UserNetwork,
  validateIpam,
  type IpamConfig,
  type NetworkPlan,
  type UserNetworkOptions,
} from './networks-ipam';
import { findNetwork } from './networks-routes';
import { errorResponse, type Router } from './engine';

/** network.IsPredefined on Linux. */
const PREDEFINED = new Set(['bridge', 'host', 'none', 'default']);

/** The built-in drivers besides bridge; each allows only its one predefined network. */
const SINGLETON_DRIVERS = new Set(['host', 'null']);

const SWARM_ONLY =
  'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';

/** network.CreateRequest as the client marshals it. */
interface CreateBody {
  Name?: unknown;
  Driver?: unknown;
  Scope?: unknown;
  EnableIPv4?: unknown;
  EnableIPv6?: unknown;
  IPAM?: { Driver?: unknown; Options?: unknown; Config?: unknown } | null;
  Internal?: unknown;
  Attachable?: unknown;
  Ingress?: unknown;
  ConfigOnly?: unknown;
  ConfigFrom?: { Network?: unknown } | null;
  Options?: unknown;
  Labels?: unknown;
}

function stringMap(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object') return {};
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
}

function ipamConfigs(v: unknown): IpamConfig[] {
  if (!Array.isArray(v)) return [];
  return v.map((c: Record<string, unknown>) => ({
    Subnet: typeof c.Subnet === 'string' ? c.Subnet : '',
    ...(typeof c.IPRange === 'string' && c.IPRange !== '' ? { IPRange: c.IPRange } : {}),
    ...(typeof c.Gateway === 'string' && c.Gateway !== '' ? { Gateway: c.Gateway } : {}),
    ...(c.AuxiliaryAddresses &&
    typeof c.AuxiliaryAddresses === 'object' &&
    Object.keys(c.AuxiliaryAddresses).length
      ? { AuxiliaryAddresses: stringMap(c.AuxiliaryAddresses) }
      : {}),
  }));
}

/** A driver-opt that must parse as a bool (strconv.ParseBool). */
function boolOpt(options: Record<string, string>, key: string): boolean | undefined | 'bad' {
  if (!(key in options)) return undefined;
  const v = options[key];
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return 'bad';
}

/** Network.validateConfiguration: what configuration-only networks and their users may not set. */
function validateConfiguration(o: UserNetworkOptions, scope: string, ingress: boolean): string | undefined {
  if (o.configOnly && (ingress || o.internal || o.attachable || scope !== ''))
    return (
      'configuration network can only contain network specific fields. ' +
      'Network operator fields like [ ingress | internal | attachable | scope ] are not supported.'
    );
  if (o.configFrom === '') return undefined;
  if (o.configOnly) return 'a configuration network cannot depend on another configuration network';
  const set = (m: Record<string, string> | null) => Object.keys(m ?? {}).length > 0;
  if (
    o.ipamDriver !== 'default' ||
    !o.enableIPv4 ||
    o.enableIPv6 ||
    set(o.labels) ||
    set(o.ipamOptions) ||
    o.ipamConfig.length > 0
  )
    return 'user specified configurations are not supported if the network depends on a configuration network';
  if (set(o.options))
    return 'network driver options are not supported if the network depends on a configuration network';
  return undefined;
}

/**
 * daemon.createNetwork and libnetwork NewNetwork, in their order of checks:
 * predefined names, swarm-only drivers, the enable_ipv4/6 options, the IPAM
 * config, the name, the driver, the scope, then the address pool.
 */
function createNetwork(daemon: Daemon, body: CreateBody): Result<UserNetwork> {
  const stack = daemon.deps.network;
  const name = typeof body.Name === 'string' ? body.Name : '';
  const driver = typeof body.Driver === 'string' && body.Driver !== '' ? body.Driver : 'bridge';
  if (PREDEFINED.has(name))
    return fail('forbidden', `operation is not permitted on predefined ${name} network `);
  if (driver === 'overlay') return fail('forbidden', SWARM_ONLY);
  const options = stringMap(body.Options);
  let enableIPv4 = true;
  if (typeof body.EnableIPv4 === 'boolean') {
    enableIPv4 = body.EnableIPv4;
    delete options['com.docker.network.enable_ipv4'];
  } else {
    const b = boolOpt(options, 'com.docker.network.enable_ipv4');
    if (b === 'bad')
      return fail('invalid', 'driver-opt "com.docker.network.enable_ipv4" is not a valid bool');
    if (b !== undefined) enableIPv4 = b;
  }
  let enableIPv6 = false;
  if (typeof body.EnableIPv6 === 'boolean') {
    enableIPv6 = body.EnableIPv6;
    delete options['com.docker.network.enable_ipv6'];
  } else {
    const b = boolOpt(options, 'com.docker.network.enable_ipv6');
    if (b === 'bad')
      return fail('invalid', 'driver-opt "com.docker.network.enable_ipv6" is not a valid bool');
    if (b !== undefined) enableIPv6 = b;
  }
  const configs = ipamConfigs(body.IPAM?.Config);
  const invalid = validateIpam(configs, enableIPv6);
  if (invalid) return fail('invalid', invalid);
  if (name.trim() === '') return fail('invalid', 'invalid name: name is empty');
  if (stack.networks.some((n) => n.name === name))
    return fail('conflict', `network with name ${name} already exists`);
  const scope = typeof body.Scope === 'string' ? body.Scope : '';
  const ipam = body.IPAM;
  const opts: UserNetworkOptions = {
    labels: body.Labels && typeof body.Labels === 'object' ? stringMap(body.Labels) : null,
    options,
    internal: body.Internal === true,
    attachable: body.Attachable === true,
    enableIPv4,
    enableIPv6,
    scope: scope === '' ? 'local' : scope,
    ipamDriver: ipam && typeof ipam.Driver === 'string' && ipam.Driver !== '' ? ipam.Driver : 'default',
    ipamOptions: ipam && ipam.Options && typeof ipam.Options === 'object' ? stringMap(ipam.Options) : null,
    ipamConfig: configs,
    configOnly: body.ConfigOnly === true,
    configFrom: typeof body.ConfigFrom?.Network === 'string' ? body.ConfigFrom.Network : '',
  };
  const invalidConfig = validateConfiguration(opts, scope, body.Ingress === true);
  if (invalidConfig) return fail('forbidden', invalidConfig);
  const id = randomHex64(daemon.deps.random);
  const now = daemon.deps.clock.now();
  // a configuration-only network is stored as it is: scope local, driver null, nothing allocated
  if (opts.configOnly) return ok(new UserNetwork(id, name, undefined, { ...opts, scope: 'local' }, now));
  if (driver !== 'bridge' && !SINGLETON_DRIVERS.has(driver))
    return fail('notFound', `plugin "${driver}" not found`);
  if (body.Ingress === true) return fail('forbidden', 'Ingress network can only be global scope network');
  if (opts.configFrom !== '') {
    const from = stack.networks.find(
      (x) => x.name === opts.configFrom && x instanceof UserNetwork && x.opts.configOnly,
    );
    if (!(from instanceof UserNetwork))
      return fail('notFound', `configuration network "${opts.configFrom}" does not exist`);
    // applyConfigurationTo: IPAM (driver, options, configs), driver options, IPv6
    Object.assign(opts, {
      ipamDriver: from.opts.ipamDriver,
      ipamOptions: from.opts.ipamOptions,
      ipamConfig: from.opts.ipamConfig,
      options: { ...from.opts.options },
      enableIPv6: from.opts.enableIPv6,
    });
  }
  if (scope === 'swarm')
    return fail('forbidden', 'cannot create a swarm scoped network when swarm is not active');
  if (SINGLETON_DRIVERS.has(driver))
    return fail('forbidden', `only one instance of "${driver}" network is allowed`);
  if (!opts.enableIPv4 && !opts.enableIPv6) return fail('invalid', 'IPv4 or IPv6 must be enabled');
  let plan: NetworkPlan | undefined;
  if (opts.enableIPv4) {
    const planned = planIpam(stack, opts.ipamConfig);
    if (!planned.ok) return planned;
    plan = planned.value;
  }
  return ok(new UserNetwork(id, name, plan, opts, now));
}

/**
 * ActiveEndpointsError (libnetwork v28.1+), wrapped by deleteNetwork: each
 * endpoint as name:%q id:%q with the endpoint's short ID.
 */
function activeEndpoints(daemon: Daemon, n: DockerNetwork): string {
  const eps = [...n.endpoints.values()].map((ep) => {
    const c = daemon.get(ep.containerId);
    const name = c.ok ? c.value.name.replace(/^\//, '') : ep.containerId;
    return `name:${JSON.stringify(name)} id:${JSON.stringify(ep.endpointId.slice(0, 12))}`;
  });
  return `error while removing network: network ${n.name} has active endpoints (${eps.join(', ')})`;
}

export function registerNetworkWriteRoutes(router: Router, daemon: Daemon): void {
  registerNetworkConnectRoutes(router, daemon);
  const stack = daemon.deps.network;
  const { events } = daemon.deps;

  router.add('POST', '/networks/create', (req): ApiResponse => {
    const made = createNetwork(daemon, (req.body ?? {}) as CreateBody);
    if (!made.ok) return errorResponse(made);
    const n = made.value;
    stack.networks.push(n);
    events.emit('network', 'create', { ID: n.id, Attributes: { name: n.name, type: n.driver } });
    return { status: 201, body: { Id: n.id, Warning: '' } };
  });

  router.add('DELETE', '/networks/{id}', (req): ApiResponse => {
    const found = findNetwork(stack, req.params.id);
    if (!found.ok) return { status: 404, body: { message: found.message } };
    const n = found.value;
    if (PREDEFINED.has(n.name))
      return { status: 403, body: { message: `${n.name} is a pre-defined network and cannot be removed` } };
    if (n.endpoints.size > 0) return { status: 403, body: { message: activeEndpoints(daemon, n) } };
    if (
      n instanceof UserNetwork &&
      n.opts.configOnly &&
      stack.networks.some((x) => x instanceof UserNetwork && x.opts.configFrom === n.name)
    )
      return {
        status: 403,
        body: { message: `error while removing network: configuration network "${n.name}" is in use` },
      };
    stack.networks.splice(stack.networks.indexOf(n), 1);
    events.emit('network', 'destroy', { ID: n.id, Attributes: { name: n.name, type: n.driver } });
    return { status: 204, body: '' };
  });
}
