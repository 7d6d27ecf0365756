import { describe, expect, it } from 'vitest';
import { alpine, debian } from './images';

const files = {
  '/d/fruits': 'banana\napple\ncherry\napple\n',
  '/d/nums': '10\n9\n100\n-1\n',
  '/d/csv': 'name,age,city\nann,31,oslo\nbob,42,rome\n',
  '/d/sub/deep/x.py': 'import os\nprint(os.getcwd())\n',
  '/d/sub/y.txt': 'Hello World\nhello again\n',
};

const gnu = () => debian({ extra: files });
const bb = () => alpine({ extra: files });

describe('wc', () => {
  it.each([
    ['gnu', ['wc', '/d/fruits'], ' 4  4 26 /d/fruits\n'],
    ['gnu', ['wc', '-l', '/d/fruits'], '4 /d/fruits\n'],
    ['gnu', ['wc', '-l', '/d/fruits', '/d/nums'], ' 4 /d/fruits\n 4 /d/nums\n 8 total\n'],
    ['busybox', ['wc', '/d/fruits'], '        4         4        26 /d/fruits\n'],
    ['busybox', ['wc', '-l', '/d/fruits'], '4 /d/fruits\n'],
  ] as const)('%s %j', async (f, argv, want) => {
    expect((await (f === 'gnu' ? gnu() : bb()).run([...argv])).stdout).toBe(want);
  });

  it('counts stdin with width 7 (GNU) and words across chunks', async () => {
    expect((await gnu().run(['wc'], { stdin: 'a b\nc\n' })).stdout).toBe('      2       3       6\n');
    expect((await gnu().run(['wc', '-w'], { stdin: 'one two three' })).stdout).toBe('3\n');
  });
});

describe('sort, uniq, cut, tr, seq', () => {
  it.each([
    [['sort', '/d/fruits'], 'apple\napple\nbanana\ncherry\n'],
    [['sort', '-u', '/d/fruits'], 'apple\nbanana\ncherry\n'],
    [['sort', '-r', '/d/fruits'], 'cherry\nbanana\napple\napple\n'],
    [['sort', '-n', '/d/nums'], '-1\n9\n10\n100\n'],
    [['sort', '/d/nums'], '-1\n10\n100\n9\n'],
    [['sort', '-t', ',', '-k', '2', '-n', '/d/csv'], 'name,age,city\nann,31,oslo\nbob,42,rome\n'],
    [['uniq', '-c', '/d/fruits'], '      1 banana\n      1 apple\n      1 cherry\n      1 apple\n'],
    [['cut', '-d', ',', '-f', '1,3', '/d/csv'], 'name,city\nann,oslo\nbob,rome\n'],
    [['cut', '-c', '1-3', '/d/fruits'], 'ban\napp\nche\napp\n'],
    [['seq', '3'], '1\n2\n3\n'],
    [['seq', '2', '2', '7'], '2\n4\n6\n'],
    [['seq', '-w', '8', '10'], '08\n09\n10\n'],
    [['seq', '-s', ',', '3'], '1,2,3\n'],
  ])('%j', async (argv, want) => {
    expect((await gnu().run(argv)).stdout).toBe(want);
  });

  it('uniq folds adjacent duplicates only; sorting first makes counts', async () => {
    const m = gnu();
    expect((await m.run(['uniq'], { stdin: 'a\na\nb\na\n' })).stdout).toBe('a\nb\na\n');
    expect((await m.run(['uniq', '-c'], { stdin: 'a\na\nb\n' })).stdout).toBe('      2 a\n      1 b\n');
    expect((await m.run(['uniq', '-d'], { stdin: 'a\na\nb\n' })).stdout).toBe('a\n');
  });

  it('tr translates, deletes and squeezes stdin', async () => {
    const m = gnu();
    expect((await m.run(['tr', 'a-z', 'A-Z'], { stdin: 'hello\n' })).stdout).toBe('HELLO\n');
    expect((await m.run(['tr', '-d', '0-9'], { stdin: 'a1b22c\n' })).stdout).toBe('abc\n');
    expect((await m.run(['tr', '-s', ' '], { stdin: 'a   b  c\n' })).stdout).toBe('a b c\n');
    expect((await m.run(['tr', '[:lower:]', '[:upper:]'], { stdin: 'x\n' })).stdout).toBe('X\n');
    expect((await m.run(['tr', 'a'])).stderr).toBe("tr: missing operand after 'a'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n");
  });
});

