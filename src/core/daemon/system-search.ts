// GET /images/search and POST /auth (registry/search.go, registry/auth.go)
// against the simulated Docker Hub: search runs over the repositories the
// simulated registry serves, with Docker Hub's descriptions and star counts
// (a snapshot taken for the catalog); login accepts any non-empty user name
// and password for the registries it knows — nothing is sent anywhere.
import type { Registry } from '../image/registry';
import { parseFilters, validateFilters } from '../image/filters';
import type { ApiResponse } from './api';
import { errorResponse, type Router } from './engine';

/** Docker Hub's page for each catalog repository: description and stars (snapshot). */
const HUB: Record<string, { description: string; stars: number }> = {
  'library/python': {
    description: 'Python is an interpreted, interactive, object-oriented, open-source programming language.',
    stars: 10164,
  },
  'library/nginx': { description: 'Official build of Nginx.', stars: 20754 },
  'library/postgres': {
    description: 'The PostgreSQL object-relational database system provides reliability and data integrity.',
    stars: 14213,
  },
  'library/redis': {
    description:
      'Redis is the world’s fastest data platform for caching, vector search, and NoSQL databases.',
    stars: 13258,
  },
  'library/node': {
    description: 'Node.js is a JavaScript-based platform for server-side and networking applications.',
    stars: 13914,
  },
  'library/ubuntu': {
    description: 'Ubuntu is a Debian-based Linux operating system based on free software.',
    stars: 17587,
  },
  'library/debian': {
    description: "Debian is a Linux distribution that's composed entirely of free and open-source software.",
    stars: 5252,
  },
  'library/alpine': {
    description:
      'A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!',
    stars: 11353,
  },
  'library/busybox': { description: 'Busybox base image.', stars: 3404 },
  'library/hello-world': { description: 'Hello World! (an example of minimal Dockerization)', stars: 2461 },
  'library/buildpack-deps': {
    description: 'A collection of common build dependencies used for installing various modules, e.g., gems.',
    stars: 478,
  },
};

export interface SearchResult {
  star_count: number;
  is_official: boolean;
  name: string;
  is_automated: boolean;
  description: string;
}

/** The Hub's search: the term in the name or in the description's words, most starred first. */
export function searchHub(registry: Registry, term: string): SearchResult[] {
  const t = term.toLowerCase();
  const out: SearchResult[] = [];
  for (const full of registry.repositories()) {
    if (!full.startsWith('docker.io/')) continue;
    const path = full.slice('docker.io/'.length);
    const official = path.startsWith('library/') && !path.slice(8).includes('/');
    const name = official ? path.slice(8) : path;
    const hub = HUB[path] ?? { description: '', stars: 0 };
    const words = hub.description.toLowerCase().split(/[^a-z0-9.+#-]+/);
    if (!name.includes(t) && !words.some((w) => w.startsWith(t))) continue;
    out.push({
      star_count: hub.stars,
      is_official: official,
      name,
      is_automated: false,
      description: hub.description,
    });
  }
  return out.sort((a, b) => b.star_count - a.star_count);
}

export function registerSearchRoutes(router: Router, registry: Registry): void {
  router.add('GET', '/images/search', (req): ApiResponse => {
    const term = req.query.term ?? '';
    let limit = 25;
    if (req.query.limit !== undefined && req.query.limit !== '') {
      if (!/^-?\d+$/.test(req.query.limit))
        return {
          status: 400,
          body: { message: `strconv.Atoi: parsing ${JSON.stringify(req.query.limit)}: invalid syntax` },
        };
      limit = Number(req.query.limit);
    }
    if (limit < 1 || limit > 100)
      return { status: 400, body: { message: `limit ${limit} is outside the range of [1, 100]` } };
    const f = parseFilters(req.query.filters);
    if (!f.ok) return errorResponse(f);
    const bad = validateFilters(f.value, ['is-automated', 'is-official', 'stars']);
    if (bad) return { status: 400, body: { message: bad } };
    const bool = (k: string): boolean | undefined | string => {
      const vs = [...(f.value.get(k) ?? [])];
      if (vs.length === 0) return undefined;
      const v = vs[0].toLowerCase();
      if (v === 'true' || v === '1') return true;
      if (v === 'false' || v === '0') return false;
      return `invalid filter '${k}=${vs[0]}'`;
    };
    const official = bool('is-official');
    const automated = bool('is-automated');
    if (typeof official === 'string') return { status: 400, body: { message: official } };
    if (typeof automated === 'string') return { status: 400, body: { message: automated } };
    let stars = 0;
    for (const s of f.value.get('stars') ?? []) {
      if (!/^\d+$/.test(s)) return { status: 400, body: { message: `invalid filter 'stars=${s}'` } };
      stars = Math.max(stars, Number(s));
    }
    const results = searchHub(registry, term)
      .filter((r) => official === undefined || r.is_official === official)
      // nothing on the Hub is an automated build any more
      .filter(() => automated !== true)
      .filter((r) => r.star_count >= stars)
      .slice(0, limit);
    return { status: 200, body: results };
  });

  router.add('POST', '/auth', (req): ApiResponse => {
    const body = (req.body ?? {}) as { username?: string; password?: string; serveraddress?: string };
    const server = body.serveraddress || 'https://index.docker.io/v1/';
    const host = server.replace(/^https?:\/\//, '').split('/')[0];
    const hub = host === 'index.docker.io' || host === 'docker.io' || host === 'registry-1.docker.io';
    const known = hub || registry.repositories().some((r) => r.startsWith(`${host}/`));
    if (!known)
      return {
        status: 500,
        body: {
          message: `Get "https://${host}/v2/": dial tcp: lookup ${host} on 127.0.0.53:53: no such host`,
        },
      };
    if (!body.username || !body.password) {
      const endpoint = hub ? 'https://registry-1.docker.io/v2/' : `https://${host}/v2/`;
      return {
        status: 401,
        body: { message: `login attempt to ${endpoint} failed with status: 401 Unauthorized` },
      };
    }
    return { status: 200, body: { Status: 'Login Succeeded', IdentityToken: '' } };
  });
}
