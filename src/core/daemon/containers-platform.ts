// A container's platform: POST /containers/create?platform= (GetImage with a platform, the
// warning for a foreign image asked for without one), and what the x86_64 kernel does with
// a binary built for another platform: execve fails with ENOEXEC, there is no emulator.
import { isGenerated, utf8Decode } from '../fs/content';
import { FsError } from '../fs/types';
import { blobPlatform } from '../image/catalog/foreign';
import { fail, ok, type Result } from '../image/errors';
import {
  formatPlatformAll,
  HOST_MAX_SPEC,
  onlyPlatformWithFallback,
  runsOnHost,
  type Platform,
} from '../image/platform';
import { familiarString, parseNormalizedNamed, refString } from '../image/reference';
import type { ImageService } from '../image/service';
import type { FileSystem, UserProgram } from '../userland/types';
import type { CreateBody } from './containers-types';

/**
 * The platform a create request asked for, beside its body: ContainerStore.create takes the
 * name and the body only, and the route hands the platform over here.
 */
const requested = new WeakMap<CreateBody, Platform>();

export function withRequestedPlatform(body: CreateBody, p: Platform | undefined): CreateBody {
  if (p) requested.set(body, p);
  return body;
}

export function requestedPlatform(body: CreateBody): Platform | undefined {
  return requested.get(body);
}

function imagePlatform(images: ImageService, imageId: string): Platform {
  const cfg = images.store.config(imageId);
  const p: { os: string; architecture: string; variant?: string } = {
    os: cfg.os,
    architecture: cfg.architecture,
  };
  if (cfg.variant) p.variant = cfg.variant;
  return p;
}

/**
 * containerCreate's platform checks (daemon/create.go, images.GetImage): with a platform,
 * an image of another one is "not found", so the client pulls the platform asked for; without
 * one, a foreign image only earns a warning.
 */
export function checkImagePlatform(
  images: ImageService,
  refOrId: string,
  imageId: string,
  want: Platform | undefined,
): Result<string[]> {
  const has = imagePlatform(images, imageId);
  if (want === undefined) {
    if (onlyPlatformWithFallback(HOST_MAX_SPEC)(has)) return ok([]);
    return ok([
      `The requested image's platform (${formatPlatformAll(has)}) does not match the detected host platform (${formatPlatformAll(HOST_MAX_SPEC)}) and no specific platform was requested`,
    ]);
  }
  if (onlyPlatformWithFallback(want)(has)) return ok([]);
  // reference.ParseNamed: only a reference already in its canonical form is shown familiar
  const named = parseNormalizedNamed(refOrId);
  const name = named.ok && refString(named.value) === refOrId ? familiarString(named.value) : refOrId;
  return fail(
    'notFound',
    `image with reference ${name} was found but its platform (${formatPlatformAll(has)}) does not match the specified platform (${formatPlatformAll(want)})`,
  );
}

/**
 * The path runc's execve names when the kernel cannot load the binary (or, for a `#!`
 * script, its interpreter): built for a platform this x86_64 machine does not run.
 * `name` is where $PATH found it (ExecTarget.found).
 */
export function foreignExecutable(fs: FileSystem, name: string): string | undefined {
  let path = name;
  for (let depth = 0; depth < 5; depth++) {
    const real = fs.realpath(path);
    const content = fs.readContent(real instanceof FsError ? path : real);
    if (content instanceof FsError) return undefined;
    const p = blobPlatform(content);
    if (p) return runsOnHost(p) ? undefined : name;
    if (isGenerated(content)) return undefined;
    const head = typeof content === 'string' ? content.slice(0, 256) : utf8Decode(content.slice(0, 256));
    if (!head.startsWith('#!')) return undefined;
    path = head.slice(2).split('\n')[0].trim().split(/\s+/)[0];
  }
  return undefined;
}

/** runc init after its execve failed: the error on the container's stderr, exit status 255. */
export function execFormatError(name: string): UserProgram {
  return async (ctx) => {
    ctx.stderr.write(`exec ${name}: exec format error\n`);
    return 255;
  };
}
