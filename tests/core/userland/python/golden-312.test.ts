// The golden cases recorded from CPython 3.12, run by the laptop's python3
// (Ubuntu 24.04's 3.12): 3.12's tracebacks (no source lines for -c, carets
// only where they do not cover the whole line) and messages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostLayer } from '../../../../src/core/host';
import { pythonPrograms } from '../../../../src/core/userland/python';
import { Machine } from '../harness';

interface Case {
  name: string;
  mode?: 'c' | 'file';
  code: string;
  args?: string[];
  stdin?: string;
  env?: Record<string, string>;
  relative?: boolean;
  stdout: string;
  stderr: string;
  exit: number;
}

// the laptop has python3-requests (Module A.2): the recordings of a bare 3.12 without it do not apply
const cases = (
  JSON.parse(
    readFileSync(new URL('../../../fixtures/python/golden-312.json', import.meta.url), 'utf8'),
  ) as Case[]
).filter((c) => !c.name.startsWith('module not found'));
const layer = hostLayer();

describe('python3 on the laptop against CPython 3.12', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const m = new Machine({
        layers: [layer],
        files: { '/tmp/app': { dir: true }, ...(c.mode === 'file' ? { '/tmp/app/main.py': c.code } : {}) },
        programs: pythonPrograms(),
      });
      const argv =
        c.mode === 'file'
          ? ['python3', c.relative ? 'main.py' : '/tmp/app/main.py', ...(c.args ?? [])]
          : ['python3', '-c', c.code, ...(c.args ?? [])];
      const r = await m.run(argv, {
        cwd: '/tmp/app',
        env: { HOME: '/root', LANG: 'C.UTF-8', ...(c.env ?? {}) },
        stdin: c.stdin ?? '',
      });
      expect({ stdout: r.stdout, stderr: r.stderr, exit: r.code }).toEqual({
        stdout: c.stdout,
        stderr: c.stderr,
        exit: c.exit,
      });
    });
  }
});
