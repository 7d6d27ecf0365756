// `docker inspect` on a container runs -f templates over container.InspectResponse,
// as the real CLI does (outputs from transcripts 07, 09, 10, 13, 19).
import { describe, expect, it } from 'vitest';
import { runDocker } from '../../src/cli/docker';
import { ReplayClient, captureIO } from './engine-replay';
import type { Exchange } from './engine-replay';

const container = (name: string, over: Record<string, unknown>) => ({
  Id: 'f'.repeat(64),
  Created: '2026-11-27T21:20:00.123456789Z',
  Path: 'python3',
  Args: [],
  State: {
    Status: 'running',
    Running: true,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: 4242,
    ExitCode: 0,
    Error: '',
    StartedAt: '2026-11-27T21:20:01Z',
    FinishedAt: '0001-01-01T00:00:00Z',
  },
  Image: 'sha256:' + 'b'.repeat(64),
  Name: '/' + name,
  RestartCount: 0,
  Driver: 'overlay2',
  Platform: 'linux',
  ExecIDs: null,
  HostConfig: { Memory: 0, Binds: null, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } },
  GraphDriver: { Data: {}, Name: 'overlay2' },
  Mounts: [],
  Config: {
    Hostname: 'ffffffffffff',
    Env: ['PATH=/usr/bin'],
    Cmd: ['python3'],
    Image: 'python:3.13',
    Entrypoint: null,
    Labels: {},
  },
  NetworkSettings: { Networks: { bridge: { IPAddress: '172.17.0.2' } } },
  ...over,
});

async function inspect(format: string, body: unknown, name = 'c') {
  const exchanges: Exchange[] = [
    { req: { method: 'GET', path: `/containers/${name}/json`, query: {} }, res: { status: 200, body } },
  ];
  const io = captureIO();
  const code = await runDocker(['inspect', '-f', format, name], io, new ReplayClient(exchanges));
  return { code, out: io.out, err: io.err };
}

describe('docker inspect on containers', () => {
  it('typed values: nil slices print [], absent Health is <nil>, maps stay maps', async () => {
    const r = await inspect(
      '{{.State.Status}} {{.State.Health}} {{.Config.Entrypoint}} {{.ExecIDs}} {{.HostConfig.Memory}} {{.Name}}',
      container('c', {}),
    );
    expect(r).toEqual({ code: 0, out: 'running <nil> [] [] 0 /c\n', err: '' });
  });

  it('{{json .Mounts}} omits empty omitempty fields (transcript 09)', async () => {
    const mounts = [
      {
        Type: 'bind',
        Source: '/tmp/demo/data',
        Destination: '/data',
        Mode: '',
        RW: true,
        Propagation: 'rprivate',
      },
    ];
    const r = await inspect('{{json .Mounts}}', container('writer', { Mounts: mounts }), 'writer');
    expect(r.out).toBe(
      '[{"Type":"bind","Source":"/tmp/demo/data","Destination":"/data","Mode":"","RW":true,"Propagation":"rprivate"}]\n',
    );
  });

  it('range over mounts (transcript 10)', async () => {
    const id = '773aacff2998be3f857af4daa02f97a1dfc8eb65dd6e22b21dffc55f5e7b29c4';
    const mounts = [
      {
        Type: 'volume',
        Name: id,
        Source: `/var/lib/docker/volumes/${id}/_data`,
        Destination: '/scratch',
        Driver: 'local',
        Mode: '',
        RW: true,
        Propagation: '',
      },
    ];
    const r = await inspect(
      '{{range .Mounts}}{{.Type}} {{.Name}} -> {{.Destination}}{{end}}',
      container('anon', { Mounts: mounts }),
      'anon',
    );
    expect(r.out).toBe(`volume ${id} -> /scratch\n`);
  });

  it('state fields (transcripts 07, 13, 19)', async () => {
    const state = {
      Status: 'created',
      Running: false,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: 0,
      ExitCode: 127,
      Error: 'exec: "nosuchcommand": executable file not found in $PATH: unknown',
      StartedAt: '0001-01-01T00:00:00Z',
      FinishedAt: '0001-01-01T00:00:00Z',
    };
    const r = await inspect(
      '{{.State.Status}} {{.State.ExitCode}} {{.State.Error}} RestartCount={{.RestartCount}} {{.State.OOMKilled}}',
      container('nocmd', { State: state }),
      'nocmd',
    );
    expect(r.out).toBe(
      'created 127 exec: "nosuchcommand": executable file not found in $PATH: unknown RestartCount=0 false\n',
    );
  });

  it('a named string type is not a string to functions: the raw map fallback answers, as in Docker', async () => {
    expect((await inspect('{{upper .State.Status}}', container('c', {}))).out).toBe('RUNNING\n');
    // in the raw map an omitted field is an error (missingkey=error)
    const r = await inspect('{{upper .State.Status}} {{.State.Health}}', container('c', {}));
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'template parsing error: template: :1:32: executing "" at <.State.Health>: map has no entry for key "Health"\n',
    );
  });
});
