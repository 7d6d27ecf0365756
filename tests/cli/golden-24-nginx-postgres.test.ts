// Transcript 24: official-image entrypoints: postgres refuses to start without a password
// (exit 1), initialises with one (VOLUME -> an anonymous volume, STOPSIGNAL SIGINT), nginx's
// entrypoint output and STOPSIGNAL SIGQUIT (a fast stop with exit 0).
import { goldenSuite } from './containers-golden';

const IPV6 =
  "nginx's 10-listen-on-ipv6-by-default.sh finds no /proc/net/if_inet6 in the simulated procfs and says 'ipv6 not available'";

goldenSuite('24-nginx-postgres.txt', 'transcript 24: nginx and postgres', {
  images: ['nginx', 'postgres:16'],
  gaps: {
    'docker logs db': 'the simulated initdb stops after "creating configuration files"',
    "docker exec db psql -U postgres -c 'select 1'": 'psql is not simulated',
    'docker logs --tail 8 db': "postgres' background PIDs and WAL positions differ",
    'docker logs web': `${IPV6}; the laptop's kernel and 4 CPUs (4 workers) also differ from the recording machine's`,
    'docker diff web': `${IPV6}, so default.conf is not changed`,
    'docker logs --tail 12 web': 'the laptop has 4 CPUs: nginx starts 4 workers where the recording had 2',
  },
});
