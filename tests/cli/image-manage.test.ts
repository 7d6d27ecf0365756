// docker tag / rmi / image prune end to end against createWorld(), with the output
// forms of reference §4.9-4.10 (Untagged:/Deleted: lines, lowercase prune report).
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/core/world';
import { dockerIn } from './world-driver';

describe('tag, rmi and image prune against the simulated daemon', () => {
  it('tag adds a row with the same ID; rmi of one tag only untags', async () => {
    const w = createWorld();
    await dockerIn(w, ['pull', 'hello-world']);
    const tag = await dockerIn(w, ['tag', 'hello-world', 'myhello:v1']);
    expect([tag.code, tag.io.all]).toEqual([0, '']);
    const rows = (await dockerIn(w, ['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'])).io.out
      .trim()
      .split('\n')
      .sort();
    expect(rows).toHaveLength(2);
    expect(rows[0].split(' ')[1]).toBe(rows[1].split(' ')[1]);
    const rmi = await dockerIn(w, ['rmi', 'myhello:v1']);
    expect(rmi.io.out).toBe('Untagged: myhello:v1\n');
    expect(rmi.code).toBe(0);
  });

  it('removing the last tag untags the name and digest, then deletes the image and its layers', async () => {
    const w = createWorld();
    await dockerIn(w, ['pull', 'hello-world']);
    const id = (await dockerIn(w, ['images', '-q', '--no-trunc'])).io.out.trim();
    const r = await dockerIn(w, ['image', 'rm', 'hello-world']);
    const lines = r.io.out.trim().split('\n');
    expect(lines[0]).toBe('Untagged: hello-world:latest');
    expect(lines[1]).toMatch(/^Untagged: hello-world@sha256:[0-9a-f]{64}$/);
    expect(lines[2]).toBe(`Deleted: ${id}`);
    for (const l of lines.slice(3)) expect(l).toMatch(/^Deleted: sha256:[0-9a-f]{64}$/);
    expect((await dockerIn(w, ['images', '-q'])).io.out).toBe('');
  });

  it('a missing image is an error, or only a message with -f', async () => {
    const w = createWorld();
    const r = await dockerIn(w, ['rmi', 'nothere']);
    expect([r.code, r.io.err]).toEqual([1, 'Error response from daemon: No such image: nothere:latest\n']);
    const f = await dockerIn(w, ['rmi', '-f', 'nothere']);
    expect([f.code, f.io.err]).toEqual([0, 'Error response from daemon: No such image: nothere:latest\n']);
  });

  it('image prune -f with nothing dangling reclaims 0B; a moved tag leaves a dangling image to prune', async () => {
    const w = createWorld();
    expect((await dockerIn(w, ['image', 'prune', '-f'])).io.out).toBe('Total reclaimed space: 0B\n');
    await dockerIn(w, ['pull', 'hello-world']);
    await dockerIn(w, ['pull', 'busybox']);
    await dockerIn(w, ['tag', 'busybox', 'hello-world']);
    const dangling = await dockerIn(w, ['images', '--filter', 'dangling=true', '-q']);
    expect(dangling.io.out.trim()).toMatch(/^[0-9a-f]{12}$/);
    const p = await dockerIn(w, ['image', 'prune', '-f']);
    expect(p.io.out).toMatch(
      /^Deleted Images:\n(untagged: .+\n)*(deleted: sha256:[0-9a-f]{64}\n)+\nTotal reclaimed space: \S+B\n$/,
    );
    expect((await dockerIn(w, ['images', '--filter', 'dangling=true', '-q'])).io.out).toBe('');
  });

  it('image prune asks first; anything but y/Y cancels quietly with exit 0', async () => {
    const w = createWorld();
    const r = await dockerIn(w, ['image', 'prune']);
    expect(r.io.out).toBe(
      'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ',
    );
    expect(r.code).toBe(0);
  });
});
