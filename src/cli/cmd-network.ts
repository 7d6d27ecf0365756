// `docker network` ls/inspect/prune/connect/disconnect (cli/command/network/*.go, formatter.go):
// the networks the daemon knows, naturally sorted; create and rm are cmd-network-create.ts's.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import type { EngineClient } from '../core/daemon/api';
import { callJson, filtersJson } from './api-call';
import { contextValue, formatWrite, headerValue } from './formatter';
import { FORMAT_HELP, goUnixString, truncateID } from './cmd-images';
import { objectInspectCommand } from './cmd-inspect';
import { confirm } from './cmd-image-manage';
import { INTERRUPTED } from './cmd-pull';
import { filterPairs } from './cmd-ps';
import { naturalSort } from './natural-sort';
import { labelMethod } from './container-format';
import { networkInspect } from './api-types-network';

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

export const networkInspectCommand = objectInspectCommand((n) => `/networks/${n}`, networkInspect, {
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
export function stringSlice(values: string[]): string[] {
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
