// Python package versions and version specifiers as `packaging` implements
// PEP 440: parse, order (epochs, release segments, pre/post/dev releases),
// match `>=2,<4`, `==1.*`, `~=2.2`, and print specifier sets the way pip
// echoes them (`charset_normalizer<4,>=2`: specifiers sorted as strings).

export interface Version {
  epoch: number;
  release: number[];
  /** a, b or rc with its number. */
  pre?: [string, number];
  post?: number;
  dev?: number;
  local?: string;
  text: string;
}

const VERSION_RE = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d*))?(?:[-_.]?(dev)[-_.]?(\d*))?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

export function parseVersion(s: string): Version | undefined {
  const m = VERSION_RE.exec(s.trim());
  if (!m) return undefined;
  const preName = m[3]?.toLowerCase();
  const pre: [string, number] | undefined = preName
    ? [preName === 'alpha' ? 'a' : preName === 'beta' ? 'b' : preName === 'a' || preName === 'b' ? preName : 'rc', Number(m[4] || 0)]
    : undefined;
  const post = m[5] !== undefined ? Number(m[5]) : m[6] !== undefined ? Number(m[7] || 0) : undefined;
  return {
    epoch: Number(m[1] ?? 0),
    release: m[2].split('.').map(Number),
    pre,
    post,
    dev: m[8] !== undefined ? Number(m[9] || 0) : undefined,
    local: m[10]?.toLowerCase(),
    text: s.trim(),
  };
}

/** The canonical string (`1.0.0rc1`, `2.0.post1`). */
export function versionString(v: Version): string {
  let s = v.epoch ? `${v.epoch}!` : '';
  s += v.release.join('.');
  if (v.pre) s += `${v.pre[0]}${v.pre[1]}`;
  if (v.post !== undefined) s += `.post${v.post}`;
  if (v.dev !== undefined) s += `.dev${v.dev}`;
  if (v.local) s += `+${v.local}`;
  return s;
}

export function isPrerelease(v: Version): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

const PRE_ORDER: Record<string, number> = { a: 0, b: 1, rc: 2 };

function cmpRelease(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** packaging's _cmpkey order: epoch, release, then dev < pre < final < post. */
export function compareVersions(a: Version, b: Version): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  const r = cmpRelease(a.release, b.release);
  if (r !== 0) return r;
  const key = (v: Version): number[] => [
    ...(v.pre === undefined ? (v.post === undefined && v.dev !== undefined ? [-1, 0] : [3, 0]) : [PRE_ORDER[v.pre[0]], v.pre[1]]),
    v.post === undefined ? -Infinity : v.post,
    v.dev === undefined ? Infinity : v.dev,
  ];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

export interface Specifier {
  op: '==' | '!=' | '<=' | '>=' | '<' | '>' | '~=' | '===';
  version: string;
}

const OPS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'] as const;

/** `>=2,<4` -> specifiers; undefined when malformed. */
export function parseSpecifiers(s: string): Specifier[] | undefined {
  const out: Specifier[] = [];
  const t = s.trim();
  if (t === '') return out;
  for (const part of t.split(',')) {
    const p = part.trim();
    const op = OPS.find((o) => p.startsWith(o));
    if (!op) return undefined;
    const version = p.slice(op.length).trim();
    if (version === '') return undefined;
    if (op !== '===') {
      const wild = version.endsWith('.*');
      if (wild && op !== '==' && op !== '!=') return undefined;
      if (!parseVersion(wild ? version.slice(0, -2) : version)) return undefined;
    }
    out.push({ op, version });
  }
  return out;
}

/** `str(SpecifierSet)`: each `opversion`, sorted, joined by commas. */
export function specifierString(specs: readonly Specifier[]): string {
  return specs
    .map((s) => `${s.op}${s.version}`)
    .sort()
    .join(',');
}

function matchOne(v: Version, s: Specifier): boolean {
  if (s.op === '===') return v.text === s.version;
  if (s.version.endsWith('.*')) {
    const prefix = parseVersion(s.version.slice(0, -2))!;
    const same = v.epoch === prefix.epoch && prefix.release.every((n, i) => (v.release[i] ?? 0) === n);
    return s.op === '==' ? same : !same;
  }
  const sv = parseVersion(s.version)!;
  const noLocal = { ...v, local: undefined };
  const c = compareVersions(sv.local ? v : noLocal, sv);
  switch (s.op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
    case '<':
      // <V excludes pre-releases of V itself
      return c < 0 && !(isPrerelease(v) && !isPrerelease(sv) && cmpRelease(v.release, sv.release) === 0);
    case '>':
      return c > 0 && !(v.post !== undefined && sv.post === undefined && cmpRelease(v.release, sv.release) === 0);
    case '~=': {
      if (compareVersions(noLocal, sv) < 0) return false;
      const head = sv.release.slice(0, Math.max(1, sv.release.length - 1));
      return head.every((n, i) => (v.release[i] ?? 0) === n);
    }
  }
}

/** Whether v satisfies every specifier; pre-releases only when allowed or named by a specifier. */
export function satisfies(v: Version, specs: readonly Specifier[], allowPre = false): boolean {
  if (isPrerelease(v) && !allowPre && !specs.some((s) => s.op !== '!=' && /[a-z]/i.test(s.version.replace(/\.\*$/, '')))) return false;
  return specs.every((s) => matchOne(v, s));
}
