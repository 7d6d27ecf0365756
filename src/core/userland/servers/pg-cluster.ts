// A PostgreSQL data directory as initdb leaves it (PG_VERSION, base/ with
// the template and postgres databases, global/ with pg_control, one WAL
// segment, the configuration files) and the few facts the server keeps in
// global/pg_control: the cluster state, when it last changed and the last
// checkpoint's LSN — at the offsets ControlFileData has them.
import { gen } from '../../fs/content';
import { FsError } from '../../fs/types';
import type { FileSystem } from '../types';

export const DB_SHUTDOWNED = 1;
export const DB_IN_PRODUCTION = 6;

export interface ControlState {
  /** The database system identifier initdb chose. */
  sysid?: number;
  state: number;
  /** Seconds since the epoch. */
  time: number;
  /** Last checkpoint LSN. */
  lsn: number;
}

/** Where the fresh cluster's shutdown checkpoint is (PostgreSQL 16 after initdb). */
export const INITIAL_LSN = 0x14e9e40;

export function readControl(fs: FileSystem, pgdata: string): ControlState | undefined {
  const c = fs.readContent(`${pgdata}/global/pg_control`);
  if (c instanceof FsError || !(c instanceof Uint8Array) || c.length < 40) return undefined;
  const u32 = (o: number) => c[o] | (c[o + 1] << 8) | (c[o + 2] << 16) | (c[o + 3] * 0x1000000);
  return { sysid: u32(0) + u32(4) * 0x100000000, state: u32(16), time: u32(24) + u32(28) * 0x100000000, lsn: u32(32) + u32(36) * 0x100000000 };
}

export function writeControl(fs: FileSystem, pgdata: string, s: ControlState): FsError | undefined {
  const b = new Uint8Array(8192);
  const put = (o: number, v: number) => {
    const lo = v % 0x100000000;
    const hi = Math.floor(v / 0x100000000);
    for (let i = 0; i < 4; i++) b[o + i] = (lo >>> (8 * i)) & 0xff;
    for (let i = 0; i < 4; i++) b[o + 4 + i] = (hi >>> (8 * i)) & 0xff;
  };
  put(0, s.sysid ?? 0);
  b[8] = 0x14; // pg_control_version 1300
  b[9] = 0x05;
  put(16, s.state);
  put(24, s.time);
  put(32, s.lsn);
  return fs.writeFile(`${pgdata}/global/pg_control`, b, { mode: 0o600 });
}

/** Relation files of a database directory: [filenode, bytes]. */
const RELATIONS: [string, number][] = [
  ['112', 8192], ['113', 8192], ['1247', 114688], ['1247_fsm', 24576], ['1247_vm', 8192], ['1249', 466944], ['1249_fsm', 24576], ['1249_vm', 8192],
  ['1255', 794624], ['1255_fsm', 24576], ['1255_vm', 8192], ['1259', 114688], ['1259_fsm', 24576], ['1259_vm', 8192], ['2600', 8192], ['2601', 8192],
  ['2602', 49152], ['2603', 40960], ['2604', 8192], ['2605', 8192], ['2606', 24576], ['2607', 16384], ['2608', 131072], ['2609', 385024],
  ['2610', 8192], ['2612', 8192], ['2615', 8192], ['2616', 16384], ['2617', 131072], ['2618', 114688], ['2619', 139264], ['2620', 8192],
  ['2658', 139264], ['2659', 106496], ['2662', 32768], ['2663', 40960], ['2673', 376832], ['2674', 401408], ['2691', 90112], ['2692', 8192],
  ['2703', 16384], ['2704', 16384], ['3079', 8192], ['3456', 49152], ['3602', 8192], ['3764', 24576], ['pg_filenode.map', 524],
];

const GLOBAL: [string, number][] = [
  ['1213', 8192], ['1214', 0], ['1260', 8192], ['1261', 0], ['1262', 8192], ['2396', 0], ['2671', 16384], ['2672', 16384], ['2676', 16384],
  ['2677', 16384], ['2694', 16384], ['2695', 16384], ['2697', 16384], ['2698', 16384], ['2964', 0], ['2965', 8192], ['2966', 0], ['2967', 8192],
  ['3592', 0], ['3593', 8192], ['4060', 0], ['4061', 8192], ['6000', 0], ['6001', 8192], ['6002', 8192], ['6100', 0], ['6114', 8192],
  ['6115', 8192], ['pg_filenode.map', 524],
];

export interface InitOptions {
  uid: number;
  gid: number;
  major: string;
  authLocal: string;
  authHost: string;
  now: number;
  sysid: number;
}

const PG_HBA = (o: InitOptions) => `# PostgreSQL Client Authentication Configuration File
# ===================================================
#
# Refer to the "Client Authentication" section in the PostgreSQL
# documentation for a complete description of this file.

# TYPE  DATABASE        USER            ADDRESS                 METHOD

# "local" is for Unix domain socket connections only
local   all             all                                     ${o.authLocal}
# IPv4 local connections:
host    all             all             127.0.0.1/32            ${o.authHost === 'trust' ? 'trust' : o.authLocal}
# IPv6 local connections:
host    all             all             ::1/128                 ${o.authHost === 'trust' ? 'trust' : o.authLocal}
# Allow replication connections from localhost, by a user with the
# replication privilege.
local   replication     all                                     ${o.authLocal}
host    replication     all             127.0.0.1/32            ${o.authHost === 'trust' ? 'trust' : o.authLocal}
host    replication     all             ::1/128                 ${o.authHost === 'trust' ? 'trust' : o.authLocal}
`;

