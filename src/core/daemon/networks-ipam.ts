// User-defined networks and their address management (api/types/network
// ValidateIPAM, libnetwork ipamAllocateVersion and ipams/defaultipam): the
// subnet a user gives or the next free default pool, the gateway, ip-range
// and auxiliary addresses, and which addresses containers get.
import { fail, ok, type Result } from '../image/errors';
import { DockerNetwork, intToIp, ipToInt, type NetworkStack } from '../kernel/network';

/** network.IPAMConfig as the request carries it (strings, unvalidated). */
export interface IpamConfig {
  Subnet: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

/** What `network create` asked for beyond name and driver (libnetwork's NetworkOptions). */
export interface UserNetworkOptions {
  labels: Record<string, string> | null;
  options: Record<string, string>;
  internal: boolean;
  attachable: boolean;
  enableIPv4: boolean;
  enableIPv6: boolean;
  scope: string;
  ipamDriver: string;
  ipamOptions: Record<string, string> | null;
  /** The user's IPAM config (inspect shows it as given); empty when the pool came from the defaults. */
  ipamConfig: IpamConfig[];
  /** A configuration-only network: a template for others (driver null, no addresses, no containers). */
  configOnly: boolean;
  /** The configuration-only network this one took its IPAM config and options from ("" if none). */
  configFrom: string;
}

/** An IPv4 prefix as integers: base address (as written), bits, masked base, size. */
interface Prefix4 {
  addr: number;
  bits: number;
  base: number;
  size: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** netip.ParseAddr for IPv4 (no leading zeros, as Go refuses them). */
function parseAddr4(s: string): number | undefined {
  const m = IPV4.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map((p) => (p.length > 1 && p.startsWith('0') ? NaN : Number(p)));
  if (parts.some((p) => !(p >= 0 && p <= 255))) return undefined;
  return ipToInt(parts.join('.'));
}

function parsePrefix4(s: string): Prefix4 | undefined {
  const i = s.indexOf('/');
  if (i < 0) return undefined;
  const addr = parseAddr4(s.slice(0, i));
  const bitsText = s.slice(i + 1);
  if (addr === undefined || !/^(0|[1-9]\d?)$/.test(bitsText) || Number(bitsText) > 32) return undefined;
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  return { addr, bits, base: Math.floor(addr / size) * size, size };
}

const isV6 = (s: string) => s.includes(':');
const prefixText = (p: Prefix4) => `${intToIp(p.addr)}/${p.bits}`;
const maskedText = (p: Prefix4) => `${intToIp(p.base)}/${p.bits}`;
const overlaps = (a: Prefix4, b: Prefix4) => a.base < b.base + b.size && b.base < a.base + a.size;
const contains = (p: Prefix4, addr: number) => addr >= p.base && addr < p.base + p.size;

/** validateAddress: an address of the subnet's family inside it. */
function addressProblem(address: string, subnet: Prefix4): string | undefined {
  if (address === '') return undefined;
  if (isV6(address)) return 'parent subnet is an IPv4 block';
  const a = parseAddr4(address);
  if (a === undefined) return 'invalid address';
  if (!contains(subnet, a)) return `parent subnet ${prefixText(subnet)} doesn't contain this address`;
  return undefined;
}

/**
 * ValidateIPAM: every IPv4 config's subnet, ip-range, gateway and auxiliary
 * addresses, all problems joined as joinError prints them. IPv6 subnets are
 * skipped unless IPv6 is enabled.
 */
export function validateIpam(configs: IpamConfig[], enableIPv6: boolean): string | undefined {
  const errs: string[] = [];
  for (const cfg of configs) {
    const subnet = parsePrefix4(cfg.Subnet);
    if (!subnet) {
      if (isV6(cfg.Subnet) && cfg.Subnet.includes('/') && !enableIPv6) continue;
      errs.push(`invalid subnet ${cfg.Subnet}: invalid CIDR block notation`);
      continue;
    }
    if (subnet.addr !== subnet.base)
      errs.push(`invalid subnet ${prefixText(subnet)}: it should be ${maskedText(subnet)}`);
    const range = cfg.IPRange ?? '';
    if (range !== '') {
      const r = parsePrefix4(range);
      if (!r) {
        errs.push(
          isV6(range)
            ? `invalid ip-range ${range}: parent subnet is an IPv4 block`
            : `invalid ip-range ${range}: invalid CIDR block notation`,
        );
      } else {
        if (r.bits < subnet.bits)
          errs.push(
            `invalid ip-range ${range}: CIDR block is bigger than its parent subnet ${prefixText(subnet)}`,
          );
        if (r.addr !== r.base) errs.push(`invalid ip-range ${prefixText(r)}: it should be ${maskedText(r)}`);
        if (!overlaps(subnet, r))
          errs.push(
            `invalid ip-range ${range}: parent subnet ${prefixText(subnet)} doesn't contain ip-range`,
          );
      }
    }
    const gw = addressProblem(cfg.Gateway ?? '', subnet);
    if (gw) errs.push(`invalid gateway ${cfg.Gateway}: ${gw}`);
    for (const [name, aux] of Object.entries(cfg.AuxiliaryAddresses ?? {})) {
      const p = addressProblem(aux, subnet);
      if (p) errs.push(`invalid auxiliary address ${name}: ${p}`);
    }
  }
  if (errs.length === 0) return undefined;
  const joined =
    errs.length === 1 ? errs[0].trim() : '* ' + errs.map((e) => e.replace(/\n/g, '\n\t')).join('\n* ');
  return `invalid network config:\n${joined}`;
}

/** A user-defined bridge: its pool, the addresses IPAM holds back, and what inspect shows. */
export class UserNetwork extends DockerNetwork {
  constructor(
    id: string,
    name: string,
    /** undefined when IPv4 is disabled: containers get no IPv4 address. */
    private readonly plan: NetworkPlan | undefined,
    readonly opts: UserNetworkOptions,
    created: number,
  ) {
    super(
      id,
      name,
      opts.configOnly ? 'null' : 'bridge',
      plan ? maskedText(plan.pool) : undefined,
      plan ? intToIp(plan.gateway) : undefined,
      created,
    );
  }