describe('echo and printf', () => {
  it.each([
    [['echo', 'a', 'b'], 'a b\n'],
    [['echo', '-n', 'x'], 'x'],
    [['echo', '-e', 'a\\tb\\n'], 'a\tb\n\n'],
    [['echo', 'a\\tb'], 'a\\tb\n'],
    [['echo', '-x'], '-x\n'],
    [['printf', '%s-%d\\n', 'a', '1', 'b', '2'], 'a-1\nb-2\n'],
    [['printf', '%5.2f|%-4s|%03d\\n', '3.14159', 'ab', '7'], ' 3.14|ab  |007\n'],
    [['printf', '%x %o %X %c\\n', '255', '8', '255', 'zed'], 'ff 10 FF z\n'],
    [['printf', 'no newline'], 'no newline'],
    [['printf', '%b\\n', 'a\\nb'], 'a\nb\n'],
    [['printf', '%g %e\\n', '0.0001', '12345'], '0.0001 1.234500e+04\n'],
  ])('%j', async (argv, want) => {
    expect((await gnu().run(argv)).stdout).toBe(want);
    expect((await bb().run(argv)).stdout).toBe(want);
  });

  it('printf reports a bad number and goes on', async () => {
    expect(await gnu().run(['printf', '%d\\n', 'abc'])).toMatchObject({ stdout: '0\n', stderr: "printf: 'abc': expected a numeric value\n", code: 1 });
    expect((await bb().run(['printf', '%d\\n', 'abc'])).stderr).toBe("printf: invalid number 'abc'\n");
  });
});

