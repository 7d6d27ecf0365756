import { describe, expect, it } from 'vitest';
import { buildLayer, gen, OverlayMount } from '../../../src/core/fs';
import { resolveExec } from '../../../src/core/userland/exec';
import { ProgramTable, type ProgramSpec } from '../../../src/core/userland/types';

const prog = (name: string): ProgramSpec => ({ name, run: async () => 0 });
const programs = new ProgramTable().register(prog('ls'), prog('busybox'), prog('python3.13'), prog('dash'));

const fs = new OverlayMount([
  buildLayer({
    '/bin': { symlink: 'usr/bin' },
    '/usr/bin/ls': { content: gen(140_000, 'ls'), mode: 0o755 },
    '/usr/bin/sh': { symlink: 'dash' },
    '/usr/bin/dash': { content: gen(125_000, 'dash'), mode: 0o755 },
    '/usr/bin/top': { content: gen(90_000, 'top'), mode: 0o755 },
    '/usr/local/bin/python3': { symlink: 'python3.13' },
    '/usr/local/bin/python3.13': { content: gen(14_000, 'py'), mode: 0o755 },
    '/usr/local/lib/python3.13/os.py': 'import abc\n',
    '/app/run.sh': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
    '/app/tool.py': { content: '#!/usr/bin/env python3\nprint(1)\n', mode: 0o755 },
    '/busybox/bin/busybox': { content: gen(800_000, 'bb'), mode: 0o755 },
    '/busybox/bin/ls': { symlink: 'busybox' },
  }),
]);
const env = { PATH: '/usr/local/bin:/usr/bin:/bin' };

describe('resolveExec', () => {
  it('finds a program through $PATH and symlinks', () => {
    const t = resolveExec(fs, ['python3', '-V'], env, programs);
    expect(t).toMatchObject({ program: { name: 'python3.13' }, argv: ['python3', '-V'], path: '/usr/local/bin/python3.13' });
    expect(resolveExec(fs, ['ls', '-l'], env, programs)).toMatchObject({ program: { name: 'ls' }, path: '/usr/bin/ls' });
  });

  it('uses runc wording when nothing is found', () => {
    expect(resolveExec(fs, ['nosuchcommand'], env, programs)).toEqual({
      kind: 'not-found',
      message: 'exec: "nosuchcommand": executable file not found in $PATH',
    });
    expect(resolveExec(fs, ['/app/missing'], env, programs)).toEqual({
      kind: 'no-such-file',
      message: 'exec: "/app/missing": stat /app/missing: no such file or directory',
    });
  });

  it('refuses directories and files without an x bit with permission denied', () => {
    expect(resolveExec(fs, ['/usr/local/lib/python3.13/os.py'], env, programs)).toEqual({
      kind: 'permission-denied',
      message: 'exec: "/usr/local/lib/python3.13/os.py": permission denied',
    });
    expect(resolveExec(fs, ['/usr'], env, programs)).toMatchObject({ kind: 'permission-denied' });
  });

  it('runs #! scripts through their interpreter, env included', () => {
    expect(resolveExec(fs, ['/app/run.sh', 'a'], env, programs)).toMatchObject({
      program: { name: 'dash' },
      argv: ['/bin/sh', '/app/run.sh', 'a'],
    });
    // /usr/bin/env is not in this image: the interpreter lookup fails as execve would
    expect(resolveExec(fs, ['/app/tool.py'], env, programs)).toMatchObject({ kind: 'no-such-file' });
  });

  it('dispatches busybox applets with argv[0] kept', () => {
    expect(resolveExec(fs, ['/busybox/bin/ls', '-la'], env, programs)).toMatchObject({
      program: { name: 'busybox' },
      argv: ['/busybox/bin/ls', '-la'],
    });
  });

  it('says plainly when a binary exists but is not simulated', () => {
    expect(resolveExec(fs, ['top'], env, programs)).toEqual({
      kind: 'unsimulated',
      message: 'stevedore: top: this program is not simulated (/usr/bin/top)',
    });
  });
});

describe('resolveExec with catalog executables', () => {
  it('prefers the program named in the blob seed over the file name', () => {
    const progs = new ProgramTable().register(prog('postgres-entrypoint'));
    const m = new OverlayMount([
      buildLayer({
        '/usr/local/bin/docker-entrypoint.sh': {
          content: { kind: 'generated', size: 12_594, seed: 'elf:postgres-entrypoint:pg16:/usr/local/bin/docker-entrypoint.sh' },
          mode: 0o755,
        },
      }),
    ]);
    expect(resolveExec(m, ['docker-entrypoint.sh', 'postgres'], env, progs)).toMatchObject({
      program: { name: 'postgres-entrypoint' },
      argv: ['docker-entrypoint.sh', 'postgres'],
    });
  });
});

describe('resolveExec with scripts a program simulates', () => {
  it('runs the claiming program for exactly that script text, and the interpreter otherwise', () => {
    const script = '#!/bin/sh\nset -e\nexec "$@"\n';
    const progs = new ProgramTable().register(prog('dash'), { name: 'nginx-entrypoint', run: async () => 0, scripts: [script] });
    const m = new OverlayMount([
      buildLayer({
        '/bin/dash': { content: gen(125_000, 'dash'), mode: 0o755 },
        '/bin/sh': { symlink: 'dash' },
        '/docker-entrypoint.sh': { content: script, mode: 0o775 },
        '/other.sh': { content: script + '# edited\n', mode: 0o775 },
      }),
    ]);
    expect(resolveExec(m, ['/docker-entrypoint.sh', 'nginx'], env, progs)).toMatchObject({
      program: { name: 'nginx-entrypoint' },
      argv: ['/docker-entrypoint.sh', 'nginx'],
    });
    expect(resolveExec(m, ['/other.sh'], env, progs)).toMatchObject({ program: { name: 'dash' }, argv: ['/bin/sh', '/other.sh'] });
  });
});
