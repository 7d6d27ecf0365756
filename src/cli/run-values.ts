// Value parsers of the run/create options, with the errors their Go originals
// return: go-units RAMInBytes, opts.NanoCPUs, kvfile (--env-file), restart policies.

/** strconv.ParseFloat(s, 64) for the decimal forms units.RAMInBytes sees. */
function parseFloat64(s: string): number | string {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) && !/^[+-]?(inf|infinity|nan)$/i.test(s))
    return `strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`;
  return Number(s.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
}

const BINARY: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** units.RAMInBytes (go-units v0.5.0 parseSize with the binary map). */
export function parseRamBytes(sizeStr: string): number | string {
  let sep = -1;
  for (let i = sizeStr.length - 1; i >= 0; i--)
    if ('01234567890. '.includes(sizeStr[i])) {
      sep = i;
      break;
    }
  if (sep === -1) return `invalid size: '${sizeStr}'`;
  const num = sizeStr[sep] !== ' ' ? sizeStr.slice(0, sep + 1) : sizeStr.slice(0, sep);
  let sfx = sizeStr.slice(sep + 1);
  const size = parseFloat64(num);
  if (typeof size === 'string') return size;
  if (size < 0) return `invalid size: '${sizeStr}'`;
  if (sfx.length === 0) return Math.trunc(size);
  const bad = () => `invalid suffix: '${sfx}'`;
  if (sfx.length > 3) return bad();
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') return sfx.length > 1 ? bad() : Math.trunc(size);
  const mul = BINARY[sfx[0]];
  if (mul === undefined) return bad();
  if ((sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) return bad();
  return Math.trunc(size * mul);
}

/** opts.ParseCPUs: a big.Rat times 1e9 that must be whole. */
export function parseCpus(value: string): number | string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value);
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(value);
  if (frac) {
    const n = BigInt(frac[1]) * 1_000_000_000n;
    const d = BigInt(frac[2]);
    if (d === 0n) return `failed to parse ${value} as a rational number`;
    if (n % d !== 0n) return 'value is too precise';
    return Number(n / d);
  }
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return `failed to parse ${value} as a rational number`;
  const digits = m[2] + (m[3] ?? '');
  let exp = Number(m[4] ?? 0) - (m[3] ?? '').length + 9;
  let n = BigInt(digits === '' ? '0' : digits);
  for (; exp > 0; exp--) n *= 10n;
  for (; exp < 0; exp++) {
    if (n % 10n !== 0n) return 'value is too precise';
    n /= 10n;
  }
  return Number(m[1] === '-' ? -n : n);
}

// ---- --env-file (pkg/kvfile) ----

/** kvfile.Parse: the variables of an env file; a bare NAME takes the client's value or is dropped. */
export function parseEnvFile(
  filename: string,
  content: string,
  lookup: (key: string) => string | undefined,
): string[] | string {
  const out: string[] = [];
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const [n, text] of lines.entries()) {
    // bufio.ScanLines drops a trailing CR; the first line loses a UTF-8 BOM
    let raw = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (n === 0) raw = raw.replace(/^\uFEFF/, '');
    const line = raw.replace(/^\s+/, '');
    if (line.length === 0 || line[0] === '#') continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (key.length === 0) return `invalid env file (${filename}): no variable name on line '${line}'`;
    if (/[ \t]/.test(key)) return `invalid env file (${filename}): variable '${key}' contains whitespaces`;
    if (eq >= 0) {
      out.push(line);
      continue;
    }
    const v = lookup(line);
    if (v !== undefined) out.push(`${key}=${v}`);
  }
  return out;
}

// ---- --restart (opts.ParseRestartPolicy) ----

export interface RestartPolicy {
  Name: string;
  MaximumRetryCount: number;
}

export function parseRestartPolicy(policy: string): RestartPolicy | string {
  if (policy === '') return { Name: '', MaximumRetryCount: 0 };
  const i = policy.indexOf(':');
  const k = i < 0 ? policy : policy.slice(0, i);
  const v = i < 0 ? '' : policy.slice(i + 1);
  if (i >= 0 && k === '') return 'invalid restart policy format: no policy provided before colon';
  let count = 0;
  if (v !== '') {
    if (!/^[+-]?\d+$/.test(v)) return 'invalid restart policy format: maximum retry count must be an integer';
    count = Number(v);
  }
  return { Name: k, MaximumRetryCount: count };
}
