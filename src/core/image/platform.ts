// Platform specifiers (`linux/arm64/v8`) as containerd/platforms v1.0.0-rc.1 parses,
// normalises, formats and matches them: the version both docker 28.5.2 and moby 28.5.2
// vendor. The CLI and the daemon run on the same linux/amd64 laptop, so runtime.GOOS and
// runtime.GOARCH are constants here.
import { fail, ok, type Result } from './errors';
import { goQuote } from '../go-quote';

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
  readonly osVersion?: string;
}

const GOOS = 'linux';
const GOARCH = 'amd64';

/** platforms.DefaultSpec(): GOOS/GOARCH, and no variant on amd64. */
export const DEFAULT_SPEC: Platform = { os: GOOS, architecture: GOARCH };

/**
 * The daemon's maximumSpec(): DefaultSpec with go-archvariant's microarchitecture level. The
 * host's CPU (procfs: Xeon family 6 model 85 stepping 7, Cascade Lake) has AVX-512F/BW/CD/DQ/VL,
 * so x86-64-v4.
 */
export const HOST_MAX_SPEC: Platform = { os: GOOS, architecture: GOARCH, variant: 'v4' };

const SPECIFIER_RE = /^[A-Za-z0-9_.-]+$/;
const OS_AND_VERSION_RE = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$/;
/** The Go sources of the two regexps, as their error messages quote them. */
const SPECIFIER_SRC = '^[A-Za-z0-9_.-]+$';
const OS_AND_VERSION_SRC = '^([A-Za-z0-9_-]+)(?:\\(([A-Za-z0-9_.-]*)\\))?$';

const KNOWN_OS = new Set(
  'aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris windows zos'.split(
    ' ',
  ),
);
const KNOWN_ARCH = new Set(
  '386 amd64 amd64p32 arm armbe arm64 arm64be ppc64 ppc64le loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc riscv riscv64 s390 s390x sparc sparc64 wasm'.split(
    ' ',
  ),
);

function normalizeOS(os: string): string {
  if (os === '') return GOOS;
  const lower = os.toLowerCase();
  return lower === 'macos' ? 'darwin' : lower;
}

/** normalizeArch: the canonical architecture and variant ("aarch64" -> "arm64", "armhf" -> "arm/v7"). */
function normalizeArch(archIn: string, variantIn: string): [string, string] {
  let arch = archIn.toLowerCase();
  let variant = variantIn.toLowerCase();
  switch (arch) {
    case 'i386':
      arch = '386';
      variant = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      arch = 'amd64';
      if (variant === 'v1') variant = '';
      break;
    case 'aarch64':
    case 'arm64':
      arch = 'arm64';
      if (variant === '8' || variant === 'v8' || variant === 'v8.0') variant = '';
      else if (variant === '9' || variant === '9.0' || variant === 'v9.0') variant = 'v9';
      break;
    case 'armhf':
      arch = 'arm';
      variant = 'v7';
      break;
    case 'armel':
      arch = 'arm';
      variant = 'v6';
      break;
    case 'arm':
      if (variant === '' || variant === '7') variant = 'v7';
      else if (variant === '5' || variant === '6' || variant === '8') variant = `v${variant}`;
      break;
  }
  return [arch, variant];
}

function invalid(message: string): Result<Platform> {
  return fail('invalid', `${message}: invalid argument`);
}

function make(os: string, architecture: string, variant: string, osVersion: string): Platform {
  const p: { os: string; architecture: string; variant?: string; osVersion?: string } = { os, architecture };
  if (variant !== '') p.variant = variant;
  if (osVersion !== '') p.osVersion = osVersion;
  return p;
}

/** platforms.Parse: `<os>[(<OSVersion>)]|<arch>|<os>[(<OSVersion>)]/<arch>[/<variant>]`. */
export function parsePlatform(specifier: string): Result<Platform> {
  if (specifier.includes('*')) return invalid(`${goQuote(specifier)}: wildcards not yet supported`);
  // strings.SplitN(specifier, "/", 4): the fourth part keeps any further slashes
  const all = specifier.split('/');
  const parts = all.length > 4 ? [...all.slice(0, 3), all.slice(3).join('/')] : all;
  let os = '';
  let osVersion = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i === 0) {
      const m = OS_AND_VERSION_RE.exec(part);
      if (!m)
        return invalid(
          `${goQuote(part)} is an invalid OS component of ${goQuote(specifier)}: OSAndVersion specifier component must match ${goQuote(OS_AND_VERSION_SRC)}`,
        );
      os = normalizeOS(m[1]);
      osVersion = m[2] ?? '';
    } else if (!SPECIFIER_RE.test(part)) {
      return invalid(
        `${goQuote(part)} is an invalid component of ${goQuote(specifier)}: platform specifier component must match ${goQuote(SPECIFIER_SRC)}`,
      );
    }
  }
  switch (parts.length) {
    case 1: {
      // an OS alone gets the host's architecture; anything else must be a known architecture
      if (KNOWN_OS.has(os)) return ok(make(os, GOARCH, '', osVersion));
      const [arch, variant] = normalizeArch(parts[0], '');
      const v = arch === 'arm' && variant === 'v7' ? '' : variant;
      if (KNOWN_ARCH.has(arch)) return ok(make(GOOS, arch, v, osVersion));
      return invalid(`${goQuote(specifier)}: unknown operating system or architecture`);
    }
    case 2: {
      const [arch, variant] = normalizeArch(parts[1], '');
      return ok(make(os, arch, arch === 'arm' && variant === 'v7' ? '' : variant, osVersion));
    }
    case 3: {
      const [arch, variant] = normalizeArch(parts[1], parts[2]);
      return ok(make(os, arch, arch === 'arm64' && variant === '' ? 'v8' : variant, osVersion));
    }
  }
  return invalid(`${goQuote(specifier)}: cannot parse platform specifier`);
}

