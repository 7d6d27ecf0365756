// Regex edges of sed, grep and awk outside their bracket parser (delimiters inside brackets,
// [:space:] misuse, escapes, trailing backslashes) against the real tools:
// tests/fixtures/regex-edges/cases.json holds argv, input and what Debian's GNU sed 4.9,
// GNU grep 3.8 and mawk 1.3.4 printed (stdout, stderr, exit status), recorded by record.mjs there.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alpine, debian } from './tools/images';

interface Case {
  tool: 'sed' | 'grep' | 'mawk';
  args: string[];
  stdin: string;
  out: string;
  err: string;
  code: number;
}

const cases = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/regex-edges/cases.json'), 'utf8')) as Case[];
const ENV = { PATH: '/usr/bin:/bin', HOME: '/root', LANG: 'C' };

describe('regex edges: the recorded GNU sed, GNU grep and mawk cases', () => {
  const m = debian();
  it.each(cases.map((c) => [`${c.tool} ${JSON.stringify(c.args)}`, c] as const))('%s', async (_name, c) => {
    const r = await m.run([c.tool, ...c.args], { stdin: c.stdin, env: ENV });
    expect({ out: r.stdout, err: r.stderr, code: r.code }).toEqual({ out: c.out, err: c.err, code: c.code });
  });
});

describe('BusyBox sed (musl regcomp, no GNU dfa)', () => {
  it('reads [:space:] as the bracket it is: the characters : s p a c e', async () => {
    const r = await alpine().run(['sed', 's/[:space:]/X/'], { stdin: 'a/b\nc,d\n' });
    expect([r.stdout, r.stderr, r.code]).toEqual(['X/b\nX,d\n', '', 0]);
  });
});
