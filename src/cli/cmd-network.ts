// `docker network` create/ls/inspect/rm/prune/connect/disconnect (cli/command/network/*.go,
// formatter.go): the networks the daemon knows, naturally sorted.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import type { EngineClient } from '../core/daemon/api';
import { DaemonError, callJson, filtersJson } from './api-call';
import { contextValue, formatWrite, headerValue } from './formatter';
import { FORMAT_HELP, goUnixString, truncateID } from './cmd-images';
import { objectInspectCommand } from './cmd-inspect';
import { confirm } from './cmd-image-manage';
import { INTERRUPTED } from './cmd-pull';
import { filterPairs } from './cmd-ps';
import { naturalSort } from './natural-sort';
import { T, type GoType, type StructField } from './go-value';
import { labelMethod } from './container-format';

/** network.Summary (= network.Inspect). */
export interface NetworkJson {
  Name: string;
  Id: string;
  Created: string;
  Scope: string;
  Driver: string;
  EnableIPv4?: boolean;
  EnableIPv6: boolean;
  Internal: boolean;
  Labels: Record<string, string> | null;
}

function networkFormat(source: string, quiet: boolean): string {
  if (source === 'table') return quiet ? '{{.ID}}' : 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';
  if (source === 'raw')
    return quiet
      ? 'network_id: {{.ID}}'
      : 'network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n';
  return source;
}

/** time.Time.String() of an RFC 3339 timestamp, in UTC (the simulated machine's zone). */
function goTimeString(rfc3339: string): string {
  const ms = Date.parse(rfc3339);
  if (Number.isNaN(ms)) return '0001-01-01 00:00:00 +0000 UTC';
  const frac = /\.(\d+)/.exec(rfc3339)?.[1]?.replace(/0+$/, '') ?? '';
  return goUnixString(Math.floor(ms / 1000)).replace(/ \+0000 UTC$/, (frac ? '.' + frac : '') + ' +0000 UTC');
}

