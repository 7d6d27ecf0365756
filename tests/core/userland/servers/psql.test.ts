import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLayer, OverlayMount } from '../../../../src/core/fs';
import { NetNamespace } from '../../../../src/core/kernel/network';
import { SIGNALS } from '../../../../src/core/kernel/signals';
import { Pipe } from '../../../../src/core/kernel/stream';
import { serverPrograms } from '../../../../src/core/userland/servers';
import { executeQuery, type EngineEnv, type StatementResult } from '../../../../src/core/userland/servers/pg-engine';
import { PgStore } from '../../../../src/core/userland/servers/pg-store';
import { errorPosition, formatError, formatRows } from '../../../../src/core/userland/servers/psql-print';
import { interpolate, splitStatements } from '../../../../src/core/userland/servers/psql';
import { toolPrograms } from '../../../../src/core/userland/tools';
import type { FileSystem } from '../../../../src/core/userland/types';
import { Machine } from '../harness';
import { PG_ENV, postgresImage } from './images';

const ENV: EngineEnv = { version: { major: '16', short: '16.9', debian: '16.9-1.pgdg120+1' }, now: Date.UTC(2026, 10, 27, 21, 21, 24, 123), user: 'postgres', wal: () => undefined };

/** A data directory on a scratch overlay, as initdb leaves base/5. */
const filesOf = new WeakMap<PgStore, FileSystem>();
function freshStore(): PgStore {
  const fs: FileSystem = new OverlayMount([buildLayer({ '/data/base/5/PG_VERSION': '16\n', '/data/global': { dir: true } })]);
  const store = new PgStore(fs, '/data');
  filesOf.set(store, fs);
  return store;
}

/** What psql -c would print for each result. */
function psqlOutput(results: StatementResult[], sql: string): { out: string; err: string } {
  let out = '';
  let err = '';
  for (const r of results) {
    for (const n of r.notices ?? []) err += `NOTICE:  ${n}\n`;
    if (r.kind === 'rows') out += formatRows(r, { tuplesOnly: false, unaligned: false });
    else if (r.kind === 'command') out += `${r.tag}\n`;
    else if (r.kind === 'error') err += formatError(r, sql);
    else err += `unsupported: ${r.what}\n`;
  }
  return { out, err };
}

function sql(store: PgStore, text: string) {
  return psqlOutput(executeQuery(store, 'postgres', text, ENV), text);
}

describe('psql output', () => {
  it("prints SELECT 1 as transcript 24 shows it", () => {
    expect(sql(freshStore(), 'select 1')).toEqual({ out: ' ?column? \n----------\n        1\n(1 row)\n\n', err: '' });
  });

  it('centres headers, right-aligns numbers, leaves the last text column unpadded', () => {
    const s = freshStore();
    expect(sql(s, "select 42 as answer, 'hi' as greeting, 'x' as c").out).toBe(' answer | greeting | c \n--------+----------+---\n     42 | hi       | x\n(1 row)\n\n');
    expect(sql(s, 'select 1 where false').out).toBe(' ?column? \n----------\n(0 rows)\n\n');
    expect(sql(s, 'select null as n, true, 7 / 2, 7 % 3, 1.5 * 2, \'a\' || 1').out).toBe(' n | bool | ?column? | ?column? | ?column? | ?column? \n---+------+----------+----------+----------+----------\n   | t    |        3 |        1 |      3.0 | a1\n(1 row)\n\n');
  });

  it('names columns as PostgreSQL does and answers version(), current_user, now()', () => {
    const s = freshStore();
    expect(sql(s, 'select version()').out).toBe(
      '                                                       version                                                       \n---------------------------------------------------------------------------------------------------------------------\n PostgreSQL 16.9 (Debian 16.9-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit\n(1 row)\n\n',
    );
    expect(sql(s, 'select current_user, current_database(), 1::text, now()').out).toBe(' current_user | current_database | text |              now              \n--------------+------------------+------+-------------------------------\n postgres     | postgres         | 1    | 2026-11-27 21:21:24.123000+00\n(1 row)\n\n');
  });

  it("puts the cursor under the error's position, cutting long lines as libpq does", () => {
    expect(errorPosition('select * from x', 15)).toBe('LINE 1: select * from x\n                      ^\n');
    expect(errorPosition('select 1;\nselec 2', 11)).toBe('LINE 2: selec 2\n        ^\n');
    const long = `select ${'a, '.repeat(40)}zz from t`;
    const shown = errorPosition(long, long.indexOf('zz') + 1);
    expect(shown.split('\n')[0]).toMatch(/^LINE 1: \.\.\..*zz from t$/);
    expect(shown.split('\n')[1].indexOf('^')).toBe(shown.split('\n')[0].indexOf('zz'));
  });
});

