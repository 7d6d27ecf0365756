// The container API's data shapes (moby api/types/container, v1.51): what
// POST /containers/create takes, and the daemon's record of a container,
// which is plain data (JSON-serialisable) apart from the live runtime.
import type { HealthConfig } from '../image/oci';

export type EmptyObject = Record<string, never>;

/** container.Config as the client sends it; the daemon merges the image's defaults in. */
export interface ContainerConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: Record<string, EmptyObject> | null;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Healthcheck?: HealthConfig;
  ArgsEscaped?: boolean;
  Image?: string;
  Volumes?: Record<string, EmptyObject> | null;
  WorkingDir?: string;
  Entrypoint?: string[] | null;
  NetworkDisabled?: boolean;
  MacAddress?: string;
  OnBuild?: string[] | null;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  StopTimeout?: number | null;
  Shell?: string[] | null;
}

export interface PortBindingJson {
  HostIp: string;
  HostPort: string;
}

export interface MountJson {
  Type: string;
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean; CreateMountpoint?: boolean };
  VolumeOptions?: {
    NoCopy?: boolean;
    Labels?: Record<string, string>;
    DriverConfig?: { Name?: string; Options?: Record<string, string> };
    Subpath?: string;
  };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

export interface RestartPolicyJson {
  Name: string;
  MaximumRetryCount: number;
}

/** container.HostConfig (with its embedded Resources); fields the simulation reads are typed, the rest kept as sent. */
export interface HostConfigJson {
  Binds?: string[] | null;
  ContainerIDFile?: string;
  LogConfig?: { Type: string; Config: Record<string, string> | null };
  NetworkMode?: string;
  PortBindings?: Record<string, PortBindingJson[] | null> | null;
  RestartPolicy?: RestartPolicyJson;
  AutoRemove?: boolean;
  VolumeDriver?: string;
  VolumesFrom?: string[] | null;
  ConsoleSize?: [number, number];
  CgroupnsMode?: string;
  Dns?: string[] | null;
  DnsOptions?: string[] | null;
  DnsSearch?: string[] | null;
  ExtraHosts?: string[] | null;
  IpcMode?: string;
  Links?: string[] | null;
  PidMode?: string;
  Privileged?: boolean;
  PublishAllPorts?: boolean;
  ReadonlyRootfs?: boolean;
  UTSMode?: string;
  ShmSize?: number;
  Runtime?: string;
  Isolation?: string;
  OomScoreAdj?: number;
  CapAdd?: string[] | null;
  GroupAdd?: string[] | null;
  Devices?: Array<{ PathOnHost: string; PathInContainer: string; CgroupPermissions: string }> | null;
  CapDrop?: string[] | null;
  Memory?: number;
  NanoCpus?: number;
  CpuPeriod?: number;
  CpuQuota?: number;
  CpuShares?: number;
  MemoryReservation?: number;
  MemorySwap?: number;
  OomKillDisable?: boolean | null;
  MemorySwappiness?: number | null;
  KernelMemory?: number;
  BlkioWeight?: number;
  CpusetCpus?: string;
  CpusetMems?: string;
  PidsLimit?: number | null;
  Mounts?: MountJson[];
  MaskedPaths?: string[] | null;
  ReadonlyPaths?: string[] | null;
  Init?: boolean | null;
  [field: string]: unknown;
}

export interface CreateBody extends ContainerConfig {
  HostConfig?: HostConfigJson;
  NetworkingConfig?: { EndpointsConfig?: Record<string, unknown> | null };
}

/** A mount point as `docker inspect` lists it (types.MountPoint). */
export interface MountPointJson {
  Type: 'bind' | 'volume' | 'tmpfs';
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

/** What the daemon keeps of a mount: the inspect data plus how to set it up. */
export interface MountPointRecord extends MountPointJson {
  /** Copy the image's content at the destination into an empty volume. */
  copyData?: boolean;
  /** `-v` creates a missing host directory; `--mount` does not. */
  createSource?: boolean;
  /** An anonymous volume (removed with the container by `rm -v` / `--rm`). */
  anonymous?: boolean;
}

export interface StateRecord {
  Status: 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  /** ms since the epoch; 0 for "never". */
  StartedAt: number;
  FinishedAt: number;
}

export interface NetworkRecord {
  /** The network's name (bridge) when attached; the endpoint only exists while running. */
  NetworkID: string;
  EndpointID: string;
  Gateway: string;
  IPAddress: string;
  IPPrefixLen: number;
  MacAddress: string;
}

/** The daemon's record of one container: plain data. */
export interface ContainerRecord {
  Id: string;
  /** ms since the epoch. */
  Created: number;
  Path: string;
  Args: string[];
  ImageId: string;
  /** "/web". */
  Name: string;
  RestartCount: number;
  Config: ContainerConfig & {
    Env: string[];
    Cmd: string[] | null;
    Entrypoint: string[] | null;
    Labels: Record<string, string>;
  };
  HostConfig: HostConfigJson;
  /** Aliases on its user-defined network (NetworkingConfig.EndpointsConfig), for the embedded DNS. */
  Aliases?: string[];
  /**
   * The names NetworkSettings.Networks holds once `docker network connect` or
   * `disconnect` changed them (undefined: just the NetworkMode's network).
   */
  Networks?: string[];
  /** While running: the endpoints on networks other than the one `Network` describes, by network name. */
  Endpoints?: Record<string, NetworkRecord>;
  /**
   * --network container:X, once started: the donor whose hostname, hosts and resolv.conf files
   * it uses (initializeNetworkingPaths: HostnamePath, HostsPath, ResolvConfPath are the donor's).
   */
  FilesFrom?: string;
  Mounts: MountPointRecord[];
  /** overlay2 directory of the container's RW layer (64 hex), and its init layer's is the same plus "-init". */
  LayerId: string;
  /** Published ports while running: "80/tcp" → bindings. */
  Ports: Record<string, PortBindingJson[] | null>;
  Network: NetworkRecord | undefined;
  State: StateRecord;
}
