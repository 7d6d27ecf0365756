// `docker run` / `docker create` options into the POST /containers/create body
// (cli/command/container/opts.go parse, v28.5.2): Config, HostConfig and
// NetworkingConfig with the same fields, nulls and empty values the real client
// sends, and the same validation errors, which run/create print with withHelp.

import type { FlagSet } from './flags';
import type { CommandIO } from './io';
import { parseCpus, parseEnvFile, parseRamBytes, parseRestartPolicy } from './run-values';
import { parseExpose, parsePortSpecs } from './run-ports';
import { absPath, parseMount, parseVolumeSpec } from './run-mounts';
import type { MountJson } from './run-mounts';
import { networkEndpoints } from './run-body';
import {
  parsedAll,
  parseGpus,
  parseThrottleBps,
  parseThrottleIOps,
  parseUlimit,
  parseWeightDevice,
} from './run-resources';
import type { ContainerConfigBody, CreateBody, HostConfigBody } from './run-body';

export type { ContainerConfigBody, CreateBody, HostConfigBody } from './run-body';

type Empty = Record<string, never>;

const STRERROR: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
};

/**
 * os.ReadFile on the client's machine, with Go's error text (`open .env: no such file or directory`);
 * `atRead` when the open worked and the read failed (a directory).
 */
export function readHostFile(io: CommandIO, path: string): string | { error: string; atRead: boolean } {
  if (!io.hostFs) return { error: `open ${path}: no such file or directory`, atRead: false };
  const r = io.hostFs.readFile(path);
  if (typeof r === 'string') return r;
  // os.ReadFile opens then reads: a directory fails at the read
  const atRead = r.code === 'EISDIR';
  return {
    error: `${atRead ? 'read' : 'open'} ${path}: ${STRERROR[r.code] ?? r.message.toLowerCase()}`,
    atRead,
  };
}

/** kvfile.Parse (--env-file, --label-file): the file's variables, or its error; the scanner's errors are the file's. */
export function readEnvFile(
  io: CommandIO,
  path: string,
  lookup: (key: string) => string | undefined,
): string[] | string {
  const text = readHostFile(io, path);
  if (typeof text !== 'string') return text.atRead ? `invalid env file (${path}): ${text.error}` : text.error;
  return parseEnvFile(path, text, lookup);
}

