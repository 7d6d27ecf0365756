// Image references exactly as docker/distribution's reference package parses
// and normalises them (regexp.go, reference.go, normalize.go) plus go-digest's
// validation, so `python`, `Python:3.13` and `x@sha256:…` fail or resolve with
// the CLI's and daemon's own words.
import { fail, ok, type Result } from './errors';

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
export const DEFAULT_TAG = 'latest';
const NAME_TOTAL_LENGTH_MAX = 255;

// --- regexp.go ---------------------------------------------------------------
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const localhost = 'localhost';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const identifier = '([a-f0-9]{64})';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = host + optionalPort;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRegexp = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredTagRegexp = new RegExp(`^${tagPat}$`);
const anchoredDigestRegexp = new RegExp(`^${digestPat}$`);
const anchoredIdentifierRegexp = new RegExp(`^${identifier}$`);

// --- go-digest ----------------------------------------------------------------
const goDigestAnchored = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
/** Algorithms the daemon links in (crypto/sha256, crypto/sha512), with their hex lengths. */
const ALGORITHMS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** go-digest's Parse/Validate: a well-formed `algo:hex` digest, or its error text. */
export function parseDigest(s: string): Result<string> {
  const i = s.indexOf(':');
  if (i <= 0 || i + 1 === s.length) return fail('invalid', 'invalid checksum digest format');
  const alg = s.slice(0, i);
  const encoded = s.slice(i + 1);
  const len = ALGORITHMS[alg];
  if (len === undefined) {
    if (!goDigestAnchored.test(s)) return fail('invalid', 'invalid checksum digest format');
    return fail('invalid', 'unsupported digest algorithm');
  }
  if (encoded.length !== len) return fail('invalid', 'invalid checksum digest length');
  if (!/^[a-f0-9]+$/.test(encoded)) return fail('invalid', 'invalid checksum digest format');
  return ok(s);
}

// --- reference types ------------------------------------------------------------

/** A named reference: repository (domain + path) with an optional tag and/or digest. */
export interface NamedRef {
  readonly domain: string;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** A bare digest (`sha256:…` or a 64-hex image ID), as ParseAnyReference returns. */
export interface DigestRef {
  readonly digestOnly: string;
}

export type AnyRef = NamedRef | DigestRef;

export function isNamed(r: AnyRef): r is NamedRef {
  return !('digestOnly' in r);
}

/** The repository name: `docker.io/library/python`. */
export function refName(r: NamedRef): string {
  return r.domain === '' ? r.path : `${r.domain}/${r.path}`;
}

/** The full string: `docker.io/library/python:3.13`, `…@sha256:…`. */
export function refString(r: AnyRef): string {
  if (!isNamed(r)) return r.digestOnly;
  let s = refName(r);
  if (r.tag !== undefined) s += `:${r.tag}`;
  if (r.digest !== undefined) s += `@${r.digest}`;
  return s;
}

function familiarPath(r: NamedRef): { domain: string; path: string } {
  if (r.domain !== DEFAULT_DOMAIN) return { domain: r.domain, path: r.path };
  let path = r.path;
  if (path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!rest.includes('/')) path = rest;
  }
  return { domain: '', path };
}

/** `python`, `myuser/app`, `ghcr.io/owner/app` (FamiliarName). */
export function familiarName(r: NamedRef): string {
  const f = familiarPath(r);
  return f.domain === '' ? f.path : `${f.domain}/${f.path}`;
}

/** `python:3.13`, `python@sha256:…` (FamiliarString). */
export function familiarString(r: AnyRef): string {
  if (!isNamed(r)) return r.digestOnly;
  let s = familiarName(r);
  if (r.tag !== undefined) s += `:${r.tag}`;
  if (r.digest !== undefined) s += `@${r.digest}`;
  return s;
}

export function isNameOnly(r: NamedRef): boolean {
  return r.tag === undefined && r.digest === undefined;
}

/** Adds `latest` to a reference with neither tag nor digest. */
export function tagNameOnly(r: NamedRef): NamedRef {
  return isNameOnly(r) ? { domain: r.domain, path: r.path, tag: DEFAULT_TAG } : r;
}

export function trimNamed(r: NamedRef): NamedRef {
  return { domain: r.domain, path: r.path };
}

export function withTag(r: NamedRef, tag: string): Result<NamedRef> {
  if (!anchoredTagRegexp.test(tag)) return fail('invalid', 'invalid tag format');
  return ok(
    r.digest !== undefined
      ? { domain: r.domain, path: r.path, tag, digest: r.digest }
      : { domain: r.domain, path: r.path, tag },
  );
}

export function withDigest(r: NamedRef, digest: string): Result<NamedRef> {
  if (!anchoredDigestRegexp.test(digest)) return fail('invalid', 'invalid digest format');
  return ok(
    r.tag !== undefined
      ? { domain: r.domain, path: r.path, tag: r.tag, digest }
      : { domain: r.domain, path: r.path, digest },
  );
}