describe('grep', () => {
  it.each([
    [['grep', 'apple', '/d/fruits'], 'apple\napple\n', 0],
    [['grep', '-c', 'apple', '/d/fruits'], '2\n', 0],
    [['grep', '-n', 'an', '/d/fruits'], '1:banana\n', 0],
    [['grep', '-v', 'a', '/d/fruits'], 'cherry\n', 0],
    [['grep', '-i', 'HELLO', '/d/sub/y.txt'], 'Hello World\nhello again\n', 0],
    [['grep', '-E', 'ban|cher', '/d/fruits'], 'banana\ncherry\n', 0],
    [['grep', 'ban\\|cher', '/d/fruits'], 'banana\ncherry\n', 0],
    [['grep', 'a\\{2\\}', '/d/fruits'], '', 1],
    [['grep', '-w', 'app', '/d/fruits'], '', 1],
    [['grep', '-x', 'apple', '/d/fruits'], 'apple\napple\n', 0],
    [['grep', '-o', 'an', '/d/fruits'], 'an\nan\n', 0],
    [['grep', '-q', 'apple', '/d/fruits'], '', 0],
    [['grep', '-r', 'import', '/d'], '/d/sub/deep/x.py:import os\n', 0],
    [['grep', '-rl', 'ello', '/d'], '/d/sub/y.txt\n', 0],
    [['grep', 'apple', '/d/fruits', '/d/nums'], '/d/fruits:apple\n/d/fruits:apple\n', 0],
    [['grep', '[[:digit:]]\\+', '/d/csv'], 'ann,31,oslo\nbob,42,rome\n', 0],
  ])('%j', async (argv, out, code) => {
    const r = await gnu().run(argv);
    expect(r.stdout).toBe(out);
    expect(r.code).toBe(code);
  });

  it('greps stdin, with -r relative names from ., and reports missing files with exit 2', async () => {
    const m = gnu();
    expect((await m.run(['grep', 'b'], { stdin: 'a\nb\n' })).stdout).toBe('b\n');
    expect((await m.run(['grep', '-r', 'import'], { cwd: '/d' })).stdout).toBe('sub/deep/x.py:import os\n');
    expect(await m.run(['grep', 'x', '/nope'])).toMatchObject({ code: 2, stderr: 'grep: /nope: No such file or directory\n' });
    expect((await m.run(['grep', 'x', '/d'])).stderr).toBe('grep: /d: Is a directory\n');
  });

  it('reads BRE intervals as regcomp does (checked against GNU grep 3.8)', async () => {
    const m = gnu();
    const run = (pat: string, stdin: string, ...opts: string[]) => m.run(['grep', ...opts, pat], { stdin });
    expect(await run('ab\\{,2\\}c', 'abc\n')).toMatchObject({ stdout: 'abc\n', code: 0 });
    expect(await run('ab\\{2,\\}', 'abbbc\n', '-o')).toMatchObject({ stdout: 'abbb\n', code: 0 });
    expect(await run('a\\{x\\}', 'abc\n')).toMatchObject({ stderr: 'grep: Invalid content of \\{\\}\n', code: 2 });
    expect(await run('a\\{1,2', 'abc\n')).toMatchObject({ stderr: 'grep: Unmatched \\{\n', code: 2 });
  });

  it("BusyBox grep dies with xregcomp's message in musl's words", async () => {
    const m = bb();
    const bad = async (pat: string, ...opts: string[]) => (await m.run(['grep', ...opts, pat], { stdin: 'abc\n' })).stderr;
    expect(await bad('[')).toBe("grep: bad regex '[': Missing ']'\n");
    expect(await bad('[a')).toBe("grep: bad regex '[a': Missing ']'\n");
    expect(await bad('a\\{1')).toBe("grep: bad regex 'a\\{1': Missing '}'\n");
    expect(await bad('a(b', '-E')).toBe("grep: bad regex 'a(b': Missing ')'\n");
    expect(await bad('[[:nope:]]')).toBe("grep: bad regex '[[:nope:]]': Unknown character class name\n");
  });
});

