// What POST /containers/create checks and computes before a container exists,
// in the daemon's order (daemon/create.go): verifyContainerSettings (config,
// host config, resources), the merge with the image's defaults
// (daemon/commit.go merge), Path/Args (getEntrypointAndArgs), the host-config
// adaptations, and the volume parser for -v and --mount (volume/mounts).
import { fail, type Failure } from '../image/errors';
import type { ContainerDefaults } from '../image/oci';
import { normalizePath } from '../fs/path';
import { parseMobySignal } from './signal-parse';
import type { ContainerConfig, HostConfigJson, MountJson, MountPointRecord } from './containers-types';

/** linuxMinMemory. */
export const MIN_MEMORY = 6_291_456;
export const DEFAULT_SHM_SIZE = 67_108_864;

/** oci.DefaultSpec's masked and read-only paths, stored in HostConfig at create. */
export const MASKED_PATHS = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/interrupts',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/devices/virtual/powercap',
];
export const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

const invalid = (m: string): Failure => fail('invalid', m);

/**
 * validateContainerConfig, validateHostConfig and verifyPlatformContainerResources, in that order.
 * The resources are checked against a cgroup v2 host's sysinfo; what it cannot apply is discarded
 * from `hc` with a line pushed on `warnings` (the create response's Warnings).
 */
export function verifySettings(
  cfg: ContainerConfig,
  hc: HostConfigJson,
  hostCpus: number,
  sourceExists: (path: string) => boolean,
  warnings: string[] = [],
): Failure | undefined {
  if (cfg.WorkingDir && !cfg.WorkingDir.startsWith('/'))
    return invalid(`the working directory '${cfg.WorkingDir}' is invalid, it needs to be an absolute path`);
  const stopSignal = cfg.StopSignal ? parseMobySignal(cfg.StopSignal) : undefined;
  if (stopSignal && 'error' in stopSignal) return invalid(stopSignal.error);
  for (const e of cfg.Env ?? [])
    if (e.split('=')[0] === '') return invalid(`invalid environment variable: ${e}`);

  const policy = hc.RestartPolicy ?? { Name: 'no', MaximumRetryCount: 0 };
  if (hc.AutoRemove && policy.Name !== 'no' && policy.Name !== '')
    return invalid("can't create 'AutoRemove' container with restart policy");
  for (const m of hc.Mounts ?? []) {
    const err = validateMount(m, sourceExists);
    if (err) return invalid(err);
  }
  for (const [port, bindings] of Object.entries(hc.PortBindings ?? {})) {
    const p = port.split('/')[0];
    if (!validPortRange(p)) return invalid(`invalid port specification: "${p}"`);
    for (const b of bindings ?? [])
      if (b.HostPort !== '' && !validPortRange(b.HostPort))
        return invalid(`invalid port specification: "${b.HostPort}"`);
  }
  const rp = restartPolicyError(policy.Name, policy.MaximumRetryCount);
  if (rp) return invalid(rp);
  const caps = capabilityError(hc.CapAdd, 'CapAdd') ?? capabilityError(hc.CapDrop, 'CapDrop');
  if (caps) return invalid(caps);

  return verifyResources(hc, hostCpus, warnings);
}

/** A cgroup v2 host's cpuset.cpus.effective ("0-1") and cpuset.mems.effective ("0"). */
const cpuList = (cpus: number): string => (cpus > 1 ? `0-${cpus - 1}` : '0');
const HOST_MEMS = '0';

/**
 * verifyPlatformContainerResources with sysinfo's cgroup v2 answers (applyMemoryCgroupInfoV2...):
 * no swappiness, kernel memory or OOM-kill control; io weight and cpuset are there.
 */
