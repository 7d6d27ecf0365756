// `docker network create` and `rm` (cli/command/network/create.go, remove.go, v28.2): the
// client-side IPAM checks of createIPAMConfig, NetworkCreate, and removal one name at a time.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { DaemonError, callJson } from './api-call';
import { stringSlice } from './cmd-network';

/** opts.ValidateLabel */
function validateLabel(v: string): string | undefined {
  const key = v.split('=')[0].replace(/^[ \t]+/, '');
  if (key === '') return `invalid label '${v}': empty name`;
  if (/[ \t]/.test(key)) return `label '${key}' contains whitespaces`;
  return undefined;
}

/** opts.MapOpts / ConvertKVStringsToMap: key=value, a bare key maps to "". */
function kvMap(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf('=');
    out[i < 0 ? v : v.slice(0, i)] = i < 0 ? '' : v.slice(i + 1);
  }
  return out;
}

/** net.ParseCIDR's base address, or its error text. */
function parseCidr(s: string): { ip: number; bits: number } | string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32)
    return `invalid CIDR address: ${s}`;
  return { ip: m.slice(1, 5).reduce((a, o) => a * 256 + Number(o), 0), bits: Number(m[5]) };
}

/** subnetMatches: whether `data` (an address or CIDR) lies in `subnet`. */
function subnetMatches(subnet: string, data: string): boolean | string {
  const s = parseCidr(subnet);
  if (typeof s === 'string') return `invalid subnet: ${s}`;
  let ip: number | undefined;
  if (data.includes('/')) {
    const d = parseCidr(data);
    if (typeof d === 'string') return d;
    ip = d.ip;
  } else {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(data);
    ip =
      m && m.slice(1).every((o) => Number(o) <= 255)
        ? m.slice(1).reduce((a, o) => a * 256 + Number(o), 0)
        : undefined;
  }
  if (ip === undefined) return false;
  const size = 2 ** (32 - s.bits);
  const base = Math.floor(s.ip / size) * size;
  return ip >= base && ip < base + size;
}