  /** The ip-range, else the subnet (AddAnyInRange), less what IPAM holds back. */
  protected override addressRange(): { from: number; end: number; reserved: readonly number[] } | undefined {
    if (!this.plan) return undefined;
    const { pool, range = pool, reserved } = this.plan;
    return { from: Math.max(range.base, pool.base), end: Math.min(range.base + range.size, pool.base + pool.size), reserved };
  }
}

/** The daemon's default-address-pools: /16s of 172.17-31, then /20s of 192.168. */
function* defaultPools(): Generator<Prefix4> {
  for (let b = 17; b <= 31; b++) yield parsePrefix4(`172.${b}.0.0/16`)!;
  for (let c = 0; c < 256; c += 16) yield parsePrefix4(`192.168.${c}.0/20`)!;
}

/** The pools the networks hold (one address space: the default bridge's counts too). */
function networkPools(stack: NetworkStack): Prefix4[] {
  return stack.networks.flatMap((n) => (n.subnet ? [parsePrefix4(n.subnet)!] : []));
}

/** InferReservedNetworks: the host's own network (a /24 here) is never a default pool. */
function hostPools(stack: NetworkStack): Prefix4[] {
  const host = stack.hostNetns.ip ? parseAddr4(stack.hostNetns.ip) : undefined;
  return host === undefined ? [] : [parsePrefix4(`${intToIp(host)}/24`)!];
}

export interface NetworkPlan {
  pool: Prefix4;
  gateway: number;
  range?: Prefix4;
  reserved: number[];
}

/**
 * ipamAllocate for the IPv4 family: the user's subnet (refused when it
 * overlaps a pool in use) or the first free default pool; the gateway as
 * given or the range's first free address; auxiliary addresses reserved
 * when they fall in the range. Errors carry moby's status and wording.
 */
export function planIpam(stack: NetworkStack, configs: IpamConfig[]): Result<NetworkPlan> {
  const taken = networkPools(stack);
  const cfg = configs.find((c) => !isV6(c.Subnet));
  if (!cfg) {
    const avoid = [...taken, ...hostPools(stack)];
    for (const p of defaultPools()) if (!avoid.some((t) => overlaps(t, p))) return ok(autoPlan(p));
    return fail('invalid', 'all predefined address pools have been fully subnetted');
  }
  const parsed = parsePrefix4(cfg.Subnet)!;
  const pool: Prefix4 = { ...parsed, addr: parsed.base };
  if (taken.some((t) => overlaps(t, pool)))
    return fail('forbidden', 'invalid pool request: Pool overlaps with other one on this address space');
  const range = cfg.IPRange ? parsePrefix4(cfg.IPRange) : undefined;
  // a child range wider than its parent counts as the parent (pre-v24 networks)
  const child = range && range.bits >= pool.bits ? range : undefined;
  const reserved = new Set<number>();
  if (pool.bits < 31) reserved.add(pool.base).add(pool.base + pool.size - 1);
  const from = child ?? pool;
  let gateway: number;
  if (cfg.Gateway) {
    gateway = parseAddr4(cfg.Gateway)!;
    if (reserved.has(gateway))
      return fail('system', `failed to allocate gateway (${cfg.Gateway}): Address already in use`);
  } else {
    let g = from.base;
    while (reserved.has(g)) g++;
    gateway = g;
  }
  reserved.add(gateway);
  for (const [k, v] of Object.entries(cfg.AuxiliaryAddresses ?? {})) {
    const a = parseAddr4(v)!;
    if (!contains(from, a)) continue;
    if (reserved.has(a))
      return fail('system', `failed to allocate secondary ip address (${k}:${v}): Address already in use`);
    reserved.add(a);
  }
  return ok({ pool, gateway, range: child, reserved: [...reserved] });
}

function autoPlan(pool: Prefix4): NetworkPlan {
  return { pool, gateway: pool.base + 1, reserved: [pool.base, pool.base + pool.size - 1, pool.base + 1] };
}