describe('the SQL subset', () => {
  it('creates, fills, queries, updates, deletes and drops a table', () => {
    const s = freshStore();
    expect(sql(s, 'CREATE TABLE notes (id serial PRIMARY KEY, body varchar(10) NOT NULL, stars int)').out).toBe('CREATE TABLE\n');
    expect(sql(s, "INSERT INTO notes (body, stars) VALUES ('a', 3), ('b', 5), ('c', NULL)").out).toBe('INSERT 0 3\n');
    expect(sql(s, 'SELECT * FROM notes WHERE stars > 2 ORDER BY stars DESC').out).toBe(' id | body | stars \n----+------+-------\n  2 | b    |     5\n  1 | a    |     3\n(2 rows)\n\n');
    expect(sql(s, 'SELECT count(*), sum(stars), max(body) FROM notes').out).toBe(' count | sum | max \n-------+-----+-----\n     3 |   8 | c\n(1 row)\n\n');
    expect(sql(s, "UPDATE notes SET stars = stars + 1 WHERE body = 'a'").out).toBe('UPDATE 1\n');
    expect(sql(s, 'DELETE FROM notes WHERE stars IS NULL').out).toBe('DELETE 1\n');
    expect(sql(s, 'SELECT body, stars FROM notes ORDER BY 2').out).toBe(' body | stars \n------+-------\n a    |     4\n b    |     5\n(2 rows)\n\n');
    // a new store on the same files sees the same rows: they are in base/5/16384
    const again = new PgStore(filesOf.get(s)!, '/data');
    expect(again.table('postgres', 'notes')?.rows).toEqual([[1, 'a', 4], [2, 'b', 5]]);
    expect(sql(s, 'DROP TABLE notes').out).toBe('DROP TABLE\n');
    expect(sql(s, 'DROP TABLE IF EXISTS notes')).toEqual({ out: 'DROP TABLE\n', err: 'NOTICE:  table "notes" does not exist, skipping\n' });
  });

  it("reports PostgreSQL's errors with their positions, details and hints", () => {
    const s = freshStore();
    sql(s, 'create table t (id integer primary key, name text not null)');
    const cases: [string, string][] = [
      ['select * from nope', 'ERROR:  relation "nope" does not exist\nLINE 1: select * from nope\n                      ^\n'],
      ['selec 1', 'ERROR:  syntax error at or near "selec"\nLINE 1: selec 1\n        ^\n'],
      ['select 1 +', 'ERROR:  syntax error at end of input\nLINE 1: select 1 +\n                  ^\n'],
      ['select x from t', 'ERROR:  column "x" does not exist\nLINE 1: select x from t\n               ^\n'],
      ["insert into t values ('one', 'a')", 'ERROR:  invalid input syntax for type integer: "one"\nLINE 1: insert into t values (\'one\', \'a\')\n' + ' '.repeat(30) + '^\n'],
      ['insert into t values (1)', 'ERROR:  null value in column "name" of relation "t" violates not-null constraint\nDETAIL:  Failing row contains (1, null).\n'],
      ['create table t (a int)', 'ERROR:  relation "t" already exists\n'],
      ['drop table nope', 'ERROR:  table "nope" does not exist\n'],
      ['select 1 / 0', 'ERROR:  division by zero\n'],
      ["select name + 1 from t", 'ERROR:  operator does not exist: text + integer\nLINE 1: select name + 1 from t\n                    ^\nHINT:  No operator matches the given name and argument types. You might need to add explicit type casts.\n'],
      ['insert into t (id, nope) values (1, 2)', 'ERROR:  column "nope" of relation "t" does not exist\nLINE 1: insert into t (id, nope) values (1, 2)\n                           ^\n'],
    ];
    for (const [q, err] of cases) expect(sql(s, q), q).toEqual({ out: '', err });
    sql(s, "insert into t values (1, 'a')");
    expect(sql(s, "insert into t values (1, 'b')").err).toBe('ERROR:  duplicate key value violates unique constraint "t_pkey"\nDETAIL:  Key (id)=(1) already exists.\n');
  });

  it('a statement outside the subset is named, never answered', () => {
    const s = freshStore();
    for (const q of ['select a from t1 join t2 on true', 'alter table t add column x int', 'select 1 union select 2', 'select lpad(\'a\', 3)', 'grant all on t to bob']) {
      const r = executeQuery(s, 'postgres', q, ENV);
      expect(r.at(-1)?.kind, q).toBe('unsupported');
    }
  });

  it('a syntax error anywhere in a query string runs none of it (the server parses it whole)', () => {
    const s = freshStore();
    expect(sql(s, 'create table a (x int); selec 1').err).toMatch(/^ERROR: {2}syntax error at or near "selec"/);
    expect(s.table('postgres', 'a')).toBeUndefined();
  });

  it('keeps a table as a model list would, across reopening the files (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ op: fc.constant('insert' as const), v: fc.integer({ min: -1000, max: 1000 }) }), fc.record({ op: fc.constant('delete' as const), v: fc.integer({ min: -1000, max: 1000 }) })), { maxLength: 30 }),
        (ops) => {
          const s = freshStore();
          sql(s, 'create table n (id serial, v integer)');
          let model: { id: number; v: number }[] = [];
          let next = 0;
          for (const o of ops) {
            if (o.op === 'insert') {
              expect(sql(s, `insert into n (v) values (${o.v})`).out).toBe('INSERT 0 1\n');
              model.push({ id: ++next, v: o.v });
            } else {
              const n = model.filter((r) => r.v === o.v).length;
              expect(sql(s, `delete from n where v = ${o.v}`).out).toBe(`DELETE ${n}\n`);
              model = model.filter((r) => r.v !== o.v);
            }
          }
          const reopened = new PgStore(filesOf.get(s)!, '/data');
          expect(reopened.table('postgres', 'n')?.rows).toEqual(model.map((r) => [r.id, r.v]));
          const r = executeQuery(reopened, 'postgres', 'select v from n order by v', ENV)[0];
          expect(r.kind === 'rows' && r.rows.map((x) => Number(x[0]))).toEqual(model.map((m) => m.v).sort((a, b) => a - b));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('psql splits scripts at semicolons outside quotes and interpolates :variables', () => {
    expect(splitStatements("select ';'; -- a ; comment\nselect 2;\nselect")).toEqual({ complete: ["select ';';", " -- a ; comment\nselect 2;"], rest: '\nselect' });
    const vars = new Map([['db', "o'k"]]);
    expect(interpolate("select :'db', :\"db\", :db, ':db', 1::int", vars)).toBe("select 'o''k', \"o'k\", o'k, ':db', 1::int");
  });
});

describe('psql against the server in the container', () => {
  async function started() {
    const m = new Machine({ container: true, programs: [...toolPrograms(), ...serverPrograms()], files: postgresImage(), sys: { net: new NetNamespace('db', { ip: '172.17.0.3' }) } });
    const log = new Pipe();
    const pm = m.spawn(['docker-entrypoint.sh', 'postgres'], { env: { ...PG_ENV, POSTGRES_PASSWORD: 'secret' } }, log, log);
    await m.advance(3000);
    expect(pm.alive).toBe(true);
    return { m, pm, log };
  }

  it('psql -c through /usr/bin/psql (pg_wrapper); a backend process serves it and exits', async () => {
    const { m } = await started();
    const before = [...m.kernel.processes.values()].filter((p) => p.alive).length;
    const r = await m.run(['psql', '-U', 'postgres', '-c', 'select 1'], { env: PG_ENV });
    expect(r).toMatchObject({ stdout: ' ?column? \n----------\n        1\n(1 row)\n\n', stderr: '', code: 0 });
    expect([...m.kernel.processes.values()].filter((p) => p.alive).length).toBe(before);
    // as root without -U: there is no role "root"
    expect(await m.run(['psql', '-c', 'select 1'], { env: PG_ENV })).toMatchObject({ stderr: 'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  role "root" does not exist\n', code: 2 });
    expect((await m.run(['psql', '-U', 'postgres', '-c', 'select nope'], { env: PG_ENV })).code).toBe(1);
    expect(await m.run(['psql', '-U', 'postgres', '-c', 'vacuum'], { env: PG_ENV })).toMatchObject({ stdout: '', code: 1, stderr: expect.stringMatching(/^Stevedore's psql does not simulate the VACUUM statement/) });
  });

  it('-f with ON_ERROR_STOP names the file and line, and stops with status 3', async () => {
    const { m } = await started();
    m.fs.writeFile('/tmp/s.sql', "create table t (id int);\n\ninsert into t values (1);\nselect nope\n  from t;\ninsert into t values (2);\n");
    const r = await m.run(['psql', '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-f', '/tmp/s.sql'], { env: PG_ENV });
    expect(r).toMatchObject({ stdout: 'CREATE TABLE\nINSERT 0 1\n', code: 3 });
    expect(r.stderr).toBe('psql:/tmp/s.sql:5: ERROR:  column "nope" does not exist\nLINE 1: select nope\n               ^\n');
    const all = await m.run(['psql', '-U', 'postgres', '-t', '-c', 'select count(*) from t'], { env: PG_ENV });
    expect(all.stdout).toBe('     1\n\n');
  });

  it('interactive psql: banner, prompts, a statement over two lines, \\dt and \\q', async () => {
    const { m } = await started();
    const input = new Pipe();
    const out = new Pipe();
    let screen = '';
    out.onData((c) => (screen += c));
    const p = m.spawn(['psql', '-U', 'postgres'], { env: PG_ENV, tty: true, stdin: input }, out, out);
    await m.advance(50);
    for (const line of ['create table pets (name text);', 'select 1', '+ 1;', '\\dt', '\\q']) {
      input.write(`${line}\n`);
      await m.advance(50);
    }
    expect(await p.exited).toEqual({ code: 0 });
    expect(screen).toBe(
      'psql (16.9 (Debian 16.9-1.pgdg120+1))\nType "help" for help.\n\npostgres=# CREATE TABLE\npostgres=# postgres-# ' +
        ' ?column? \n----------\n        2\n(1 row)\n\npostgres=# ' +
        '         List of relations\n Schema | Name | Type  |  Owner   \n--------+------+-------+----------\n public | pets | table | postgres\n(1 row)\n\npostgres=# ',
    );
  });

  it('no server: the socket is missing; a stopping server terminates the session', async () => {
    const { m, pm } = await started();
    m.kernel.signal(pm, SIGNALS.SIGINT);
    await m.advance(500);
    expect(await m.run(['psql', '-U', 'postgres', '-c', 'select 1'], { env: PG_ENV })).toMatchObject({
      stderr: 'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n',
      code: 2,
    });
  });
});