interface IpamConfigBody {
  Subnet: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

/** createIPAMConfig (cli v28.2): subnets with their ip-range, gateway and aux-addresses, checked client-side. */
function ipamConfig(
  subnets: string[],
  ranges: string[],
  gateways: string[],
  aux: Record<string, string>,
): IpamConfigBody[] {
  if (subnets.length < ranges.length || subnets.length < gateways.length)
    throw new CliError('every ip-range or gateway must have a corresponding subnet', 1);
  const data = new Map<string, IpamConfigBody & { AuxiliaryAddresses: Record<string, string> }>();
  const check = (r: boolean | string): boolean => {
    if (typeof r === 'string') throw new CliError(r, 1);
    return r;
  };
  for (const s of subnets) {
    for (const k of data.keys())
      if (check(subnetMatches(s, k)) || check(subnetMatches(k, s)))
        throw new CliError('multiple overlapping subnet configuration is not supported', 1);
    data.set(s, { Subnet: s, AuxiliaryAddresses: {} });
  }
  for (const r of ranges) {
    let match = false;
    for (const s of subnets) {
      const c = parseCidr(r);
      if (typeof c === 'string') throw new CliError(c, 1);
      if (!check(subnetMatches(s, r))) continue;
      const d = data.get(s)!;
      if (d.IPRange)
        throw new CliError(
          `cannot configure multiple ranges (${r}, ${d.IPRange}) on the same subnet (${s})`,
          1,
        );
      d.IPRange = r;
      match = true;
    }
    if (!match) throw new CliError(`no matching subnet for range ${r}`, 1);
  }
  for (const g of gateways) {
    let match = false;
    for (const s of subnets) {
      if (!check(subnetMatches(s, g))) continue;
      const d = data.get(s)!;
      if (d.Gateway)
        throw new CliError(
          `cannot configure multiple gateways (${g}, ${d.Gateway}) for the same subnet (${s})`,
          1,
        );
      d.Gateway = g;
      match = true;
    }
    if (!match) throw new CliError(`no matching subnet for gateway ${g}`, 1);
  }
  for (const [key, a] of Object.entries(aux)) {
    let match = false;
    for (const s of subnets) {
      if (!check(subnetMatches(s, a))) continue;
      data.get(s)!.AuxiliaryAddresses[key] = a;
      match = true;
    }
    if (!match) throw new CliError(`no matching subnet for aux-address ${a}`, 1);
  }
  // IPAMConfig's omitempty fields
  return [...data.values()].map(({ AuxiliaryAddresses, ...c }) =>
    Object.keys(AuxiliaryAddresses).length ? { ...c, AuxiliaryAddresses } : c,
  );
}

/** network create (cli/command/network/create.go): NetworkCreate, then the new network's ID. */
async function runCreate(ctx: RunContext): Promise<number> {
  const { flags } = ctx;
  const config = ipamConfig(
    stringSlice(flags.strings('subnet')),
    stringSlice(flags.strings('ip-range')),
    stringSlice(flags.strings('gateway')),
    kvMap(flags.strings('aux-address')),
  );
  const configFrom = flags.string('config-from');
  const resp = (await callJson(ctx.client, {
    method: 'POST',
    path: '/networks/create',
    body: {
      Name: ctx.args[0],
      Driver: flags.string('driver'),
      ...(flags.string('scope') !== '' ? { Scope: flags.string('scope') } : {}),
      ...(flags.changed('ipv4') ? { EnableIPv4: flags.bool('ipv4') } : {}),
      ...(flags.changed('ipv6') ? { EnableIPv6: flags.bool('ipv6') } : {}),
      IPAM: {
        Driver: flags.string('ipam-driver'),
        Options: kvMap(flags.strings('ipam-opt')),
        Config: config,
      },
      Internal: flags.bool('internal'),
      Attachable: flags.bool('attachable'),
      Ingress: flags.bool('ingress'),
      ConfigOnly: flags.bool('config-only'),
      ...(configFrom !== '' ? { ConfigFrom: { Network: configFrom } } : {}),
      Options: kvMap(flags.strings('opt')),
      Labels: kvMap(flags.strings('label')),
    },
  })) as { Id: string };
  ctx.io.stdout.write(`${resp.Id}\n`);
  return 0;
}

/**
 * network rm (cli/command/network/remove.go): each network in turn, its name
 * on success, the error at once otherwise (not-found ones skipped with -f);
 * any failure ends in a StatusError, which prints "exit status 1".
 */
async function runRemove(ctx: RunContext): Promise<number> {
  let failed = false;
  for (const name of ctx.args) {
    try {
      await callJson(ctx.client, { method: 'DELETE', path: `/networks/${name}` });
      ctx.io.stdout.write(`${name}\n`);
    } catch (e) {
      if (!(e instanceof DaemonError)) throw e;
      if (ctx.flags.bool('force') && e.notFound) continue;
      ctx.io.stderr.write(`${e.message}\n`);
      failed = true;
    }
  }
  if (failed) throw new CliError('exit status 1', 1);
  return 0;
}

const MAP = { kind: 'list', typeName: 'map', defValue: 'map[]' } as const;
const STRINGS = { kind: 'stringArray', typeName: 'strings' } as const;

export const networkCreateCommand: Partial<CommandSpec> = {
  args: { kind: 'exact', n: 1 },
  flags: [
    {
      name: 'driver',
      shorthand: 'd',
      kind: 'string',
      usage: 'Driver to manage the Network',
      defValue: 'bridge',
    },
    { name: 'opt', shorthand: 'o', ...MAP, usage: 'Set driver specific options' },
    { name: 'label', kind: 'list', usage: 'Set metadata on a network', validate: validateLabel },
    { name: 'internal', kind: 'bool', usage: 'Restrict external access to the network' },
    { name: 'ipv4', kind: 'bool', usage: 'Enable or disable IPv4 address assignment', defValue: 'true' },
    { name: 'ipv6', kind: 'bool', usage: 'Enable or disable IPv6 address assignment' },
    { name: 'attachable', kind: 'bool', usage: 'Enable manual container attachment' },
    { name: 'ingress', kind: 'bool', usage: 'Create swarm routing-mesh network' },
    { name: 'scope', kind: 'string', usage: "Control the network's scope" },
    { name: 'config-only', kind: 'bool', usage: 'Create a configuration only network' },
    { name: 'config-from', kind: 'string', usage: 'The network from which to copy the configuration' },
    { name: 'ipam-driver', kind: 'string', usage: 'IP Address Management Driver', defValue: 'default' },
    { name: 'subnet', ...STRINGS, usage: 'Subnet in CIDR format that represents a network segment' },
    { name: 'ip-range', ...STRINGS, usage: 'Allocate container ip from a sub-range' },
    { name: 'gateway', ...STRINGS, usage: 'IPv4 or IPv6 Gateway for the master subnet' },
    { name: 'aux-address', ...MAP, usage: 'Auxiliary IPv4 or IPv6 addresses used by Network driver' },
    { name: 'ipam-opt', ...MAP, usage: 'Set IPAM driver specific options' },
  ],
  run: runCreate,
};

export const networkRemoveCommand: Partial<CommandSpec> = {
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not error if the network does not exist' },
  ],
  run: runRemove,
};
