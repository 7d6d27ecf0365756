// The flag table of `docker run` and `docker create` (cli/command/container/opts.go
// addFlags, run.go, create.go at v28.5.2): names, shorthands, usage text, the value
// types --help shows, and each flag.Value's Set check with its exact error text.

import type { FlagSpec } from './flags';
import { parseCpus, parseRamBytes } from './run-values';
import { isIPAddress } from './run-ports';
import { parseMount } from './run-mounts';
import {
  check,
  parseGpus,
  parseThrottleBps,
  parseThrottleIOps,
  parseUlimit,
  parseWeightDevice,
} from './run-resources';

const list = (name: string, usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  name,
  kind: 'list',
  usage,
  ...extra,
});
const str = (name: string, usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  name,
  kind: 'string',
  usage,
  ...extra,
});
const bool = (name: string, usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  name,
  kind: 'bool',
  usage,
  ...extra,
});
const int = (name: string, usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  name,
  kind: 'int',
  usage,
  ...extra,
});
const bytes = (name: string, usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  name,
  kind: 'string',
  typeName: 'bytes',
  usage,
  validate: (v) => {
    const r = parseRamBytes(v);
    return typeof r === 'string' ? r : undefined;
  },
  ...extra,
});
const duration = (name: string, usage: string): FlagSpec => ({ name, kind: 'duration', usage });

/** strconv.ParseUint(s, 0, bits) as pflag's uint flags use it. */
function uintCheck(bits: 16 | 64): (v: string) => string | undefined {
  return (v) => {
    const m = /^(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|[1-9][0-9_]*|0)$/.exec(v);
    if (!m) return `strconv.ParseUint: parsing ${JSON.stringify(v)}: invalid syntax`;
    const body = m[1].replace(/_/g, '');
    const n = /^0[0-7]+$/.test(body) ? BigInt('0o' + body.slice(1)) : BigInt(body.toLowerCase());
    if (n >= 1n << BigInt(bits)) return `strconv.ParseUint: parsing ${JSON.stringify(v)}: value out of range`;
    return undefined;
  };
}

/** opts.ValidateEnv: only an empty name is refused when the flag is set. */
const validateEnv = (v: string) =>
  v.split('=')[0] === '' ? `invalid environment variable: ${v}` : undefined;

/** opts.ValidateLabel */
function validateLabel(v: string): string | undefined {
  const key = v.split('=')[0].replace(/^[ \t]+/, '');
  if (key === '') return `invalid label '${v}': empty name`;
  if (/[ \t]/.test(key)) return `label '${key}' contains whitespaces`;
  return undefined;
}

/** container.validateAttach */
const validateAttach = (v: string) =>
  ['stdin', 'stdout', 'stderr'].includes(v.toLowerCase())
    ? undefined
    : 'valid streams are STDIN, STDOUT and STDERR';

/** opts.ValidateSysctl */
function validateSysctl(v: string): string | undefined {
  const eq = v.indexOf('=');
  const k = eq < 0 ? '' : v.slice(0, eq);
  const named = [
    'kernel.msgmax',
    'kernel.msgmnb',
    'kernel.msgmni',
    'kernel.sem',
    'kernel.shmall',
    'kernel.shmmax',
  ];
  named.push('kernel.shmmni', 'kernel.shm_rmid_forced');
  if (k !== '' && (named.includes(k) || k.startsWith('net.') || k.startsWith('fs.mqueue.'))) return undefined;
  return `sysctl '${v}' is not allowed`;
}

const validateIP = (v: string) =>
  isIPAddress(v.trim()) ? undefined : `IP address is not correctly formatted: ${v}`;

/** opts.ValidateDNSSearch: "." (no search domains) or a domain (validateDomain's pattern, under 255). */
export function validateDnsSearch(v: string): string | undefined {
  const val = v.replace(/^ +| +$/g, '');
  if (val === '.') return undefined;
  const label = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
  const m = new RegExp(`^(${label}(?:\\.${label})*)\\.?\\s*$`).exec(val);
  return /[a-zA-Z]/.test(val) && m && m[1].length < 255 ? undefined : `${val} is not a valid domain`;
}

