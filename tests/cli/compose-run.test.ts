import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/runner/run-script';
import { PlainWriter, TtyWriter } from '../../src/cli/compose/progress';

/** A project directory with a compose file, images already pulled (pull output is docker pull's, tested elsewhere). */
const setup = (compose: string, images: string[]) =>
  [
    ...images.map((i) => `docker pull -q ${i} > /dev/null`),
    'mkdir app && cd app',
    'cat > compose.yaml <<END',
    compose,
    'END',
  ].join('\n');

const transcriptAfter = (t: string, marker: string) => t.slice(t.indexOf(marker));

describe('docker compose through the laptop’s shell', { timeout: 60_000 }, () => {
  it('up -d, ps, down -v: networks, volumes and containers in depends_on order, with compose’s lines', async () => {
    const script = [
      setup(
        [
          'services:',
          '  web:',
          '    image: nginx',
          '    ports: ["8080:80"]',
          '    depends_on: [db]',
          '  db:',
          '    image: redis',
          '    volumes: [data:/data]',
          'volumes:',
          '  data:',
        ].join('\n'),
        ['nginx', 'redis'],
      ),
      'docker compose up -d',
      'docker compose ps --format "{{.Name}}\\t{{.Service}}\\t{{.State}}\\t{{.Ports}}"',
      'docker network ls --filter name=app --format "{{.Name}} {{.Driver}}"',
      'docker compose down -v',
      'docker volume ls -q',
    ].join('\n');
    const r = await runScript(script);
    expect(transcriptAfter(r.transcript, '$ docker compose up')).toBe(
      [
        '$ docker compose up -d',
        ' Network app_default  Creating',
        ' Network app_default  Created',
        ' Volume app_data  Creating',
        ' Volume app_data  Created',
        ' Container app-db-1  Creating',
        ' Container app-db-1  Created',
        ' Container app-web-1  Creating',
        ' Container app-web-1  Created',
        ' Container app-db-1  Starting',
        ' Container app-db-1  Started',
        ' Container app-web-1  Starting',
        ' Container app-web-1  Started',
        '[exit 0]',
        '$ docker compose ps --format "{{.Name}}\\t{{.Service}}\\t{{.State}}\\t{{.Ports}}"',
        'app-db-1\tdb\trunning\t6379/tcp',
        'app-web-1\tweb\trunning\t0.0.0.0:8080->80/tcp, [::]:8080->80/tcp',
        '[exit 0]',
        '$ docker network ls --filter name=app --format "{{.Name}} {{.Driver}}"',
        'app_default bridge',
        '[exit 0]',
        '$ docker compose down -v',
        ' Container app-web-1  Stopping',
        ' Container app-web-1  Stopped',
        ' Container app-web-1  Removing',
        ' Container app-web-1  Removed',
        ' Container app-db-1  Stopping',
        ' Container app-db-1  Stopped',
        ' Container app-db-1  Removing',
        ' Container app-db-1  Removed',
        ' Network app_default  Removing',
        ' Network app_default  Removed',
        ' Volume app_data  Removing',
        ' Volume app_data  Removed',
        '[exit 0]',
        '$ docker volume ls -q',
        '[exit 0]',
        '',
      ].join('\n'),
    );
  });

  it('labels containers as compose does and puts them on the project network, where services find each other by name', async () => {
    const script = [
      setup(
        ['services:', '  web:', '    image: nginx', '    environment:', '      MODE: ${MODE:-dev}'].join(
          '\n',
        ),
        ['nginx'],
      ),
      'docker compose up -d',
      'docker inspect app-web-1 --format \'{{index .Config.Labels "com.docker.compose.project"}} {{index .Config.Labels "com.docker.compose.service"}} {{index .Config.Labels "com.docker.compose.container-number"}} {{.HostConfig.NetworkMode}}\'',
      'docker run --rm --network app_default nginx curl -s http://web/ | grep -o "Welcome to nginx" | head -1',
      'docker run --rm nginx curl -s http://web/',
      'docker exec app-web-1 printenv MODE',
    ].join('\n');
    const r = await runScript(script);
    expect(r.steps.slice(-4).map((s) => [s.output, s.status])).toEqual([
      ['app web 1 app_default\n', 0],
      ['Welcome to nginx\n', 0],
      // the default bridge has no embedded DNS: curl cannot resolve the name
      ['', 6],
      ['dev\n', 0],
    ]);
  });

  it('attached up prints each container’s output with its prefix and ends when they exit', async () => {
    const r = await runScript(
      setup('services:\n  hello:\n    image: hello-world', ['hello-world']) + '\ndocker compose up',
    );
    const out = r.steps[r.steps.length - 1];
    expect(out.status).toBe(0);
    const lines = out.output.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      ' Network app_default  Creating',
      ' Network app_default  Created',
      ' Container app-hello-1  Creating',
      ' Container app-hello-1  Created',
      'Attaching to hello-1',
      'hello-1  | ',
    ]);
    expect(lines).toContain('hello-1  | Hello from Docker!');
    expect(lines.at(-2)).toBe('\r\x1b[Khello-1 exited with code 0');
  });

  it('Ctrl-C stops an attached up gracefully (exit 130); logs and stop/start work on the project', async () => {
    const r = await runScript(
      setup('services:\n  web:\n    image: nginx', ['nginx']) +
        '\ndocker compose up\ndocker compose start\ndocker compose logs --tail 1\ndocker compose stop\ndocker compose ps -a --format "{{.Name}} {{.State}}"',
    );
    const [up, start, logs, stop, ps] = r.steps.slice(-5);
    expect(up.interrupted).toBe(true);
    expect(up.status).toBe(130);
    expect(up.output).toContain(
      'Gracefully Stopping... press Ctrl+C again to force\n Container app-web-1  Stopping\n',
    );
    expect(up.output).toContain(' Container app-web-1  Stopped\n');
    expect(start.output).toBe(' Container app-web-1  Starting\n Container app-web-1  Started\n');
    // the workers' PIDs follow what the real entrypoint forked through dash
    expect(logs.output).toMatch(/^web-1 {2}\| .*start worker process \d+\n$/);
    expect(up.output).toContain('Attaching to web-1\nweb-1  | /docker-entrypoint.sh:');
    expect(stop.output).toBe(' Container app-web-1  Stopping\n Container app-web-1  Stopped\n');
    expect(ps.output).toBe('app-web-1 exited\n');
  });

  it('reports compose errors on stderr with exit 1', async () => {
    const r = await runScript(
      [
        'mkdir app && cd app',
        'docker compose ps',
        "printf 'services:\\n  web:\\n    image: nginx\\n    foo: 1\\n' > compose.yaml",
        'docker compose up -d',
        'docker compose exec web ls',
        'docker compose frobnicate',
      ].join('\n'),
    );
    expect(r.steps.slice(1).map((s) => [s.output, s.status])).toEqual([
      ['no configuration file provided: not found\n', 1],
      ['', 0],
      [
        "validating /home/student/app/compose.yaml: services.web additional properties 'foo' not allowed\n",
        1,
      ],
      ["Stevedore does not simulate 'docker compose exec' yet.\n", 1],
      ['unknown docker command: "compose frobnicate"\n', 1],
    ]);
  });
});

