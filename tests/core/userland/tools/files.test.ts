import { describe, expect, it } from 'vitest';
import { buildLayer } from '../../../../src/core/fs';
import { alpine, debian } from './images';

const lower = buildLayer({
  '/opt/lib/a.txt': 'alpha\n',
  '/opt/lib/sub/b.txt': { content: 'beta\n', mode: 0o600, uid: 33, gid: 33 },
  '/opt/lib/sub/link': { symlink: 'b.txt' },
  '/opt/file.txt': 'file\n',
  '/srv/site': { dir: true, uid: 33, gid: 33 },
}, { mtime: Date.UTC(2026, 0, 2, 3, 4, 5) });

describe('mv', () => {
  it('renames an upper file in place', async () => {
    const m = debian();
    await m.run(['touch', '/tmp/x']);
    expect(await m.run(['mv', '/tmp/x', '/tmp/y'])).toMatchObject({ code: 0, stderr: '' });
    expect(m.fs.exists('/tmp/y')).toBe(true);
    expect(m.fs.exists('/tmp/x')).toBe(false);
  });

  it('moves a directory from an image layer by copying it when rename(2) says EXDEV, keeping modes, owners and times', async () => {
    const m = debian({ layers: [lower] });
    expect(m.fs.rename('/opt/lib', '/opt/moved')?.code).toBe('EXDEV');
    const r = await m.run(['mv', '/opt/lib', '/opt/moved']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(m.fs.exists('/opt/lib')).toBe(false);
    expect(m.fs.readFile('/opt/moved/sub/b.txt')).toBe('beta\n');
    expect(m.fs.lstat('/opt/moved/sub/b.txt')).toMatchObject({ mode: 0o600, uid: 33, gid: 33, mtime: Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect(m.fs.readlink('/opt/moved/sub/link')).toBe('b.txt');
    // what docker diff will show: the old tree deleted, the new one added
    const changes = m.fs.diff().map((c) => `${c.kind} ${c.path}`);
    expect(changes).toEqual(expect.arrayContaining(['D /opt/lib', 'A /opt/moved', 'A /opt/moved/sub/b.txt']));
    expect(changes).not.toContain('D /opt/lib/a.txt');
  });

  it('refuses to overwrite a non-empty directory and moves into an existing one', async () => {
    const m = debian({ layers: [lower] });
    await m.run(['mkdir', '-p', '/tmp/dest/lib/x']);
    expect(await m.run(['mv', '/opt/lib', '/tmp/dest'])).toMatchObject({ code: 1, stderr: "mv: cannot move '/opt/lib' to '/tmp/dest/lib': Directory not empty\n" });
    expect((await m.run(['mv', '/opt/file.txt', '/tmp/dest'])).code).toBe(0);
    expect(m.fs.readFile('/tmp/dest/file.txt')).toBe('file\n');
  });

  it('words missing sources per flavour', async () => {
    expect((await debian().run(['mv', '/nope', '/tmp/'])).stderr).toBe("mv: cannot stat '/nope': No such file or directory\n");
    expect((await alpine().run(['mv', '/nope', '/tmp/'])).stderr).toBe("mv: can't stat '/nope': No such file or directory\n");
  });
});

describe('cp', () => {
  it('copies files into a directory, refuses a directory without -r, copies trees with -r', async () => {
    const m = debian({ layers: [lower] });
    expect((await m.run(['cp', '/opt/file.txt', '/tmp'])).code).toBe(0);
    expect(m.fs.readFile('/tmp/file.txt')).toBe('file\n');
    expect(await m.run(['cp', '/opt/lib', '/tmp'])).toMatchObject({ code: 1, stderr: "cp: -r not specified; omitting directory '/opt/lib'\n" });
    expect((await m.run(['cp', '-r', '/opt/lib', '/tmp/lib2'])).code).toBe(0);
    expect(m.fs.readFile('/tmp/lib2/sub/b.txt')).toBe('beta\n');
    // without -p the copy belongs to the caller and is new
    expect(m.fs.lstat('/tmp/lib2/sub/b.txt')).toMatchObject({ uid: 0, mode: 0o600 });
    expect(m.fs.readlink('/tmp/lib2/sub/link')).toBe('b.txt');
  });

  it('-a keeps owner and times; copying into itself is refused', async () => {
    const m = debian({ layers: [lower] });
    expect((await m.run(['cp', '-a', '/opt/lib', '/tmp/lib3'])).code).toBe(0);
    expect(m.fs.lstat('/tmp/lib3/sub/b.txt')).toMatchObject({ uid: 33, gid: 33, mtime: Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect((await m.run(['cp', '-r', '/opt/lib', '/opt/lib/sub'])).stderr).toBe("cp: cannot copy a directory, '/opt/lib', into itself, '/opt/lib/sub/lib'\n");
    expect((await alpine().run(['cp', '/nope', '/tmp'])).stderr).toBe("cp: can't stat '/nope': No such file or directory\n");
  });
});

describe('touch, mkdir, rm, rmdir, ln', () => {
  it.each([
    ['gnu', ['mkdir', '/tmp/a/b'], "mkdir: cannot create directory '/tmp/a/b': No such file or directory\n"],
    ['busybox', ['mkdir', '/tmp/a/b'], "mkdir: can't create directory '/tmp/a/b': No such file or directory\n"],
    ['gnu', ['rm', '/tmp/none'], "rm: cannot remove '/tmp/none': No such file or directory\n"],
    ['busybox', ['rm', '/tmp/none'], "rm: can't remove '/tmp/none': No such file or directory\n"],
    ['gnu', ['rm', '/tmp'], "rm: cannot remove '/tmp': Is a directory\n"],
    ['busybox', ['rm', '/tmp'], "rm: '/tmp' is a directory\n"],
    ['gnu', ['rmdir', '/etc'], "rmdir: failed to remove '/etc': Directory not empty\n"],
    ['busybox', ['rmdir', '/etc'], "rmdir: '/etc': Directory not empty\n"],
    ['gnu', ['touch', '/nope/x'], "touch: cannot touch '/nope/x': No such file or directory\n"],
    ['busybox', ['touch', '/nope/x'], 'touch: /nope/x: No such file or directory\n'],
    ['gnu', ['rm', '-rf', '/'], "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n"],
    ['gnu', ['mkdir'], "mkdir: missing operand\nTry 'mkdir --help' for more information.\n"],
  ] as const)('%s %j', async (flavour, argv, stderr) => {
    const m = flavour === 'gnu' ? debian() : alpine();
    const r = await m.run([...argv]);
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(1);
  });

  it('mkdir -p makes parents and accepts existing ones; -m sets the mode exactly', async () => {
    const m = debian();
    expect((await m.run(['mkdir', '-p', '/tmp/a/b/c'])).code).toBe(0);
    expect((await m.run(['mkdir', '-p', '/tmp/a/b'])).code).toBe(0);
    expect((await m.run(['mkdir', '-m', '700', '/tmp/private'])).code).toBe(0);
    expect(m.fs.stat('/tmp/private')).toMatchObject({ kind: 'dir', mode: 0o700 });
    expect((await m.run(['mkdir', '/tmp/a'])).stderr).toBe("mkdir: cannot create directory '/tmp/a': File exists\n");
  });

  it('rm -r removes a tree from an image layer (whiteouts) and -f ignores missing names', async () => {
    const m = debian({ layers: [lower] });
    expect(await m.run(['rm', '-r', '/opt/lib'])).toMatchObject({ code: 0, stderr: '' });
    expect(m.fs.exists('/opt/lib')).toBe(false);
    expect(m.fs.diff().map((c) => `${c.kind} ${c.path}`)).toEqual(['C /opt', 'D /opt/lib']);
    expect(await m.run(['rm', '-f', '/opt/none'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('rm as another user is refused in a sticky or foreign directory', async () => {
    const m = debian({ layers: [lower] });
    expect(await m.run(['rm', '/opt/file.txt'], { uid: 1000, gid: 1000 })).toMatchObject({ code: 1, stderr: "rm: cannot remove '/opt/file.txt': Permission denied\n" });
  });

  it('touch creates with the umask and updates times on the clock; ln -s makes links', async () => {
    const m = debian();
    await m.run(['touch', '/tmp/f']);
    expect(m.fs.stat('/tmp/f')).toMatchObject({ mode: 0o644, size: 0, mtime: m.clock.now() });
    m.clock.advance(5000);
    await m.run(['touch', '/tmp/f']);
    expect(m.fs.stat('/tmp/f')).toMatchObject({ mtime: m.clock.now() });
    await m.run(['touch', '-d', '2020-01-02 03:04:05', '/tmp/f']);
    expect(m.fs.stat('/tmp/f')).toMatchObject({ mtime: Date.UTC(2020, 0, 2, 3, 4, 5) });
    expect((await m.run(['ln', '-s', '/tmp/f', '/tmp/l'])).code).toBe(0);
    expect(m.fs.readlink('/tmp/l')).toBe('/tmp/f');
    expect((await m.run(['ln', '-s', '/tmp/f', '/tmp/l'])).stderr).toBe("ln: failed to create symbolic link '/tmp/l': File exists\n");
    expect((await m.run(['ln', '-sf', '/etc', '/tmp/l'])).code).toBe(0);
    expect(m.fs.readlink('/tmp/l')).toBe('/etc');
  });
});

describe('chmod and chown', () => {
  it.each([
    ['755', 0o644, false, 0o755],
    ['u+x', 0o644, false, 0o744],
    ['+x', 0o644, false, 0o755],
    ['go-r', 0o644, false, 0o600],
    ['a=r', 0o755, false, 0o444],
    ['u=rwx,g=rx,o=', 0o600, false, 0o750],
    ['o+t', 0o777, true, 0o1777],
    ['a+X', 0o644, true, 0o755],
    ['a+X', 0o644, false, 0o644],
  ])('chmod %s on %o (dir %s) gives %o', async (spec, from, dir, want) => {
    const m = debian({ extra: { '/w/x': dir ? { dir: true, mode: from } : { content: '', mode: from } } });
    expect((await m.run(['chmod', spec, '/w/x'])).code).toBe(0);
    expect(m.fs.stat('/w/x')).toMatchObject({ mode: want });
  });

  it('chmod words errors per flavour; only the owner may chmod', async () => {
    const m = debian({ layers: [lower] });
    expect(await m.run(['chmod', 'zz', '/opt/file.txt'])).toMatchObject({ code: 1, stderr: "chmod: invalid mode: 'zz'\nTry 'chmod --help' for more information.\n" });
    expect((await m.run(['chmod', '600', '/nope'])).stderr).toBe("chmod: cannot access '/nope': No such file or directory\n");
    expect((await m.run(['chmod', '600', '/opt/file.txt'], { uid: 1000, gid: 1000 })).stderr).toBe("chmod: changing permissions of '/opt/file.txt': Operation not permitted\n");
    expect((await alpine().run(['chmod', '600', '/nope'])).stderr).toBe('chmod: /nope: No such file or directory\n');
  });

  it('chown takes names from the image, numbers, user:group, and -R', async () => {
    const m = debian({ layers: [lower] });
    expect((await m.run(['chown', '-R', 'www-data:www-data', '/opt/lib'])).code).toBe(0);
    expect(m.fs.lstat('/opt/lib/a.txt')).toMatchObject({ uid: 33, gid: 33 });
    expect((await m.run(['chown', '1000:1000', '/opt/file.txt'])).code).toBe(0);
    expect(m.fs.lstat('/opt/file.txt')).toMatchObject({ uid: 1000, gid: 1000 });
    expect(await m.run(['chown', 'bob', '/opt/file.txt'])).toMatchObject({ code: 1, stderr: "chown: invalid user: 'bob'\n" });
    expect((await alpine().run(['chown', 'bob', '/tmp'])).stderr).toBe('chown: unknown user bob\n');
    expect((await m.run(['chown', 'root', '/opt/file.txt'], { uid: 1000, gid: 1000 })).stderr).toBe("chown: changing ownership of '/opt/file.txt': Operation not permitted\n");
  });
});

describe('pwd', () => {
  it('prints the working directory, physical for GNU', async () => {
    const m = debian({ extra: { '/srv/app/x': '' } });
    expect((await m.run(['pwd'], { cwd: '/srv/app' })).stdout).toBe('/srv/app\n');
    expect((await m.run(['pwd'])).stdout).toBe('/\n');
  });
});
