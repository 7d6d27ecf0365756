// The client's process exits when its command ends and its connections close: the
// daemon stops waiting for it. `docker run -d` sends a wait (next-exit) before the
// start and never reads the answer; a Ctrl-C'd `docker wait` hangs up on its own.
import { describe, expect, it } from 'vitest';
import { Laptop } from './containers-world';
import { withImages } from './containers-golden';
import type { ContainerEntry } from '../../src/core/daemon/containers-entry';
import { ClientConnection } from '../../src/cli/client-connection';
import { createWorld } from '../../src/core/world';
import { RUNNER_EPOCH, runScript } from '../../src/cli/runner/run-script';

async function laptop(): Promise<Laptop> {
  const l = new Laptop();
  await withImages(l, ['alpine']);
  return l;
}

function entry(l: Laptop, name: string): ContainerEntry {
  const c = l.world.daemon.get(name);
  if (!c.ok) throw new Error(c.message);
  return c.value;
}

const waiters = (c: ContainerEntry) => c.exitListeners.size + c.stopListeners.size + c.removeListeners.size;

describe('a client that hangs up', () => {
  it('run -d leaves no wait behind in the daemon, and the container still runs and stops', async () => {
    const l = await laptop();
    const r = await l.run(['run', '-d', '--name', 'bg', 'alpine', 'sleep', '3600']);
    expect(r.code).toBe(0);
    const c = entry(l, 'bg');
    expect(c.running).toBe(true);
    expect(waiters(c)).toBe(0);
    expect((await l.run(['stop', '-t', '1', 'bg'])).code).toBe(0);
    expect((await l.run(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'bg'])).io.out).toBe(
      'exited 137\n',
    );
  });

  it('a foreground run still waits for its container and exits with its code', async () => {
    const l = await laptop();
    const r = await l.run(['run', '--name', 'fg', 'alpine', 'sh', '-c', 'exit 3']);
    expect(r.code).toBe(3);
    expect(waiters(entry(l, 'fg'))).toBe(0);
  });

  it('docker wait stops waiting when Ctrl-C kills it', async () => {
    const world = createWorld({ seed: 1, now: RUNNER_EPOCH });
    const r = await runScript(
      ['docker run -d --name waited alpine sleep 3600', 'docker wait waited', '^C', 'echo back'].join('\n'),
      { world },
    );
    const status = (command: string) => r.steps.find((s) => s.command === command)?.status;
    expect(status('docker run -d --name waited alpine sleep 3600')).toBe(0);
    expect(status('docker wait waited')).toBe(130);
    expect(status('echo back')).toBe(0);
    const c = world.daemon.get('waited');
    if (!c.ok) throw new Error(c.message);
    expect(c.value.running).toBe(true);
    expect(waiters(c.value)).toBe(0);
  });

  it('a wait sent after the hang-up is not kept either', async () => {
    const l = await laptop();
    expect((await l.run(['run', '-d', '--name', 'late', 'alpine', 'sleep', '3600'])).code).toBe(0);
    const c = entry(l, 'late');
    const conn = new ClientConnection(l.world.engine);
    conn.hangUp();
    void conn.request({ method: 'POST', path: `/containers/${c.id}/wait`, query: { condition: 'next-exit' } });
    await Promise.resolve();
    expect(waiters(c)).toBe(0);
  });
});
