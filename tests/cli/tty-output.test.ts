// The client's terminal post-processes output (ONLCR) unless an -it session made it raw:
// bytes recorded from the real docker 28 client under a pty (script(1)).
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/runner/run-script';

async function outputs(lines: string[]): Promise<string[]> {
  const r = await runScript(['docker pull -q alpine:3.22', ...lines].join('\n'), { seed: 1, tty: true });
  return r.steps.slice(1).map((s) => s.output);
}

describe("a container terminal's output on the client's terminal", { timeout: 60_000 }, () => {
  it('-t alone leaves the terminal cooked: the pty CR LF shows as CR CR LF', async () => {
    const [out] = await outputs(['docker run -t --name tt1 alpine:3.22 echo hi']);
    expect(out).toBe('hi\r\r\n');
  });

  it('-it makes it raw for the session: CR LF as the pty wrote it, and cooked again afterwards', async () => {
    const [it, after] = await outputs(['docker run -it --rm alpine:3.22 echo hi', 'echo done']);
    expect(it).toBe('hi\r\n');
    expect(after).toBe('done\r\n');
  });

  it('docker logs of a TTY container, on a terminal: CR CR LF', async () => {
    const [, logs] = await outputs(['docker run -t --name tt2 alpine:3.22 echo hi', 'docker logs tt2']);
    expect(logs).toBe('hi\r\r\n');
  });

  it('without a container TTY each LF becomes CR LF once', async () => {
    const [out] = await outputs(['docker run --rm alpine:3.22 echo hi']);
    expect(out).toBe('hi\r\n');
  });

  it('exec -t without -i is cooked too; exec -it raw', async () => {
    const out = await outputs([
      'docker run -d --name box alpine:3.22 sleep 300',
      'docker exec -t box echo hi',
      'docker exec -it box echo hi',
    ]);
    expect(out.slice(1)).toEqual(['hi\r\r\n', 'hi\r\n']);
  });
});