/** Go's path.Join: empty elements dropped, the result cleaned (`.` and `..` resolved). */
function pathJoin(elems: readonly string[]): string {
  const joined = elems.filter((e) => e !== '').join('/');
  if (joined === '') return '';
  const rooted = joined.startsWith('/');
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const s = out.join('/');
  return rooted ? `/${s}` : s === '' ? '.' : s;
}

/** platforms.Format: `os/arch[/variant]`, "unknown" without an OS. */
export function formatPlatform(p: Platform): string {
  if (p.os === '') return 'unknown';
  return pathJoin([p.os, p.architecture, p.variant ?? '']);
}

/** platforms.FormatAll: Format with the OS version, `windows(10.0.17763)/amd64`. */
export function formatPlatformAll(p: Platform): string {
  if (p.os === '') return 'unknown';
  const os = p.osVersion ? `${p.os}(${p.osVersion})` : p.os;
  return pathJoin([os, p.architecture, p.variant ?? '']);
}

/** The client library's formatPlatform (client/container_create.go): path.Join of what is set. */
export function clientPlatformQuery(p: Platform): string {
  return pathJoin([p.os, p.architecture, p.variant ?? '']);
}

/** platforms.Normalize. */
export function normalizePlatform(p: Platform): Platform {
  const [arch, variant] = normalizeArch(p.architecture, p.variant ?? '');
  return make(normalizeOS(p.os), arch, variant, p.osVersion ?? '');
}

function same(a: Platform, b: Platform): boolean {
  const n = normalizePlatform(b);
  return a.os === n.os && a.architecture === n.architecture && (a.variant ?? '') === (n.variant ?? '');
}

const ARM64_VERSIONS: Record<string, { major: number[]; minor: number[] }> = {
  v8: { major: [8], minor: [0] },
  'v8.0': { major: [8], minor: [0] },
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`v8.${n}`, { major: [8], minor: [n] }])),
  v9: { major: [9, 8], minor: [0, 5] },
  'v9.0': { major: [9, 8], minor: [0, 5] },
  ...Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7].map((n) => [`v9.${n}`, { major: [9, 8], minor: [n, Math.min(n + 5, 9)] }]),
  ),
};

/** platformVector: the platforms a machine of `p` also runs, best first. */
function platformVector(p: Platform): Platform[] {
  const at = (architecture: string, variant = '') => make(p.os, architecture, variant, p.osVersion ?? '');
  const variant = p.variant ?? '';
  switch (p.architecture) {
    case 'amd64': {
      const v: Platform[] = [p];
      const n = /^v?\d+$/.test(variant) ? Number(variant.replace(/^v/, '')) : NaN;
      if (n > 1) for (let k = n - 1; k >= 1; k--) v.push(at('amd64', `v${k}`));
      v.push(at('386'));
      return v;
    }
    case 'arm': {
      const v: Platform[] = [p];
      const n = /^v?\d+$/.test(variant) ? Number(variant.replace(/^v/, '')) : NaN;
      if (n > 5) for (let k = n - 1; k >= 5; k--) v.push(at('arm', `v${k}`));
      return v;
    }
    case 'arm64': {
      const v: Platform[] = [];
      let want = variant === '' ? 'v8' : variant;
      const versions = ARM64_VERSIONS[want];
      if (versions) {
        versions.major.forEach((major, i) => {
          for (let minor = versions.minor[i]; minor >= 0; minor--)
            v.push(at('arm64', minor === 0 ? `v${major}` : `v${major}.${minor}`));
        });
      }
      // every arm64 v8.x/v9.x also runs 32-bit arm/v8 and below
      if (want.startsWith('v8') || want.startsWith('v9')) want = 'v8';
      return [...v, ...platformVector(at('arm', want))];
    }
  }
  return [p];
}

export interface PlatformMatcher {
  match(p: Platform): boolean;
  /** Sort order: platforms this machine prefers come first. */
  less(a: Platform, b: Platform): boolean;
}

/** platforms.Only: the platform and those it runs natively (amd64 also 386; arm/v7 also v6, v5). */
export function onlyPlatform(p: Platform): PlatformMatcher {
  const wanted = platformVector(normalizePlatform(p)).map(normalizePlatform);
  return {
    match: (x) => wanted.some((w) => same(w, x)),
    less(a, b) {
      for (const w of wanted) {
        const am = same(w, a);
        const bm = same(w, b);
        if (am && !bm) return true;
        if (am || bm) return false;
      }
      return false;
    },
  };
}

/**
 * images.OnlyPlatformWithFallback: platforms.Only, or, for an image config without a
 * variant (the image-spec had none for long), the same OS and architecture.
 */
export function onlyPlatformWithFallback(p: Platform): (x: Platform) => boolean {
  const only = onlyPlatform(p);
  const n = normalizePlatform(p);
  return (x) => {
    if (only.match(x)) return true;
    if ((x.variant ?? '') !== '') return false;
    const xn = normalizePlatform(x);
    return n.os === xn.os && n.architecture === xn.architecture;
  };
}

/** The x86_64 kernel executes amd64 ELF and, through its IA-32 emulation, 386; nothing else. */
export function runsOnHost(p: Platform): boolean {
  return p.os === GOOS && (p.architecture === 'amd64' || p.architecture === '386');
}

/** distribution's noMatchesErr. */
export function noMatchingManifest(requested: Platform | undefined): string {
  const p = requested && requested.os !== '' ? requested : DEFAULT_SPEC;
  return `no matching manifest for ${formatPlatformAll(p)} in the manifest list entries`;
}
