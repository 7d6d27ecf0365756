import { describe, expect, it } from 'vitest';
import { buildLayer, WHITEOUT } from '../../../src/core/fs/build-layer';
import { lowerTreeOf } from '../../../src/core/fs/lower-tree';
import { OverlayMount } from '../../../src/core/fs/overlay';

const base = buildLayer({ '/etc/a': 'a', '/usr/lib/x': 'x', '/usr/share/doc/readme': 'r' });
const l1 = buildLayer({ '/etc/b': 'b', '/usr/lib': WHITEOUT });
const l2 = buildLayer({ '/opt/app': { dir: true, opaque: true } });

describe('lower trees', () => {
  it('are built once per stack and shared by every mount over it', () => {
    expect(lowerTreeOf([base, l1])).toBe(lowerTreeOf([base, l1]));
    expect(lowerTreeOf([base, l1, l2]).depth).toBe(3);
    expect(lowerTreeOf([base])).not.toBe(lowerTreeOf([l1]));
  });

  it('share the subtrees a layer does not touch with the stack below it', () => {
    const t0 = lowerTreeOf([base]);
    const t1 = lowerTreeOf([base, l1]);
    const t2 = lowerTreeOf([base, l1, l2]);
    expect(t1.lookup('/usr/share')).toBe(t0.lookup('/usr/share'));
    expect(t1.lookup('/usr')).not.toBe(t0.lookup('/usr'));
    expect(t2.lookup('/etc')).toBe(t1.lookup('/etc'));
    expect(t1.lookup('/usr/lib')).toBeUndefined();
    expect(t0.lookup('/usr/lib/x')?.entry).toMatchObject({ kind: 'file', content: 'x' });
  });

  it('record which layer each entry comes from, whatever the depth of the stack', () => {
    const layers = Array.from({ length: 125 }, (_, i) =>
      buildLayer({ [`/l/${i}`]: `${i}`, '/shared/f': `v${i}` }),
    );
    const m = new OverlayMount(layers);
    expect(m.origin('/l/0')).toBe(0);
    expect(m.origin('/l/77')).toBe(77);
    expect(m.origin('/shared/f')).toBe(124);
    expect(m.readFile('/shared/f')).toBe('v124');
    expect((m.readdir('/l') as string[]).length).toBe(125);
  });

  it('a stack that differs only below the top still shares its prefix tree', () => {
    const a = lowerTreeOf([base, l1, l2]);
    const b = lowerTreeOf([base, l1, buildLayer({ '/srv/x': 'x' })]);
    expect(a.lookup('/etc')).toBe(b.lookup('/etc'));
  });
});
