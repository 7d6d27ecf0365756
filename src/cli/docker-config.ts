// The client's ~/.docker/config.json (cli/config/configfile): where `docker
// login` keeps credentials (base64 "user:password", the plain file store) and
// where `docker logout` erases them. Read and written on the client's files.

import type { CommandIO } from './io';

export const INDEX_SERVER = 'https://index.docker.io/v1/';

interface ConfigFile {
  auths?: Record<string, { auth?: string; identitytoken?: string }>;
  [key: string]: unknown;
}

/** config.Dir(): $DOCKER_CONFIG, else ~/.docker. */
export function configPath(io: CommandIO): string {
  const dir = io.env?.DOCKER_CONFIG || `${(io.env?.HOME ?? '/home/student').replace(/\/+$/, '')}/.docker`;
  return `${dir.replace(/\/+$/, '')}/config.json`;
}

export function readConfig(io: CommandIO): ConfigFile {
  const text = io.hostFs?.readFile(configPath(io));
  if (typeof text !== 'string') return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as ConfigFile) : {};
  } catch {
    return {};
  }
}

/** ConfigFile.Save: tab-indented JSON, mode 0600, the directory made 0700 if missing. */
export function writeConfig(io: CommandIO, cfg: ConfigFile): string | undefined {
  const fs = io.hostFs;
  if (!fs) return 'no config file';
  const path = configPath(io);
  const dir = path.slice(0, path.lastIndexOf('/'));
  if (!fs.exists(dir)) {
    const e = fs.mkdir(dir, { recursive: true, mode: 0o700 });
    if (e) return `mkdir ${dir}: ${e.message}`;
  }
  const e = fs.writeFile(path, JSON.stringify(cfg, null, '\t'), { mode: 0o600 });
  return e ? `open ${path}: ${e.message}` : undefined;
}

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

function decode(auth: string): [string, string] | undefined {
  try {
    const bin = atob(auth);
    const text = new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
    const i = text.indexOf(':');
    return i < 0 ? undefined : [text.slice(0, i), text.slice(i + 1)];
  } catch {
    return undefined;
  }
}

/** fileStore.Store: returns false when the same credentials were already stored (nothing written). */
export function storeCredentials(
  io: CommandIO,
  server: string,
  user: string,
  password: string,
): string | false | undefined {
  const cfg = readConfig(io);
  if (cfg.auths?.[server]?.auth === b64(`${user}:${password}`)) return false;
  cfg.auths = { ...(cfg.auths ?? {}), [server]: { auth: b64(`${user}:${password}`) } };
  return writeConfig(io, cfg);
}

export function storedCredentials(io: CommandIO, server: string): [string, string] | undefined {
  const a = readConfig(io).auths?.[server]?.auth;
  return a ? decode(a) : undefined;
}

/** The Docker Hub user name `docker info` shows, if logged in. */
export function storedUsername(io: CommandIO): string | undefined {
  return storedCredentials(io, INDEX_SERVER)?.[0];
}

/** Erase: false when there was nothing stored for the server. */
export function eraseCredentials(io: CommandIO, server: string): boolean {
  const cfg = readConfig(io);
  if (!cfg.auths || !(server in cfg.auths)) return false;
  delete cfg.auths[server];
  writeConfig(io, cfg);
  return true;
}
