import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock';
import { HostShell } from '../../src/cli/runner/host-shell';
import { loadWorldHost } from '../../src/state/world-host';
import type { Host } from '../../src/state/host';

const tick = () => new Promise<void>((r) => setImmediate(r));

/** Type a command line into the student's shell on the laptop, moving the virtual clock whenever it waits. */
async function sh(host: Host, clock: VirtualClock, line: string): Promise<{ code: number; out: string }> {
  let out = '';
  const shell = new HostShell(host.laptop, {
    terminal: false,
    output: { write: (s) => ((out += s), true), close: () => undefined },
  });
  let status: number | undefined;
  shell.on({ exit: (s) => (status = s.code) });
  for (let idle = 0; !(shell.atPrompt && shell.reading);) {
    await tick();
    if (++idle > 1000) throw new Error('bash did not prompt');
  }
  out = '';
  shell.type(`${line}\nexit $?\n`);
  for (let idle = 0; status === undefined;) {
    await tick();
    if (status !== undefined) break;
    if (clock.runNext()) idle = 0;
    else if (++idle > 1000) throw new Error(`stuck: ${out}`);
  }
  // what bash printed after the command: its prompts and `exit`
  const text = out.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
  return { code: status, out: text.replace(/student@laptop:\S*\$ /g, '').replace(/exit\n$/, '') };
}

const docker = (host: Host, clock: VirtualClock, argv: string[]) =>
  sh(host, clock, `docker ${argv.map((a) => `'${a}'`).join(' ')}`);

describe('the world host', { timeout: 30_000 }, () => {
  it('runs docker against the World and shows pulled images with their layers', async () => {
    const clock = new VirtualClock();
    const host = await loadWorldHost(clock);
    const changes: string[] = [];
    host.subscribe(() => changes.push('event'));
    expect(host.images()).toEqual([]);

    const pull = await docker(host, clock, ['pull', 'hello-world']);
    expect(pull.code).toBe(0);
    expect(pull.out).toContain('Status: Downloaded newer image for hello-world:latest');
    expect(changes.length).toBeGreaterThan(0);

    const [image] = host.images();
    expect(image.repoTags).toEqual(['hello-world:latest']);
    expect(image.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(image.layers.length).toBeGreaterThan(0);
    for (const layer of image.layers) {
      expect(layer.diffId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(layer.size).toBeGreaterThan(0);
      // The picture names each layer as the pull did.
      expect(pull.out).toContain(`${layer.blobDigest?.slice(7, 19)}: Pull complete`);
    }
    // Sizes agree with what `docker images` prints for the image.
    const listed = await docker(host, clock, ['images', '--format', '{{.Size}}']);
    const { humanSizeWithPrecision } = await import('../../src/cli/units');
    expect(listed.out.trim()).toBe(
      humanSizeWithPrecision(
        image.layers.reduce((a, l) => a + l.size, 0),
        3,
      ),
    );
  });

  it('offers the CLI command tree for completion', async () => {
    const host = await loadWorldHost(new VirtualClock());
    const tree = host.dockerCommands();
    const names = tree.children.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['pull', 'images', 'run', 'image']));
    const pull = tree.children.find((c) => c.name === 'pull');
    expect(pull?.args[0]).toMatch(/NAME/);
    expect(tree.children.find((c) => c.name === 'image')?.children.map((c) => c.name)).toContain('ls');
  });
});

describe('starting the simulator', () => {
  it('gives the page a turn between its long steps', async () => {
    const { buildWorldHost } = await import('../../src/state/simulator');
    let pauses = 0;
    const host = await buildWorldHost(new VirtualClock(), async () => {
      pauses++;
    });
    // after the chunk's module code, after the World, after the laptop's disk
    expect(pauses).toBe(3);
    expect(host.home).toBe('/home/student');
    expect(host.dockerCommands().children.length).toBeGreaterThan(0);
  });
});
