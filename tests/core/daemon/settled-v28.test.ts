// Two behaviours settled from moby v28's sources (a 20.10 engine differs on both):
// - `docker exec c ""`: the API takes Cmd [""] (only an empty Cmd is refused),
//   runc's LookPath("") fails, and setExitCodeFromError maps "executable file not
//   found" to 127 (20.10's translateContainerdStartErr left 126);
// - `docker commit` of a container without labels: merge() gives the config an
//   empty map, stored as "Labels":{}, but image inspect's Config is an OCI image
//   config whose Labels is omitempty, re-filled as null (moby#50134), where 20.10 showed {}.
import { describe, expect, it } from 'vitest';
import { api, exec, json, runDetached, worldWith } from './containers-harness';

describe('settled against moby v28', () => {
  it('exec of an empty command: created, fails to start with runc\'s message, exit code 127', async () => {
    const w = await worldWith(['alpine:latest']);
    await runDetached(w, { Image: 'alpine:latest', Cmd: ['sleep', '600'] }, 'box');
    const r = await exec(w, 'box', ['']);
    expect(r.status).toBe(201);
    expect(r.code).toBe(127);
    expect(r.out).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "": executable file not found in $PATH: unknown\r\n',
    );
    // detached, the start request itself fails: startInvalidConfigError, a 400, with the same text
    const c = json(await api(w, 'POST', '/containers/box/exec', {}, { Cmd: [''] })) as { Id: string };
    const s = await api(w, 'POST', `/exec/${c.Id}/start`, {}, { Detach: true });
    expect([s.status, (json(s) as { message: string }).message]).toEqual([
      400,
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "": executable file not found in $PATH: unknown',
    ]);
    expect((json(await api(w, 'GET', `/exec/${c.Id}/json`)) as { ExitCode: number }).ExitCode).toBe(127);
    // an empty Cmd is what the API refuses
    const none = await api(w, 'POST', '/containers/box/exec', {}, { Cmd: [] });
    expect([none.status, (json(none) as { message: string }).message]).toEqual([400, 'No exec command specified']);
  });

  it('commit without labels: the stored config has Labels {}, image inspect shows null', async () => {
    const w = await worldWith(['alpine:latest']);
    await runDetached(w, { Image: 'alpine:latest', Cmd: ['sleep', '600'] }, 'box');
    const r = await api(w, 'POST', '/commit', { container: 'box', repo: 'snap', tag: '1' });
    expect(r.status).toBe(201);
    const id = (json(r) as { Id: string }).Id;
    const img = json(await api(w, 'GET', '/images/snap:1/json')) as { Config: Record<string, unknown> };
    expect(img.Config.Labels).toBeNull();
    expect(w.images.store.config(id).config.Labels).toEqual({});
    // a label the container had is kept
    await runDetached(w, { Image: 'alpine:latest', Cmd: ['sleep', '600'], Labels: { tier: 'web' } }, 'labelled');
    await api(w, 'POST', '/commit', { container: 'labelled', repo: 'snap', tag: '2' });
    const two = json(await api(w, 'GET', '/images/snap:2/json')) as { Config: Record<string, unknown> };
    expect(two.Config.Labels).toEqual({ tier: 'web' });
  });
});
