// POST /images/create?fromImage=…&tag=… (postImagesCreate): parse the name,
// ask the registry, and only then answer with the pull's progress stream, so
// registry errors arrive as HTTP errors before any output.
import type { ApiResponse } from './api';
import {
  parseDigest,
  parseNormalizedNamed,
  trimNamed,
  withDigest,
  withTag,
  familiarName,
} from '../image/reference';
import type { ImageService } from '../image/service';
import { parsePlatform, type Platform } from '../image/platform';
import { errorResponse, MessageStream } from './engine';

export function createImage(
  images: ImageService,
  query: Readonly<Record<string, string | undefined>>,
): ApiResponse {
  const fromImage = query.fromImage ?? '';
  const tag = query.tag ?? '';
  // the platform is parsed first, for an import too (API >= 1.32)
  let platform: Platform | undefined;
  if (query.platform) {
    const p = parsePlatform(query.platform);
    if (!p.ok) return errorResponse(p);
    platform = p.value;
  }
  if (fromImage === '') {
    // an import from fromSrc: the simulated daemon has no network to fetch one from
    const src = query.fromSrc ?? '';
    return {
      status: 500,
      body: {
        message:
          src === ''
            ? 'Get "http:": http: no Host in request URL'
            : `Get "${src}": dial tcp: lookup ${src.replace(/^\w+:\/\//, '').split('/')[0]}: no such host`,
      },
    };
  }
  // `pull -a` may send a name with a trailing ':'
  const parsed = parseNormalizedNamed(fromImage.replace(/:$/, ''));
  if (!parsed.ok) return errorResponse(parsed);
  let ref = parsed.value;
  if (tag !== '') {
    const asDigest = parseDigest(tag);
    const r = asDigest.ok ? withDigest(trimNamed(ref), asDigest.value) : withTag(ref, tag);
    if (!r.ok) return errorResponse(r);
    ref = r.value;
  }
  if (familiarName(ref) === 'scratch')
    return { status: 403, body: { message: "'scratch' is a reserved name" } };
  const plan = images.planPull(ref, platform);
  if (!plan.ok) return errorResponse(plan);
  const stream = new MessageStream();
  const job = images.startPull(
    plan.value,
    (m) => stream.push(m),
    () => stream.end(),
  );
  stream.onCancel(() => job.cancel());
  return { status: 200, stream };
}
