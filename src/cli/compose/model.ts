// A loaded Compose project as the commands use it: paths resolved, variables
// substituted, short syntaxes expanded, names given (project_default,
// project_volume, project-service-1), services in dependency order.

export interface PortSpec {
  /** The container port, "80" or a range "8000-8010". */
  target: string;
  /** The host port or range; "" lets the daemon pick one. */
  published: string;
  hostIp: string;
  protocol: string;
}

export type MountSpec =
  | {
      type: 'volume';
      /** The top-level volume key; "" for an anonymous volume. */ source: string;
      target: string;
      readOnly: boolean;
    }
  | { type: 'bind'; /** An absolute host path. */ source: string; target: string; readOnly: boolean };

export interface DependsOn {
  service: string;
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  required: boolean;
  restart: boolean;
}

export interface ServiceSpec {
  name: string;
  image: string;
  command?: string[];
  entrypoint?: string[];
  /** Resolved variables; null: named without a value anywhere (left out of the container). */
  environment: Array<[string, string | null]>;
  ports: PortSpec[];
  expose: string[];
  volumes: MountSpec[];
  dependsOn: DependsOn[];
  containerName?: string;
  restart?: string;
  workingDir?: string;
  user?: string;
  hostname?: string;
  labels: Record<string, string>;
  /** Seconds. */
  stopGracePeriod?: number;
  stopSignal?: string;
  tty: boolean;
  stdinOpen: boolean;
  init?: boolean;
  readOnly: boolean;
  /** Top-level network keys, in priority order. */
  networks: string[];
  networkMode?: string;
  memLimit?: number;
  nanoCpus?: number;
  pidsLimit?: number;
  pullPolicy: 'always' | 'missing' | 'never' | 'build';
}

export interface ResourceSpec {
  /** The key in the file. */
  key: string;
  /** The Docker name: project_key unless `name:` or external. */
  name: string;
  external: boolean;
  labels: Record<string, string>;
}

export interface Project {
  name: string;
  /** The project directory (where the first compose file is). */
  workingDir: string;
  configFiles: string[];
  /** Services in start order (dependencies first). */
  services: ServiceSpec[];
  networks: Map<string, ResourceSpec>;
  volumes: Map<string, ResourceSpec>;
  /** The environment variables substitution used (for config --environment). */
  environment: Record<string, string>;
  /** What compose warns about while loading (unset variables, an obsolete `version`). */
  warnings: string[];
}

export const COMPOSE_VERSION = '2.40.3';

export const LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  configHash: 'com.docker.compose.config-hash',
  number: 'com.docker.compose.container-number',
  volume: 'com.docker.compose.volume',
  network: 'com.docker.compose.network',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  oneoff: 'com.docker.compose.oneoff',
  image: 'com.docker.compose.image',
  dependsOn: 'com.docker.compose.depends_on',
  version: 'com.docker.compose.version',
} as const;

/** The container name compose gives replica `n` of a service. */
export function containerName(project: string, service: ServiceSpec, n = 1): string {
  return service.containerName ?? `${project}-${service.name}-${n}`;
}