function verifyResources(hc: HostConfigJson, hostCpus: number, warnings: string[]): Failure | undefined {
  // fixMemorySwappiness: -1 is the client's "unset"
  if (hc.MemorySwappiness === -1) hc.MemorySwappiness = null;
  const memory = hc.Memory ?? 0;
  const swap = hc.MemorySwap ?? 0;
  if (memory !== 0 && memory < MIN_MEMORY) return invalid('Minimum memory limit allowed is 6MB');
  if (memory > 0 && swap > 0 && swap < memory)
    return invalid('Minimum memoryswap limit should be larger than memory limit, see usage');
  if (memory === 0 && swap > 0)
    return invalid('You should always set the Memory limit when using Memoryswap limit, see usage');
  if (hc.MemorySwappiness != null) {
    warnings.push(
      'Your kernel does not support memory swappiness capabilities or the cgroup is not mounted. Memory swappiness discarded.',
    );
    hc.MemorySwappiness = null;
  }
  const reservation = hc.MemoryReservation ?? 0;
  if (reservation > 0 && reservation < MIN_MEMORY)
    return invalid('Minimum memory reservation allowed is 6MB');
  if (memory > 0 && reservation > 0 && memory < reservation)
    return invalid('Minimum memory limit can not be less than memory reservation limit, see usage');
  if ((hc.KernelMemory ?? 0) > 0) {
    warnings.push(
      'Your kernel does not support kernel memory limit capabilities or the cgroup is not mounted. Limitation discarded.',
    );
    hc.KernelMemory = 0;
  }
  if (hc.OomKillDisable != null) {
    if (hc.OomKillDisable)
      warnings.push('Your kernel does not support OomKillDisable. OomKillDisable discarded.');
    hc.OomKillDisable = null;
  }
  const nano = hc.NanoCpus ?? 0;
  if (nano > 0 && (hc.CpuPeriod ?? 0) > 0)
    return invalid('Conflicting options: Nano CPUs and CPU Period cannot both be set');
  if (nano > 0 && (hc.CpuQuota ?? 0) > 0)
    return invalid('Conflicting options: Nano CPUs and CPU Quota cannot both be set');
  if (nano !== 0 && (nano < 0 || nano > hostCpus * 1e9))
    return invalid(
      `range of CPUs is from 0.01 to ${hostCpus}.00, as there are only ${hostCpus} CPUs available`,
    );
  const period = hc.CpuPeriod ?? 0;
  if (period !== 0 && (period < 1000 || period > 1_000_000))
    return invalid('CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)');
  const quota = hc.CpuQuota ?? 0;
  if (quota > 0 && quota < 1000) return invalid('CPU cfs quota can not be less than 1ms (i.e. 1000)');
  const cpus = cpuList(hostCpus);
  const cpusetCpus = hc.CpusetCpus ?? '';
  const cpusOk = cpusetAvailable(cpusetCpus, cpus);
  if (typeof cpusOk === 'string') return invalid(`Invalid value ${cpusetCpus} for cpuset cpus: ${cpusOk}`);
  if (!cpusOk)
    return invalid(`Requested CPUs are not available - requested ${cpusetCpus}, available: ${cpus}`);
  const cpusetMems = hc.CpusetMems ?? '';
  // sysinfo v2 fills MemSets from the cpus list (applyCPUSetCgroupInfoV2 parses info.Cpus twice),
  // so any node below the CPU count passes while the message names cpuset.mems.effective
  const memsOk = cpusetAvailable(cpusetMems, cpus);
  if (typeof memsOk === 'string') return invalid(`Invalid value ${cpusetMems} for cpuset mems: ${memsOk}`);
  if (!memsOk)
    return invalid(
      `Requested memory nodes are not available - requested ${cpusetMems}, available: ${HOST_MEMS}`,
    );
  const weight = hc.BlkioWeight ?? 0;
  if (weight > 0 && (weight < 10 || weight > 1000))
    return invalid('Range of blkio weight is from 10 to 1000');
  return undefined;
}

/** sysinfo.isCpusetListAvailable: true, false, or parseUintList's error text. */
function cpusetAvailable(requested: string, available: string): boolean | string {
  const have = parseUintList(available, 0);
  if (typeof have === 'string') return have;
  const max = Math.max(8192, ...have);
  const want = parseUintList(requested, max);
  if (typeof want === 'string') return want;
  for (const n of want) if (!have.has(n)) return false;
  return true;
}

