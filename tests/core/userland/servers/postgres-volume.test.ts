// A named volume keeps PostgreSQL's data: tables created through psql in one
// container are there for a new container on the same volume (docker rm does
// not touch named volumes), and the second start skips initdb.
import { beforeAll, describe, expect, it } from 'vitest';
import { Laptop } from '../../../cli/containers-world';
import { withImages } from '../../../cli/containers-golden';

describe('postgres data in a named volume', () => {
  let laptop: Laptop;
  const sh = async (line: string) => {
    await laptop.pause(600);
    const r = await laptop.docker(line);
    return { out: r.io.out, err: r.io.err, code: r.code };
  };
  const all = async (line: string) => {
    await laptop.pause(600);
    return (await laptop.docker(line)).io.all;
  };
  beforeAll(async () => {
    laptop = new Laptop();
    await withImages(laptop, ['postgres:16']);
  }, 120_000);

  it('a table written through psql outlives the container', async () => {
    expect((await sh('docker volume create pgdata')).code).toBe(0);
    expect((await sh('docker run -d --name db -e POSTGRES_PASSWORD=secret -v pgdata:/var/lib/postgresql/data postgres:16')).code).toBe(0);
    await laptop.pause(1500);
    expect(await sh(`docker exec db psql -U postgres -c 'CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)'`)).toEqual({ out: 'CREATE TABLE\n', err: '', code: 0 });
    expect(await sh(`docker exec db psql -U postgres -c "INSERT INTO notes (body) VALUES ('first'), ('second')"`)).toEqual({ out: 'INSERT 0 2\n', err: '', code: 0 });
    expect((await sh('docker stop db')).code).toBe(0);
    const tail = await all('docker logs --tail 3 db');
    // the shutdown checkpoint moved past the fresh cluster's position: the inserts were logged
    expect(tail).toMatch(/checkpoint complete: wrote [4-9] buffers .* lsn=0\/14EA[0-9A-F]{3}, redo lsn=0\/14EA[0-9A-F]{3}\n/);
    expect((await sh('docker rm db')).code).toBe(0);

    expect((await sh('docker run -d --name db2 -e POSTGRES_PASSWORD=secret -v pgdata:/var/lib/postgresql/data postgres:16')).code).toBe(0);
    await laptop.pause(500);
    const logs = await sh('docker logs db2');
    expect(logs.out).toBe('\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
    expect(logs.err).toMatch(/LOG: {2}database system was shut down at .*\n.*LOG: {2}database system is ready to accept connections\n$/);
    expect(await sh(`docker exec db2 psql -U postgres -c 'SELECT id, body FROM notes ORDER BY id DESC'`)).toEqual({
      out: ' id |  body  \n----+--------\n  2 | second\n  1 | first\n(2 rows)\n\n',
      err: '',
      code: 0,
    });
    expect(await sh(`docker exec db2 psql -U postgres -c 'SELECT * FROM missing'`)).toEqual({
      out: '',
      err: 'ERROR:  relation "missing" does not exist\nLINE 1: SELECT * FROM missing\n                      ^\n',
      code: 1,
    });
    expect((await sh('docker rm -f db2')).code).toBe(0);
  }, 120_000);
});
