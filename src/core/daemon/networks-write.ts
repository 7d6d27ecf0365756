// POST /networks/create and DELETE /networks/{id} (api/server/router/network,
// daemon/network.go): user-defined bridge networks with the next free subnet
// of the default address pools (172.18.0.0/16 … 172.31.0.0/16, then
// 192.168.0.0/20 …), their labels, and moby's refusals and events; connect
// and disconnect are networks-connect.ts's.
import { randomHex64 } from '../random';
import { DockerNetwork } from '../kernel/network';
import type { ApiResponse } from './api';
import type { Daemon } from './daemon';
import { registerNetworkConnectRoutes } from './networks-connect';
import { findNetwork } from './networks-routes';
import type { Router } from './engine';

/** Labels given at creation (com.docker.compose.project, …), by network. */
const labels = new WeakMap<DockerNetwork, Record<string, string>>();

export function networkLabels(n: DockerNetwork): Record<string, string> {
  return labels.get(n) ?? {};
}

const PREDEFINED = new Set(['bridge', 'host', 'none', 'default']);

/** The daemon's default-address-pools: /16s of 172.17-31, then /20s of 192.168. */
function nextSubnet(taken: ReadonlySet<string>): { subnet: string; gateway: string } | undefined {
  for (let b = 17; b <= 31; b++) {
    const subnet = `172.${b}.0.0/16`;
    if (!taken.has(subnet)) return { subnet, gateway: `172.${b}.0.1` };
  }
  for (let c = 0; c < 256; c += 16) {
    const subnet = `192.168.${c}.0/20`;
    if (!taken.has(subnet)) return { subnet, gateway: `192.168.${c}.1` };
  }
  return undefined;
}

interface CreateBody {
  Name?: unknown;
  Driver?: unknown;
  Labels?: unknown;
}

function stringMap(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object') return {};
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
}

export function registerNetworkWriteRoutes(router: Router, daemon: Daemon): void {
  registerNetworkConnectRoutes(router, daemon);
  const stack = daemon.deps.network;
  const { clock, random, events } = daemon.deps;

  router.add('POST', '/networks/create', (req): ApiResponse => {
    const body = (req.body ?? {}) as CreateBody;
    const name = typeof body.Name === 'string' ? body.Name : '';
    const driver = typeof body.Driver === 'string' && body.Driver !== '' ? body.Driver : 'bridge';
    if (name === '') return { status: 400, body: { message: 'network name must not be empty' } };
    if (PREDEFINED.has(name))
      return { status: 403, body: { message: `operation is not permitted on predefined ${name} network ` } };
    if (stack.networks.some((n) => n.name === name))
      return { status: 409, body: { message: `network with name ${name} already exists` } };
    if (driver !== 'bridge') return { status: 404, body: { message: `plugin "${driver}" not found` } };
    const pool = nextSubnet(new Set(stack.networks.map((n) => n.subnet ?? '')));
    if (!pool)
      return {
        status: 400,
        body: { message: 'all predefined address pools have been fully subnetted' },
      };
    const n = new DockerNetwork(randomHex64(random), name, 'bridge', pool.subnet, pool.gateway, clock.now());
    labels.set(n, stringMap(body.Labels));
    stack.networks.push(n);
    events.emit('network', 'create', { ID: n.id, Attributes: { name, type: 'bridge' } });
    return { status: 201, body: { Id: n.id, Warning: '' } };
  });

  router.add('DELETE', '/networks/{id}', (req): ApiResponse => {
    const found = findNetwork(stack, req.params.id);
    if (!found.ok) return { status: 404, body: { message: found.message } };
    const n = found.value;
    if (PREDEFINED.has(n.name))
      return { status: 403, body: { message: `${n.name} is a pre-defined network and cannot be removed` } };
    if (n.endpoints.size > 0)
      return {
        status: 403,
        body: { message: `error while removing network: network ${n.name} id ${n.id} has active endpoints` },
      };
    stack.networks.splice(stack.networks.indexOf(n), 1);
    events.emit('network', 'destroy', { ID: n.id, Attributes: { name: n.name, type: n.driver } });
    return { status: 204, body: '' };
  });
}