/** reference.Parse: the raw grammar, no normalisation. */
export function parse(s: string): Result<NamedRef | DigestRef> {
  if (s === '') return fail('invalid', 'repository name must have at least one component');
  const m = referenceRegexp.exec(s);
  if (!m) {
    const lower = s.toLowerCase();
    if (lower !== s && referenceRegexp.test(lower))
      return fail('invalid', 'repository name must be lowercase');
    return fail('invalid', 'invalid reference format');
  }
  const nm = anchoredNameRegexp.exec(m[1]);
  const domain = nm ? (nm[1] ?? '') : '';
  const path = nm ? nm[2] : m[1];
  if (path.length > NAME_TOTAL_LENGTH_MAX) {
    return fail('invalid', `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  }
  let digest: string | undefined;
  if (m[3] !== undefined) {
    const d = parseDigest(m[3]);
    if (!d.ok) return d;
    digest = d.value;
  }
  const tag = m[2];
  const ref: { domain: string; path: string; tag?: string; digest?: string } = { domain, path };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ok(ref);
}

/** splitDockerDomain: which part of a familiar name is the registry. */
function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  let domain: string;
  let remainder: string;
  if (slash < 0) {
    return { domain: DEFAULT_DOMAIN, remainder: OFFICIAL_REPO_PREFIX + name };
  }
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  if (maybeDomain === localhost) {
    domain = maybeDomain;
    remainder = maybeRemote;
  } else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) {
    domain = DEFAULT_DOMAIN;
    remainder = maybeRemote;
  } else if (/[.:]/.test(maybeDomain)) {
    domain = maybeDomain;
    remainder = maybeRemote;
  } else if (maybeDomain.toLowerCase() !== maybeDomain) {
    domain = maybeDomain;
    remainder = maybeRemote;
  } else {
    domain = DEFAULT_DOMAIN;
    remainder = name;
  }
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return { domain, remainder };
}

/**
 * ParseNormalizedNamed: a familiar name as typed (`python:3.13`) to a fully
 * qualified one (`docker.io/library/python:3.13`), tag and digest kept.
 */
export function parseNormalizedNamed(s: string): Result<NamedRef> {
  if (anchoredIdentifierRegexp.test(s)) {
    return fail('invalid', `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const { domain, remainder } = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    return fail('invalid', `invalid reference format: repository name (${remote}) must be lowercase`);
  }
  const r = parse(`${domain}/${remainder}`);
  if (!r.ok) return r;
  if (!isNamed(r.value) || r.value.path === '')
    return fail('invalid', `reference ${refString(r.value)} has no name`);
  return ok(r.value);
}

/** ParseAnyReference: a 64-hex ID, a full digest, or a familiar name. */
export function parseAnyReference(s: string): Result<AnyRef> {
  if (anchoredIdentifierRegexp.test(s)) return ok({ digestOnly: `sha256:${s}` });
  const d = parseDigest(s);
  if (d.ok) return ok({ digestOnly: d.value });
  return parseNormalizedNamed(s);
}

/** The registry path as the daemon prints it in `Pulling from library/python`. */
export function remotePath(r: NamedRef): string {
  return r.path;
}

// --- path.Match, for the `reference` filter ----------------------------------------

/** Go's path.Match; a malformed pattern is an error value ("syntax error in pattern"). */
export function pathMatch(pattern: string, name: string): Result<boolean> {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      i++;
      if (i >= pattern.length) return fail('system', 'syntax error in pattern');
      re += escapeRe(pattern[i]);
    } else if (c === '[') {
      let cls = '[';
      i++;
      if (pattern[i] === '^') {
        cls += '^';
        i++;
      }
      let n = 0;
      for (;;) {
        if (i >= pattern.length) return fail('system', 'syntax error in pattern');
        if (pattern[i] === ']' && n > 0) break;
        let lo = pattern[i];
        if (lo === '\\') {
          i++;
          if (i >= pattern.length) return fail('system', 'syntax error in pattern');
          lo = pattern[i];
        } else if (lo === ']' || lo === '-') return fail('system', 'syntax error in pattern');
        cls += escapeRe(lo);
        i++;
        if (pattern[i] === '-') {
          i++;
          let hi = pattern[i];
          if (hi === undefined || hi === ']') return fail('system', 'syntax error in pattern');
          if (hi === '\\') {
            i++;
            hi = pattern[i];
            if (hi === undefined) return fail('system', 'syntax error in pattern');
          }
          cls += `-${escapeRe(hi)}`;
          i++;
        }
        n++;
      }
      re += `${cls}]`;
    } else re += escapeRe(c);
  }
  return ok(new RegExp(`${re}$`, 's').test(name));
}

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** reference.FamiliarMatch: the pattern against the familiar string, then the familiar name. */
export function familiarMatch(pattern: string, r: NamedRef): Result<boolean> {
  const m = pathMatch(pattern, familiarString(r));
  if (!m.ok) return m;
  if (m.value) return m;
  const byName = pathMatch(pattern, familiarName(r));
  return ok(byName.ok && byName.value);
}
