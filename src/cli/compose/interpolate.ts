// Compose's variable substitution (compose-go template): $VAR, ${VAR},
// ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+alt},
// ${VAR+alt} and $$ for a dollar, over every string of the file; and the
// dotenv format of `.env` and `env_file` files.

export interface Interpolation {
  /** Names used while unset ("The "X" variable is not set" warnings), in order. */
  unset: string[];
}

export class InterpolationError extends Error {}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Substitute one string; `where` names it in errors ("services.web.image"). */
export function substitute(
  text: string,
  env: Readonly<Record<string, string>>,
  where: string,
  seen: Interpolation,
): string {
  let out = '';
  const invalid = () =>
    new InterpolationError(
      `invalid interpolation format for ${where}.\nYou may need to escape any $ with another $.\n${text}`,
    );
  const lookup = (name: string): string | undefined => (Object.hasOwn(env, name) ? env[name] : undefined);
  const unset = (name: string) => {
    if (!seen.unset.includes(name)) seen.unset.push(name);
    return '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    if (next === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) throw invalid();
      const body = text.slice(i + 2, close);
      const m = NAME.exec(body);
      if (!m) throw invalid();
      const name = m[0];
      const rest = body.slice(name.length);
      const value = lookup(name);
      const op = /^(:?[-?+])/.exec(rest)?.[1];
      if (rest !== '' && !op) throw invalid();
      const arg = op ? substitute(rest.slice(op.length), env, where, seen) : '';
      const empty = value === undefined || (op?.startsWith(':') === true && value === '');
      switch (op) {
        case undefined:
          out += value ?? unset(name);
          break;
        case ':-':
        case '-':
          out += empty ? arg : (value as string);
          break;
        case ':?':
        case '?':
          if (empty) throw new InterpolationError(`required variable ${name} is missing a value: ${arg}`);
          out += value as string;
          break;
        case ':+':
        case '+':
          out += empty ? '' : arg;
          break;
      }
      i = close;
      continue;
    }
    const m = NAME.exec(text.slice(i + 1));
    if (!m) {
      // a lone $ (before a space, a digit, the end) is kept as it is
      out += '$';
      continue;
    }
    const v = lookup(m[0]);
    out += v ?? unset(m[0]);
    i += m[0].length;
  }
  return out;
}

/** Substitute every string value of a parsed YAML tree; paths name the values in errors. */
export function interpolateTree(
  node: unknown,
  env: Readonly<Record<string, string>>,
  seen: Interpolation,
  path = '',
): unknown {
  if (typeof node === 'string') return substitute(node, env, path, seen);
  if (Array.isArray(node)) return node.map((v, i) => interpolateTree(v, env, seen, `${path}[${i}]`));
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node as Record<string, unknown>))
      out[k] = interpolateTree(v, env, seen, path ? `${path}.${k}` : k);
    return out;
  }
  return node;
}

/**
 * A dotenv file: KEY=VALUE lines, `export ` prefixes, # comments, single
 * quotes taken literally, double quotes with \n escapes, a bare KEY meaning
 * "from the environment" (null).
 */
export function parseDotenv(text: string): Array<[string, string | null]> | { error: string } {
  const out: Array<[string, string | null]> = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n].trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trimStart();
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key))
      return { error: `line ${n + 1}: unexpected character "${key[0] ?? ''}" in variable name "${key}"` };
    if (eq < 0) {
      out.push([key, null]);
      continue;
    }
    let value = line.slice(eq + 1).trim();
    if (value.startsWith("'")) {
      const end = value.indexOf("'", 1);
      value = end < 0 ? value.slice(1) : value.slice(1, end);
    } else if (value.startsWith('"')) {
      const end = value.indexOf('"', 1);
      value = (end < 0 ? value.slice(1) : value.slice(1, end)).replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      const hash = value.search(/\s#/);
      if (hash >= 0) value = value.slice(0, hash).trimEnd();
    }
    out.push([key, value]);
  }
  return out;
}