describe('compose progress writers', () => {
  it('plain: one line per event, operands joined by spaces as fmt.Fprintln does', () => {
    let out = '';
    const w = new PlainWriter({ write: (s) => (out += s) });
    w.event({ id: 'Network app_default', status: 'working', statusText: 'Creating' });
    w.event({ id: 'web', status: 'working', text: 'Pulling' });
    expect(out).toBe(' Network app_default  Creating\n web Pulling \n');
  });

  it('tty: the block drawn in place with spinner or ✔, padded status and a right-aligned timer', () => {
    let out = '';
    let now = 0;
    const w = new TtyWriter(
      { write: (s) => (out += s) },
      'Running',
      () => now,
      () => ({ columns: 80, rows: 20 }),
      undefined,
    );
    w.event({ id: 'Network app_default', status: 'working', statusText: 'Creating' });
    w.event({ id: 'Network app_default', status: 'done', statusText: 'Created' });
    w.event({ id: 'Container app-db-1', status: 'working', statusText: 'Starting' });
    now = 400;
    w.event({ id: 'Container app-db-1', status: 'done', statusText: 'Started' });
    w.stop();
    const g = (s: string) => `\x1b[32m${s}\x1b[0m`;
    const line = (text: string, timer: string) => {
      const visible = text.replace(/\x1b\[[0-9;]*m/g, '').length; // eslint-disable-line no-control-regex
      return `${text}${' '.repeat(80 - visible - timer.length)}\x1b[34m${timer}\x1b[0m\n`;
    };
    expect(out).toBe(
      '\x1b[1A\x1b[1B\x1b[0G\x1b[?25l[+] Running 2/2\n' +
        line(` ${g('✔')} Network app_default  ${g('Created')}`, '0.0s ') +
        line(` ${g('✔')} Container app-db-1   ${g('Started')}`, '0.4s ') +
        '\x1b[?25h',
    );
  });
});
