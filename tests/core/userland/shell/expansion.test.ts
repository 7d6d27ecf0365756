import { describe, expect, it } from 'vitest';
import { machine, runC, type Which } from './setup';

const FILES = {
  '/w/a.txt': 'a',
  '/w/b.txt': 'b',
  '/w/c.log': 'c',
  '/w/.hidden.txt': 'h',
  '/w/sub/d.txt': 'd',
  '/w/sub/e.md': 'e',
  '/w/x y.txt': 'space',
  '/w/B.TXT': 'upper',
};

async function inW(which: Which, script: string): Promise<string> {
  const r = await runC(which, `cd /w && ${script}`, { machine: machine(which, {}, FILES) });
  return r.stdout + r.stderr;
}

describe('pathname expansion against the filesystem', () => {
  const cases: Array<[string, string]> = [
    ['args *.txt', '[a.txt][b.txt][x y.txt]\n'],
    ['args *', '[B.TXT][a.txt][b.txt][c.log][sub][x y.txt]\n'],
    ['args ?.txt', '[a.txt][b.txt]\n'],
    ['args [ab].txt', '[a.txt][b.txt]\n'],
    ['args [!a].txt', '[b.txt]\n'],
    ['args [[:upper:]]*', '[B.TXT]\n'],
    ['args .*.txt', '[.hidden.txt]\n'],
    ['args */*.txt', '[sub/d.txt]\n'],
    ['args /w/sub/*', '[/w/sub/d.txt][/w/sub/e.md]\n'],
    ['args *.nomatch', '[*.nomatch]\n'],
    ['args "*.txt"', '[*.txt]\n'],
    ["args '*'.txt \\*.txt", '[*.txt][*.txt]\n'],
    ['p="*.log"; args $p "$p"', '[c.log][*.log]\n'],
    ['set -f; args *.txt', '[*.txt]\n'],
    ['for f in *.txt; do echo "<$f>"; done', '<a.txt>\n<b.txt>\n<x y.txt>\n'],
    ['case a.txt in *.txt) echo yes;; esac; case "*" in \\*) echo star;; esac', 'yes\nstar\n'],
    ['x=sub/d.txt; echo ${x%/*} ${x#*/}', 'sub d.txt\n'],
  ];
  for (const which of ['dash', 'bash', 'ash'] as Which[]) {
    it.each(cases)(`${which}: %s`, async (script, expected) => {
      expect(await inW(which, script)).toBe(expected);
    });
  }
});

