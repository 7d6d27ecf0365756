// The POST /containers/create body as the docker client marshals it (moby api/types
// container.Config, HostConfig, network.NetworkingConfig), and parseNetworkOpts.

import type { FlagSet } from './flags';
import type { PortBinding } from './run-ports';
import type { RestartPolicy } from './run-values';

type Empty = Record<string, never>;

export interface ContainerConfigBody {
  Hostname: string;
  Domainname: string;
  User: string;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  ExposedPorts?: Record<string, Empty>;
  Tty: boolean;
  OpenStdin: boolean;
  StdinOnce: boolean;
  Env: string[] | null;
  Cmd: string[] | null;
  Healthcheck?: {
    Test: string[] | null;
    Interval?: number;
    Timeout?: number;
    StartPeriod?: number;
    StartInterval?: number;
    Retries?: number;
  };
  Image: string;
  Volumes: Record<string, Empty>;
  WorkingDir: string;
  Entrypoint: string[] | null;
  MacAddress?: string;
  OnBuild: null;
  Labels: Record<string, string>;
  StopSignal?: string;
  StopTimeout?: number;
}

export interface HostConfigBody {
  Binds: string[] | null;
  ContainerIDFile: string;
  LogConfig: { Type: string; Config: Record<string, string> };
  NetworkMode: string;
  PortBindings: Record<string, PortBinding[]>;
  RestartPolicy: RestartPolicy;
  AutoRemove: boolean;
  VolumeDriver: string;
  VolumesFrom: string[] | null;
  ConsoleSize: [number, number];
  Annotations?: Record<string, string>;
  [field: string]: unknown;
}

export interface CreateBody extends ContainerConfigBody {
  HostConfig: HostConfigBody;
  NetworkingConfig: { EndpointsConfig: Record<string, EndpointSettings> };
}

export interface EndpointSettings {
  IPAMConfig: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] } | null;
  Links: string[] | null;
  Aliases: string[] | null;
  MacAddress: string;
  DriverOpts: null;
  GwPriority: number;
  NetworkID: string;
  EndpointID: string;
  Gateway: string;
  IPAddress: string;
  IPPrefixLen: number;
  IPv6Gateway: string;
  GlobalIPv6Address: string;
  GlobalIPv6PrefixLen: number;
  DNSNames: null;
}

function endpoint(): EndpointSettings {
  return {
    IPAMConfig: null,
    Links: null,
    Aliases: null,
    MacAddress: '',
    DriverOpts: null,
    GwPriority: 0,
    NetworkID: '',
    EndpointID: '',
    Gateway: '',
    IPAddress: '',
    IPPrefixLen: 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    DNSNames: null,
  };
}

const NETWORK_MODES = ['default', 'bridge', 'host', 'none'];
const userDefined = (n: string) => !NETWORK_MODES.includes(n) && !n.startsWith('container:');

/**
 * parseNetworkOpts: with no --network the "default" endpoint is sent; a single network
 * without options is left out (the daemon makes its endpoint). Errors are returned as text.
 */
export function networkEndpoints(
  flags: FlagSet,
  networks: string[],
  aliases: string[],
  macAddress: string,
): Record<string, EndpointSettings> | string {
  const endpoints: Record<string, EndpointSettings> = {};
  const hasOptions =
    aliases.length > 0 ||
    flags.string('ip') !== '' ||
    flags.string('ip6') !== '' ||
    macAddress !== '' ||
    flags.strings('link-local-ip').length > 0;
  if (networks.length === 0 || hasOptions || networks.length > 1) {
    for (const [i, n] of (networks.length ? networks : ['default']).entries()) {
      if (n.trim() === '') return 'no name set for network';
      if (endpoints[n]) return `network ${JSON.stringify(n)} is specified multiple times`;
      const ep = endpoint();
      if (i === 0) {
        if (aliases.length) {
          if (!userDefined(n)) return 'network-scoped aliases are only supported for user-defined networks';
          ep.Aliases = aliases;
        }
        if (userDefined(n) && flags.strings('link').length) ep.Links = flags.strings('link');
        const ip4 = flags.string('ip');
        const ip6 = flags.string('ip6');
        const lls = flags.strings('link-local-ip');
        if (ip4 || ip6 || lls.length)
          // EndpointIPAMConfig's fields are omitempty
          ep.IPAMConfig = {
            ...(ip4 ? { IPv4Address: ip4 } : {}),
            ...(ip6 ? { IPv6Address: ip6 } : {}),
            ...(lls.length ? { LinkLocalIPs: lls } : {}),
          };
        ep.MacAddress = macAddress;
      }
      endpoints[n] = ep;
    }
  }
  if (networks.some(userDefined) && networks.some((n) => !userDefined(n)))
    return 'conflicting options: cannot attach both user-defined and non-user-defined network-modes';
  return endpoints;
}
