// Servers and network clients that run in containers: nginx, PostgreSQL,
// redis, hello-world's /hello, curl, and the images' docker-entrypoint.sh
// scripts with gosu.
import type { ProgramSpec } from '../types';
import { curl } from './curl';
import { dockerEntrypoint, nodeEntrypointProgram, postgresEntrypointProgram, redisEntrypointProgram } from './entrypoint';
import { gosu } from './gosu';
import { hello } from './hello';
import { nginx } from './nginx';
import { pgCtl } from './pg-ctl';
import { initdb } from './pg-initdb';
import { postgres, POSTGRES_RSS } from './postgres';
import { pgWrapper, psql } from './psql';
import { redisServer } from './redis';

export { HELLO_MESSAGE } from './hello';
export { NGINX_VERSION } from './nginx-http';

export function serverPrograms(): ProgramSpec[] {
  return [
    { name: 'nginx', run: nginx, rss: 6_120_000 },
    { name: 'nginx-debug', run: nginx, rss: 6_400_000 },
    { name: 'postgres', run: postgres, rss: POSTGRES_RSS },
    { name: 'initdb', run: initdb, rss: 4_100_000 },
    { name: 'pg_ctl', run: pgCtl, rss: 3_000_000 },
    { name: 'psql', run: psql, rss: 8_800_000 },
    { name: 'pg_wrapper', run: pgWrapper, rss: 9_500_000 },
    { name: 'redis-server', run: redisServer, rss: 3_900_000 },
    { name: 'hello', run: hello, rss: 20_000 },
    { name: 'curl', run: curl, rss: 5_200_000 },
    { name: 'docker-entrypoint.sh', run: dockerEntrypoint, rss: 3_300_000 },
    { name: 'postgres-entrypoint', run: postgresEntrypointProgram, rss: 3_300_000 },
    { name: 'redis-entrypoint', run: redisEntrypointProgram, rss: 1_200_000 },
    { name: 'node-entrypoint', run: nodeEntrypointProgram, rss: 1_200_000 },
    { name: 'gosu', run: gosu, rss: 2_400_000 },
  ];
}
