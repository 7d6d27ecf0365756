// Where the simulated server keeps what SQL creates: each user table is one
// relation file base/<database OID>/<relfilenode> (from 16384, PostgreSQL's
// first normal OID) in the data directory — so it lives in the volume and
// outlasts the container. Databases made by CREATE DATABASE are listed in
// global/1262 (pg_database), the superuser initdb named in global/1260.
import { FsError } from '../../fs/types';
import type { FileSystem } from '../types';
import { databaseFiles } from './pg-cluster';

export type ColumnType = 'integer' | 'bigint' | 'text' | 'varchar' | 'boolean' | 'numeric';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  /** varchar(n). */
  length?: number;
  /** serial: a sequence-backed default. */
  serial?: boolean;
  notNull?: boolean;
  /** PRIMARY KEY: unique and not null (its index is <table>_pkey). */
  primary?: boolean;
}

export type Value = number | string | boolean | null;

export interface Table {
  relname: string;
  columns: ColumnDef[];
  /** The serial sequence's last value. */
  seq: number;
  rows: Value[][];
}

const FIRST_NORMAL_OID = 16384;
const BUILTIN_DATABASES: Record<string, number> = { template1: 1, template0: 4, postgres: 5 };

export class PgStore {
  constructor(
    private readonly fs: FileSystem,
    readonly pgdata: string,
  ) {}

  /** The same store seen through another process's credentials. */
  as(fs: FileSystem): PgStore {
    return new PgStore(fs, this.pgdata);
  }

  private json<T>(path: string): T | undefined {
    const text = this.fs.readFile(path);
    if (text instanceof FsError || !text.startsWith('{')) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      return undefined;
    }
  }

  databases(): Map<string, number> {
    const extra = this.json<{ databases: Record<string, number> }>(`${this.pgdata}/global/1262`)?.databases ?? {};
    return new Map(Object.entries({ ...BUILTIN_DATABASES, ...extra }));
  }

  roles(): string[] {
    return this.json<{ roles: string[] }>(`${this.pgdata}/global/1260`)?.roles ?? ['postgres'];
  }

  setRoles(roles: string[]): FsError | undefined {
    return this.fs.writeFile(`${this.pgdata}/global/1260`, JSON.stringify({ roles }), { mode: 0o600 });
  }

  /** CREATE DATABASE: a copy of template1's files under a new OID. */
  createDatabase(name: string, major: string): FsError | undefined {
    const dbs = this.databases();
    const oid = Math.max(FIRST_NORMAL_OID - 1, ...dbs.values(), ...this.allRelfilenodes()) + 1;
    const dir = `${this.pgdata}/base/${oid}`;
    const e = this.fs.mkdir(dir, { mode: 0o700 });
    if (e) return e;
    for (const [n, c] of databaseFiles(`${this.pgdata}:${oid}`, major)) {
      const w = this.fs.writeFile(`${dir}/${n}`, c, { mode: 0o600 });
      if (w) return w;
    }
    const extra = Object.fromEntries([...dbs].filter(([n]) => !(n in BUILTIN_DATABASES)));
    return this.fs.writeFile(`${this.pgdata}/global/1262`, JSON.stringify({ databases: { ...extra, [name]: oid } }), { mode: 0o600 });
  }

  private allRelfilenodes(): number[] {
    const out: number[] = [];
    for (const oid of this.databases().values()) {
      const names = this.fs.readdir(`${this.pgdata}/base/${oid}`);
      if (!(names instanceof FsError)) for (const n of names) if (/^\d+$/.test(n) && Number(n) >= FIRST_NORMAL_OID) out.push(Number(n));
    }
    return out;
  }

  private dir(db: string): string {
    return `${this.pgdata}/base/${this.databases().get(db) ?? 0}`;
  }

  /** User tables of a database by name, with their relation file. */
  tables(db: string): Map<string, { file: string; table: Table }> {
    const out = new Map<string, { file: string; table: Table }>();
    const dir = this.dir(db);
    const names = this.fs.readdir(dir);
    if (names instanceof FsError) return out;
    for (const n of names) {
      if (!/^\d+$/.test(n) || Number(n) < FIRST_NORMAL_OID) continue;
      const t = this.json<Table>(`${dir}/${n}`);
      if (t?.relname) out.set(t.relname, { file: `${dir}/${n}`, table: t });
    }
    return out;
  }

  table(db: string, name: string): Table | undefined {
    return this.tables(db).get(name)?.table;
  }

  /** Write a table back (a new one gets the next relfilenode). */
  save(db: string, t: Table): FsError | undefined {
    const existing = this.tables(db).get(t.relname);
    const file = existing?.file ?? `${this.dir(db)}/${Math.max(FIRST_NORMAL_OID - 1, ...this.allRelfilenodes()) + 1}`;
    return this.fs.writeFile(file, JSON.stringify(t), { mode: 0o600 });
  }

  drop(db: string, name: string): FsError | undefined {
    const existing = this.tables(db).get(name);
    return existing ? this.fs.unlink(existing.file) : undefined;
  }
}
