// pflag parsing rules and messages, and cobra's usage layout for the Options table.
import { describe, expect, it } from 'vitest';
import { FlagSet, wrap } from '../../src/cli/flags';
import type { FlagSpec } from '../../src/cli/flags';

const specs: FlagSpec[] = [
  { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Show all containers (default shows just running)' },
  { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Only display container IDs' },
  {
    name: 'last',
    shorthand: 'n',
    kind: 'int',
    usage: 'Show n last created containers (includes all states)',
    defValue: '-1',
  },
  { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
  { name: 'format', kind: 'string', usage: 'Format output using a custom template' },
  { name: 'env', shorthand: 'e', kind: 'list', usage: 'Set environment variables' },
  { name: 'time', shorthand: 't', kind: 'duration', usage: 'Timeout' },
];

function parse(args: string[], interspersed = true) {
  const fs = new FlagSet(specs, interspersed);
  const err = fs.parse(args);
  return { fs, err };
}

describe('pflag parsing', () => {
  it('short clusters, values glued or separate, --flag=value and --flag value', () => {
    const { fs, err } = parse([
      '-aq',
      '-n3',
      '--format',
      '{{.ID}}',
      '--filter=status=exited',
      '-f',
      'name=x',
      'pos',
    ]);
    expect(err).toBeUndefined();
    expect(fs.bool('all')).toBe(true);
    expect(fs.bool('quiet')).toBe(true);
    expect(fs.int('last')).toBe(3);
    expect(fs.string('format')).toBe('{{.ID}}');
    expect(fs.strings('filter')).toEqual(['status=exited', 'name=x']);
    expect(fs.args).toEqual(['pos']);
  });
  it('repeatable list flags keep every value; -e=v keeps the =', () => {
    const { fs } = parse(['-e', 'A=1', '--env=B=2', '-eC=3', '-e=D']);
    expect(fs.strings('env')).toEqual(['A=1', 'B=2', 'C=3', 'D']);
  });
  it('bools take =false, defaults print as given', () => {
    const { fs } = parse(['--all=false', '-q=true']);
    expect(fs.bool('all')).toBe(false);
    expect(fs.bool('quiet')).toBe(true);
    expect(fs.changed('all')).toBe(true);
    expect(parse([]).fs.int('last')).toBe(-1);
  });
  it('-- ends the flags', () => {
    const { fs } = parse(['-a', '--', '-q', 'x']);
    expect(fs.bool('quiet')).toBe(false);
    expect(fs.args).toEqual(['-q', 'x']);
  });
  it('non-interspersed commands stop at the first positional (docker run IMAGE CMD…)', () => {
    const { fs } = parse(['-a', 'python', 'ls', '-q'], false);
    expect(fs.args).toEqual(['python', 'ls', '-q']);
    expect(fs.bool('quiet')).toBe(false);
    const { fs: inter } = parse(['-a', 'python', 'ls', '-q']);
    expect(inter.args).toEqual(['python', 'ls']);
    expect(inter.bool('quiet')).toBe(true);
  });
  it.each([
    [['--nope'], 'unknown flag: --nope'],
    [['-x'], "unknown shorthand flag: 'x' in -x"],
    [['-ax'], "unknown shorthand flag: 'x' in -x"],
    [['--format'], 'flag needs an argument: --format'],
    [['-n'], "flag needs an argument: 'n' in -n"],
    [
      ['-n', 'x'],
      'invalid argument "x" for "-n, --last" flag: strconv.ParseInt: parsing "x": invalid syntax',
    ],
    [
      ['--all=maybe'],
      'invalid argument "maybe" for "-a, --all" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
    [
      ['-f', 'dangling'],
      'invalid argument "dangling" for "-f, --filter" flag: bad format of filter (expected name=value)',
    ],
    [['-t', '10'], 'invalid argument "10" for "-t, --time" flag: time: missing unit in duration "10"'],
    [['---x'], 'bad flag syntax: ---x'],
  ])('%j -> %s', (args, msg) => {
    expect(parse(args).err).toBe(msg);
  });
  it('ints accept Go prefixes; durations parse Go syntax', () => {
    expect(parse(['-n', '0x10']).fs.int('last')).toBe(16);
    expect(parse(['-t', '1m30s']).fs.int('time')).toBe(90e9);
  });
});

describe('usage table', () => {
  it('aligns as pflag FlagUsagesWrapped, sorted, shorthands first, defaults shown', () => {
    const out = new FlagSet(specs.slice(0, 5)).usages(79);
    expect(out).toBe(
      [
        '  -a, --all             Show all containers (default shows just running)',
        '  -f, --filter filter   Filter output based on conditions provided',
        '      --format string   Format output using a custom template',
        '  -n, --last int        Show n last created containers (includes all',
        '                        states) (default -1)',
        '  -q, --quiet           Only display container IDs',
        '',
      ].join('\n'),
    );
  });
  it('wrap() follows pflag: slop of 5, continuation indent', () => {
    expect(wrap(10, 40, 'one two three four five six seven eight nine ten')).toBe(
      'one two three four five\n          six seven eight nine ten',
    );
  });
});