/** sysinfo.parseUintList: "0-2,5" as a set, or its error ("invalid format: X", "value of out range, maximum is N"). */
function parseUintList(val: string, maximum: number): Set<number> | string {
  const out = new Set<number>();
  if (val === '') return out;
  const invalidFormat = `invalid format: ${val}`;
  // strconv.Atoi: an optional sign and decimal digits, within int64
  const atoi = (s: string): number | undefined => (/^[+-]?\d{1,18}$/.test(s) ? Number(s) : undefined);
  for (const r of val.split(',')) {
    const dash = r.indexOf('-');
    if (dash < 0) {
      const v = atoi(r);
      if (v === undefined) return invalidFormat;
      if (maximum !== 0 && v > maximum) return `value of out range, maximum is ${maximum}`;
      out.add(v);
      continue;
    }
    const lo = atoi(r.slice(0, dash));
    const hi = atoi(r.slice(dash + 1));
    if (lo === undefined || hi === undefined || hi < lo) return invalidFormat;
    if (maximum !== 0 && hi > maximum) return `value of out range, maximum is ${maximum}`;
    for (let i = lo; i <= hi; i++) out.add(i);
  }
  return out;
}

/** The capabilities moby's vendored capability package knows (all of them on a 6.8 kernel). */
const KNOWN_CAPS = new Set(
  (
    'CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP LINUX_IMMUTABLE ' +
    'NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT ' +
    'SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE ' +
    'AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ ' +
    'PERFMON BPF CHECKPOINT_RESTORE'
  )
    .split(' ')
    .map((c) => `CAP_${c}`),
);

/** validateCapabilities: caps.NormalizeLegacyCapabilities over CapAdd, then CapDrop. */
function capabilityError(list: string[] | null | undefined, field: string): string | undefined {
  for (const raw of list ?? []) {
    let c = raw.toUpperCase();
    if (c === 'ALL') continue;
    if (!c.startsWith('CAP_')) c = `CAP_${c}`;
    if (!KNOWN_CAPS.has(c)) return `invalid ${field}: unknown capability: ${JSON.stringify(c)}`;
  }
  return undefined;
}

function validPortRange(s: string): boolean {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return false;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return a <= 65535 && b <= 65535 && a <= b;
}

/** container.ValidateRestartPolicy. */
function restartPolicyError(name: string, max: number): string | undefined {
  switch (name) {
    case 'always':
    case 'unless-stopped':
    case 'no':
      if (max !== 0)
        return `invalid restart policy: maximum retry count can only be used with 'on-failure'${max < 0 ? ' and cannot be negative' : ''}`;
      return undefined;
    case 'on-failure':
      return max < 0 ? 'invalid restart policy: maximum retry count cannot be negative' : undefined;
    case '':
      return undefined;
    default:
      return `invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`;
  }
}

/** linuxParser.validateMountConfigImpl, with the bind source checked on the host. */
export function validateMount(m: MountJson, sourceExists: (path: string) => boolean): string | undefined {
  const bad = (e: string) => `invalid mount config for type "${m.Type}": ${e}`;
  if (!m.Target) return bad('field Target must not be empty');
  if (normalizePath(m.Target) === '/' && m.Target.startsWith('/'))
    return bad("invalid specification: destination can't be '/'");
  if (!m.Target.startsWith('/')) return bad(`invalid mount path: '${m.Target}' mount path must be absolute`);
  switch (m.Type) {
    case 'bind':
      if (!m.Source) return bad('field Source must not be empty');
      if (m.VolumeOptions) return bad('field VolumeOptions must not be specified');
      if (!m.Source.startsWith('/'))
        return bad(`invalid mount path: '${m.Source}' mount path must be absolute`);
      if (!sourceExists(m.Source) && !m.BindOptions?.CreateMountpoint)
        return bad(`bind source path does not exist: ${m.Source}`);
      return undefined;
    case 'volume':
      if (m.BindOptions) return bad('field BindOptions must not be specified');
      if (m.ReadOnly && !m.Source) return bad('must not set ReadOnly mode when using anonymous volumes');
      return undefined;
    case 'tmpfs':
      if (m.BindOptions) return bad('field BindOptions must not be specified');
      if (m.Source) return bad('field Source must not be specified');
      return undefined;
    default:
      return bad('mount type unknown');
  }
}

