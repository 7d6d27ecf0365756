// md5sum/sha256sum -c as coreutils 9.1 words it (checked against Debian's md5sum): OK and
// FAILED lines, unreadable files, malformed lines, the WARNING summary, --status and exit codes.
import { describe, expect, it } from 'vitest';
import { debian } from './tools/images';

const EMPTY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

describe('md5sum -c', () => {
  it('a list on stdin: OK, FAILED, FAILED open or read and the three warnings', async () => {
    const m = debian({ extra: { '/d/f': 'a\nb\n', '/d/e': '' } });
    const r = await m.run(['md5sum', '-c', '-'], { stdin: `${EMPTY_MD5}  /d/none\njunk\n${EMPTY_MD5}  /d/f\n${EMPTY_MD5}  /d/e\n` });
    expect(r.stdout).toBe('/d/none: FAILED open or read\n/d/f: FAILED\n/d/e: OK\n');
    expect(r.stderr).toBe(
      'md5sum: /d/none: No such file or directory\nmd5sum: WARNING: 1 line is improperly formatted\nmd5sum: WARNING: 1 listed file could not be read\nmd5sum: WARNING: 1 computed checksum did NOT match\n',
    );
    expect(r.code).toBe(1);
  });

  it('an empty checksum (the nginx script when dpkg knows no conffile) is no checksum line at all', async () => {
    const m = debian({ extra: { '/d/f': 'x\n' } });
    const r = await m.run(['md5sum', '-c', '-'], { stdin: '  /d/f\n' });
    expect([r.stdout, r.stderr, r.code]).toEqual(['', "md5sum: 'standard input': no properly formatted checksum lines found\n", 1]);
  });

  it('--status says nothing; the status alone tells; sha256sum checks its own length', async () => {
    const m = debian({ extra: { '/d/e': '' } });
    expect(await m.run(['md5sum', '-c', '--status', '-'], { stdin: `${EMPTY_MD5}  /d/e\n` })).toMatchObject({ stdout: '', stderr: '', code: 0 });
    expect(await m.run(['md5sum', '--status', '-c', '-'], { stdin: `${'0'.repeat(32)}  /d/e\n` })).toMatchObject({ stdout: '', stderr: '', code: 1 });
    const sha = (await m.run(['sha256sum', '/d/e'])).stdout;
    expect(await m.run(['sha256sum', '-c'], { stdin: sha })).toMatchObject({ stdout: '/d/e: OK\n', code: 0 });
    expect((await m.run(['sha256sum', '-c'], { stdin: `${EMPTY_MD5}  /d/e\n` })).code).toBe(1);
  });
});
