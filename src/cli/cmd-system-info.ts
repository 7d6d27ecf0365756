// `docker info` / `docker system info` (cli/command/system/info.go): the
// client's section (its version, context, plugins) and the daemon's answer to
// GET /info, printed line by line as prettyPrintInfo does.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { DaemonError, callJson } from './api-call';
import { INSPECT_FORMAT_HELP } from './cmd-inspect';
import { CLI_PLUGINS, CLIENT_VERSION, CONTEXT, PLATFORM_NAME } from './client-version';
import { storedUsername } from './docker-config';
import { clientVersion, clientVersionType } from './cmd-system-version';
import { dockerInfoType } from './info-type';
import { parseGoTemplate, TemplateError } from './template';
import { bytesSize } from './units';

/** The parts of system.Info the pretty printer reads. */
export interface SystemInfo {
  ID?: string;
  Containers?: number;
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
  Images?: number;
  Driver?: string;
  DriverStatus?: [string, string][] | null;
  SystemStatus?: [string, string][] | null;
  Plugins?: {
    Volume?: string[] | null;
    Network?: string[] | null;
    Authorization?: string[] | null;
    Log?: string[] | null;
  };
  Debug?: boolean;
  LoggingDriver?: string;
  CgroupDriver?: string;
  CgroupVersion?: string;
  KernelVersion?: string;
  OperatingSystem?: string;
  OSType?: string;
  Architecture?: string;
  NCPU?: number;
  MemTotal?: number;
  DockerRootDir?: string;
  HttpProxy?: string;
  HttpsProxy?: string;
  NoProxy?: string;
  Name?: string;
  Labels?: string[] | null;
  ExperimentalBuild?: boolean;
  ServerVersion?: string;
  Runtimes?: Record<string, unknown> | null;
  DefaultRuntime?: string;
  Swarm?: {
    LocalNodeState?: string;
    NodeID?: string;
    NodeAddr?: string;
    ControlAvailable?: boolean;
    Error?: string;
  };
  LiveRestoreEnabled?: boolean;
  Isolation?: string;
  InitBinary?: string;
  ContainerdCommit?: { ID: string };
  RuncCommit?: { ID: string };
  InitCommit?: { ID: string };
  SecurityOptions?: string[] | null;
  ProductLicense?: string;
  DefaultAddressPools?: Array<{ Base: string; Size: number }> | null;
  CDISpecDirs?: string[] | null;
  DiscoveredDevices?: Array<{ Source: string; ID: string }> | null;
  RegistryConfig?: {
    InsecureRegistryCIDRs?: Array<string | { IP: string; Mask: string }> | null;
    IndexConfigs?: Record<string, { Name: string; Secure: boolean }> | null;
    Mirrors?: string[] | null;
  } | null;
  Warnings?: string[] | null;
}

/** The number of leading one bits of a base64 net.IPMask (IPMask.Size). */
function maskSize(b64: string): number {
  const bin = atob(b64);
  let n = 0;
  for (const ch of bin) {
    let b = ch.charCodeAt(0);
    for (let i = 0; i < 8; i++, b <<= 1) if (b & 0x80) n++;
  }
  return n;
}

/** system.DecodeSecurityOptions: "name=seccomp,profile=builtin" → seccomp + its profile. */
function securityOptions(opts: string[]): Array<{ name: string; profile?: string }> | string {
  const out: Array<{ name: string; profile?: string }> = [];
  for (const opt of opts) {
    if (opt === 'apparmor' || opt === 'selinux' || opt === 'userns') {
      out.push({ name: opt });
      continue;
    }
    const so: { name: string; profile?: string } = { name: '' };
    for (const kv of opt.split(',')) {
      const i = kv.indexOf('=');
      if (i < 0) return `invalid security option ${JSON.stringify(kv)}`;
      const [k, v] = [kv.slice(0, i), kv.slice(i + 1)];
      if (k === 'name') so.name = v;
      else if (k === 'profile') so.profile = v;
    }
    out.push(so);
  }
  return out;
}

