import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock';
import type { CommandIO } from '../../src/cli/io';
import { loadWorldHost } from '../../src/state/world-host';
import type { Host } from '../../src/state/host';

const tick = () => new Promise<void>((r) => setImmediate(r));

/** Run `docker …` on the host, moving the virtual clock whenever the command waits on it. */
async function docker(
  host: Host,
  clock: VirtualClock,
  argv: string[],
): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CommandIO = {
    stdout: { write: (s) => (out += s) },
    stderr: { write: (s) => (out += s) },
    isTTY: false,
    columns: 80,
    now: () => clock.now(),
  };
  let code: number | undefined;
  void host.runDocker(argv, io).then((c) => (code = c));
  for (let idle = 0; code === undefined;) {
    await tick();
    if (code !== undefined) break;
    if (clock.runNext()) idle = 0;
    else if (++idle > 1000) throw new Error('docker is stuck');
  }
  return { code, out };
}

describe('the world host', () => {
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
