// Network types as the docker CLI (v28.5.2, vendored moby api/types) decodes them: a
// container's NetworkSettings and `docker network inspect`'s network.Inspect.

import type { GoType } from './go-value';
import { T } from './go-value';
import { f, S, strs, strMap, omit } from './api-types-fields';
import { portMap } from './api-types-host';

/** network.EndpointSettings: one entry of NetworkSettings.Networks (a map of pointers). */
export const endpointSettings: GoType = {
  kind: 'struct',
  name: 'network.EndpointSettings',
  fields: [
    f(
      'IPAMConfig',
      T.ptr({
        kind: 'struct',
        name: 'network.EndpointIPAMConfig',
        fields: [f('IPv4Address', S, omit), f('IPv6Address', S, omit), f('LinkLocalIPs', strs, omit)],
      }),
    ),
    f('Links', strs),
    f('Aliases', strs),
    f('MacAddress', S),
    f('DriverOpts', strMap),
    f('GwPriority', T.int),
    f('NetworkID', S),
    f('EndpointID', S),
    f('Gateway', S),
    f('IPAddress', S),
    f('IPPrefixLen', T.int),
    f('IPv6Gateway', S),
    f('GlobalIPv6Address', S),
    f('GlobalIPv6PrefixLen', T.int),
    f('DNSNames', strs),
  ],
};

const address: GoType = {
  kind: 'struct',
  name: 'network.Address',
  fields: [f('Addr', S), f('PrefixLen', T.int)],
};

/** container.NetworkSettings = NetworkSettingsBase + DefaultNetworkSettings + Networks. */
export const networkSettings: GoType = {
  kind: 'struct',
  name: 'container.NetworkSettings',
  fields: [
    f(
      'NetworkSettingsBase',
      {
        kind: 'struct',
        name: 'container.NetworkSettingsBase',
        fields: [
          f('Bridge', S),
          f('SandboxID', S),
          f('SandboxKey', S),
          f('Ports', portMap),
          f('HairpinMode', T.bool),
          f('LinkLocalIPv6Address', S),
          f('LinkLocalIPv6PrefixLen', T.int),
          f('SecondaryIPAddresses', T.slice(address)),
          f('SecondaryIPv6Addresses', T.slice(address)),
        ],
      },
      { embedded: true },
    ),
    f(
      'DefaultNetworkSettings',
      {
        kind: 'struct',
        name: 'container.DefaultNetworkSettings',
        fields: [
          f('EndpointID', S),
          f('Gateway', S),
          f('GlobalIPv6Address', S),
          f('GlobalIPv6PrefixLen', T.int),
          f('IPAddress', S),
          f('IPPrefixLen', T.int),
          f('IPv6Gateway', S),
          f('MacAddress', S),
        ],
      },
      { embedded: true },
    ),
    f('Networks', T.map(T.ptr(endpointSettings))),
  ],
};

/** network.IPAMConfig: the omitempty fields still print, as "" and map[], under %v. */
const ipamConfig: GoType = {
  kind: 'struct',
  name: 'network.IPAMConfig',
  fields: [
    f('Subnet', S, omit),
    f('IPRange', S, omit),
    f('Gateway', S, omit),
    f('AuxAddress', strMap, { json: 'AuxiliaryAddresses', omitempty: true }),
  ],
};

const serviceInfo: GoType = {
  kind: 'struct',
  name: 'network.ServiceInfo',
  fields: [
    f('VIP', S),
    f('Ports', strs),
    f('LocalLBIndex', T.int),
    f(
      'Tasks',
      T.slice({
        kind: 'struct',
        name: 'network.Task',
        fields: [f('Name', S), f('EndpointID', S), f('EndpointIP', S), f('Info', strMap)],
      }),
    ),
  ],
};

/** network.Inspect, what `docker network inspect` and `docker inspect` decode a network into. */
export const networkInspect: GoType = {
  kind: 'struct',
  name: 'network.Inspect',
  fields: [
    f('Name', S),
    f('ID', S, { json: 'Id' }),
    f('Created', T.time),
    f('Scope', S),
    f('Driver', S),
    f('EnableIPv4', T.bool),
    f('EnableIPv6', T.bool),
    f('IPAM', {
      kind: 'struct',
      name: 'network.IPAM',
      fields: [f('Driver', S), f('Options', strMap), f('Config', T.slice(ipamConfig))],
    }),
    f('Internal', T.bool),
    f('Attachable', T.bool),
    f('Ingress', T.bool),
    f('ConfigFrom', { kind: 'struct', name: 'network.ConfigReference', fields: [f('Network', S)] }),
    f('ConfigOnly', T.bool),
    f(
      'Containers',
      T.map({
        kind: 'struct',
        name: 'network.EndpointResource',
        fields: [
          f('Name', S),
          f('EndpointID', S),
          f('MacAddress', S),
          f('IPv4Address', S),
          f('IPv6Address', S),
        ],
      }),
    ),
    f('Options', strMap),
    f('Labels', strMap),
    f(
      'Peers',
      T.slice({ kind: 'struct', name: 'network.PeerInfo', fields: [f('Name', S), f('IP', S)] }),
      omit,
    ),
    f('Services', T.map(serviceInfo), omit),
  ],
};
