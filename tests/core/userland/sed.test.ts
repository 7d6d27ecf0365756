// sed on the model against GNU sed 4.9: tests/fixtures/sed/gnu-sed-4.9-cases.json holds
// scripts, their input and what Debian's real sed 4.9 printed for them (stdout, stderr with
// its usage text shortened to <USAGE>, exit status); then -i through the overlay, file
// inputs, BusyBox's wording, and a property against a reference for plain s///g.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alpine, debian } from './tools/images';

interface Case {
  args: string[];
  stdin: string;
  out: string;
  err: string;
  code: number;
}

const cases = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/sed/gnu-sed-4.9-cases.json'), 'utf8')) as Case[];

describe('sed: the recorded GNU sed 4.9 cases', () => {
  const m = debian();
  it.each(cases.map((c) => [JSON.stringify(c.args), c] as const))('sed %s', async (_name, c) => {
    const r = await m.run(['sed', ...c.args], { stdin: c.stdin });
    const err = r.stderr.includes('Usage: sed') ? `${r.stderr.slice(0, r.stderr.indexOf('Usage: sed'))}<USAGE>` : r.stderr;
    expect({ out: r.stdout, err, code: r.code }).toEqual({ out: c.out, err: c.err, code: c.code });
  });
});

describe('sed -i', () => {
  it('edits an image file in place: the overlay copies it up, the mode stays', async () => {
    const m = debian({ extra: { '/etc/app.conf': { content: 'listen 80;\nname x;\n', mode: 0o640 } } });
    const r = await m.run(['sed', '-i', '-E', 's,listen 80;,listen 80;\\n    listen [::]:80;,', '/etc/app.conf']);
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0]);
    expect(m.fs.readFile('/etc/app.conf')).toBe('listen 80;\n    listen [::]:80;\nname x;\n');
    expect(m.fs.stat('/etc/app.conf')).toMatchObject({ mode: 0o640 });
    expect(m.fs.upperPaths()).toContain('/etc/app.conf');
  });

  it('keeps a backup with -iSUFFIX (and * as the name), numbers lines per file, truncates at q', async () => {
    const m = debian({ extra: { '/d/a': '1\n2\n3\n', '/d/b': 'x\ny\n' } });
    expect((await m.run(['sed', '-i.bak', '1i top', '/d/a', '/d/b'])).code).toBe(0);
    expect([m.fs.readFile('/d/a'), m.fs.readFile('/d/b'), m.fs.readFile('/d/a.bak')]).toEqual(['top\n1\n2\n3\n', 'top\nx\ny\n', '1\n2\n3\n']);
    expect((await m.run(['sed', '--in-place=old_*', '2q', '/d/a'])).code).toBe(0);
    expect([m.fs.readFile('/d/a'), m.fs.readFile('/d/old_a')]).toEqual(['top\n1\n', 'top\n1\n2\n3\n']);
  });

  it('reports files it cannot edit and goes on', async () => {
    const m = debian({ extra: { '/d/a': 'a\n' } });
    const r = await m.run(['sed', '-i', 's/a/b/', '/d/none', '/d', '/d/a']);
    expect(r.stderr).toBe("sed: can't read /d/none: No such file or directory\nsed: couldn't edit /d: not a regular file\n");
    expect(r.code).toBe(4);
    expect(m.fs.readFile('/d/a')).toBe('b\n');
  });
});

describe('sed over files', () => {
  it('one stream across files ($ is the last line of the last one), -s separates them', async () => {
    const m = debian({ extra: { '/d/a': '1\n2\n', '/d/b': '3\n4\n' } });
    expect((await m.run(['sed', '-n', '$p;1p', '/d/a', '/d/b'])).stdout).toBe('1\n4\n');
    expect((await m.run(['sed', '-s', '-n', '$p;1p', '/d/a', '/d/b'])).stdout).toBe('1\n2\n3\n4\n');
    expect((await m.run(['sed', 'F', '/d/a'])).stdout).toBe('/d/a\n1\n/d/a\n2\n');
  });

  it('a directory is a read error (exit 4); r appends a file; w writes one; -f reads the script', async () => {
    const m = debian({ extra: { '/d/a': '1\n2\n', '/d/s.sed': 's/1/one/\n$r /d/a\n' } });
    const dir = await m.run(['sed', 'p', '/d']);
    expect([dir.stderr, dir.code]).toEqual(['sed: read error on /d: Is a directory\n', 4]);
    expect((await m.run(['sed', '-f', '/d/s.sed', '/d/a'])).stdout).toBe('one\n2\n1\n2\n');
    await m.run(['sed', '-n', '/2/w /d/out', '/d/a']);
    expect(m.fs.readFile('/d/out')).toBe('2\n');
  });
});

describe('BusyBox sed', () => {
  it('words its errors its own way, without the expression and char', async () => {
    const m = alpine();
    const r = await m.run(['sed', 's/a/b/q'], { stdin: 'a\n' });
    expect([r.stderr, r.code]).toEqual(['sed: bad option in substitution expression\n', 1]);
    expect((await m.run(['sed', 's/a/b/'], { stdin: 'a\n' })).stdout).toBe('b\n');
  });
});

describe('sed s///g property', () => {
  it('a literal word replaced everywhere is split/join', async () => {
    const m = debian();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('ab', 'a', 'b', 'x', ' ', '\n'), { maxLength: 12 }), fc.constantFrom('ab', 'x', 'b'), async (parts, word) => {
        const text = `${parts.join('')}\n`;
        const r = await m.run(['sed', `s/${word}/<${word}>/g`], { stdin: text });
        expect(r.stdout).toBe(text.split(word).join(`<${word}>`));
      }),
      { numRuns: 40 },
    );
  });
});
