// getopt_long as glibc runs it for coreutils and musl/BusyBox's getopt32:
// clustered short flags (-la), attached or separate arguments (-n5, -n 5,
// --lines=5, --lines 5), unambiguous long prefixes (--all for --al), `--`
// ending options, and GNU's permutation (options after operands still count).

export interface OptSpec {
  /** Short options: letters, `:` after one that takes an argument ("ahn:"), `::` an optional attached one (sed's -i[SUFFIX]). */
  short: string;
  /** Long names -> key: `'lines=': 'n'` takes an argument, `'color?': 'color'` an optional one. */
  long?: Record<string, string>;
  /** Stop at the first operand (env, xargs, nice: the rest is a command line). */
  stopAtOperand?: boolean;
}

export class Parsed {
  readonly operands: string[] = [];
  /** Options in the order given, for tools where order matters. */
  readonly seq: Array<{ key: string; value?: string }> = [];

  has(key: string): boolean {
    return this.seq.some((o) => o.key === key);
  }

  count(key: string): number {
    return this.seq.filter((o) => o.key === key).length;
  }

  /** The last value given for key. */
  value(key: string): string | undefined {
    for (let i = this.seq.length - 1; i >= 0; i--) if (this.seq[i].key === key) return this.seq[i].value;
    return undefined;
  }

  values(key: string): string[] {
    return this.seq.filter((o) => o.key === key).map((o) => o.value ?? '');
  }

  /** Whichever of keys came last (ls -1 vs -l, rm -i vs -f). */
  lastOf(...keys: string[]): string | undefined {
    for (let i = this.seq.length - 1; i >= 0; i--) if (keys.includes(this.seq[i].key)) return this.seq[i].key;
    return undefined;
  }
}

/** A usage error in the words glibc's getopt prints. */
export interface OptError {
  error: string;
}

export function getopt(args: readonly string[], spec: OptSpec): Parsed | OptError {
  const p = new Parsed();
  const takes = new Map<string, boolean>();
  const optional = new Set<string>();
  for (let i = 0; i < spec.short.length; i++) {
    const c = spec.short[i];
    if (c === ':') continue;
    takes.set(c, spec.short[i + 1] === ':');
    if (spec.short[i + 1] === ':' && spec.short[i + 2] === ':') optional.add(c);
  }
  const longs = Object.entries(spec.long ?? {}).map(([raw, key]) => {
    const arg = raw.endsWith('=') ? 'required' : raw.endsWith('?') ? 'optional' : 'none';
    return { name: arg === 'none' ? raw : raw.slice(0, -1), key, arg };
  });
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a.startsWith('--') && spec.long) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const exact = longs.find((l) => l.name === name);
      const matches = exact ? [exact] : longs.filter((l) => l.name.startsWith(name));
      const keys = new Set(matches.map((m) => m.key));
      if (matches.length === 0) return { error: `unrecognized option '${a}'` };
      if (keys.size > 1) return { error: `option '${a}' is ambiguous; possibilities:${matches.map((m) => ` '--${m.name}'`).join('')}` };
      const l = matches[0];
      if (l.arg === 'none') {
        if (eq >= 0) return { error: `option '--${l.name}' doesn't allow an argument` };
        p.seq.push({ key: l.key });
      } else if (eq >= 0) p.seq.push({ key: l.key, value: a.slice(eq + 1) });
      else if (l.arg === 'optional') p.seq.push({ key: l.key });
      else if (i + 1 < args.length) p.seq.push({ key: l.key, value: args[++i] });
      else return { error: `option '--${l.name}' requires an argument` };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const t = takes.get(c);
        if (t === undefined) return { error: `invalid option -- '${c}'` };
        if (!t) {
          p.seq.push({ key: c });
          continue;
        }
        if (j + 1 < a.length) p.seq.push({ key: c, value: a.slice(j + 1) });
        else if (optional.has(c)) p.seq.push({ key: c });
        else if (i + 1 < args.length) p.seq.push({ key: c, value: args[++i] });
        else return { error: `option requires an argument -- '${c}'` };
        break;
      }
      continue;
    }
    if (spec.stopAtOperand) break;
    p.operands.push(a);
  }
  for (; i < args.length; i++) p.operands.push(args[i]);
  return p;
}

export function isOptError(x: Parsed | OptError): x is OptError {
  return (x as OptError).error !== undefined;
}