/** daemon/commit.go merge: the user's config wins, the image fills the gaps. */
export function mergeImageConfig(user: ContainerConfig, image: ContainerDefaults): void {
  if (!user.User) user.User = image.User ?? '';
  if (!user.ExposedPorts || Object.keys(user.ExposedPorts).length === 0)
    user.ExposedPorts = image.ExposedPorts ?? null;
  else
    for (const p of Object.keys(image.ExposedPorts ?? {}))
      if (!(p in user.ExposedPorts)) user.ExposedPorts[p] = {};
  if (!user.Env || user.Env.length === 0) user.Env = image.Env ? [...image.Env] : null;
  else {
    const keys = new Set(user.Env.map((e) => e.split('=')[0]));
    for (const e of image.Env ?? []) if (!keys.has(e.split('=')[0])) user.Env.push(e);
  }
  user.Labels ??= {};
  for (const [k, v] of Object.entries(image.Labels ?? {})) if (!(k in user.Labels)) user.Labels[k] = v;
  if (!user.Entrypoint || user.Entrypoint.length === 0) {
    if (!user.Cmd || user.Cmd.length === 0) {
      user.Cmd = image.Cmd ? [...image.Cmd] : null;
      if (image.ArgsEscaped) user.ArgsEscaped = true;
    }
    if (user.Entrypoint === undefined || user.Entrypoint === null)
      user.Entrypoint = image.Entrypoint ? [...image.Entrypoint] : null;
  }
  if (image.Healthcheck && !user.Healthcheck) user.Healthcheck = image.Healthcheck;
  if (!user.WorkingDir) user.WorkingDir = image.WorkingDir ?? '';
  if (!user.Volumes || Object.keys(user.Volumes).length === 0) user.Volumes = image.Volumes ?? null;
  else for (const v of Object.keys(image.Volumes ?? {})) user.Volumes[v] = {};
  if (!user.StopSignal) user.StopSignal = image.StopSignal ?? '';
}

/** mergeAndVerifyConfig after the merge: [""] resets the entrypoint; something must run. */
export function verifyCommand(cfg: ContainerConfig): Failure | undefined {
  if (cfg.Entrypoint && cfg.Entrypoint.length === 1 && cfg.Entrypoint[0] === '') cfg.Entrypoint = null;
  if ((cfg.Entrypoint ?? []).length === 0 && (cfg.Cmd ?? []).length === 0)
    return invalid('no command specified');
  return undefined;
}

export function entrypointAndArgs(
  entrypoint: string[] | null | undefined,
  cmd: string[] | null | undefined,
): [string, string[]] {
  const c = cmd ?? [];
  if (!entrypoint || entrypoint.length === 0) return [c[0], c.slice(1)];
  return [entrypoint[0], [...entrypoint.slice(1), ...c]];
}

/** adaptContainerSettings and create's defaults, as `docker inspect` then shows them. */
export function adaptHostConfig(hc: HostConfigJson): void {
  if (!hc.RestartPolicy || hc.RestartPolicy.Name === '')
    hc.RestartPolicy = { Name: 'no', MaximumRetryCount: hc.RestartPolicy?.MaximumRetryCount ?? 0 };
  if (!hc.NetworkMode) hc.NetworkMode = 'bridge';
  if (!hc.ShmSize) hc.ShmSize = DEFAULT_SHM_SIZE;
  if ((hc.Memory ?? 0) > 0 && (hc.MemorySwap ?? 0) === 0) hc.MemorySwap = (hc.Memory ?? 0) * 2;
  if (!hc.LogConfig || !hc.LogConfig.Type)
    hc.LogConfig = { Type: 'json-file', Config: hc.LogConfig?.Config ?? {} };
  if (!hc.CgroupnsMode) hc.CgroupnsMode = 'private';
  if (!hc.IpcMode) hc.IpcMode = 'private';
  if (!hc.Runtime) hc.Runtime = 'runc';
  hc.OomKillDisable ??= false;
  // the defaults are shared, read-only lists (every container has them)
  if (hc.MaskedPaths == null && !hc.Privileged) hc.MaskedPaths = MASKED_PATHS;
  if (hc.ReadonlyPaths == null && !hc.Privileged) hc.ReadonlyPaths = READONLY_PATHS;
}

