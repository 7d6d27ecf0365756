// `docker inspect -f` over the typed HostConfig, NetworkSettings and network.Inspect: each
// case is what a real docker 28 client printed for the same body (fixtures/inspect-typed),
// and the CLI against the simulated daemon agrees on the cases the task names.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDocker } from '../../src/cli/docker';
import type { ApiRequest, ApiResponse, EngineClient } from '../../src/core/daemon/api';
import { formatValue, marshalValue, T } from '../../src/cli/go-value';
import type { GoType } from '../../src/cli/go-value';
import { hostConfig } from '../../src/cli/api-types-host';
import { fileModeString } from '../../src/cli/go-file-mode';
import { captureIO } from './engine-replay';
import { Laptop } from './containers-world';
import { withImages } from './containers-golden';

const dir = new URL('../fixtures/inspect-typed/', import.meta.url);
const bodies = JSON.parse(readFileSync(new URL('bodies.json', dir), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;
interface Case {
  argv: string[];
  stdout: string;
  stderr: string;
  code: number;
}
const cases = JSON.parse(readFileSync(new URL('cases.json', dir), 'utf8')) as Case[];

/** The recording's fake daemon: containers and networks by name, 404 for everything else. */
class FixtureDaemon implements EngineClient {
  async request(req: ApiRequest): Promise<ApiResponse> {
    let m = /^\/containers\/([^/]+)\/json$/.exec(req.path);
    if (m && bodies[m[1]]?.HostConfig) return { status: 200, body: bodies[m[1]] };
    m = /^\/networks\/([^/]+)$/.exec(req.path);
    if (m && bodies[m[1]]?.IPAM) return { status: 200, body: bodies[m[1]] };
    return { status: 404, body: { message: `No such object: ${req.path}` } };
  }
}

const addresses = (s: string) => s.replace(/0x[0-9a-f]{10,}/g, '0xADDR');

async function docker(argv: string[], client: EngineClient) {
  const io = captureIO();
  const code = await runDocker(argv, io, client);
  return { code, stdout: addresses(io.out), stderr: addresses(io.err) };
}

describe('templates print the typed Go values the real client prints', () => {
  it.each(cases.map((c) => [c.argv.slice(1).join(' '), c] as const))('docker inspect %s', async (_, c) => {
    expect(await docker(c.argv, new FixtureDaemon())).toEqual({
      code: c.code,
      stdout: c.stdout,
      stderr: c.stderr,
    });
  });

  it('the recording covers each field kind', () => {
    const out = (tmpl: string, name: string) =>
      cases.find((c) => c.argv.at(-2) === tmpl && c.argv.at(-1) === name && c.argv[0] === 'inspect')?.stdout;
    // nil *int64, int64, struct, nil slice, Stringer behind pointers, typed map of slices of structs
    expect(out('{{.HostConfig.PidsLimit}}', 'web')).toBe('<nil>\n');
    expect(out('{{.HostConfig.Memory}}', 'web')).toBe('1073741824\n');
    expect(out('{{.HostConfig.RestartPolicy}}', 'web')).toBe('{no 0}\n');
    expect(out('{{.HostConfig.Binds}}', 'web')).toBe('[]\n');
    expect(out('{{.HostConfig.Ulimits}}', 'opts')).toBe('[nofile=1024:2048]\n');
    expect(out('{{.NetworkSettings.Ports}}', 'web')).toBe('map[80/tcp:[{0.0.0.0 8080} {:: 8080}]]\n');
    expect(out('{{.NetworkSettings.Networks}}', 'web')).toBe('map[bridge:0xADDR]\n');
    expect(out('{{.IPAM.Config}}', 'bridge')).toBe('[{172.17.0.0/16  172.17.0.1 map[]}]\n');
    // an unknown field fails on the typed value, then on the raw map with missingkey=error
    expect(cases.find((c) => c.argv.includes('{{.HostConfig.Nope}}'))?.stderr).toBe(
      'template parsing error: template: :1:13: executing "" at <.HostConfig.Nope>: map has no entry for key "Nope"\n',
    );
  });
});

describe('{{json}} re-marshals the typed struct; plain inspect keeps the raw body', () => {
  it('an old engine body comes out in the client struct order, with omitempty applied', async () => {
    const raw = bodies.old.HostConfig as Record<string, unknown>;
    expect(Object.keys(raw).indexOf('ConsoleSize')).toBeGreaterThan(Object.keys(raw).indexOf('Runtime'));
    expect(raw.KernelMemory).toBe(0);
    const r = await docker(['inspect', '-f', '{{json .HostConfig}}', 'old'], new FixtureDaemon());
    const keys = Object.keys(JSON.parse(r.stdout) as object);
    expect(keys.indexOf('ConsoleSize')).toBe(keys.indexOf('VolumesFrom') + 1);
    expect(keys).not.toContain('KernelMemory');
    // the raw JSON output path is untouched: the daemon's order and every key it sent
    const plain = await docker(['inspect', 'old'], new FixtureDaemon());
    const rawKeys = Object.keys((JSON.parse(plain.stdout) as Array<{ HostConfig: object }>)[0].HostConfig);
    expect(rawKeys).toEqual(Object.keys(raw));
  });

  it('nil pointers, slices and maps marshal as null; absent omitempty fields are left out', () => {
    const g = { t: hostConfig, v: { Binds: null, Init: null, Tmpfs: {}, PidsLimit: null } };
    const json = JSON.parse(marshalValue(g)) as Record<string, unknown>;
    expect(json.Binds).toBeNull();
    expect(json.PidsLimit).toBeNull();
    expect('Init' in json).toBe(false);
    expect('Tmpfs' in json).toBe(false);
    expect(json.Memory).toBe(0);
    expect(json.ConsoleSize).toBeNull(); // a missing array: never sent by a daemon
  });
});

describe('Go printing rules the types need', () => {
  it('fs.FileMode prints through its String method', () => {
    expect(fileModeString(0o1770)).toBe('-rwxrwx---');
    expect(fileModeString(0o644)).toBe('-rw-r--r--');
    expect(fileModeString(0)).toBe('----------');
    // ModeDir | ModeSticky | 0755 (Go's bits, not Unix's)
    expect(fileModeString((2 ** 31 + 2 ** 20 + 0o755) >>> 0)).toBe('dtrwxr-xr-x');
    const mode: GoType = { kind: 'int', name: 'fs.FileMode' };
    expect(formatValue({ t: T.slice(mode), v: [0o700] })).toBe('[-rwx------]');
  });

  it('a String method on a pointer receiver: used through pointers and at the top, not on a copy', () => {
    const s: GoType = {
      kind: 'struct',
      name: 'x.S',
      fields: [{ name: 'A', type: T.string }],
      stringer: (v) => `S(${String(v.A)})`,
    };
    expect(formatValue({ t: T.slice(T.ptr(s)), v: [{ A: 'a' }, null] })).toBe('[S(a) <nil>]');
    expect(formatValue({ t: s, v: { A: 'b' } })).toBe('S(b)');
    expect(formatValue({ t: T.slice(s), v: [{ A: 'c' }] })).toBe('[{c}]');
  });
});

describe('against the simulated daemon', () => {
  let l: Laptop;
  beforeAll(async () => {
    l = new Laptop();
    await withImages(l, ['nginx']);
    await l.run(['run', '-d', '--name', 'web', '-p', '8080:80', '-m', '1g', 'nginx']);
    await l.run(['create', '--name', 'lim', '--pids-limit', '20', '--restart', 'always', 'nginx']);
  }, 120_000);

  const run = async (...argv: string[]) => {
    const r = await l.run(argv);
    return { code: r.code, out: addresses(r.io.out), err: r.io.err };
  };

  it.each([
    ['{{.HostConfig.PidsLimit}}', 'web', '<nil>'],
    ['{{.HostConfig.PidsLimit}}', 'lim', '20'],
    ['{{.HostConfig.Memory}}', 'web', '1073741824'],
    ['{{.HostConfig.RestartPolicy}}', 'web', '{no 0}'],
    ['{{.HostConfig.RestartPolicy}} {{.HostConfig.RestartPolicy.IsAlways}}', 'lim', '{always 0} true'],
    ['{{.HostConfig.Binds}}', 'web', '[]'],
    ['{{.HostConfig.PortBindings}}', 'web', 'map[80/tcp:[{ 8080}]]'],
    ['{{.NetworkSettings.Networks.bridge.IPAddress}}', 'web', '172.17.0.2'],
    ['{{.NetworkSettings.Networks}}', 'web', 'map[bridge:0xADDR]'],
    ['{{.NetworkSettings.Ports}}', 'web', 'map[80/tcp:[{0.0.0.0 8080} {:: 8080}]]'],
    [
      '{{range $k, $v := .NetworkSettings.Ports}}{{$k}}={{range $v}}{{.HostIP}}:{{.HostPort}},{{end}}{{end}}',
      'web',
      '80/tcp=0.0.0.0:8080,:::8080,',
    ],
    ['{{.NetworkSettings.Ports}}', 'lim', 'map[]'],
  ])('%s of %s', async (tmpl, name, want) => {
    expect(await run('inspect', '-f', tmpl, name)).toEqual({ code: 0, out: want + '\n', err: '' });
  });

  it("container.NetworkMode's methods say what the mode is (hostconfig_unix.go)", async () => {
    await l.run(['network', 'create', 'appnet']);
    await l.run(['create', '--name', 'onhost', '--network', 'host', 'nginx']);
    await l.run(['create', '--name', 'onapp', '--network', 'appnet', 'nginx']);
    const tmpl =
      '{{.HostConfig.NetworkMode}} {{.HostConfig.NetworkMode.IsDefault}} {{.HostConfig.NetworkMode.IsHost}} ' +
      '{{.HostConfig.NetworkMode.IsPrivate}} {{.HostConfig.NetworkMode.IsUserDefined}} ' +
      '{{.HostConfig.NetworkMode.NetworkName}} [{{.HostConfig.NetworkMode.UserDefined}}] ' +
      '[{{.HostConfig.NetworkMode.ConnectedContainer}}] {{if .HostConfig.NetworkMode.IsNone}}none{{else}}some{{end}}';
    expect((await run('inspect', '-f', tmpl, 'web', 'onhost', 'onapp')).out).toBe(
      [
        'default true false true false default [] [] some',
        'host false true false false host [] [] some',
        'appnet false false true true appnet [appnet] [] some',
        '',
      ].join('\n'),
    );
  });

  it('an unknown field errors as Docker does', async () => {
    expect(await run('inspect', '-f', '{{.HostConfig.Nope}}', 'web')).toEqual({
      code: 1,
      out: '\n',
      err: 'template parsing error: template: :1:13: executing "" at <.HostConfig.Nope>: map has no entry for key "Nope"\n',
    });
  });

  it('docker network inspect and docker inspect print the typed IPAM config', async () => {
    const want = { code: 0, out: '[{172.17.0.0/16  172.17.0.1 map[]}]\n', err: '' };
    expect(await run('network', 'inspect', '-f', '{{.IPAM.Config}}', 'bridge')).toEqual(want);
    expect(await run('inspect', '-f', '{{.IPAM.Config}}', 'bridge')).toEqual(want);
    expect(await run('inspect', '--type', 'network', '-f', '{{.ConfigFrom}} {{.Peers}}', 'bridge')).toEqual({
      code: 0,
      out: '{} []\n',
      err: '',
    });
  });
});
