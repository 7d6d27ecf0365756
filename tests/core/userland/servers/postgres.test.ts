import { describe, expect, it } from 'vitest';
import { NetNamespace } from '../../../../src/core/kernel/network';
import { SIGNALS } from '../../../../src/core/kernel/signals';
import { Pipe } from '../../../../src/core/kernel/stream';
import { serverPrograms } from '../../../../src/core/userland/servers';
import { toolPrograms } from '../../../../src/core/userland/tools';
import { Machine } from '../harness';
import { PG_ENV, postgresImage } from './images';

function pgContainer(env: Record<string, string>, files = postgresImage()) {
  const m = new Machine({ container: true, programs: [...toolPrograms(), ...serverPrograms()], files, sys: { net: new NetNamespace('db', { ip: '172.17.0.3' }) } });
  const out = new Pipe();
  const err = new Pipe();
  let log = '';
  out.onData((c) => (log += c));
  err.onData((c) => (log += c));
  const proc = m.spawn(['docker-entrypoint.sh', 'postgres'], { env: { ...PG_ENV, ...env } }, out, err);
  return { m, proc, log: () => log, out, err };
}

/** Log lines with the timestamp replaced, as the transcripts' normalizer does. */
const norm = (s: string) => s.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3})? UTC/g, '<TIME>');

