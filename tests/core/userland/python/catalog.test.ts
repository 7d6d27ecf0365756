// The interpreter in the catalog's real python:3.13 images (bookworm, slim,
// alpine): the binary, stdlib and lib-dynload files those layers hold are
// what makes `python3` and its imports work there.
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../../../src/core/image/catalog';
import { PYTHON_VERSION } from '../../../../src/core/image/catalog/python';
import { buildImage } from '../../../../src/core/image/catalog/recipe';
import { PY313, pythonPrograms } from '../../../../src/core/userland/python';
import { Machine } from '../harness';

function image(tag: string) {
  const repo = defaultCatalog().find((r) => r.path === 'library/python')!;
  const built = buildImage(repo.tags.get(tag)!);
  const env = Object.fromEntries(
    (built.config.config?.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
  );
  return { layers: built.layers.map((l) => l.layer), env };
}

describe('python3 in the catalog images', () => {
  it("is the version the image's recipe installs", () => {
    expect(PY313.version).toBe(PYTHON_VERSION);
  });

  for (const [tag, gcc] of [
    ['3.13', '12.2.0'],
    ['3.13-slim', '12.2.0'],
    ['3.13-alpine', '14.2.0'],
  ] as const) {
    it(`runs in python:${tag}`, async () => {
      const { layers, env } = image(tag);
      const m = new Machine({ layers, programs: pythonPrograms(), container: true });
      expect((await m.run(['python3', '--version'], { env })).stdout).toBe('Python 3.13.5\n');
      const r = await m.run(
        [
          'python',
          '-c',
          'import os, sys, json, math, random, platform, socket, signal, time, string\nprint(sys.version)\nprint(platform.system(), os.getcwd(), json.dumps([math.floor(2.5)]))',
        ],
        { env },
      );
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`3.13.5 (main, Jun 10 2025, 23:12:46) [GCC ${gcc}]\nLinux / [2]\n`);
      expect((await m.run(['python3', '-c', 'import requests'], { env })).stderr).toContain(
        "ModuleNotFoundError: No module named 'requests'",
      );
    });
  }
});