const DIRS = ['base', 'global', 'pg_commit_ts', 'pg_dynshmem', 'pg_logical', 'pg_logical/mappings', 'pg_logical/snapshots', 'pg_multixact', 'pg_multixact/members', 'pg_multixact/offsets', 'pg_notify', 'pg_replslot', 'pg_serial', 'pg_snapshots', 'pg_stat', 'pg_stat_tmp', 'pg_subtrans', 'pg_tblspc', 'pg_twophase', 'pg_wal', 'pg_wal/archive_status', 'pg_xact'];

type Data = Parameters<FileSystem['writeFile']>[1];

function writeAll(fs: FileSystem, pgdata: string, files: [string, Data][]): FsError | undefined {
  for (const [p, c] of files) {
    const e = fs.writeFile(`${pgdata}/${p}`, c, { mode: 0o600 });
    if (e) return e;
  }
  return undefined;
}

/** initdb's "creating subdirectories" (as the owner, umask 077). */
export function createSubdirectories(fs: FileSystem, pgdata: string): FsError | undefined {
  for (const d of DIRS) {
    const e = fs.mkdir(`${pgdata}/${d}`, { mode: 0o700 });
    if (e && e.code !== 'EEXIST') return e;
  }
  return undefined;
}

/** initdb's "creating configuration files": PG_VERSION and the .conf files. */
export function createConfigFiles(fs: FileSystem, pgdata: string, o: InitOptions): FsError | undefined {
  return writeAll(fs, pgdata, [
    ['PG_VERSION', `${o.major}\n`],
    ['pg_hba.conf', PG_HBA(o)],
    ['pg_ident.conf', gen(2640, 'pg:pg_ident.conf.sample')],
    ['postgresql.conf', gen(29_671, `pg:${o.major}:postgresql.conf`)],
    ['postgresql.auto.conf', '# Do not edit this file manually!\n# It will be overwritten by the ALTER SYSTEM command.\n'],
  ]);
}

/** A database directory's files (PG_VERSION and the catalog relations), by name. */
export function databaseFiles(seed: string, major: string): [string, Data][] {
  return [['PG_VERSION', `${major}\n`], ...RELATIONS.map(([n, size]): [string, Data] => [n, gen(size, `pg:${seed}/${n}`)])];
}

export interface BootOptions {
  major: string;
  now: number;
  sysid: number;
}

/**
 * `postgres --boot`: the first WAL segment, pg_control, the shared catalogs
 * and template1; the post-bootstrap session copies template1 to template0
 * and postgres (the same relation files).
 */
export function bootstrapCluster(fs: FileSystem, pgdata: string, o: BootOptions): FsError | undefined {
  const files: [string, Data][] = [];
  for (const db of ['1', '4', '5']) {
    const e = fs.mkdir(`${pgdata}/base/${db}`, { mode: 0o700 });
    if (e && e.code !== 'EEXIST') return e;
    for (const [n, c] of databaseFiles(`${o.sysid}:base/${db}`, o.major)) files.push([`base/${db}/${n}`, c]);
  }
  for (const [n, size] of GLOBAL) files.push([`global/${n}`, gen(size, `pg:${o.sysid}:global/${n}`)]);
  files.push(
    ['pg_logical/replorigin_checkpoint', gen(8, `pg:${o.sysid}:replorigin`)],
    ['pg_multixact/members/0000', gen(8192, `pg:${o.sysid}:members`)],
    ['pg_multixact/offsets/0000', gen(8192, `pg:${o.sysid}:offsets`)],
    ['pg_subtrans/0000', gen(8192, `pg:${o.sysid}:subtrans`)],
    ['pg_xact/0000', gen(8192, `pg:${o.sysid}:xact`)],
    ['pg_wal/000000010000000000000001', gen(16 * 1024 * 1024, `pg:${o.sysid}:wal1`)],
  );
  return writeAll(fs, pgdata, files) ?? writeControl(fs, pgdata, { sysid: o.sysid, state: DB_SHUTDOWNED, time: Math.floor(o.now / 1000), lsn: INITIAL_LSN });
}

/** Everything initdb leaves in `pgdata` (which exists), in one go. Returns the first error. */
export function createCluster(fs: FileSystem, pgdata: string, o: InitOptions): FsError | undefined {
  const f = fs.as({ uid: o.uid, gid: o.gid, umask: 0o077 });
  return createSubdirectories(f, pgdata) ?? createConfigFiles(f, pgdata, o) ?? bootstrapCluster(f, pgdata, o);
}

/** The cluster's postgresql.conf says listen_addresses='*' (the image patches the sample); an -c option overrides it. */
export function listenAddresses(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const kv = a === '-c' ? args[i + 1] : a.startsWith('-c') ? a.slice(2) : a.startsWith('--') ? a.slice(2) : undefined;
    if (kv && kv.replace(/-/g, '_').startsWith('listen_addresses=')) return kv.slice(kv.indexOf('=') + 1).replace(/^'|'$/g, '');
    if (a === '-h') return args[i + 1] ?? '*';
  }
  return '*';
}
