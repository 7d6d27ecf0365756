// The simulated registries' contents: which repository:tag names which
// recipe. Recipes are made once per process so every image built on a base
// shares the base's Layer objects (and so its diff IDs).
import { alpineRecipe, busyboxRecipe } from './alpine';
import { buildpackDeps } from './buildpack-deps';
import { debianRecipe, debianRootfs } from './debian';
import { nginxRecipe } from './nginx';
import { postgresRecipe } from './postgres';
import { pythonRecipes } from './python';
import { lazy, type Recipe } from './recipe';
import { nodeRecipe, redisRecipe } from './redis-node';
import { helloWorldRecipe, ubuntuRecipe, uvRecipe } from './small-images';

export interface CatalogRepo {
  /** Registry host: `docker.io`, `ghcr.io`. */
  readonly domain: string;
  /** Repository path: `library/python`, `astral-sh/uv`. */
  readonly path: string;
  /** Tag → image, in the order the registry lists them. */
  readonly tags: ReadonlyMap<string, Recipe>;
}

function repo(domain: string, path: string, groups: [Recipe, string[]][]): CatalogRepo {
  const tags = new Map<string, Recipe>();
  for (const [r, names] of groups) for (const n of names) tags.set(n, r);
  return { domain, path, tags };
}

let catalog: readonly CatalogRepo[] | undefined;

export function defaultCatalog(): readonly CatalogRepo[] {
  if (catalog) return catalog;
  const debian = debianRecipe(
    false,
    lazy(() => debianRootfs(false)),
  );
  const slim = debianRecipe(
    true,
    lazy(() => debianRootfs(true)),
  );
  const alpine = alpineRecipe();
  const bpd = buildpackDeps(debian);
  const py = pythonRecipes({ buildpack: bpd.full, slim, alpine });
  const d = 'docker.io';
  catalog = [
    repo(d, 'library/debian', [
      [debian, ['bookworm', '12', '12.11', 'latest']],
      [slim, ['bookworm-slim', '12-slim', '12.11-slim']],
    ]),
    repo(d, 'library/buildpack-deps', [
      [bpd.curl, ['bookworm-curl']],
      [bpd.scm, ['bookworm-scm']],
      [bpd.full, ['bookworm']],
    ]),
    repo(d, 'library/alpine', [[alpine, ['3.22', '3.22.0', '3', 'latest']]]),
    repo(d, 'library/ubuntu', [[ubuntuRecipe(), ['24.04', 'noble', 'latest']]]),
    repo(d, 'library/busybox', [[busyboxRecipe(), ['latest', '1.37', '1.37.0', 'glibc', '1.37.0-glibc']]]),
    repo(d, 'library/hello-world', [[helloWorldRecipe(), ['latest', 'linux']]]),
    repo(d, 'library/python', [
      [
        py.bookworm,
        ['3.13', '3.13.5', '3.13-bookworm', '3.13.5-bookworm', '3', '3-bookworm', 'bookworm', 'latest'],
      ],
      [py.slim, ['3.13-slim', '3.13.5-slim', '3.13-slim-bookworm', '3-slim', 'slim', 'slim-bookworm']],
      [py.alpine, ['3.13-alpine', '3.13-alpine3.22', '3.13.5-alpine', '3-alpine', 'alpine', 'alpine3.22']],
    ]),
    repo(d, 'library/nginx', [
      [
        nginxRecipe(slim),
        ['latest', '1.29', '1.29.0', '1', 'mainline', 'bookworm', '1.29-bookworm', 'mainline-bookworm'],
      ],
    ]),
    repo(d, 'library/postgres', [
      [
        postgresRecipe(slim, { major: '16', pgVersion: '16.9-1.pgdg120+1', created: '2026-11-13T02:08:22Z' }),
        ['16', '16.9', '16-bookworm', '16.9-bookworm'],
      ],
      [
        postgresRecipe(slim, { major: '17', pgVersion: '17.5-1.pgdg120+1', created: '2026-11-13T02:08:40Z' }),
        ['17', '17.5', '17-bookworm', 'latest', 'bookworm'],
      ],
    ]),
    repo(d, 'library/redis', [
      [
        redisRecipe(slim, '7.4.5', '2026-11-14T11:00:00Z'),
        ['7', '7.4', '7.4.5', '7-bookworm', '7.4-bookworm'],
      ],
      [
        redisRecipe(slim, '8.0.3', '2026-11-14T12:00:00Z'),
        ['8', '8.0', '8.0.3', 'latest', 'bookworm', '8-bookworm'],
      ],
    ]),
    repo(d, 'library/node', [
      [
        nodeRecipe(bpd.full, '22.17.0', false, '2026-11-15T09:00:00Z'),
        ['22', '22.17', '22.17.0', '22-bookworm', 'lts', 'jod'],
      ],
      [
        nodeRecipe(slim, '22.17.0', true, '2026-11-15T09:10:00Z'),
        ['22-slim', '22-bookworm-slim', '22.17-slim', 'lts-slim', 'jod-slim'],
      ],
      [
        nodeRecipe(bpd.full, '24.4.0', false, '2026-11-15T10:00:00Z'),
        ['24', '24.4', '24.4.0', '24-bookworm', 'current', 'latest'],
      ],
      [
        nodeRecipe(slim, '24.4.0', true, '2026-11-15T10:10:00Z'),
        ['24-slim', '24-bookworm-slim', 'current-slim', 'slim'],
      ],
    ]),
    repo('ghcr.io', 'astral-sh/uv', [[uvRecipe(), ['latest', '0.8', '0.8.22']]]),
  ];
  return catalog;
}