describe('more expansion', () => {
  const cases: Array<[string, string]> = [
    ['x="a b"; set -- $x; echo $#', '2\n'],
    ['IFS=,; set -- $(echo "1,2,,3"); echo $#', '4\n'],
    ['x=; echo "[${x:-$(echo sub)}]"', '[sub]\n'],
    ['echo "${HOME:+home is $HOME}"', 'home is /root\n'],
    ['a=1; b=a; echo $(( b + 1 ))', '2\n'],
    ['i=5; : $((i=i*2)); echo $i', '10\n'],
    ['echo $(( (1+2) * 3 )) $(( 7 & 3 )) $(( 1 || 0 )) $(( !0 ))', '9 3 1 1\n'],
    ['echo "$(echo "nested \\"quotes\\"")"', 'nested "quotes"\n'],
    ['echo $(echo $(echo deep))', 'deep\n'],
    ['x=$(exitwith 4); echo $?', '4\n'],
    ['echo `echo \\`echo bq\\``', 'bq\n'],
    ['v="two  spaces"; echo "$v" $v', 'two  spaces two spaces\n'],
    ['echo ${#}', '0\n'],
    ['set -- a b; echo "${@}" ${#@}', 'a b 2\n'],
    ['f() { echo "$0|$1"; }; f arg', 'sh|arg\n'],
    ['echo "a\\$b" \'c\\d\' e\\f', 'a$b c\\d ef\n'],
    ['x=abc; y=${x}def; echo $y', 'abcdef\n'],
    ['echo ${x:-a b} | cat', 'a b\n'],
    ['unset y; echo ${y=assigned} $y', 'assigned assigned\n'],
    ['echo $((010 + 0x1F))', '39\n'],
    ['n=3; while [ $n -gt 0 ]; do printf "%s " $n; n=$((n - 1)); done; echo', '3 2 1 \n'],
  ];
  it.each(cases)('dash: %s', async (script, expected) => {
    const r = await runC('dash', script);
    expect(r.stdout + r.stderr).toBe(expected);
  });

  it('$0 of sh -c with a command name, and arguments', async () => {
    expect((await runC('dash', 'echo "$0 $1 $2 $#"', { args: ['name', 'x', 'y'] })).stdout).toBe('name x y 2\n');
  });

  it('echo: dash interprets escapes, bash needs -e, busybox too', async () => {
    expect((await runC('dash', "echo 'a\\tb\\nc'; echo -n x; echo -e y")).stdout).toBe('a\tb\nc\nx-e y\n');
    expect((await runC('bash', "echo 'a\\tb'; echo -e 'a\\tb\\c'; echo -n x; echo -ne 'y\\n'")).stdout).toBe('a\\tb\na\tbxy\n');
    expect((await runC('ash', "echo 'a\\tb'; echo -e 'a\\tb'")).stdout).toBe('a\\tb\na\tb\n');
  });

  it('bash and busybox extensions; dash says Bad substitution', async () => {
    const script = 'x=hello; echo ${x/l/L} ${x//l/L} ${x:1:3} ${x: -2}';
    expect((await runC('bash', script)).stdout).toBe('heLlo heLLo ell lo\n');
    expect((await runC('ash', script)).stdout).toBe('heLlo heLLo ell lo\n');
    const d = await runC('dash', script);
    expect([d.stdout, d.stderr, d.code]).toEqual(['', 'sh: 1: Bad substitution\n', 2]);
    expect((await runC('bash', 'x=abc; echo ${x^^} ${x^}')).stdout).toBe('ABC Abc\n');
  });

  it('dash runs `&>` as background + redirect; bash redirects both', async () => {
    const m = machine('dash');
    const d = await runC('dash', 'echo x &>/tmp/o; wait; cat /tmp/o; echo "[$(cat /tmp/o)]"', { machine: m });
    expect(d.stdout).toBe('x\n[]\n');
    const b = await runC('bash', 'echo x &>/tmp/o; cat /tmp/o', { machine: machine('bash') });
    expect(b.stdout).toBe('x\n');
  });

  it('[[ ]] in bash: patterns and no word splitting', async () => {
    expect((await runC('bash', 'x="a b"; [[ $x == a* ]] && echo match; [[ $x = "a*" ]] || echo literal; [[ -n $x ]] && echo nonempty')).stdout).toBe('match\nliteral\nnonempty\n');
    const d = await runC('dash', '[[ 1 ]]');
    expect([d.stderr, d.code]).toEqual(['sh: 1: [[: not found\n', 127]);
  });

  it('set -x traces: dash plain, bash and busybox quoted', async () => {
    expect((await runC('dash', 'set -x; echo "a b" c')).stderr).toBe('+ echo a b c\n');
    expect((await runC('bash', 'set -x; x=1; echo "a b" c')).stderr).toBe("+ x=1\n+ echo 'a b' c\n");
    expect((await runC('ash', 'set -x; echo "a b"')).stderr).toBe("+ echo 'a b'\n");
  });

  it('printf reuses its format and reports bad numbers', async () => {
    expect((await runC('dash', 'printf "%s-%s\\n" 1 2 3')).stdout).toBe('1-2\n3-\n');
    const d = await runC('dash', 'printf "%d\\n" abc');
    expect([d.stdout, d.stderr, d.code]).toEqual(['0\n', 'sh: 1: printf: abc: expected numeric value\n', 1]);
    const b = await runC('bash', 'printf "%d\\n" abc');
    expect([b.stdout, b.stderr, b.code]).toEqual(['0\n', 'bash: line 1: printf: abc: invalid number\n', 1]);
  });

  it('read splits on IFS, -r keeps backslashes', async () => {
    const r = await runC('bash', 'printf "a\\\\\\\\b c  d\\n" | { read x y; echo "$x|$y"; }; printf "a\\\\\\\\b\\n" | { read -r x; echo "$x"; }');
    expect(r.stdout).toBe('ab|c  d\na\\b\n');
  });
});

describe('bash only: brace expansion and here-strings', () => {
  it('expands braces before anything else', async () => {
    const r = await runC('bash', 'echo a{b,c}d {1..3} {a..c} {01..03} {5..1..2} x{y,{z,w}} "{q,r}" ${HOME}{1,2}; x=1; echo {$x,2}');
    expect(r.stdout).toBe('abd acd 1 2 3 a b c 01 02 03 5 3 1 xy xz xw {q,r} /root1 /root2\n1 2\n');
  });
  it('leaves braces alone in dash and busybox', async () => {
    expect((await runC('dash', 'echo a{b,c} {1..2}')).stdout).toBe('a{b,c} {1..2}\n');
    expect((await runC('ash', 'echo a{b,c}')).stdout).toBe('a{b,c}\n');
  });
  it('here-strings feed a word and a newline', async () => {
    expect((await runC('bash', 'x=world; cat <<< "hello $x"; read a b <<< "1 2"; echo $b')).stdout).toBe('hello world\n2\n');
  });
});
