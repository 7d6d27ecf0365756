// distribution/reference as the docker CLI uses it: ParseNormalizedNamed (with
// Docker Hub defaults `docker.io` and `library/`), familiar names, and the exact
// "invalid reference format" errors.

const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const host = `(?:${domainName}|${ipv6})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const name = `(?:${domainAndPort}/)?${pathComponent}(?:/${pathComponent})*`;
const referenceRe = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);
const identifierRe = /^[a-f0-9]{64}$/;

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';

export interface NamedRef {
  /** Full name: "docker.io/library/python". */
  name: string;
  domain: string;
  /** Path within the registry: "library/python". */
  path: string;
  tag?: string;
  digest?: string;
}

function splitDockerDomain(s: string): [string, string] {
  const i = s.indexOf('/');
  let domain: string;
  let remainder: string;
  if (
    i === -1 ||
    (!/[.:]/.test(s.slice(0, i)) &&
      s.slice(0, i) !== 'localhost' &&
      s.slice(0, i).toLowerCase() === s.slice(0, i))
  ) {
    domain = DEFAULT_DOMAIN;
    remainder = s;
  } else {
    domain = s.slice(0, i);
    remainder = s.slice(i + 1);
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return [domain, remainder];
}

/** reference.ParseNormalizedNamed; errors are Docker's messages. */
export function parseNormalizedNamed(s: string): NamedRef | { error: string } {
  if (identifierRe.test(s))
    return { error: `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings` };
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remoteName = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remoteName.toLowerCase() !== remoteName) {
    return { error: `invalid reference format: repository name (${remoteName}) must be lowercase` };
  }
  const full = `${domain}/${remainder}`;
  const m = referenceRe.exec(full);
  if (!m) {
    if (full === '') return { error: 'repository name must have at least one component' };
    if (referenceRe.test(full.toLowerCase()))
      return { error: 'invalid reference format: repository name must be lowercase' };
    return { error: 'invalid reference format' };
  }
  if (m[1].length > 255) return { error: 'repository name must not be more than 255 characters' };
  const n = m[1];
  const slash = n.indexOf('/');
  return { name: n, domain: n.slice(0, slash), path: n.slice(slash + 1), tag: m[2], digest: m[3] };
}

/** reference.TagNameOnly: a name without tag or digest gets `latest`. */
export function tagNameOnly(r: NamedRef): NamedRef {
  return r.tag === undefined && r.digest === undefined ? { ...r, tag: 'latest' } : r;
}

/** reference.FamiliarName: "python", "myuser/app", "ghcr.io/x/y". */
export function familiarName(r: NamedRef): string {
  if (r.domain !== DEFAULT_DOMAIN) return r.name;
  return r.path.startsWith(OFFICIAL_REPO_PREFIX) && r.path.indexOf('/', OFFICIAL_REPO_PREFIX.length) === -1
    ? r.path.slice(OFFICIAL_REPO_PREFIX.length)
    : r.path;
}

/** reference.FamiliarString: "python:3.13", "python@sha256:…". */
export function familiarString(r: NamedRef): string {
  return (
    familiarName(r) +
    (r.tag !== undefined ? `:${r.tag}` : '') +
    (r.digest !== undefined ? `@${r.digest}` : '')
  );
}

/** Reference.String(): "docker.io/library/python:3.13". */
export function referenceString(r: NamedRef): string {
  return r.name + (r.tag !== undefined ? `:${r.tag}` : '') + (r.digest !== undefined ? `@${r.digest}` : '');
}

export function isReferenceError(r: NamedRef | { error: string }): r is { error: string } {
  return 'error' in r;
}