describe('find, xargs, du', () => {
  it.each([
    [['find', '/d/sub'], '/d/sub\n/d/sub/deep\n/d/sub/deep/x.py\n/d/sub/y.txt\n'],
    [['find', '/d', '-name', '*.py'], '/d/sub/deep/x.py\n'],
    [['find', '/d', '-type', 'd'], '/d\n/d/sub\n/d/sub/deep\n'],
    [['find', '/d', '-maxdepth', '1', '-type', 'f'], '/d/csv\n/d/fruits\n/d/nums\n'],
    [['find', '/d', '-type', 'f', '-name', 'y*', '-o', '-name', 'n*'], '/d/nums\n/d/sub/y.txt\n'],
    [['find', '/d', '!', '-type', 'd', '-path', '*sub*'], '/d/sub/deep/x.py\n/d/sub/y.txt\n'],
    [['find', '/d/sub', '-name', 'x.py', '-exec', 'cat', '{}', ';'], 'import os\nprint(os.getcwd())\n'],
    // nginx's entrypoint asks whether a directory has any file at all
    [['find', '/d', '-mindepth', '1', '-maxdepth', '1', '-type', 'f', '-print', '-quit'], '/d/csv\n'],
    [['find', '/d/sub', '-follow', '-type', 'f', '-print'], '/d/sub/deep/x.py\n/d/sub/y.txt\n'],
  ])('%j', async (argv, want) => {
    expect((await gnu().run(argv)).stdout).toBe(want);
  });

  it('find words errors per flavour', async () => {
    expect(await gnu().run(['find', '/nope'])).toMatchObject({ code: 1, stderr: "find: '/nope': No such file or directory\n" });
    expect((await bb().run(['find', '/nope'])).stderr).toBe('find: /nope: No such file or directory\n');
    expect((await gnu().run(['find', '/d', '-bogus'])).stderr).toBe("find: unknown predicate '-bogus'\n");
  });

  it('find -delete removes depth first', async () => {
    const m = gnu();
    expect((await m.run(['find', '/d/sub', '-delete'])).code).toBe(0);
    expect(m.fs.exists('/d/sub')).toBe(false);
  });

  it('xargs runs the command with the words of stdin', async () => {
    const m = gnu();
    expect((await m.run(['xargs', 'echo', 'got'], { stdin: 'a b\nc\n' })).stdout).toBe('got a b c\n');
    expect((await m.run(['xargs', '-n', '1', 'echo'], { stdin: 'a b' })).stdout).toBe('a\nb\n');
    expect((await m.run(['xargs', '-I', '{}', 'echo', '[{}]'], { stdin: 'x\ny\n' })).stdout).toBe('[x]\n[y]\n');
    expect((await m.run(['find', '/d/sub', '-type', 'f'])).stdout.split('\n').length).toBe(3);
  });

  it('du counts 4 KiB blocks, children first; -s and -h', async () => {
    const m = gnu();
    expect((await m.run(['du', '/d/sub'])).stdout).toBe('8\t/d/sub/deep\n16\t/d/sub\n');
    expect((await m.run(['du', '-sh', '/d'])).stdout).toBe('32K\t/d\n');
    expect((await m.run(['du', '-a', '/d/sub/deep'])).stdout).toBe('4\t/d/sub/deep/x.py\n8\t/d/sub/deep\n');
  });
});

describe('sums, stat, basename, dirname, readlink', () => {
  it('hashes are real', async () => {
    const m = gnu();
    expect((await m.run(['md5sum', '/d/fruits'])).stdout).toMatch(/^[0-9a-f]{32} {2}\/d\/fruits\n$/);
    expect((await m.run(['sha256sum'], { stdin: 'abc' })).stdout).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n');
    expect((await m.run(['md5sum'], { stdin: '' })).stdout).toBe('d41d8cd98f00b204e9800998ecf8427e  -\n');
    const list = (await m.run(['sha256sum', '/d/nums'])).stdout;
    m.fs.writeFile('/tmp/sums', list);
    expect((await m.run(['sha256sum', '-c', '/tmp/sums'])).stdout).toBe('/d/nums: OK\n');
  });

  it('stat -c formats and the default layout', async () => {
    const m = gnu();
    expect((await m.run(['stat', '-c', '%n %s %a %U:%G %F', '/d/fruits'])).stdout).toBe('/d/fruits 26 644 root:root regular file\n');
    const lines = (await m.run(['stat', '/d/fruits'])).stdout.split('\n');
    expect(lines[0]).toBe('  File: /d/fruits');
    expect(lines[1]).toBe('  Size: 26        \tBlocks: 8          IO Block: 4096   regular file');
    expect(lines[3]).toBe('Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)');
    expect((await m.run(['stat', '/nope'])).stderr).toBe("stat: cannot statx '/nope': No such file or directory\n");
  });

  it.each([
    [['basename', '/usr/lib/x.so'], 'x.so\n'],
    [['basename', '/usr/lib/x.so', '.so'], 'x\n'],
    [['basename', '/usr/lib/'], 'lib\n'],
    [['dirname', '/usr/lib/x.so'], '/usr/lib\n'],
    [['dirname', 'x'], '.\n'],
    [['dirname', '/'], '/\n'],
    [['readlink', '/bin'], 'usr/bin\n'],
    [['readlink', '-f', '/bin/ls'], '/usr/bin/ls\n'],
    [['realpath', '/bin/../../etc'], '/etc\n'],
  ])('%j', async (argv, want) => {
    expect((await gnu().run(argv)).stdout).toBe(want);
  });
});