const RW_MODES = new Set(['rw', 'ro']);
const LABEL_MODES = new Set(['z', 'Z']);
const PROPAGATION = new Set(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared']);
const COPY_MODES = new Set(['nocopy']);
const CONSISTENCY = new Set(['consistent', 'cached', 'delegated']);

function validMode(mode: string): boolean {
  if (mode === '') return true;
  const counts = [0, 0, 0, 0, 0];
  for (const o of mode.split(',')) {
    const i = RW_MODES.has(o)
      ? 0
      : LABEL_MODES.has(o)
        ? 1
        : PROPAGATION.has(o)
          ? 2
          : COPY_MODES.has(o)
            ? 3
            : CONSISTENCY.has(o)
              ? 4
              : -1;
    if (i < 0) return false;
    counts[i]++;
  }
  return counts.every((c) => c <= 1);
}

/** A parsed -v / --mount: a mount point record; `volume` names what to create ('' = anonymous). */
export interface ParsedMount {
  mount: MountPointRecord;
  volume?: {
    name: string;
    labels?: Record<string, string>;
    options?: Record<string, string>;
    driver?: string;
  };
}

/** linuxParser.ParseMountRaw: `-v SRC:DST[:MODE]`, `-v NAME:DST`, `-v DST`. */
export function parseBind(raw: string): ParsedMount | Failure {
  const arr = splitN(raw, ':', 4);
  const spec = () => `invalid volume specification: '${raw}'`;
  if (arr[0] === '') return invalid(spec());
  let source = '';
  let target: string;
  let mode = '';
  if (arr.length === 1) target = arr[0];
  else if (arr.length === 2) {
    if (validMode(arr[1])) return invalid(spec());
    [source, target] = arr;
  } else if (arr.length === 3) [source, target, mode] = arr;
  else return invalid(spec());
  if (!validMode(mode)) return invalid(`invalid mode: ${mode}`);
  const type = source.startsWith('/') ? 'bind' : 'volume';
  const opts = mode.split(',');
  const rw = !opts.includes('ro');
  const m: MountJson = { Type: type, Source: source, Target: target, ReadOnly: !rw };
  const err = validateMount(m, () => true);
  if (err) return invalid(`${spec()}: ${err}`);
  const dest = normalizePath(target);
  if (type === 'bind') {
    const propagation = opts.find((o) => PROPAGATION.has(o)) ?? 'rprivate';
    return {
      mount: {
        Type: 'bind',
        Source: normalizePath(source),
        Destination: dest,
        Mode: mode,
        RW: rw,
        Propagation: propagation,
        createSource: true,
      },
    };
  }
  return {
    mount: {
      Type: 'volume',
      Name: source,
      Source: '',
      Destination: dest,
      Driver: 'local',
      Mode: mode === '' ? 'z' : mode,
      RW: rw,
      Propagation: '',
      copyData: !opts.includes('nocopy'),
      anonymous: source === '',
    },
    volume: { name: source },
  };
}

/** linuxParser.ParseMountSpec: one `--mount` (already validated with the host's files). */
export function parseMountSpec(m: MountJson): ParsedMount {
  const dest = normalizePath(m.Target);
  const rw = !m.ReadOnly;
  if (m.Type === 'bind') {
    return {
      mount: {
        Type: 'bind',
        Source: normalizePath(m.Source ?? ''),
        Destination: dest,
        Mode: '',
        RW: rw,
        Propagation: m.BindOptions?.Propagation || 'rprivate',
        createSource: m.BindOptions?.CreateMountpoint === true,
      },
    };
  }
  if (m.Type === 'tmpfs')
    return { mount: { Type: 'tmpfs', Source: '', Destination: dest, Mode: '', RW: rw, Propagation: '' } };
  const name = m.Source ?? '';
  return {
    mount: {
      Type: 'volume',
      Name: name,
      Source: '',
      Destination: dest,
      Driver: 'local',
      Mode: 'z',
      RW: rw,
      Propagation: '',
      copyData: !m.VolumeOptions?.NoCopy,
      anonymous: name === '',
    },
    volume: {
      name,
      labels: m.VolumeOptions?.Labels,
      options: m.VolumeOptions?.DriverConfig?.Options,
      driver: m.VolumeOptions?.DriverConfig?.Name,
    },
  };
}

/** strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
  const parts = s.split(sep);
  if (parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}