/** opts.ValidateExtraHost */
function validateExtraHost(v: string): string | undefined {
  let i = v.indexOf('=');
  if (i < 0) i = v.indexOf(':');
  const k = i < 0 ? '' : v.slice(0, i);
  let ip = i < 0 ? '' : v.slice(i + 1);
  if (i < 0 || k === '' || k.includes(':')) return `bad format for add-host: ${JSON.stringify(v)}`;
  if (ip !== 'host-gateway') {
    if (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
    if (!isIPAddress(ip)) return `invalid IP address in add-host: ${JSON.stringify(ip)}`;
  }
  return undefined;
}

const restartUsage = 'Restart policy to apply when a container exits';

/** containerOptions (addFlags): shared by run and create. */
export const CONTAINER_FLAGS: FlagSpec[] = [
  list('attach', 'Attach to STDIN, STDOUT or STDERR', { shorthand: 'a', validate: validateAttach }),
  list('device-cgroup-rule', 'Add a rule to the cgroup allowed devices list', {
    validate: (v) =>
      /^[acb] ([0-9]+|\*):([0-9]+|\*) [rwm]{1,3}$/.test(v)
        ? undefined
        : `invalid device cgroup format '${v}'`,
  }),
  list('device', 'Add a host device to the container'),
  list('gpus', "GPU devices to add to the container ('all' to pass all GPUs)", {
    typeName: 'gpu-request',
    validate: check(parseGpus),
  }),
  list('env', 'Set environment variables', { shorthand: 'e', validate: validateEnv }),
  list('env-file', 'Read in a file of environment variables'),
  str('entrypoint', 'Overwrite the default ENTRYPOINT of the image'),
  list('group-add', 'Add additional groups to join'),
  str('hostname', 'Container host name', { shorthand: 'h' }),
  str('domainname', 'Container NIS domain name'),
  bool('interactive', 'Keep STDIN open even if not attached', { shorthand: 'i' }),
  list('label', 'Set meta data on a container', { shorthand: 'l', validate: validateLabel }),
  list('label-file', 'Read in a line delimited file of labels'),
  bool('read-only', "Mount the container's root filesystem as read only"),
  str('restart', restartUsage, { defValue: 'no' }),
  str('stop-signal', 'Signal to stop the container'),
  int('stop-timeout', 'Timeout (in seconds) to stop a container'),
  list('sysctl', 'Sysctl options', { typeName: 'map', defValue: 'map[]', validate: validateSysctl }),
  bool('tty', 'Allocate a pseudo-TTY', { shorthand: 't' }),
  list('ulimit', 'Ulimit options', { typeName: 'ulimit', defValue: '[]', validate: check(parseUlimit) }),
  str('user', 'Username or UID (format: <name|uid>[:<group|gid>])', { shorthand: 'u' }),
  str('workdir', 'Working directory inside the container', { shorthand: 'w' }),
  bool('rm', 'Automatically remove the container and its associated anonymous volumes when it exits'),
  // Security
  list('cap-add', 'Add Linux capabilities'),
  list('cap-drop', 'Drop Linux capabilities'),
  bool('privileged', 'Give extended privileges to this container'),
  list('security-opt', 'Security Options'),
  str('userns', 'User namespace to use'),
  str(
    'cgroupns',
    "Cgroup namespace to use (host|private)\n'host':    Run the container in the Docker host's cgroup namespace\n'private': Run the container in its own private cgroup namespace\n'':        Use the cgroup namespace as configured by the\n           default-cgroupns-mode option on the daemon (default)",
  ),
  // Network and port publishing
  list('add-host', 'Add a custom host-to-IP mapping (host:ip)', { validate: validateExtraHost }),
  list('dns', 'Set custom DNS servers', { validate: validateIP }),
  list('dns-opt', 'Set DNS options', { hidden: true }),
  list('dns-option', 'Set DNS options'),
  list('dns-search', 'Set custom DNS search domains', { validate: validateDnsSearch }),
  list('expose', 'Expose a port or a range of ports'),
  str('ip', 'IPv4 address (e.g., 172.30.100.104)'),
  str('ip6', 'IPv6 address (e.g., 2001:db8::33)'),
  list('link', 'Add link to another container'),
  list('link-local-ip', 'Container IPv4/IPv6 link-local addresses'),
  str('mac-address', 'Container MAC address (e.g., 92:d0:c6:0a:29:33)'),
  list('publish', "Publish a container's port(s) to the host", { shorthand: 'p' }),
  bool('publish-all', 'Publish all exposed ports to random ports', { shorthand: 'P' }),
  list('net', 'Connect a container to a network', { typeName: 'network', hidden: true }),
  list('network', 'Connect a container to a network', { typeName: 'network' }),
  list('net-alias', 'Add network-scoped alias for the container', { hidden: true }),
  list('network-alias', 'Add network-scoped alias for the container'),
  // Logging and storage
  str('log-driver', 'Logging driver for the container'),
  str('volume-driver', 'Optional volume driver for the container'),
  list('log-opt', 'Log driver options'),
  list('storage-opt', 'Storage driver options for the container'),
  list('tmpfs', 'Mount a tmpfs directory'),
  list('volumes-from', 'Mount volumes from the specified container(s)'),
  list('volume', 'Bind mount a volume', { shorthand: 'v' }),
  // MountOpt.Set parses and checks each value (the source's directory does not matter for its errors)
  list('mount', 'Attach a filesystem mount to the container', {
    typeName: 'mount',
    validate: (v) => {
      const m = parseMount(v, '/');
      return typeof m === 'string' ? m : undefined;
    },
  }),
  // Health-checking
  str('health-cmd', 'Command to run to check health'),
  duration('health-interval', 'Time between running the check (ms|s|m|h) (default 0s)'),
  int('health-retries', 'Consecutive failures needed to report unhealthy'),
  duration('health-timeout', 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)'),
  duration(
    'health-start-period',
    'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)',
  ),
  duration(
    'health-start-interval',
    'Time between running the check during the start period (ms|s|m|h) (default 0s)',
  ),
  bool('no-healthcheck', 'Disable any container-specified HEALTHCHECK'),
  // Resource management
  int('blkio-weight', 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)', {
    typeName: 'uint16',
    validate: uintCheck(16),
  }),
  list('blkio-weight-device', 'Block IO weight (relative device weight)', {
    defValue: '[]',
    validate: check(parseWeightDevice),
  }),
  str('cidfile', 'Write the container ID to the file'),
  str('cpuset-cpus', 'CPUs in which to allow execution (0-3, 0,1)'),
  str('cpuset-mems', 'MEMs in which to allow execution (0-3, 0,1)'),
  // Windows-only flags are hidden when the daemon is Linux (cli/cobra.go hideUnsupportedFeatures)
  int('cpu-count', 'CPU count (Windows only)', { hidden: true }),
  int('cpu-percent', 'CPU percent (Windows only)', { hidden: true }),
  int('cpu-period', 'Limit CPU CFS (Completely Fair Scheduler) period'),
  int('cpu-quota', 'Limit CPU CFS (Completely Fair Scheduler) quota'),
  int('cpu-rt-period', 'Limit CPU real-time period in microseconds'),
  int('cpu-rt-runtime', 'Limit CPU real-time runtime in microseconds'),
  int('cpu-shares', 'CPU shares (relative weight)', { shorthand: 'c' }),
  str('cpus', 'Number of CPUs', {
    typeName: 'decimal',
    validate: (v) => {
      const r = parseCpus(v);
      return typeof r === 'string' ? r : undefined;
    },
  }),
  list('device-read-bps', 'Limit read rate (bytes per second) from a device', {
    defValue: '[]',
    validate: check(parseThrottleBps),
  }),
  list('device-read-iops', 'Limit read rate (IO per second) from a device', {
    defValue: '[]',
    validate: check(parseThrottleIOps),
  }),
  list('device-write-bps', 'Limit write rate (bytes per second) to a device', {
    defValue: '[]',
    validate: check(parseThrottleBps),
  }),
  list('device-write-iops', 'Limit write rate (IO per second) to a device', {
    defValue: '[]',
    validate: check(parseThrottleIOps),
  }),
  bytes('io-maxbandwidth', 'Maximum IO bandwidth limit for the system drive (Windows only)', {
    hidden: true,
  }),
  int('io-maxiops', 'Maximum IOps limit for the system drive (Windows only)', {
    typeName: 'uint',
    validate: uintCheck(64),
    hidden: true,
  }),
  bytes('kernel-memory', 'Kernel memory limit'),
  bytes('memory', 'Memory limit', { shorthand: 'm' }),
  bytes('memory-reservation', 'Memory soft limit'),
  bytes('memory-swap', "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", {
    validate: (v) => {
      if (v === '-1') return undefined;
      const r = parseRamBytes(v);
      return typeof r === 'string' ? r : undefined;
    },
  }),
  int('memory-swappiness', 'Tune container memory swappiness (0 to 100)', { defValue: '-1' }),
  bool('oom-kill-disable', 'Disable OOM Killer'),
  int('oom-score-adj', "Tune host's OOM preferences (-1000 to 1000)"),
  int('pids-limit', 'Tune container pids limit (set -1 for unlimited)'),
  // Low-level execution (cgroups, namespaces, ...)
  str('cgroup-parent', 'Optional parent cgroup for the container'),
  str('ipc', 'IPC mode to use'),
  str('isolation', 'Container isolation technology'),
  str('pid', 'PID namespace to use'),
  bytes('shm-size', 'Size of /dev/shm'),
  str('uts', 'UTS namespace to use'),
  str('runtime', 'Runtime to use for this container'),
  bool('init', 'Run an init inside the container that forwards signals and reaps processes'),
  list('annotation', 'Add an annotation to the container (passed through to the OCI runtime)', {
    typeName: 'map',
    defValue: 'map[]',
  }),
];