function clientSection(): string {
  let out = `Client: ${PLATFORM_NAME}\n Version:    ${CLIENT_VERSION}\n Context:    ${CONTEXT}\n Debug Mode: false\n`;
  if (CLI_PLUGINS.length > 0) {
    out += ' Plugins:\n';
    for (const p of CLI_PLUGINS)
      out += `  ${p.name}: ${p.shortDescription} (${p.vendor})\n    Version:  ${p.version}\n    Path:     ${p.path}\n`;
  }
  return out;
}

function serverSection(i: SystemInfo, username: string | undefined): { out: string; errors: string[] } {
  let o = '';
  const ln = (...parts: Array<string | number | boolean | undefined>) => {
    o += parts.map((p) => String(p ?? '')).join(' ') + '\n';
  };
  const nonEmpty = (label: string, v: string | undefined) => {
    if (v) ln(label, v);
  };
  const errors: string[] = [];
  ln(' Containers:', i.Containers ?? 0);
  ln('  Running:', i.ContainersRunning ?? 0);
  ln('  Paused:', i.ContainersPaused ?? 0);
  ln('  Stopped:', i.ContainersStopped ?? 0);
  ln(' Images:', i.Images ?? 0);
  nonEmpty(' Server Version:', i.ServerVersion);
  nonEmpty(' Storage Driver:', i.Driver);
  for (const [k, v] of i.DriverStatus ?? []) o += `  ${k}: ${v}\n`;
  for (const [k, v] of i.SystemStatus ?? []) o += ` ${k}: ${v}\n`;
  nonEmpty(' Logging Driver:', i.LoggingDriver);
  nonEmpty(' Cgroup Driver:', i.CgroupDriver);
  nonEmpty(' Cgroup Version:', i.CgroupVersion);
  ln(' Plugins:');
  ln('  Volume:', (i.Plugins?.Volume ?? []).join(' '));
  ln('  Network:', (i.Plugins?.Network ?? []).join(' '));
  if ((i.Plugins?.Authorization ?? []).length)
    ln('  Authorization:', (i.Plugins?.Authorization ?? []).join(' '));
  ln('  Log:', (i.Plugins?.Log ?? []).join(' '));
  if ((i.CDISpecDirs ?? []).length) {
    ln(' CDI spec directories:');
    for (const d of i.CDISpecDirs ?? []) o += `  ${d}\n`;
  }
  if ((i.DiscoveredDevices ?? []).length) {
    ln(' Discovered Devices:');
    for (const d of i.DiscoveredDevices ?? []) o += `  ${d.Source}: ${d.ID}\n`;
  }
  ln(' Swarm:', i.Swarm?.LocalNodeState ?? '');
  const runtimes = Object.keys(i.Runtimes ?? {});
  if (runtimes.length) {
    ln(' Runtimes:', runtimes.join(' '));
    ln(' Default Runtime:', i.DefaultRuntime);
  }
  if (i.OSType === 'linux') {
    ln(' Init Binary:', i.InitBinary);
    ln(' containerd version:', i.ContainerdCommit?.ID ?? '');
    ln(' runc version:', i.RuncCommit?.ID ?? '');
    ln(' init version:', i.InitCommit?.ID ?? '');
    if ((i.SecurityOptions ?? []).length) {
      const kvs = securityOptions(i.SecurityOptions ?? []);
      if (typeof kvs === 'string') errors.push(kvs);
      else {
        ln(' Security Options:');
        for (const so of kvs) {
          o += `  ${so.name}\n`;
          if (so.profile !== undefined) ln('   Profile:', so.profile);
        }
      }
    }
  }
  if (i.OSType === 'windows') ln(' Default Isolation:', i.Isolation);
  nonEmpty(' Kernel Version:', i.KernelVersion);
  nonEmpty(' Operating System:', i.OperatingSystem);
  nonEmpty(' OSType:', i.OSType);
  nonEmpty(' Architecture:', i.Architecture);
  ln(' CPUs:', i.NCPU ?? 0);
  ln(' Total Memory:', bytesSize(i.MemTotal ?? 0));
  nonEmpty(' Name:', i.Name);
  nonEmpty(' ID:', i.ID);
  ln(' Docker Root Dir:', i.DockerRootDir);
  ln(' Debug Mode:', i.Debug ?? false);
  nonEmpty(' HTTP Proxy:', i.HttpProxy);
  nonEmpty(' HTTPS Proxy:', i.HttpsProxy);
  nonEmpty(' No Proxy:', i.NoProxy);
  nonEmpty(' Username:', username);
  if ((i.Labels ?? []).length) {
    ln(' Labels:');
    for (const l of i.Labels ?? []) o += `  ${l}\n`;
  }
  ln(' Experimental:', i.ExperimentalBuild ?? false);
  const rc = i.RegistryConfig;
  if (rc && ((rc.InsecureRegistryCIDRs ?? []).length > 0 || Object.keys(rc.IndexConfigs ?? {}).length > 0)) {
    ln(' Insecure Registries:');
    for (const c of Object.values(rc.IndexConfigs ?? {})) if (!c.Secure) o += `  ${c.Name}\n`;
    // API 1.51 sends CIDR strings; older daemons sent net.IPNet objects
    for (const c of rc.InsecureRegistryCIDRs ?? [])
      o += `  ${typeof c === 'string' ? c : `${c.IP}/${maskSize(c.Mask)}`}\n`;
  }
  if (rc && (rc.Mirrors ?? []).length > 0) {
    ln(' Registry Mirrors:');
    for (const m of rc.Mirrors ?? []) o += `  ${m}\n`;
  }
  ln(' Live Restore Enabled:', i.LiveRestoreEnabled ?? false);
  if (i.ProductLicense) ln(' Product License:', i.ProductLicense);
  if ((i.DefaultAddressPools ?? []).length) {
    ln(' Default Address Pools:');
    for (const p of i.DefaultAddressPools ?? []) o += `   Base: ${p.Base}, Size: ${p.Size}\n`;
  }
  o += '\n';
  return { out: o, errors };
}