async function runList(ctx: RunContext): Promise<number> {
  const { flags } = ctx;
  const query: Record<string, string> = {};
  const f = filtersJson(filterPairs(flags.strings('filter')));
  if (f) query.filters = f;
  const nets = ((await callJson(ctx.client, { method: 'GET', path: '/networks', query })) ??
    []) as NetworkJson[];
  const trunc = !flags.bool('no-trunc');
  const rows = naturalSort(nets, (n) => n.Name).map((n) =>
    contextValue(
      'network.networkContext',
      {
        ID: trunc ? truncateID(n.Id) : n.Id,
        Name: n.Name,
        Driver: n.Driver,
        Scope: n.Scope,
        IPv4: String(n.EnableIPv4 ?? false),
        IPv6: String(n.EnableIPv6),
        Internal: String(n.Internal),
        Labels: Object.entries(n.Labels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
        CreatedAt: goTimeString(n.Created),
      },
      { Label: labelMethod(n.Labels) },
    ),
  );
  const header = headerValue({
    ID: 'NETWORK ID',
    Name: 'NAME',
    Driver: 'DRIVER',
    Scope: 'SCOPE',
    IPv4: 'IPV4',
    IPv6: 'IPV6',
    Internal: 'INTERNAL',
    Labels: 'LABELS',
    CreatedAt: 'CREATED AT',
  });
  const r = formatWrite(networkFormat(flags.string('format') || 'table', flags.bool('quiet')), header, rows);
  if (r.error) throw new CliError(r.error, 1);
  ctx.io.stdout.write(r.out);
  return 0;
}

/** network.RunPrune: the report's text ("" when nothing went). */
export async function pruneNetworks(client: EngineClient, pairs: Array<[string, string]>): Promise<string> {
  const report = (await callJson(client, {
    method: 'POST',
    path: '/networks/prune',
    query: { filters: filtersJson(pairs) },
  })) as { NetworksDeleted: string[] | null };
  const deleted = report?.NetworksDeleted ?? [];
  return deleted.length === 0 ? '' : 'Deleted Networks:\n' + deleted.map((n) => n + '\n').join('');
}

const PRUNE_WARNING =
  'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?';

async function runPrune(ctx: RunContext): Promise<number> {
  if (!ctx.flags.bool('force')) {
    const ok = await confirm(ctx, PRUNE_WARNING);
    if (ok === INTERRUPTED) return INTERRUPTED;
    if (!ok) return 0;
  }
  const output = await pruneNetworks(ctx.client, filterPairs(ctx.flags.strings('filter')));
  if (output !== '') ctx.io.stdout.write(output + '\n');
  return 0;
}

export const networkListCommand: Partial<CommandSpec> = {
  args: { kind: 'none' },
  flags: [
    { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Only display network IDs' },
    { name: 'no-trunc', kind: 'bool', usage: 'Do not truncate the output' },
    { name: 'format', kind: 'string', usage: FORMAT_HELP },
    { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Provide filter values (e.g. "driver=bridge")' },
  ],
  run: runList,
};

const S = T.string;
const field = (name: string, type: GoType, extra: Partial<StructField> = {}): StructField => ({
  name,
  type,
  ...extra,
});

/** network.Inspect (moby api/types/network), what `docker network inspect` decodes into. */
const networkInspectType: GoType = {
  kind: 'struct',
  name: 'network.Inspect',
  fields: [
    field('Name', S),
    field('ID', S, { json: 'Id' }),
    field('Created', T.time),
    field('Scope', S),
    field('Driver', S),
    field('EnableIPv4', T.bool),
    field('EnableIPv6', T.bool),
    field('IPAM', {
      kind: 'struct',
      name: 'network.IPAM',
      fields: [
        field('Driver', S),
        field('Options', T.map(S)),
        field(
          'Config',
          T.slice({
            kind: 'struct',
            name: 'network.IPAMConfig',
            fields: [
              field('Subnet', S, { omitempty: true }),
              field('IPRange', S, { omitempty: true }),
              field('Gateway', S, { omitempty: true }),
              field('AuxAddress', T.map(S), { json: 'AuxiliaryAddresses', omitempty: true }),
            ],
          }),
        ),
      ],
    }),
    field('Internal', T.bool),
    field('Attachable', T.bool),
    field('Ingress', T.bool),
    field('ConfigFrom', { kind: 'struct', name: 'network.ConfigReference', fields: [field('Network', S)] }),
    field('ConfigOnly', T.bool),
    field(
      'Containers',
      T.map({
        kind: 'struct',
        name: 'network.EndpointResource',
        fields: [
          field('Name', S),
          field('EndpointID', S),
          field('MacAddress', S),
          field('IPv4Address', S),
          field('IPv6Address', S),
        ],
      }),
    ),
    field('Options', T.map(S)),
    field('Labels', T.map(S)),
    field('Peers', T.slice(T.iface), { omitempty: true }),
    field('Services', T.map(T.iface), { omitempty: true }),
  ],
};

export const networkInspectCommand = objectInspectCommand((n) => `/networks/${n}`, networkInspectType, {
  verbose: true,
});

export const networkPruneCommand: Partial<CommandSpec> = {
  args: { kind: 'none' },
  flags: [
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  run: runPrune,
};

/** pflag's StringSlice: every value is a CSV list. */
function stringSlice(values: string[]): string[] {
  return values.flatMap((v) => (v === '' ? [] : v.split(',')));
}

/** network connect (cli/command/network/connect.go): NetworkConnect with the endpoint settings; prints nothing. */
async function runConnect(ctx: RunContext): Promise<number> {
  const [network, container] = ctx.args;
  const { flags } = ctx;
  const driverOpts: Record<string, string> = {};
  for (const opt of stringSlice(flags.strings('driver-opt'))) {
    const i = opt.indexOf('=');
    const k = (i < 0 ? opt : opt.slice(0, i)).trim();
    if (i < 0 || k === '') throw new CliError('invalid key/value pair format in driver options', 1);
    driverOpts[k] = opt.slice(i + 1).trim();
  }
  await callJson(ctx.client, {
    method: 'POST',
    path: `/networks/${network}/connect`,
    body: {
      Container: container,
      EndpointConfig: {
        IPAMConfig: {
          IPv4Address: flags.string('ip'),
          IPv6Address: flags.string('ip6'),
          LinkLocalIPs: stringSlice(flags.strings('link-local-ip')),
        },
        Links: flags.strings('link'),
        Aliases: stringSlice(flags.strings('alias')),
        DriverOpts: driverOpts,
        GwPriority: flags.int('gw-priority'),
      },
    },
  });
  return 0;
}

/** network disconnect (cli/command/network/disconnect.go): NetworkDisconnect; prints nothing. */
async function runDisconnect(ctx: RunContext): Promise<number> {
  const [network, container] = ctx.args;
  await callJson(ctx.client, {
    method: 'POST',
    path: `/networks/${network}/disconnect`,
    body: { Container: container, Force: ctx.flags.bool('force') },
  });
  return 0;
}

export const networkConnectCommand: Partial<CommandSpec> = {
  args: { kind: 'exact', n: 2 },
  flags: [
    { name: 'ip', kind: 'string', usage: 'IPv4 address (e.g., "172.30.100.104")' },
    { name: 'ip6', kind: 'string', usage: 'IPv6 address (e.g., "2001:db8::33")' },
    { name: 'link', kind: 'list', usage: 'Add link to another container' },
    {
      name: 'alias',
      kind: 'stringArray',
      typeName: 'strings',
      usage: 'Add network-scoped alias for the container',
    },
    {
      name: 'link-local-ip',
      kind: 'stringArray',
      typeName: 'strings',
      usage: 'Add a link-local address for the container',
    },
    { name: 'driver-opt', kind: 'stringArray', typeName: 'strings', usage: 'driver options for the network' },
    {
      name: 'gw-priority',
      kind: 'int',
      usage: 'Highest gw-priority provides the default gateway. Accepts positive and negative values.',
    },
  ],
  run: runConnect,
};

export const networkDisconnectCommand: Partial<CommandSpec> = {
  args: { kind: 'exact', n: 2 },
  flags: [
    {
      name: 'force',
      shorthand: 'f',
      kind: 'bool',
      usage: 'Force the container to disconnect from a network',
    },
  ],
  run: runDisconnect,
};

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
