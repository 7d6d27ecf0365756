import { describe, expect, it } from 'vitest';
import { buildLayer, OverlayMount, type LayerSpec } from '../../src/core/fs';
import { interpolateTree, parseDotenv, substitute } from '../../src/cli/compose/interpolate';
import { loadProject, normalizeProjectName } from '../../src/cli/compose/load';
import { renderConfig } from '../../src/cli/compose/config';

const HOME = '/home/student';

function load(
  files: LayerSpec,
  opts: { cwd?: string; env?: Record<string, string>; files?: string[]; projectName?: string } = {},
) {
  const mount = new OverlayMount([buildLayer({ [HOME]: { dir: true }, ...files })]);
  const cwd = opts.cwd ?? `${HOME}/app`;
  return loadProject({
    fs: mount.as({ uid: 1000, gid: 1000, cwd }),
    cwd,
    env: { HOME, ...(opts.env ?? {}) },
    files: opts.files ?? [],
    projectName: opts.projectName,
  });
}

const error = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('compose variable substitution', () => {
  const env = { A: 'one', EMPTY: '' };
  const sub = (s: string) => {
    const seen = { unset: [] as string[] };
    return { out: substitute(s, env, 'x', seen), unset: seen.unset };
  };
  it('expands $VAR, ${VAR}, defaults, alternatives and $$', () => {
    expect(sub('$A-${A}-$$A').out).toBe('one-one-$A');
    expect(sub('${MISSING:-d} ${EMPTY:-d} ${EMPTY-d} ${A:+alt} ${MISSING+alt}').out).toBe('d d  alt ');
    expect(sub('${MISSING}x')).toEqual({ out: 'x', unset: ['MISSING'] });
    expect(sub('cost: $5').out).toBe('cost: $5');
  });
  it('reports required and malformed variables as compose does', () => {
    expect(error(() => sub('${NEED:?set it first}'))).toBe(
      'required variable NEED is missing a value: set it first',
    );
    expect(error(() => sub('${A'))).toBe(
      'invalid interpolation format for x.\nYou may need to escape any $ with another $.\n${A',
    );
    const seen = { unset: [] as string[] };
    expect(
      interpolateTree({ services: { web: { image: 'n:${A}', ports: ['${P:-80}:80'] } } }, env, seen),
    ).toEqual({
      services: { web: { image: 'n:one', ports: ['80:80'] } },
    });
  });
  it('reads dotenv files: export, quotes, comments, bare names', () => {
    expect(parseDotenv('# c\nexport A=1\nB="x y\\n"\nC=\'$lit\'\nD=v # note\nE\n')).toEqual([
      ['A', '1'],
      ['B', 'x y\n'],
      ['C', '$lit'],
      ['D', 'v'],
      ['E', null],
    ]);
    expect(parseDotenv('1BAD=x')).toEqual({
      error: 'line 1: unexpected character "1" in variable name "1BAD"',
    });
  });
});

