// The Compose specification's properties (compose-spec.json) as compose-go
// validates them: unknown keys are "additional properties … not allowed",
// values of the wrong type "must be a mapping/list/string/…". Of the valid
// keys, Stevedore simulates a subset; the others are refused plainly rather
// than silently ignored.

export type Kind = 'string' | 'number' | 'boolean' | 'list' | 'mapping' | 'null';

/** Every service property of the specification. */
const SERVICE_SPEC =
  `annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs
container_name cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset
credential_spec depends_on deploy develop device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint
env_file environment expose extends external_links extra_hosts gpus group_add healthcheck hostname image init ipc
isolation label_file labels links logging mac_address mem_limit mem_reservation mem_swappiness memswap_limit models
network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports post_start pre_stop privileged
profiles provider pull_policy pull_refresh_after read_only restart runtime scale secrets security_opt shm_size
stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits use_api_socket user userns_mode uts
volumes volumes_from working_dir`
    .split(/\s+/)
    .filter(Boolean);

/** The service properties Stevedore runs, with the JSON types the specification allows for each. */
export const SERVICE_KEYS: Record<string, readonly Kind[]> = {
  image: ['string'],
  command: ['string', 'list', 'null'],
  entrypoint: ['string', 'list', 'null'],
  environment: ['mapping', 'list'],
  env_file: ['string', 'list'],
  ports: ['list'],
  expose: ['list'],
  volumes: ['list'],
  depends_on: ['list', 'mapping'],
  container_name: ['string'],
  restart: ['string'],
  working_dir: ['string'],
  user: ['string'],
  hostname: ['string'],
  labels: ['mapping', 'list'],
  stop_grace_period: ['string'],
  stop_signal: ['string'],
  tty: ['boolean', 'string'],
  stdin_open: ['boolean', 'string'],
  networks: ['list', 'mapping'],
  network_mode: ['string'],
  init: ['boolean', 'string'],
  read_only: ['boolean', 'string'],
  mem_limit: ['string', 'number'],
  cpus: ['number', 'string'],
  pids_limit: ['number', 'string'],
  pull_policy: ['string'],
};

export const TOP_LEVEL_SPEC = [
  'version',
  'name',
  'include',
  'services',
  'models',
  'networks',
  'volumes',
  'secrets',
  'configs',
];
export const TOP_LEVEL_KEYS = ['version', 'name', 'services', 'networks', 'volumes'];

export const VOLUME_SPEC = ['name', 'driver', 'driver_opts', 'external', 'labels'];
export const NETWORK_SPEC = [
  'name',
  'driver',
  'driver_opts',
  'ipam',
  'external',
  'internal',
  'enable_ipv4',
  'enable_ipv6',
  'attachable',
  'labels',
];
/** Of those, what Stevedore's networks and volumes take. */
export const VOLUME_KEYS = ['name', 'driver', 'external', 'labels'];
export const NETWORK_KEYS = ['name', 'driver', 'external', 'labels'];

export const isServiceSpecKey = (k: string): boolean => SERVICE_SPEC.includes(k) || k.startsWith('x-');

export function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'mapping';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'string';
}

/** compose-go's wording: "must be a mapping", "must be a string or a list". */
export function mustBe(kinds: readonly Kind[]): string {
  const names = kinds.filter((k) => k !== 'null');
  const words =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or a ${names[names.length - 1]}`;
  return `must be a ${words}`;
}

export class ComposeError extends Error {}

/** Unknown properties of a mapping, in the order written. */
export function additional(obj: Record<string, unknown>, allowed: (k: string) => boolean): string[] {
  return Object.keys(obj).filter((k) => !allowed(k) && !k.startsWith('x-'));
}

export function additionalMessage(path: string, keys: string[]): string {
  const list = keys.map((k) => `'${k}'`).join(', ');
  return `${path}${path ? ' ' : ''}additional properties ${list} not allowed`;
}