describe('postgres image', () => {
  it('refuses to initialise without POSTGRES_PASSWORD: the entrypoint error, exit 1', async () => {
    const { m, proc, err, out } = pgContainer({});
    await m.advance(1000);
    expect(await proc.exited).toEqual({ code: 1 });
    expect(out.drain()).toBe('');
    expect(err.drain()).toBe(
      'Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n       connections without a password. This is *not* recommended.\n\n       See PostgreSQL documentation about "trust":\n       https://www.postgresql.org/docs/current/auth-trust.html\n',
    );
  });

  it('initialises the cluster as transcript 24 shows, then runs as PID 1 of user postgres on port 5432', async () => {
    const { m, proc, log } = pgContainer({ POSTGRES_PASSWORD: 'secret' });
    await m.advance(5000);
    expect(proc.alive).toBe(true);
    const lines = norm(log()).split('\n');
    const expected = [
      'The files belonging to this database system will be owned by user "postgres".',
      'This user must also own the server process.',
      '',
      'The database cluster will be initialized with locale "en_US.utf8".',
      'The default database encoding has accordingly been set to "UTF8".',
      'The default text search configuration will be set to "english".',
      '',
      'Data page checksums are disabled.',
      '',
      'fixing permissions on existing directory /var/lib/postgresql/data ... ok',
      'creating subdirectories ... ok',
      'selecting dynamic shared memory implementation ... posix',
      'selecting default "max_connections" ... 100',
      'selecting default "shared_buffers" ... 128MB',
      'selecting default time zone ... Etc/UTC',
      'creating configuration files ... ok',
      'running bootstrap script ... ok',
      'performing post-bootstrap initialization ... ok',
      'syncing data to disk ... ok',
      '',
      '',
      'Success. You can now start the database server using:',
      '',
      '    pg_ctl -D /var/lib/postgresql/data -l logfile start',
      '',
      'initdb: warning: enabling "trust" authentication for local connections',
      'initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.',
      /^waiting for server to start\.\.\.\.<TIME> \[\d+\] LOG: {2}starting PostgreSQL 16\.9 \(Debian 16\.9-1\.pgdg120\+1\) on x86_64-pc-linux-gnu, compiled by gcc \(Debian 12\.2\.0-14\) 12\.2\.0, 64-bit$/,
      /^<TIME> \[\d+\] LOG: {2}listening on Unix socket "\/var\/run\/postgresql\/\.s\.PGSQL\.5432"$/,
      /^<TIME> \[\d+\] LOG: {2}database system was shut down at <TIME>$/,
      /^<TIME> \[\d+\] LOG: {2}database system is ready to accept connections$/,
      ' done',
      'server started',
      '',
      '/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*',
      '',
      /^waiting for server to shut down\.\.\.<TIME> \[\d+\] LOG: {2}received fast shutdown request$/,
      /^<TIME> \[\d+\] LOG: {2}aborting any active transactions$/,
      /^<TIME> \[\d+\] LOG: {2}background worker "logical replication launcher" \(PID \d+\) exited with exit code 1$/,
      /^<TIME> \[\d+\] LOG: {2}shutting down$/,
      /^<TIME> \[\d+\] LOG: {2}checkpoint starting: shutdown immediate$/,
      /^<TIME> \[\d+\] LOG: {2}checkpoint complete: wrote 3 buffers \(0\.0%\); 0 WAL file\(s\) added, 0 removed, 0 recycled; write=0\.002 s, sync=0\.001 s, total=0\.009 s; sync files=2, longest=0\.001 s, average=0\.001 s; distance=0 kB, estimate=0 kB; lsn=0\/14E9E40, redo lsn=0\/14E9E40$/,
      /^<TIME> \[\d+\] LOG: {2}database system is shut down$/,
      ' done',
      'server stopped',
      '',
      'PostgreSQL init process complete; ready for start up.',
      '',
      '<TIME> [1] LOG:  starting PostgreSQL 16.9 (Debian 16.9-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit',
      '<TIME> [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432',
      '<TIME> [1] LOG:  listening on IPv6 address "::", port 5432',
      '<TIME> [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"',
      /^<TIME> \[\d+\] LOG: {2}database system was shut down at <TIME>$/,
      '<TIME> [1] LOG:  database system is ready to accept connections',
      '',
    ];
    expect(lines).toHaveLength(expected.length);
    // PIDs from the kernel: the entrypoint's commands (id, mkdir, chmod, find, ls, getent, initdb and
    // its five postgres children, postgres -C, pg_ctl and its postgres -V) come first; the postmaster
    // forks checkpointer, bgwriter, startup, then walwriter, autovacuum and the replication launcher
    const pids = (re: RegExp) => [...norm(log()).matchAll(re)].map((m) => Number(m[1]));
    expect(pids(/\[(\d+)\] LOG: {2}starting PostgreSQL/g)).toEqual([30, 1]);
    expect(pids(/\[(\d+)\] LOG: {2}database system was shut down at/g)).toEqual([33, 44]);
    expect(pids(/\[(\d+)\] LOG: {2}shutting down/g)).toEqual([31]);
    expect(pids(/"logical replication launcher" \(PID (\d+)\)/g)).toEqual([36]);
    expected.forEach((e, i) => (typeof e === 'string' ? expect(lines[i], `line ${i + 1}`).toBe(e) : expect(lines[i], `line ${i + 1}`).toMatch(e)));
    // PID 1 is now the server, running as postgres (gosu), with its helper processes
    expect(proc.argv).toEqual(['postgres']);
    expect(proc.uid).toBe(999);
    const titles = [...m.kernel.processes.values()].map((p) => p.argv[0]);
    expect(titles).toEqual(expect.arrayContaining(['postgres', 'postgres: checkpointer ', 'postgres: background writer ', 'postgres: walwriter ', 'postgres: autovacuum launcher ', 'postgres: logical replication launcher ']));
    // the data directory belongs to postgres and holds a cluster
    expect(m.fs.readFile('/var/lib/postgresql/data/PG_VERSION')).toBe('16\n');
    expect(m.fs.stat('/var/lib/postgresql/data')).toMatchObject({ mode: 0o700, uid: 999 });
    expect(m.fs.stat('/var/lib/postgresql/data/base/5/1259')).toMatchObject({ uid: 999, mode: 0o600 });
    expect(m.fs.readFile('/var/lib/postgresql/data/pg_hba.conf')).toMatch(/\nhost all all all scram-sha-256\n$/);
    expect(m.fs.readFile('/var/lib/postgresql/data/postmaster.pid')).toMatch(/^1\n\/var\/lib\/postgresql\/data\n/);
    expect(m.sys.net.listeners.has('tcp/5432')).toBe(true);
  });

  it('SIGINT (the image STOPSIGNAL) is a fast shutdown with exit 0; the next start skips initialisation', async () => {
    const { m, proc, log } = pgContainer({ POSTGRES_PASSWORD: 'secret' });
    await m.advance(5000);
    const before = log().length;
    m.kernel.signal(proc, SIGNALS.SIGINT);
    await m.advance(100);
    expect(await proc.exited).toEqual({ code: 0 });
    const tail = norm(log().slice(before)).split('\n');
    expect(tail[0]).toBe('<TIME> [1] LOG:  received fast shutdown request');
    expect(tail[1]).toBe('<TIME> [1] LOG:  aborting any active transactions');
    expect(tail[2]).toMatch(/^<TIME> \[1\] LOG: {2}background worker "logical replication launcher" \(PID \d+\) exited with exit code 1$/);
    expect(tail.slice(3, 5).map((l) => l.replace(/\[\d+\]/, '[N]'))).toEqual(['<TIME> [N] LOG:  shutting down', '<TIME> [N] LOG:  checkpoint starting: shutdown immediate']);
    expect(tail[6]).toBe('<TIME> [1] LOG:  database system is shut down');
    expect(m.fs.exists('/var/lib/postgresql/data/postmaster.pid')).toBe(false);

    // a new container on the same data (the volume): no initdb
    const out = new Pipe();
    let second = '';
    out.onData((c) => (second += c));
    const err = new Pipe();
    err.onData((c) => (second += c));
    const p2 = m.spawn(['docker-entrypoint.sh', 'postgres'], { env: { ...PG_ENV, POSTGRES_PASSWORD: 'secret' } }, out, err);
    await m.advance(2000);
    expect(p2.alive).toBe(true);
    expect(norm(second)).toMatch(/^\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n<TIME> \[\d+\] LOG: {2}starting PostgreSQL 16\.9/);
    expect(norm(second)).toContain('LOG:  database system was shut down at <TIME>\n');
  });

  it('after a kill, the next start recovers the database', async () => {
    const { m, proc } = pgContainer({ POSTGRES_PASSWORD: 'secret' });
    await m.advance(5000);
    m.kernel.signal(proc, SIGNALS.SIGKILL);
    await proc.exited;
    const out = new Pipe();
    const err = new Pipe();
    m.spawn(['docker-entrypoint.sh', 'postgres'], { env: { ...PG_ENV } }, out, err);
    await m.advance(2000);
    const log = norm(err.drain());
    expect(log).toMatch(/LOG: {2}database system was interrupted; last known up at <TIME>\n/);
    expect(log).toContain('LOG:  database system was not properly shut down; automatic recovery in progress\n');
    expect(log).toContain('LOG:  checkpoint starting: end-of-recovery immediate wait\n');
    expect(log).toContain('LOG:  database system is ready to accept connections\n');
  });

  it('creates POSTGRES_DB, runs initdb.d scripts, and answers HTTP on 5432 the way a PostgreSQL server does', async () => {
    const files = { ...postgresImage(), '/docker-entrypoint-initdb.d/01-schema.sql': 'CREATE TABLE notes (id serial, body text);\nINSERT INTO notes (body) VALUES (\'a\'), (\'b\');\n' };
    const { m, log } = pgContainer({ POSTGRES_PASSWORD: 'secret', POSTGRES_DB: 'app' }, files);
    await m.advance(5000);
    expect(log()).toContain(' done\nserver started\nCREATE DATABASE\n\n\n/usr/local/bin/docker-entrypoint.sh: running /docker-entrypoint-initdb.d/01-schema.sql\nCREATE TABLE\nINSERT 0 2\n\n\nwaiting for server to shut down...');
    const svc = m.sys.net.accept('172.17.0.3', 5432)!;
    const res = await svc.handle({ method: 'GET', path: '/', host: 'x', headers: {}, body: '', from: '172.17.0.1' });
    expect(res.status).toBe(0);
    expect(norm(log())).toMatch(/<TIME> \[\d+\] LOG: {2}invalid length of startup packet\n$/);
  });

  it('the server refuses to run as root and asks for a data directory', async () => {
    const m = new Machine({ container: true, programs: [...toolPrograms(), ...serverPrograms()], files: postgresImage() });
    const r = await m.run(['postgres'], { env: PG_ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('"root" execution of the PostgreSQL server is not permitted.\nThe server must be started under an unprivileged user ID to prevent\npossible system security compromise.  See the documentation for\nmore information on how to properly start the server.\n');
    const r2 = await m.run(['postgres'], { env: PG_ENV, uid: 999, gid: 999 });
    expect(r2.stderr).toBe('postgres: could not find the database system\nExpected to find it in the directory "/var/lib/postgresql/data",\nbut could not open file "/var/lib/postgresql/data/global/pg_control": No such file or directory\n');
    expect(await m.run(['postgres', '--version'], { env: PG_ENV })).toMatchObject({ code: 0, stdout: 'postgres (PostgreSQL) 16.9 (Debian 16.9-1.pgdg120+1)\n' });
  });
});

describe('postgres image with POSTGRES_USER', () => {
  it('initdb makes POSTGRES_USER the superuser: psql -U app works, postgres is no role', async () => {
    const m = new Machine({ container: true, programs: [...toolPrograms(), ...serverPrograms()], files: postgresImage(), sys: { net: new NetNamespace('db', { ip: '172.17.0.3' }) } });
    const out = new Pipe();
    let log = '';
    out.onData((c) => (log += c));
    const proc = m.spawn(['docker-entrypoint.sh', 'postgres'], { env: { ...PG_ENV, POSTGRES_PASSWORD: 'secret', POSTGRES_USER: 'app' } }, out, out);
    await m.advance(5000);
    expect(proc.alive).toBe(true);
    expect(log).toContain(' done\nserver started\nCREATE DATABASE\n\n\n/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*\n');
    expect(await m.run(['psql', '-U', 'app', '-c', 'select current_user, current_database()'], { env: PG_ENV })).toMatchObject({ stdout: ' current_user | current_database \n--------------+------------------\n app          | app\n(1 row)\n\n', code: 0 });
    expect((await m.run(['psql', '-U', 'postgres', '-c', 'select 1'], { env: PG_ENV })).stderr).toMatch(/FATAL: {2}role "postgres" does not exist\n$/);
  });
});
