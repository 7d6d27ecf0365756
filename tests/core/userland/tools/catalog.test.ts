// The tools against the catalog's real image trees: every binary maps to a
// program, and listings come from the images' own files.
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../../../src/core/image/catalog';
import { buildImage } from '../../../../src/core/image/catalog/recipe';
import { shellPrograms } from '../../../../src/core/userland/shell';
import { toolPrograms } from '../../../../src/core/userland/tools';
import { Machine } from '../harness';

function image(path: string, tag: string): Machine {
  const repo = defaultCatalog().find((r) => r.path === path)!;
  const layers = buildImage(repo.tags.get(tag)!).layers.map((l) => l.layer);
  return new Machine({ layers, programs: [...toolPrograms(), ...shellPrograms()], container: true });
}

describe('tools in catalog images', () => {
  it('python:3.13 (Debian): ls / as transcript 20, id, procps ps', async () => {
    const m = image('library/python', '3.13');
    expect((await m.run(['ls', '/'])).stdout).toBe('bin\nboot\ndev\netc\nhome\nlib\nlib64\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n');
    expect((await m.run(['id'])).stdout).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect((await m.run(['id'], { uid: 65534, gid: 65534 })).stdout).toBe('uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n');
    expect((await m.run(['ps'])).stdout).toMatch(/^ {4}PID TTY {10}TIME CMD\n +\d+ \? {8}00:00:00 ps\n$/);
    expect((await m.run(['cat', '/etc/os-release'])).stdout).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
  });

  it('alpine: every applet is busybox; ls -l of a busybox link', async () => {
    const m = image('library/alpine', '3.22');
    const r = await m.run(['ls', '-l', '/bin/ls']);
    expect(r.stdout).toMatch(/^lrwxrwxrwx {4}1 root {5}root {12}12 \w{3} [ \d]\d +[\d:]+ \/bin\/ls -> \/bin\/busybox\n$/);
    expect((await m.run(['id'])).stdout).toBe('uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n');
    expect((await m.run(['sh', '-c', 'echo hi | wc -c'])).stdout).toBe('3\n');
    expect((await m.run(['uname', '-m'])).stdout).toBe('x86_64\n');
  });
});
