// A model of spf13/pflag v1.0.6 as the docker CLI uses it: long and short flags,
// clusters (-aq), -fvalue, --flag=value, `--`, non-interspersed commands, value
// validation with pflag's error texts, and FlagUsagesWrapped for --help.

export type FlagKind = 'bool' | 'string' | 'stringArray' | 'list' | 'filter' | 'int' | 'duration';

export interface FlagSpec {
  name: string;
  shorthand?: string;
  kind: FlagKind;
  usage: string;
  /** DefValue as pflag prints it ("false", "", "[]", "0"). */
  defValue?: string;
  hidden?: boolean;
  shorthandDeprecated?: string;
  /** pflag's MarkDeprecated message: the flag is hidden and using it prints a notice. */
  deprecated?: string;
  /** The value type's name in --help when it is not the kind's (opts.ListOpts "list", MemBytes "bytes", …). */
  typeName?: string;
  /** A flag.Value's Set check: returns the error text pflag wraps as `invalid argument …`. */
  validate?: (value: string) => string | undefined;
}

export type FlagValue = boolean | string | string[] | number;

const TYPE_NAMES: Record<FlagKind, string> = {
  bool: 'bool',
  string: 'string',
  stringArray: 'stringArray',
  list: 'list',
  filter: 'filter',
  int: 'int',
  duration: 'duration',
};

function defaultDef(kind: FlagKind): string {
  switch (kind) {
    case 'bool':
      return 'false';
    case 'int':
      return '0';
    case 'duration':
      return '0s';
    case 'stringArray':
      return '[]';
    default:
      return '';
  }
}

/** strconv.ParseBool */
function parseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** strconv.ParseInt(s, 0, 64) */
function parseInt64(s: string): number | string {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|[1-9][0-9_]*|0)$/.exec(s);
  if (!m) return `strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`;
  const body = m[2].replace(/_/g, '');
  let v: bigint;
  if (/^0[xXbBoO]/.test(body)) v = BigInt(body.toLowerCase());
  else if (/^0[0-7]+$/.test(body)) v = BigInt('0o' + body.slice(1));
  else v = BigInt(body);
  if (m[1] === '-') v = -v;
  if (v > 9223372036854775807n || v < -9223372036854775808n)
    return `strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`;
  return Number(v);
}