/** client.normalizeCapabilities: upper case, a CAP_ prefix (ALL excepted), no duplicates, sorted. */
function normalizeCapabilities(caps: string[]): string[] | null {
  if (caps.length === 0) return null;
  const norm = caps.map((c) => {
    const u = c.toUpperCase();
    return u === 'ALL' || u.startsWith('CAP_') ? u : `CAP_${u}`;
  });
  return [...new Set(norm)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The client's working directory, for relative bind sources (`-v ./data:/data`). */
export function clientCwd(io: CommandIO): string {
  return io.hostFs?.ctx.cwd ?? io.env?.PWD ?? '/';
}

/**
 * parse(): the create body for `image` and `args`, or the error text run/create
 * print after "docker: " (exit 125).
 */
export function buildCreateBody(
  flags: FlagSet,
  image: string,
  args: string[],
  io: CommandIO,
): CreateBody | { error: string } {
  const fail = (error: string) => ({ error });
  const cwd = clientCwd(io);
  const attach = flags.strings('attach').map((a) => a.toLowerCase());
  let attachStdin = attach.includes('stdin');
  let attachStdout = attach.includes('stdout');
  let attachStderr = attach.includes('stderr');
  const macAddress = flags.string('mac-address');
  if (macAddress !== '' && !/^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/.test(macAddress.trim()))
    return fail(`${macAddress} is not a valid mac address`);
  if (flags.bool('interactive')) attachStdin = true;
  if (attach.length === 0) {
    attachStdout = true;
    attachStderr = true;
  }
  const swappiness = flags.int('memory-swappiness');
  if (swappiness !== -1 && (swappiness < 0 || swappiness > 100))
    return fail(`invalid value: ${swappiness}. Valid memory swappiness range is 0-100`);

  // -v: binds go to HostConfig.Binds, anonymous volumes to Config.Volumes
  const binds: string[] = [];
  const volumes: Record<string, Empty> = {};
  for (const spec of new Set(flags.strings('volume'))) {
    const v = parseVolumeSpec(spec);
    if (typeof v === 'string') return fail(v);
    if (v.source === '') {
      volumes[spec] = {};
      continue;
    }
    let bind = spec;
    if (v.type === 'bind') {
      const i = spec.indexOf(':');
      let host = spec.slice(0, i);
      if (!host.startsWith('/') && host.startsWith('.')) host = absPath(host, cwd);
      bind = `${host}:${spec.slice(i + 1)}`;
    }
    binds.push(bind);
  }

  const tmpfs: Record<string, string> = {};
  for (const t of flags.strings('tmpfs')) {
    const i = t.indexOf(':');
    tmpfs[i < 0 ? t : t.slice(0, i)] = i < 0 ? '' : t.slice(i + 1);
  }

  const entrypoint =
    flags.string('entrypoint') !== ''
      ? [flags.string('entrypoint')]
      : flags.changed('entrypoint')
        ? ['']
        : null;

  // -p in its long form (published=,target=,protocol=) becomes the short one first
  const publish: string[] = [];
  for (const p of flags.strings('publish')) {
    if (!p.includes('=')) {
      publish.push(p);
      continue;
    }
    const params: Record<string, string> = { protocol: 'tcp' };
    for (const param of p.split(',')) {
      const i = param.indexOf('=');
      if (i <= 0) return fail(`invalid publish opts format (should be name=value but got '${param}')`);
      params[param.slice(0, i)] = param.slice(i + 1);
    }
    publish.push(`${params.published ?? ''}:${params.target ?? ''}/${params.protocol}`);
  }
  const ports = parsePortSpecs(publish);
  if (typeof ports === 'string') return fail(ports);
  for (const e of flags.strings('expose')) {
    const r = parseExpose(e);
    if (typeof r === 'string') return fail(r);
    for (const p of r) if (!ports.exposed.includes(p)) ports.exposed.push(p);
  }

  const devices: Array<{ PathOnHost: string; PathInContainer: string; CgroupPermissions: string }> = [];
  for (const d of flags.strings('device')) {
    const parts = d.split(':');
    if (parts.length > 3 || parts[0] === '') return fail(`bad format for path: ${d}`);
    const mode = (m: string) => /^(?!.*(.).*\1)[rwm]+$/.test(m);
    const dst = parts.length >= 2 && !(parts.length === 2 && mode(parts[1])) ? parts[1] : parts[0];
    const perms = parts.length === 3 ? parts[2] : parts.length === 2 && mode(parts[1]) ? parts[1] : 'rwm';
    if (parts.length === 3 && !mode(perms)) return fail(`bad mode specified: ${perms}`);
    if (!dst.startsWith('/')) return fail(`${dst} is not an absolute path`);
    devices.push({ PathOnHost: parts[0], PathInContainer: dst, CgroupPermissions: perms });
  }

  // environment: env files first, then -e; -e NAME takes the client's value (opts.ValidateEnv)
  const lookup = (k: string) => io.env?.[k];
  const envByName = new Map<string, string>();
  for (const e of flags.strings('env')) {
    const i = e.indexOf('=');
    const k = i < 0 ? e : e.slice(0, i);
    const resolved = i >= 0 ? e : lookup(k) !== undefined ? `${k}=${lookup(k)}` : e;
    envByName.delete(k);
    envByName.set(k, resolved);
  }
  let env: string[] | null = null;
  for (const f of flags.strings('env-file')) {
    const vars = readEnvFile(io, f, lookup);
    if (typeof vars === 'string') return fail(vars);
    env = [...(env ?? []), ...vars];
  }
  if (envByName.size > 0) env = [...(env ?? []), ...envByName.values()];

  const labels: Record<string, string> = {};
  for (const f of flags.strings('label-file')) {
    const vars = readEnvFile(io, f, () => undefined);
    if (typeof vars === 'string') return fail(vars);
    for (const v of vars) labels[v.split('=')[0]] = v.slice(v.indexOf('=') + 1);
  }
  for (const l of flags.strings('label')) {
    const i = l.indexOf('=');
    labels[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1);
  }

  const pid = flags.string('pid');
  if (!(pid === '' || pid === 'host' || (pid.startsWith('container:') && pid.length > 10)))
    return fail('--pid: invalid PID mode');
  const uts = flags.string('uts');
  if (!(uts === '' || uts === 'host')) return fail('--uts: invalid UTS mode');
  const userns = flags.string('userns');
  if (!(userns === '' || userns === 'host')) return fail('--userns: invalid USER mode');
  const cgroupns = flags.string('cgroupns');
  if (!['', 'host', 'private'].includes(cgroupns)) return fail('--cgroupns: invalid CGROUP mode');

  const restart = parseRestartPolicy(flags.string('restart'));
  if (typeof restart === 'string') return fail(restart);

  const logDriver = flags.string('log-driver');
  const logOpts: Record<string, string> = {};
  for (const o of flags.strings('log-opt')) {
    const i = o.indexOf('=');
    logOpts[i < 0 ? o : o.slice(0, i)] = i < 0 ? '' : o.slice(i + 1);
  }
  if (logDriver === 'none' && flags.strings('log-opt').length > 0)
    return fail(`invalid logging opts for driver ${logDriver}`);

  let securityOpt: string[] | null = null;
  let maskedPaths: string[] | null = null;
  let readonlyPaths: string[] | null = null;
  for (const opt of flags.strings('security-opt')) {
    let i = opt.indexOf('=');
    if (i < 0 && opt !== 'no-new-privileges') i = opt.indexOf(':');
    if ((i < 0 || i === opt.length - 1) && opt.split(/[=:]/)[0] !== 'no-new-privileges')
      return fail(`Invalid --security-opt: ${JSON.stringify(opt)}`);
    if (opt === 'systempaths=unconfined') {
      maskedPaths = [];
      readonlyPaths = [];
    } else securityOpt = [...(securityOpt ?? []), opt];
  }

  const storageOpt: Record<string, string> = {};
  for (const o of flags.strings('storage-opt')) {
    const i = o.indexOf('=');
    if (i < 0) return fail('invalid storage option');
    storageOpt[o.slice(0, i)] = o.slice(i + 1);
  }

  let healthcheck: ContainerConfigBody['Healthcheck'];
  const health = {
    cmd: flags.string('health-cmd'),
    interval: flags.int('health-interval'),
    timeout: flags.int('health-timeout'),
    start: flags.int('health-start-period'),
    startInterval: flags.int('health-start-interval'),
    retries: flags.int('health-retries'),
  };
  const haveHealth =
    health.cmd !== '' ||
    health.interval ||
    health.timeout ||
    health.start ||
    health.retries ||
    health.startInterval;
  if (flags.bool('no-healthcheck')) {
    if (haveHealth) return fail('--no-healthcheck conflicts with --health-* options');
    healthcheck = { Test: ['NONE'] };
  } else if (haveHealth) {
    if (health.interval < 0) return fail('--health-interval cannot be negative');
    if (health.timeout < 0) return fail('--health-timeout cannot be negative');
    if (health.retries < 0) return fail('--health-retries cannot be negative');
    if (health.start < 0) return fail('--health-start-period cannot be negative');
    if (health.startInterval < 0) return fail('--health-start-interval cannot be negative');
    // HealthConfig's durations and retries are omitempty
    healthcheck = {
      Test: health.cmd !== '' ? ['CMD-SHELL', health.cmd] : null,
      ...(health.interval ? { Interval: health.interval } : {}),
      ...(health.timeout ? { Timeout: health.timeout } : {}),
      ...(health.start ? { StartPeriod: health.start } : {}),
      ...(health.startInterval ? { StartInterval: health.startInterval } : {}),
      ...(health.retries ? { Retries: health.retries } : {}),
    };
  }

  const bytes = (name: string): number => {
    const v = flags.string(name);
    if (v === '') return 0;
    if (name === 'memory-swap' && v === '-1') return -1;
    const n = parseRamBytes(v);
    return typeof n === 'number' ? n : 0;
  };
  const cpus = flags.string('cpus') === '' ? 0 : parseCpus(flags.string('cpus'));

  const mounts: MountJson[] = [];
  for (const m of flags.strings('mount')) {
    const r = parseMount(m, cwd);
    if (typeof r === 'string') return fail(r);
    mounts.push(r);
  }

  // --use-api-socket: the engine's socket (the client's DOCKER_HOST) bind-mounted in after the
  // other mounts; Stevedore's client keeps no credentials to inject with it
  if (flags.bool('use-api-socket')) {
    const host = io.env?.DOCKER_HOST ?? '';
    const source = host.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
    mounts.push({ Type: 'bind', Source: source, Target: '/var/run/docker.sock', BindOptions: {} });
  }

  const sysctls: Record<string, string> = {};
  for (const s of flags.strings('sysctl')) sysctls[s.slice(0, s.indexOf('='))] = s.slice(s.indexOf('=') + 1);
  const annotations: Record<string, string> = {};
  for (const a of flags.strings('annotation')) {
    const i = a.indexOf('=');
    annotations[i < 0 ? a : a.slice(0, i)] = i < 0 ? '' : a.slice(i + 1);
  }

  const networks = [...flags.strings('net'), ...flags.strings('network')];
  const networkMode = networks[0] ?? 'default';
  const aliases = [...flags.strings('net-alias'), ...flags.strings('network-alias')];
  const orNull = (a: string[]) => (a.length ? a : null);

  const config: ContainerConfigBody = {
    Hostname: flags.string('hostname'),
    Domainname: flags.string('domainname'),
    User: flags.string('user'),
    AttachStdin: attachStdin,
    AttachStdout: attachStdout,
    AttachStderr: attachStderr,
    ...(ports.exposed.length ? { ExposedPorts: Object.fromEntries(ports.exposed.map((p) => [p, {}])) } : {}),
    Tty: flags.bool('tty'),
    OpenStdin: flags.bool('interactive'),
    StdinOnce: false,
    Env: env,
    Cmd: args.length > 0 ? args : null,
    ...(healthcheck ? { Healthcheck: healthcheck } : {}),
    Image: image,
    Volumes: volumes,
    WorkingDir: flags.string('workdir'),
    Entrypoint: entrypoint,
    // since API 1.44 the client clears Config.MacAddress: the endpoint carries it
    OnBuild: null,
    Labels: labels,
    ...(flags.string('stop-signal') ? { StopSignal: flags.string('stop-signal') } : {}),
    ...(flags.changed('stop-timeout') ? { StopTimeout: flags.int('stop-timeout') } : {}),
  };

  const hostConfig: HostConfigBody = {
    Binds: orNull(binds),
    ContainerIDFile: flags.string('cidfile'),
    LogConfig: { Type: logDriver, Config: logOpts },
    NetworkMode: networkMode,
    PortBindings: ports.bindings,
    RestartPolicy: restart,
    AutoRemove: flags.bool('rm'),
    VolumeDriver: flags.string('volume-driver'),
    VolumesFrom: orNull(flags.strings('volumes-from')),
    // the client's terminal size (height, width) when its stdout is one
    ConsoleSize: io.isTTY ? [io.rows ?? 24, io.columns] : [0, 0],
    ...(Object.keys(annotations).length ? { Annotations: annotations } : {}),
    CapAdd: normalizeCapabilities(flags.strings('cap-add')),
    CapDrop: normalizeCapabilities(flags.strings('cap-drop')),
    CgroupnsMode: cgroupns,
    Dns: flags.strings('dns').map((d) => d.trim()),
    DnsOptions: [...flags.strings('dns-opt'), ...flags.strings('dns-option')],
    // ValidateDNSSearch keeps the domain without its trailing dot
    DnsSearch: flags.strings('dns-search').map((d) => d.trim().replace(/\.\s*$/, '') || '.'),
    ExtraHosts: orNull(
      flags.strings('add-host').map((h) => h.replace(/^([^=:]*)[=:]\[?([^\]]*)\]?$/, '$1:$2')),
    ),
    GroupAdd: orNull(flags.strings('group-add')),
    IpcMode: flags.string('ipc'),
    Cgroup: '',
    Links: orNull(flags.strings('link')),
    OomScoreAdj: flags.int('oom-score-adj'),
    PidMode: pid,
    Privileged: flags.bool('privileged'),
    PublishAllPorts: flags.bool('publish-all'),
    ReadonlyRootfs: flags.bool('read-only'),
    SecurityOpt: securityOpt,
    ...(Object.keys(storageOpt).length ? { StorageOpt: storageOpt } : {}),
    ...(Object.keys(tmpfs).length ? { Tmpfs: tmpfs } : {}),
    UTSMode: uts,
    UsernsMode: userns,
    ShmSize: bytes('shm-size'),
    ...(Object.keys(sysctls).length ? { Sysctls: sysctls } : {}),
    ...(flags.string('runtime') ? { Runtime: flags.string('runtime') } : {}),
    Isolation: flags.string('isolation'),
    CpuShares: flags.int('cpu-shares'),
    Memory: bytes('memory'),
    NanoCpus: typeof cpus === 'number' ? cpus : 0,
    CgroupParent: flags.string('cgroup-parent'),
    BlkioWeight: flags.int('blkio-weight'),
    BlkioWeightDevice: parsedAll(flags.strings('blkio-weight-device'), parseWeightDevice),
    BlkioDeviceReadBps: parsedAll(flags.strings('device-read-bps'), parseThrottleBps),
    BlkioDeviceWriteBps: parsedAll(flags.strings('device-write-bps'), parseThrottleBps),
    BlkioDeviceReadIOps: parsedAll(flags.strings('device-read-iops'), parseThrottleIOps),
    BlkioDeviceWriteIOps: parsedAll(flags.strings('device-write-iops'), parseThrottleIOps),
    CpuPeriod: flags.int('cpu-period'),
    CpuQuota: flags.int('cpu-quota'),
    CpuRealtimePeriod: flags.int('cpu-rt-period'),
    CpuRealtimeRuntime: flags.int('cpu-rt-runtime'),
    CpusetCpus: flags.string('cpuset-cpus'),
    CpusetMems: flags.string('cpuset-mems'),
    Devices: devices,
    DeviceCgroupRules: orNull(flags.strings('device-cgroup-rule')),
    DeviceRequests: (() => {
      const gpus = parsedAll(flags.strings('gpus'), parseGpus);
      return gpus.length ? gpus : null;
    })(),
    // the client zeroes KernelMemory (omitempty) for API 1.42 and later
    MemoryReservation: bytes('memory-reservation'),
    MemorySwap: bytes('memory-swap'),
    MemorySwappiness: swappiness,
    OomKillDisable: flags.bool('oom-kill-disable'),
    PidsLimit: flags.int('pids-limit'),
    // UlimitOpt keeps one per name, the last one given
    Ulimits: [...new Map(parsedAll(flags.strings('ulimit'), parseUlimit).map((u) => [u.Name, u])).values()],
    CpuCount: flags.int('cpu-count'),
    CpuPercent: flags.int('cpu-percent'),
    IOMaximumIOps: flags.int('io-maxiops'),
    IOMaximumBandwidth: bytes('io-maxbandwidth'),
    ...(mounts.length ? { Mounts: mounts } : {}),
    MaskedPaths: maskedPaths,
    ReadonlyPaths: readonlyPaths,
  };

  if (flags.bool('rm') && !(restart.Name === 'no' || restart.Name === ''))
    return fail('conflicting options: cannot specify both --restart and --rm');
  if (flags.changed('init')) hostConfig.Init = flags.bool('init');
  if (config.OpenStdin && config.AttachStdin) config.StdinOnce = true;

  const endpoints = networkEndpoints(flags, networks, aliases, macAddress);
  if (typeof endpoints === 'string') return fail(endpoints);
  return { ...config, HostConfig: hostConfig, NetworkingConfig: { EndpointsConfig: endpoints } };
}