/** Flags of `docker run` that are not container options (run.go). */
export const RUN_FLAGS: FlagSpec[] = [
  bool('detach', 'Run container in background and print container ID', { shorthand: 'd' }),
  bool('sig-proxy', 'Proxy received signals to the process', { defValue: 'true' }),
  str('name', 'Assign a name to the container'),
  str('detach-keys', 'Override the key sequence for detaching a container'),
  str('pull', 'Pull image before running ("always", "missing", "never")', { defValue: 'missing' }),
  bool('quiet', 'Suppress the pull output', { shorthand: 'q' }),
  bool('use-api-socket', 'Bind mount Docker API socket and required auth'),
  // an explicit --help without -h, which is --hostname here
  bool('help', 'Print usage'),
  str('platform', 'Set platform if server is multi-platform capable'),
  bool('disable-content-trust', 'Skip image verification', { defValue: 'true' }),
  ...CONTAINER_FLAGS,
];

/** Flags of `docker create` (create.go). */
export const CREATE_FLAGS: FlagSpec[] = [
  str('name', 'Assign a name to the container'),
  str('pull', 'Pull image before creating ("always", "|missing", "never")', { defValue: 'missing' }),
  bool('quiet', 'Suppress the pull output', { shorthand: 'q' }),
  bool('use-api-socket', 'Bind mount Docker API socket and required auth'),
  bool('help', 'Print usage'),
  str('platform', 'Set platform if server is multi-platform capable'),
  bool('disable-content-trust', 'Skip image verification', { defValue: 'true' }),
  ...CONTAINER_FLAGS,
];
