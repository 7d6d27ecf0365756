// Every case of tests/fixtures/python/golden.json (recorded from a real
// CPython 3.13) run by the simulated python3: stdout, stderr and exit status
// must match byte for byte.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pythonPrograms } from '../../../../src/core/userland/python';
import { Machine } from '../harness';
import { pythonImage } from './image';

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

const cases = JSON.parse(
  readFileSync(new URL('../../../fixtures/python/golden.json', import.meta.url), 'utf8'),
) as Case[];

describe('python3 against CPython 3.13', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const files = pythonImage(c.mode === 'file' ? { '/tmp/app/main.py': c.code } : {});
      const m = new Machine({ files, programs: pythonPrograms() });
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
