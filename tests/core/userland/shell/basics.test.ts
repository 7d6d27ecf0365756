import { describe, expect, it } from 'vitest';
import { runC, type Which } from './setup';

type Case = [script: string, stdout: string, code?: number];

const ALL: Which[] = ['dash', 'bash', 'ash'];

const COMMON: Case[] = [
  ['echo hello world', 'hello world\n'],
  ['echo "a  b"   c', 'a  b c\n'],
  ["echo 'single $HOME'", 'single $HOME\n'],
  ['x=5; echo $x ${x} "$x"', '5 5 5\n'],
  ['A=1 B=2; echo $A$B', '12\n'],
  ['true && echo yes || echo no', 'yes\n'],
  ['false && echo yes || echo no', 'no\n'],
  ['false; echo $?', '1\n'],
  ['exitwith 3; echo $?', '3\n'],
  ['! true; echo $?', '1\n'],
  ['echo a; echo b', 'a\nb\n'],
  ['if true; then echo t; else echo f; fi', 't\n'],
  ['if false; then echo t; elif true; then echo e; else echo f; fi', 'e\n'],
  ['for i in 1 2 3; do echo $i; done', '1\n2\n3\n'],
  ['i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done', '0\n1\n2\n'],
  ['i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i', '2\n'],
  ['case abc in a*) echo A;; *) echo other;; esac', 'A\n'],
  ['case x.txt in *.sh|*.txt) echo text;; esac', 'text\n'],
  ['case "" in "") echo empty;; esac', 'empty\n'],
  ['f() { echo "in f: $1 $#"; return 4; }; f a b; echo $?', 'in f: a 2\n4\n'],
  ['f() { local v=inner; echo $v; }; v=outer; f; echo $v', 'inner\nouter\n'],
  ['{ echo a; echo b; } | cat', 'a\nb\n'],
  ['(x=sub; echo $x); echo "[$x]"', 'sub\n[]\n'],
  ['echo $(echo inner) `echo back`', 'inner back\n'],
  ['x=$(printf "a\\n\\n\\n"); echo "[$x]"', '[a]\n'],
  ['echo $((2 + 3 * 4)) $((10 / 3)) $((10 % 3)) $((1 << 4)) $((-7 / 2))', '14 3 1 16 -3\n'],
  ['x=7; echo $((x * 2)) $(( x > 5 ? 1 : 0 ))', '14 1\n'],
  ['echo ${u:-def} ${u-def2} "${e:-}" ${#HOME}', 'def def2  5\n'],
  ['echo ${u:=set}; echo $u', 'set\nset\n'],
  ['x=hello; echo ${x:+alt} ${u:+alt}.', 'alt .\n'],
  ['p=/usr/local/bin/tool.tar.gz; echo ${p##*/} ${p%%.*} ${p#*/} ${p%.*}', 'tool.tar.gz /usr/local/bin/tool usr/local/bin/tool.tar.gz /usr/local/bin/tool.tar\n'],
  ['set -- a "b c" d; echo $#; for x in "$@"; do echo "<$x>"; done', '3\n<a>\n<b c>\n<d>\n'],
  ['set -- a b c; shift; echo $1 $#; shift 2; echo $#', 'b 2\n0\n'],
  ['set -- "x y" z; args $*; args "$*"; args "$@"', '[x][y][z]\n[x y z]\n[x y][z]\n'],
  ['x="a   b  c"; args $x; args "$x"', '[a][b][c]\n[a   b  c]\n'],
  ['IFS=:; x=a:b::c; args $x', '[a][b][][c]\n'],
  ['e=; args $e "$e" x$e', '[][x]\n'],
  ['echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f', 'one\ntwo\n'],
  ['cat < /etc/passwd | cat > /dev/null; echo ok', 'ok\n'],
  ['echo err >&2 2>/dev/null; echo out', 'out\n'],
  ['{ echo to-err >&2; } 2>&1 | cat', 'to-err\n'],
  ['echo hidden 2>/dev/null >/dev/null; echo shown', 'shown\n'],
  ['cat <<EOF\nhello $HOME\n  indented\nEOF', 'hello /root\n  indented\n'],
  ["cat <<'EOF'\nraw $HOME\nEOF", 'raw $HOME\n'],
  ['cat <<-EOF\n\ttabs gone\n\tEOF', 'tabs gone\n'],
  ['cat <<EOF | cat\npiped\nEOF', 'piped\n'],
  ['x=1; cat <<EOF\n$((x+1)) $(echo sub) \\$x\nEOF', '2 sub $x\n'],
  ['# a comment\necho after # trailing', 'after\n'],
  ['echo a \\\n b', 'a b\n'],
  ['printf "%s=%d\\n" a 1 b 2', 'a=1\nb=2\n'],
  ['printf "%5s|%-5s|%05d|%x|%o|%c\\n" ab cd 42 255 8 xyz', '   ab|cd   |00042|ff|10|x\n'],
  ['printf "%.2f %e\\n" 3.14159 12345.678', '3.14 1.234568e+04\n'],
  ['test -d /tmp && echo dir; [ -f /etc/passwd ] && echo file; [ -e /nope ] || echo none', 'dir\nfile\nnone\n'],
  ['[ abc = abc ] && [ 1 -lt 2 ] && [ -n x ] && [ -z "" ] && echo all', 'all\n'],
  ['[ ! -e /nope -a -d / ] && echo combo', 'combo\n'],
  ['read a b <<EOF\none two three\nEOF\necho "$a|$b"', 'one|two three\n'],
  ['printf "l1\\nl2\\n" | while read line; do echo "got $line"; done', 'got l1\ngot l2\n'],
  ['cd /tmp && pwd; cd / ; echo $PWD; cd - ', '/tmp\n/\n/tmp\n'],
  ['cd /etc/../tmp; pwd', '/tmp\n'],
  ['export X=exported; env | grep -q X 2>/dev/null; env | cat | while read l; do case $l in X=*) echo $l;; esac; done', 'X=exported\n'],
  ['Y=only-for-env env | while read l; do case $l in Y=*) echo $l;; esac; done; echo "[$Y]"', 'Y=only-for-env\n[]\n'],
  ['unset HOME; echo "[${HOME}]"', '[]\n'],
  ['for i in 1 2 3 4; do [ $i = 3 ] && break; echo $i; done', '1\n2\n'],
  ['for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done', '1\n3\n'],
  ['for i in a b; do for j in 1 2; do [ $j = 2 ] && continue 2; echo $i$j; done; done', 'a1\nb1\n'],
  ['eval "x=42; echo \\$x"', '42\n'],
  ['type cd | cat; command -v cat >/dev/null && echo found', 'cd is a shell builtin\nfound\n'],
  ['exit 7; echo no', '', 7],
  ['(exit 3); echo $?', '3\n'],
  ['echo $((0x10 + 010))', '24\n'],
  ['x=abc; echo ${#x}', '3\n'],
  ['set -e; true; false; echo not-reached', '', 1],
  ['set -e; false || true; if false; then :; fi; echo survived', 'survived\n'],
  ['trap "echo bye" EXIT; echo hi', 'hi\nbye\n'],
  ['trap "echo bye" EXIT; exit 3', 'bye\n', 3],
  ['x=1; f() { x=2; }; f; echo $x', '2\n'],
  ['echo ~ ~/x ~root', '/root /root/x /root\n'],
];

describe('aliases', () => {
  it('dash and busybox expand them in scripts; bash only when interactive or asked', async () => {
    expect((await runC('dash', 'alias hi="echo hi there"\nhi')).stdout).toBe('hi there\n');
    expect((await runC('ash', 'alias hi="echo hi there"\nhi')).stdout).toBe('hi there\n');
    const b = await runC('bash', 'alias hi="echo hi there"\nhi');
    expect([b.stdout, b.stderr]).toEqual(['', 'bash: line 2: hi: command not found\n']);
    expect((await runC('bash', 'shopt -s expand_aliases; alias hi="echo hi there"\nhi')).stdout).toBe('hi there\n');
    expect((await runC('dash', 'alias ll="ls -l"; alias')).stdout).toBe("ll='ls -l'\n");
    expect((await runC('bash', 'alias ll="ls -l"; alias')).stdout).toBe("alias ll='ls -l'\n");
  });
});

describe('the three shells agree on POSIX behaviour', () => {
  for (const which of ALL) {
    describe(which, () => {
      it.each(COMMON)('%s', async (script, stdout, code = 0) => {
        const r = await runC(which, script);
        expect(r.stdout).toBe(stdout);
        expect(r.code).toBe(code);
      });
    });
  }
});