/** time.ParseDuration, to nanoseconds. */
function parseDuration(s: string): number | string {
  if (s === '0') return 0;
  const re = /([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/y;
  const m0 = /^([+-]?)(.*)$/.exec(s)!;
  let rest = m0[2];
  if (rest === '') return `time: invalid duration ${JSON.stringify(s)}`;
  const unit: Record<string, number> = {
    ns: 1,
    us: 1e3,
    µs: 1e3,
    μs: 1e3,
    ms: 1e6,
    s: 1e9,
    m: 6e10,
    h: 3.6e12,
  };
  let total = 0;
  while (rest !== '') {
    re.lastIndex = 0;
    const m = re.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') {
      return /^[0-9.]+$/.test(rest)
        ? `time: missing unit in duration ${JSON.stringify(s)}`
        : `time: invalid duration ${JSON.stringify(s)}`;
    }
    total += Number(m[1]) * unit[m[2]];
    rest = rest.slice(m[0].length);
  }
  return m0[1] === '-' ? -total : total;
}

/** A command's flags by name and by shorthand, made once per list of specs (never changed after). */
interface FlagIndex {
  byName: Map<string, FlagSpec>;
  byShort: Map<string, FlagSpec>;
}
const indexes = new WeakMap<readonly FlagSpec[], FlagIndex>();

function indexOf(specs: readonly FlagSpec[]): FlagIndex {
  let ix = indexes.get(specs);
  if (!ix) {
    ix = { byName: new Map(), byShort: new Map() };
    for (const s of specs) {
      ix.byName.set(s.name, s);
      if (s.shorthand) ix.byShort.set(s.shorthand, s);
    }
    indexes.set(specs, ix);
  }
  return ix;
}

export class FlagSet {
  private readonly byName: Map<string, FlagSpec>;
  private readonly byShort: Map<string, FlagSpec>;
  private readonly values = new Map<string, FlagValue>();
  private readonly changedSet = new Set<string>();
  /** Positional arguments, in order. */
  args: string[] = [];
  argsLenAtDash = -1;
  /** Written by pflag to the flag set's output (shorthand deprecation notices). */
  notices: string[] = [];

  constructor(
    readonly specs: FlagSpec[],
    readonly interspersed = true,
  ) {
    const ix = indexOf(specs);
    this.byName = ix.byName;
    this.byShort = ix.byShort;
  }

  lookup(name: string): FlagSpec | undefined {
    return this.byName.get(name);
  }

  changed(name: string): boolean {
    return this.changedSet.has(name);
  }

  bool(name: string): boolean {
    const v = this.values.get(name);
    if (v !== undefined) return v as boolean;
    return parseBool(this.byName.get(name)?.defValue ?? 'false') ?? false;
  }

  string(name: string): string {
    const v = this.values.get(name);
    return v !== undefined ? (v as string) : (this.byName.get(name)?.defValue ?? '');
  }

  strings(name: string): string[] {
    return (this.values.get(name) as string[] | undefined) ?? [];
  }

  int(name: string): number {
    const v = this.values.get(name);
    return v !== undefined ? (v as number) : Number(this.byName.get(name)?.defValue ?? '0');
  }

  /** FlagSet.Set: returns pflag's error text for a bad value. */
  private set(flag: FlagSpec, value: string): string | undefined {
    let err: string | undefined = flag.validate?.(value);
    if (err === undefined) this.setValue(flag, value, (e) => (err = e));
    if (err !== undefined) {
      const flagName =
        flag.shorthand && !flag.shorthandDeprecated ? `-${flag.shorthand}, --${flag.name}` : `--${flag.name}`;
      return `invalid argument ${JSON.stringify(value)} for ${JSON.stringify(flagName)} flag: ${err}`;
    }
    this.changedSet.add(flag.name);
    if (flag.deprecated) this.notices.push(`Flag --${flag.name} has been deprecated, ${flag.deprecated}\n`);
    return undefined;
  }

  private setValue(flag: FlagSpec, value: string, fail: (err: string) => void): void {
    let err: string | undefined;
    switch (flag.kind) {
      case 'bool': {
        const b = parseBool(value);
        if (b === undefined) err = `strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`;
        else this.values.set(flag.name, b);
        break;
      }
      case 'int': {
        const n = parseInt64(value);
        if (typeof n === 'string') err = n;
        else this.values.set(flag.name, n);
        break;
      }
      case 'duration': {
        const d = parseDuration(value);
        if (typeof d === 'string') err = d;
        else this.values.set(flag.name, d);
        break;
      }
      case 'filter':
        if (value !== '' && !value.includes('=')) {
          err = 'bad format of filter (expected name=value)';
          break;
        }
        if (value !== '') {
          const i = value.indexOf('=');
          const prev = this.strings(flag.name);
          this.values.set(flag.name, [
            ...prev,
            `${value.slice(0, i).trim().toLowerCase()}=${value.slice(i + 1).trim()}`,
          ]);
        }
        break;
      case 'stringArray':
      case 'list':
        this.values.set(flag.name, [...this.strings(flag.name), value]);
        break;
      default:
        this.values.set(flag.name, value);
    }
    if (err !== undefined) fail(err);
  }

  /** FlagSet.Parse. Returns pflag's error message, if any. */
  parse(argv: string[]): string | undefined {
    this.args = [];
    let args = argv.slice();
    while (args.length > 0) {
      const s = args[0];
      args = args.slice(1);
      if (s.length === 0 || s[0] !== '-' || s.length === 1) {
        if (!this.interspersed) {
          this.args.push(s, ...args);
          return undefined;
        }
        this.args.push(s);
        continue;
      }
      if (s[1] === '-') {
        if (s.length === 2) {
          this.argsLenAtDash = this.args.length;
          this.args.push(...args);
          break;
        }
        const r = this.parseLong(s, args);
        if (typeof r === 'string') return r;
        args = r;
      } else {
        const r = this.parseShort(s, args);
        if (typeof r === 'string') return r;
        args = r;
      }
    }
    return undefined;
  }

  private parseLong(s: string, args: string[]): string[] | string {
    const name = s.slice(2);
    if (name.length === 0 || name[0] === '-' || name[0] === '=') return `bad flag syntax: ${s}`;
    const eq = name.indexOf('=');
    const fname = eq >= 0 ? name.slice(0, eq) : name;
    const flag = this.byName.get(fname);
    if (!flag) return `unknown flag: --${fname}`;
    let value: string;
    if (eq >= 0) value = name.slice(eq + 1);
    else if (flag.kind === 'bool') value = 'true';
    else if (args.length > 0) {
      value = args[0];
      args = args.slice(1);
    } else return `flag needs an argument: ${s}`;
    const err = this.set(flag, value);
    return err ?? args;
  }

  private parseShort(s: string, args: string[]): string[] | string {
    let shorthands = s.slice(1);
    let outArgs = args;
    while (shorthands.length > 0) {
      // pflag hands every shorthand of a cluster the original remaining args
      const c = shorthands[0];
      const flag = this.byShort.get(c);
      if (!flag) return `unknown shorthand flag: ${goQuoteByte(c)} in -${shorthands}`;
      let value: string;
      let rest = shorthands.slice(1);
      if (shorthands.length > 2 && shorthands[1] === '=') {
        value = shorthands.slice(2);
        rest = '';
      } else if (flag.kind === 'bool') value = 'true';
      else if (shorthands.length > 1) {
        value = shorthands.slice(1);
        rest = '';
      } else if (args.length > 0) {
        value = args[0];
        outArgs = args.slice(1);
      } else return `flag needs an argument: ${goQuoteByte(c)} in -${shorthands}`;
      if (flag.shorthandDeprecated)
        this.notices.push(
          `Flag shorthand -${flag.shorthand} has been deprecated, ${flag.shorthandDeprecated}\n`,
        );
      const err = this.set(flag, value);
      if (err) return err;
      shorthands = rest;
    }
    return outArgs;
  }

  /** FlagUsagesWrapped(cols): the Options table of --help. */
  usages(cols: number): string {
    const lines: string[] = [];
    let maxlen = 0;
    const sorted = [...this.specs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const flag of sorted) {
      if (flag.hidden || flag.deprecated) continue;
      let line =
        flag.shorthand && !flag.shorthandDeprecated
          ? `  -${flag.shorthand}, --${flag.name}`
          : `      --${flag.name}`;
      const [varname, usage] = unquoteUsage(flag);
      if (varname) line += ' ' + varname;
      line += '\x00';
      if (line.length > maxlen) maxlen = line.length;
      line += usage;
      const def = flag.defValue ?? defaultDef(flag.kind);
      // opts.ListOpts prints no default; value types whose String() is "[]" or "map[]" do
      const listLike = (flag.kind === 'list' || flag.kind === 'filter') && flag.defValue === undefined;
      if (def !== defaultDef(flag.kind) && !listLike) {
        line += flag.kind === 'string' ? ` (default ${JSON.stringify(def)})` : ` (default ${def})`;
      }
      lines.push(line);
    }
    let out = '';
    for (const line of lines) {
      const sidx = line.indexOf('\x00');
      // fmt.Fprintln puts a space between each of its three operands
      out += `${line.slice(0, sidx)} ${' '.repeat(maxlen - sidx)} ${wrap(maxlen + 2, cols, line.slice(sidx + 1))}\n`;
    }
    return out;
  }
}

function goQuoteByte(c: string): string {
  return c === "'" ? "'\\''" : `'${c}'`;
}

function unquoteUsage(flag: FlagSpec): [string, string] {
  const usage = flag.usage;
  const i = usage.indexOf('`');
  if (i >= 0) {
    const j = usage.indexOf('`', i + 1);
    if (j >= 0) {
      const name = usage.slice(i + 1, j);
      return [name, usage.slice(0, i) + name + usage.slice(j + 1)];
    }
  }
  const t = flag.typeName ?? TYPE_NAMES[flag.kind];
  return [t === 'bool' ? '' : t, usage];
}

function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** pflag's wrap(i, w, s): indent i, width w, first line unindented. */
export function wrap(i: number, w: number, s: string): string {
  if (w === 0) return s.replace(/\n/g, '\n' + ' '.repeat(i));
  let wrapW = w - i;
  let r = '';
  if (wrapW < 24) {
    i = 16;
    wrapW = w - i;
    r += '\n' + ' '.repeat(i);
  }
  if (wrapW < 24) return s.replace(/\n/g, r);
  const slop = 5;
  wrapW -= slop;
  let [l, rest] = wrapN(wrapW, slop, s);
  r += l.replace(/\n/g, '\n' + ' '.repeat(i));
  while (rest !== '') {
    [l, rest] = wrapN(wrapW, slop, rest);
    r += '\n' + ' '.repeat(i) + l.replace(/\n/g, '\n' + ' '.repeat(i));
  }
  return r;
}
