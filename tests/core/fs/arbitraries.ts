// fast-check generators shared by the model and kernel tests: random lower
// stacks over a small path universe, and random operation sequences.
import fc from 'fast-check';
import { buildLayer, WHITEOUT } from '../../../src/core/fs/build-layer';
import type { LayerSpecValue } from '../../../src/core/fs/build-layer';
import type { Layer } from '../../../src/core/fs/layer';
import type { FsView } from '../../../src/core/fs/fs-view';
import type { FlatFs } from './model';

const NAMES = ['a', 'b', 'c'];
export const pathArb = fc
  .array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 })
  .map((p) => '/' + p.join('/'));
export const TARGETS = ['a', 'b', '/a', '/a/b', '../a', '..', '/', 'c/../a', 'missing', '/b/c'];
/** Targets that cannot climb out of a directory tree mounted somewhere on the host (for the kernel test). */
export const RELATIVE_TARGETS = ['a', 'b', 'c', 'b/c', 'a/a', 'missing'];
const modeArb = fc.constantFrom(0o755, 0o700, 0o644, 0o600, 0o777, 0o711);
const textArb = fc.constantFrom('', 'x', 'hello\n', 'line1\nline2\n', 'é€');

type LowerItem =
  | { t: 'file'; text: string; mode: number }
  | { t: 'dir'; mode: number; opaque: boolean }
  | { t: 'symlink'; target: string }
  | { t: 'whiteout' };

const lowerItemArb = (targetArb: fc.Arbitrary<string>): fc.Arbitrary<LowerItem> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        t: fc.constant('file' as const),
        text: textArb,
        mode: fc.constantFrom(0o644, 0o755, 0o600),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant('dir' as const),
        mode: fc.constantFrom(0o755, 0o700),
        opaque: fc.boolean(),
      }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('symlink' as const), target: targetArb }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('whiteout' as const) }) },
  );

const below = (p: string, q: string) => q.startsWith(`${p}/`);

/** A layer from random items, dropping those a single tar could not hold (a child below a non-directory). */
function layerFrom(items: [string, LowerItem][], index: number): Layer {
  const kept = new Map<string, LowerItem>();
  for (const [p, item] of items) {
    if (kept.has(p)) continue;
    const blockedAbove = [...kept].some(([q, it]) => it.t !== 'dir' && below(q, p));
    const blockedBelow = item.t !== 'dir' && [...kept.keys()].some((q) => below(p, q));
    if (!blockedAbove && !blockedBelow) kept.set(p, item);
  }
  const spec: [string, LayerSpecValue][] = [...kept].map(([p, it]) => {
    if (it.t === 'file') return [p, { content: it.text, mode: it.mode }];
    if (it.t === 'dir') return [p, { dir: true, mode: it.mode, opaque: it.opaque }];
    if (it.t === 'symlink') return [p, { symlink: it.target }];
    return [p, WHITEOUT];
  });
  return buildLayer(spec, { mtime: 1_600_000_000_000 + index * 1000 });
}

export const stackOf = (targets: string[], maxLayers = 4): fc.Arbitrary<Layer[]> =>
  fc
    .array(fc.array(fc.tuple(pathArb, lowerItemArb(fc.constantFrom(...targets))), { maxLength: 8 }), {
      minLength: 1,
      maxLength: maxLayers,
    })
    .map((layers) => layers.map((items, i) => layerFrom(items, i)));
export const stackArb = stackOf(TARGETS);

export type Op =
  | { op: 'mkdir'; path: string }
  | { op: 'mkdirp'; path: string }
  | { op: 'writeFile'; path: string; text: string }
  | { op: 'appendFile'; path: string; text: string }
  | { op: 'unlink'; path: string }
  | { op: 'rmdir'; path: string }
  | { op: 'rename'; path: string; to: string }
  | { op: 'chmod'; path: string; mode: number }
  | { op: 'symlink'; path: string; target: string };

export const opOf = (targets: string[]): fc.Arbitrary<Op> => {
  const targetArb = fc.constantFrom(...targets);
  return fc.oneof(
    fc.record({ op: fc.constant('mkdir' as const), path: pathArb }),
    fc.record({ op: fc.constant('mkdirp' as const), path: pathArb }),
    fc.record({ op: fc.constant('writeFile' as const), path: pathArb, text: textArb }),
    fc.record({ op: fc.constant('appendFile' as const), path: pathArb, text: textArb }),
    fc.record({ op: fc.constant('unlink' as const), path: pathArb }),
    fc.record({ op: fc.constant('rmdir' as const), path: pathArb }),
    fc.record({ op: fc.constant('rename' as const), path: pathArb, to: pathArb }),
    fc.record({ op: fc.constant('chmod' as const), path: pathArb, mode: modeArb }),
    fc.record({ op: fc.constant('symlink' as const), path: pathArb, target: targetArb }),
  );
};
export const opArb = opOf(TARGETS);

/** Apply an op to the overlay; returns the errno or 'ok'. */
export function applyToMount(fs: FsView, o: Op): string {
  const err = (() => {
    switch (o.op) {
      case 'mkdir':
        return fs.mkdir(o.path);
      case 'mkdirp':
        return fs.mkdir(o.path, { recursive: true });
      case 'writeFile':
        return fs.writeFile(o.path, o.text);
      case 'appendFile':
        return fs.appendFile(o.path, o.text);
      case 'unlink':
        return fs.unlink(o.path);
      case 'rmdir':
        return fs.rmdir(o.path);
      case 'rename':
        return fs.rename(o.path, o.to);
      case 'chmod':
        return fs.chmod(o.path, o.mode);
      case 'symlink':
        return fs.symlink(o.target, o.path);
    }
  })();
  return err ? err.code : 'ok';
}

export function applyToModel(m: FlatFs, o: Op): string {
  const err = (() => {
    switch (o.op) {
      case 'mkdir':
        return m.mkdir(o.path);
      case 'mkdirp':
        return m.mkdirp(o.path);
      case 'writeFile':
        return m.writeFile(o.path, o.text);
      case 'appendFile':
        return m.appendFile(o.path, o.text);
      case 'unlink':
        return m.unlink(o.path);
      case 'rmdir':
        return m.rmdir(o.path);
      case 'rename':
        return m.rename(o.path, o.to);
      case 'chmod':
        return m.chmod(o.path, o.mode);
      case 'symlink':
        return m.symlink(o.target, o.path);
    }
  })();
  return err ?? 'ok';
}