async function runInfo(ctx: RunContext): Promise<number> {
  const { io } = ctx;
  const format = ctx.flags.string('format');
  let info: SystemInfo | undefined;
  let serverError: string | undefined;
  try {
    info = (await callJson(ctx.client, { method: 'GET', path: '/info' })) as SystemInfo;
  } catch (e) {
    if (!(e instanceof DaemonError)) throw e;
    serverError = e.message;
  }
  if (format !== '') {
    let tmpl;
    try {
      tmpl = parseGoTemplate(format === 'json' ? '{{json .}}' : format);
    } catch (e) {
      if (e instanceof TemplateError) throw new CliError(`template parsing error: ${e.message}`, 64);
      throw e;
    }
    if (serverError) io.stderr.write(serverError + '\n');
    // newClientVersion without an API connection: no ApiVersion
    const { ApiVersion: _api, ...client } = clientVersion();
    const value = {
      ...(info ?? {}),
      ...(serverError ? { ServerErrors: [serverError] } : {}),
      ClientInfo: {
        Debug: false,
        ...client,
        Plugins: CLI_PLUGINS.map((p) => ({
          SchemaVersion: '0.1.0',
          Vendor: p.vendor,
          Version: p.version,
          ShortDescription: p.shortDescription,
          Name: p.name,
          Path: p.path,
        })),
        Warnings: null,
      },
    };
    const r = tmpl.run({ t: dockerInfoType(clientVersionType), v: value });
    io.stdout.write(r.output + '\n');
    if (r.error) throw new CliError(r.error.message, 1);
    return 0;
  }
  const username = storedUsername(io);
  io.stdout.write(clientSection());
  io.stdout.write('\nServer:\n');
  const errors: string[] = [];
  if (info) {
    const s = serverSection(info, username);
    io.stdout.write(s.out);
    for (const w of info.Warnings ?? []) io.stderr.write(w + '\n');
    errors.push(...s.errors);
  }
  if (serverError) errors.push(serverError);
  for (const e of errors) io.stderr.write(`ERROR: ${e}\n`);
  if (errors.length > 0) throw new CliError('errors pretty printing info', 1);
  return 0;
}

export const infoCommand: Partial<CommandSpec> = {
  args: { kind: 'none' },
  flags: [{ name: 'format', shorthand: 'f', kind: 'string', usage: INSPECT_FORMAT_HELP }],
  run: runInfo,
};
