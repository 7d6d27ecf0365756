// A simulated registry (Docker Hub and ghcr.io): tags resolve to image
// indexes, indexes to platform manifests, manifests to a config and
// compressed layer blobs. Errors are the registry's error codes as the daemon
// words them (distribution/errors.go): DENIED, MANIFEST_UNKNOWN, or a network error.
import type { Layer } from '../fs/layer';
import { defaultCatalog, type CatalogRepo } from './catalog';
import { buildImage, withVariant, type BuiltImage, type Recipe } from './catalog/recipe';
import { fail, ok, type Result } from './errors';
import { familiarName, familiarString, type NamedRef } from './reference';

export interface ResolvedImage {
  /** What the reference resolved to: the index digest for a tag, or the digest asked for. */
  readonly digest: string;
  /** The image for the platform pulled (linux/amd64 until a platform is chosen from an index). */
  readonly image: BuiltImage;
  /** An index (whose platforms the daemon chooses from), or one platform's manifest. */
  readonly isIndex: boolean;
}

/** Docker Hub's and GHCR's answers for a repository that does not exist (or is private). */
const DENIED_MESSAGE: Record<string, string> = {
  'docker.io': 'requested access to the resource is denied',
  'ghcr.io': 'denied',
};

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]';
}

export class Registry {
  private readonly repos = new Map<string, CatalogRepo>();
  private readonly hosts = new Set<string>();
  private readonly layersByDiffId = new Map<string, Layer>();

  constructor(catalog: readonly CatalogRepo[] = defaultCatalog()) {
    for (const r of catalog) {
      this.repos.set(`${r.domain}/${r.path}`, r);
      this.hosts.add(r.domain);
    }
  }

  private build(recipe: Recipe): BuiltImage {
    const b = buildImage(recipe);
    for (const v of b.variants) for (const l of v.layers) this.layersByDiffId.set(l.layer.diffId, l.layer);
    return b;
  }

  /** Why the registry cannot be reached at all, or undefined if it can. */
  private unreachable(domain: string): string | undefined {
    if (this.hosts.has(domain)) return undefined;
    const colon = domain.lastIndexOf(':');
    const hasPort = colon > 0 && !domain.endsWith(']');
    const host = hasPort ? domain.slice(0, colon) : domain;
    if (isLoopback(host)) {
      const port = hasPort ? domain.slice(colon + 1) : '80';
      const addr = host === 'localhost' ? `[::1]:${port}` : `${host}:${port}`;
      return `Get "http://${domain}/v2/": dial tcp ${addr}: connect: connection refused`;
    }
    return `Get "https://${domain}/v2/": dial tcp: lookup ${host} on 127.0.0.53:53: no such host`;
  }

  private repo(ref: NamedRef): Result<CatalogRepo> {
    const down = this.unreachable(ref.domain);
    if (down) return fail('system', down);
    const r = this.repos.get(`${ref.domain}/${ref.path}`);
    if (!r) {
      const msg = DENIED_MESSAGE[ref.domain] ?? 'requested access to the resource is denied';
      return fail(
        'notFound',
        `pull access denied for ${familiarName(ref)}, repository does not exist or may require 'docker login': denied: ${msg}`,
      );
    }
    return ok(r);
  }

  /** Resolve a tagged or digested reference to its image (by digest: the index or the platform manifest). */
  resolve(ref: NamedRef): Result<ResolvedImage> {
    const r = this.repo(ref);
    if (!r.ok) return r;
    const unknown = fail(
      'notFound',
      `manifest for ${familiarString(ref)} not found: manifest unknown: manifest unknown`,
    );
    if (ref.digest !== undefined) {
      for (const recipe of new Set(r.value.tags.values())) {
        const b = this.build(recipe);
        if (b.indexDigest === ref.digest) return ok({ digest: ref.digest, image: b, isIndex: true });
        const v = b.variants.find((x) => x.manifestDigest === ref.digest);
        if (v) return ok({ digest: ref.digest, image: withVariant(b, v), isIndex: false });
      }
      return unknown;
    }
    const recipe = r.value.tags.get(ref.tag ?? 'latest');
    if (!recipe) return unknown;
    const b = this.build(recipe);
    return ok({ digest: b.indexDigest, image: b, isIndex: true });
  }

  /** The repository's tags, as `docker pull --all-tags` walks them. */
  tags(ref: NamedRef): Result<string[]> {
    const r = this.repo(ref);
    if (!r.ok) return r;
    return ok([...r.value.tags.keys()]);
  }

  /** Every repository the registry serves (`docker.io/library/python`, …). */
  repositories(): string[] {
    return [...this.repos.keys()];
  }

  /**
   * The layer with this diff ID, building catalog images until it turns up
   * (cheap when the image was resolved before, as after any pull).
   */
  layer(diffId: string): Layer | undefined {
    const hit = this.layersByDiffId.get(diffId);
    if (hit) return hit;
    for (const r of this.repos.values()) {
      for (const recipe of new Set(r.tags.values())) {
        this.build(recipe);
        const l = this.layersByDiffId.get(diffId);
        if (l) return l;
      }
    }
    return undefined;
  }
}
