// Debian's /usr/bin/which is debianutils' shell script (which -> /etc/alternatives/which ->
// which.debianutils), run by dash: the catalog ships its exact text (pinned by md5 below, as
// bookworm's debianutils 5.7-0.5~deb12u1 installs it), and the outputs are the real script's.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEBIANUTILS_WHICH } from '../../../src/core/image/catalog/debianutils-which';
import { shellPrograms } from '../../../src/core/userland/shell';
import { toolPrograms } from '../../../src/core/userland/tools';
import { debian } from './tools/images';

function machine() {
  return debian({
    programs: [...toolPrograms(), ...shellPrograms()],
    extra: {
      '/usr/bin/dash': { content: 'elf', mode: 0o755 },
      '/usr/bin/sh': { symlink: 'dash' },
      '/usr/bin/which': { symlink: '/etc/alternatives/which' },
      '/etc/alternatives/which': { symlink: '/usr/bin/which.debianutils' },
      '/usr/bin/which.debianutils': { content: DEBIANUTILS_WHICH, mode: 0o755 },
      '/usr/local/bin/python3': { content: 'elf', mode: 0o755 },
      '/usr/local/bin/notexec': { content: 'x', mode: 0o644 },
    },
  });
}

const ENV = { PATH: '/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' };

describe("debianutils' which", () => {
  it('is the real script, byte for byte', () => {
    expect(createHash('md5').update(DEBIANUTILS_WHICH).digest('hex')).toBe('e942f154ef9d9974366551d2d231d936');
    expect(DEBIANUTILS_WHICH.length).toBe(946);
  });

  it('finds the first match in PATH; -a finds all (/usr/bin and the /bin symlink both)', async () => {
    const m = machine();
    expect(await m.run(['which', 'python3'], { env: ENV })).toMatchObject({ stdout: '/usr/local/bin/python3\n', stderr: '', code: 0 });
    expect(await m.run(['which', '-a', 'python3', 'sh'], { env: ENV })).toMatchObject({ stdout: '/usr/local/bin/python3\n/usr/bin/sh\n/bin/sh\n', code: 0 });
  });

  it('says nothing for a missing or non-executable name and exits 1; no names is 1 too', async () => {
    const m = machine();
    expect(await m.run(['which', 'nothere'], { env: ENV })).toMatchObject({ stdout: '', stderr: '', code: 1 });
    expect(await m.run(['which', 'notexec'], { env: ENV })).toMatchObject({ stdout: '', code: 1 });
    expect(await m.run(['which'], { env: ENV })).toMatchObject({ stdout: '', stderr: '', code: 1 });
    expect(await m.run(['which', '/bin/ls', '/nope'], { env: ENV })).toMatchObject({ stdout: '/bin/ls\n', code: 1 });
  });

  it('an unknown option: getopts complains, the script prints its usage and exits 2', async () => {
    const m = machine();
    expect(await m.run(['which', '-x', 'ls'], { env: ENV })).toMatchObject({ stdout: 'Usage: /usr/bin/which [-a] args\n', stderr: 'Illegal option -x\n', code: 2 });
  });

  it('an empty PATH element is the working directory', async () => {
    const m = machine();
    expect(await m.run(['which', '-a', 'which'], { env: { PATH: '/usr/bin:' }, cwd: '/usr/bin' })).toMatchObject({ stdout: '/usr/bin/which\n./which\n', code: 0 });
  });
});
