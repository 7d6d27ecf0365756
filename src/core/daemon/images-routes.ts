// The image routes of the Engine API (api/server/router/image/image.go), in
// moby's registration order: `/images/json` before `/images/{name:.*}/json`.
import { parseFilters } from '../image/filters';
import { parseNormalizedNamed, tagNameOnly, withTag, familiarName } from '../image/reference';
import type { ImageService } from '../image/service';
import { boolValue, errorResponse, type Router } from './engine';
import { createImage } from './images-create';
import { imageHistory, inspectImage } from './images-inspect';
import { listImages } from './images-list';

export function registerImageRoutes(router: Router, images: ImageService): void {
  router.add('GET', '/images/json', (req) => listImages(images, req.query));
  router.add('GET', '/images/{name:.*}/history', (req) => imageHistory(images, req.params.name));
  router.add('GET', '/images/{name:.*}/json', (req) => inspectImage(images, req.params.name));
  router.add('POST', '/images/create', (req) => createImage(images, req.query));
  router.add('POST', '/images/prune', (req) => {
    const f = parseFilters(req.query.filters);
    if (!f.ok) return errorResponse(f);
    const r = images.prune(f.value);
    return r.ok ? { status: 200, body: r.value } : errorResponse(r);
  });
  router.add('POST', '/images/{name:.*}/tag', (req) => {
    const repo = req.query.repo ?? '';
    const tag = req.query.tag ?? '';
    if (repo === '')
      return { status: 400, body: { message: 'repository name must have at least one component' } };
    const parsed = parseNormalizedNamed(repo);
    if (!parsed.ok) return errorResponse(parsed);
    if (parsed.value.digest !== undefined)
      return { status: 400, body: { message: 'cannot import digest reference' } };
    const ref =
      tag !== '' ? withTag(parsed.value, tag) : { ok: true as const, value: tagNameOnly(parsed.value) };
    if (!ref.ok) return errorResponse(ref);
    if (familiarName(ref.value) === 'sha256')
      return {
        status: 400,
        body: { message: 'refusing to create an ambiguous tag using digest algorithm as name' },
      };
    const img = images.get(req.params.name);
    // the router wraps every lookup failure as "not found"
    if (!img.ok) return { status: 404, body: { message: img.message } };
    const r = images.tag(img.value, ref.value);
    return r.ok ? { status: 201, body: '' } : errorResponse(r);
  });
  router.add('DELETE', '/images/{name:.*}', (req) => {
    const name = req.params.name;
    if (name.trim() === '') return { status: 400, body: { message: 'image name cannot be blank' } };
    const r = images.remove(name, {
      force: boolValue(req.query, 'force'),
      prune: !boolValue(req.query, 'noprune'),
    });
    return r.ok ? { status: 200, body: r.value } : errorResponse(r);
  });
}