describe('loading a compose project', () => {
  const APP = `${HOME}/app`;
  it('finds compose.yaml, names the project after the directory, resolves paths and environments', () => {
    const p = load(
      {
        [`${APP}/compose.yaml`]: [
          'services:',
          '  web:',
          '    image: nginx:${TAG:-latest}',
          '    ports: ["8080:80", "127.0.0.1:9000:9000/udp"]',
          '    volumes: ["./html:/usr/share/nginx/html:ro", "data:/data", "/cache"]',
          '    environment: [FROM_SHELL, GREETING=hi]',
          '    env_file: web.env',
          '    depends_on: [db]',
          '    command: nginx -g "daemon off;"',
          '  db:',
          '    image: redis',
          '    environment:',
          '      PORT: 6379',
          'volumes:',
          '  data: {}',
        ].join('\n'),
        [`${APP}/web.env`]: 'GREETING=from-file\nLEVEL=debug\n',
        [`${APP}/.env`]: 'TAG=1.29\n',
      },
      { env: { FROM_SHELL: 'shell' } },
    );
    expect(p.name).toBe('app');
    expect(p.workingDir).toBe(APP);
    expect(p.configFiles).toEqual([`${APP}/compose.yaml`]);
    expect(p.services.map((s) => s.name)).toEqual(['db', 'web']);
    const web = p.services[1];
    expect(web.image).toBe('nginx:1.29');
    expect(web.command).toEqual(['nginx', '-g', 'daemon off;']);
    expect(web.environment).toEqual([
      ['GREETING', 'hi'],
      ['LEVEL', 'debug'],
      ['FROM_SHELL', 'shell'],
    ]);
    expect(web.ports).toEqual([
      { target: '80', published: '8080', hostIp: '', protocol: 'tcp' },
      { target: '9000', published: '9000', hostIp: '127.0.0.1', protocol: 'udp' },
    ]);
    expect(web.volumes).toEqual([
      { type: 'bind', source: `${APP}/html`, target: '/usr/share/nginx/html', readOnly: true },
      { type: 'volume', source: 'data', target: '/data', readOnly: false },
      { type: 'volume', source: '', target: '/cache', readOnly: false },
    ]);
    expect(p.services[0].environment).toEqual([['PORT', '6379']]);
    expect(p.volumes.get('data')?.name).toBe('app_data');
    expect(p.networks.get('default')?.name).toBe('app_default');
  });

  it('looks in parent directories, and takes -p, COMPOSE_PROJECT_NAME and name: in that order', () => {
    const files: LayerSpec = {
      [`${APP}/docker-compose.yml`]: 'name: fromfile\nservices:\n  a:\n    image: alpine\n',
      [`${APP}/src`]: { dir: true },
    };
    expect(load(files, { cwd: `${APP}/src` }).name).toBe('fromfile');
    expect(load(files, { env: { COMPOSE_PROJECT_NAME: 'fromenv' } }).name).toBe('fromenv');
    expect(load(files, { projectName: 'flag' }).name).toBe('flag');
    expect(error(() => load(files, { projectName: 'Bad Name' }))).toBe(
      'invalid project name "Bad Name": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number',
    );
    expect(normalizeProjectName('My_App.v2')).toBe('my_appv2');
    expect(error(() => load({}))).toBe('no configuration file provided: not found');
  });

  it('says what compose says about a file that does not validate', () => {
    const bad = (yaml: string) => error(() => load({ [`${APP}/compose.yaml`]: yaml }));
    expect(bad('services:\n  web:\n    image: nginx\n    foo: 1\n')).toBe(
      `validating ${APP}/compose.yaml: services.web additional properties 'foo' not allowed`,
    );
    expect(bad('servics:\n  web:\n    image: nginx\n')).toBe(
      `validating ${APP}/compose.yaml: additional properties 'servics' not allowed`,
    );
    expect(bad('services:\n  web:\n    image: nginx\n    ports: 80\n')).toBe(
      `validating ${APP}/compose.yaml: services.web.ports must be a list`,
    );
    expect(bad('services:\n  web:\n    image: nginx\n    environment: 3\n')).toBe(
      `validating ${APP}/compose.yaml: services.web.environment must be a mapping or a list`,
    );
    expect(bad('services:\n  web:\n    ports: ["80"]\n')).toBe(
      'service "web" has neither an image nor a build context specified: invalid compose project',
    );
    expect(bad('services:\n  web:\n    image: x\n    depends_on: [db]\n')).toBe(
      'service "web" depends on undefined service "db": invalid compose project',
    );
    expect(
      bad('services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n'),
    ).toBe('dependency cycle detected: a -> b -> a');
    expect(bad('services:\n  web:\n    image: x\n    volumes: ["data:/d"]\n')).toBe(
      'service "web" refers to undefined volume data: invalid compose project',
    );
    expect(bad('services:\n  web:\n    image: x\n    networks: [front]\n')).toBe(
      'service "web" refers to undefined network front: invalid compose project',
    );
    expect(bad('services:\n  web:\n    image: x\n    ports: ["abc"]\n')).toBe('invalid containerPort: abc');
    expect(bad('services:\n  web:\n    image: x\n   bad: 1\n')).toMatch(/^yaml: line 4: /);
    expect(bad('services:\n  web:\n    image: x\n    env_file: missing.env\n')).toBe(
      `env file ${APP}/missing.env not found: stat ${APP}/missing.env: no such file or directory`,
    );
  });

  it('refuses valid Compose keys it does not simulate, rather than ignoring them', () => {
    const msg = error(() => load({ [`${APP}/compose.yaml`]: 'services:\n  web:\n    build: .\n' }));
    expect(msg).toBe("services.web.build: Stevedore does not simulate 'build' in compose files yet");
  });

  it('warns about unset variables and the obsolete version attribute', () => {
    const p = load({
      [`${APP}/compose.yaml`]: 'version: "3.8"\nservices:\n  web:\n    image: nginx:$NOPE\n',
    });
    expect(p.warnings).toEqual([
      'The "NOPE" variable is not set. Defaulting to a blank string.',
      `${APP}/compose.yaml: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`,
    ]);
  });

  it('renders the canonical model (config)', () => {
    const p = load({
      [`${APP}/compose.yaml`]:
        'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    volumes: ["./site:/srv"]\n',
    });
    expect(renderConfig(p, { format: 'yaml', quiet: false })).toBe(
      [
        'name: app',
        'services:',
        '  web:',
        '    image: nginx',
        '    networks:',
        '      default: null',
        '    ports:',
        '      - mode: ingress',
        '        target: 80',
        '        published: "8080"',
        '        protocol: tcp',
        '    volumes:',
        '      - type: bind',
        `        source: ${APP}/site`,
        '        target: /srv',
        '        bind:',
        '          create_host_path: true',
        'networks:',
        '  default:',
        '    name: app_default',
        '',
      ].join('\n'),
    );
    expect(renderConfig(p, { format: 'yaml', quiet: false, list: 'services' })).toBe('web\n');
  });
});
