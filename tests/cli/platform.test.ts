// --platform for docker pull / run / create against the simulated daemon (Docker 28.5.2 on a
// linux/amd64 laptop with the overlay2 image store): the index's best match is pulled, a
// missing platform fails after `Pulling from`, a local image of another platform is "not
// found" for create, and a foreign binary fails at execve (no binfmt emulation): runc prints
// `exec PATH: exec format error` on the container's stderr and exits 255.
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/runner/run-script';
import type { BuiltImage, PlatformImage } from '../../src/core/image/catalog/recipe';
import { formatPlatform } from '../../src/core/image/platform';
import { parseNormalizedNamed } from '../../src/core/image/reference';
import { Registry } from '../../src/core/image/registry';
import { createWorld, type World } from '../../src/core/world';
import { dockerIn } from './world-driver';

function built(ref: string): BuiltImage {
  const named = parseNormalizedNamed(ref);
  if (!named.ok) throw new Error(named.message);
  const r = new Registry().resolve(named.value);
  if (!r.ok) throw new Error(r.message);
  return r.value.image;
}

function variant(ref: string, platform: string): PlatformImage {
  const v = built(ref).variants.find((x) => formatPlatform(x.platform) === platform);
  if (!v) throw new Error(`${ref} has no ${platform}`);
  return v;
}

const short = (digest: string) => digest.slice('sha256:'.length, 'sha256:'.length + 12);

/** What `docker pull` prints for a one-layer image pulled afresh (non-TTY). */
function onePullLines(tag: string, layer: string, index: string): string {
  return [
    `${tag}: Pulling from library/hello-world`,
    `${short(layer)}: Pulling fs layer`,
    `${short(layer)}: Verifying Checksum`,
    `${short(layer)}: Download complete`,
    `${short(layer)}: Pull complete`,
    `Digest: ${index}`,
    `Status: Downloaded newer image for hello-world:${tag}`,
    '',
  ].join('\n');
}

async function imageId(w: World, ref: string): Promise<string> {
  return (await dockerIn(w, ['image', 'inspect', '--format', '{{.Id}}', ref])).io.out.trim();
}

describe('docker pull --platform', () => {
  it('pulls the arm64 build of a multi-platform image; inspect shows its config', async () => {
    const w = createWorld();
    const arm64 = variant('hello-world', 'linux/arm64/v8');
    const r = await dockerIn(w, ['pull', '--platform', 'linux/arm64', 'hello-world']);
    expect(r.io.out).toBe(
      'Using default tag: latest\n' +
        onePullLines('latest', arm64.layers[0].digest, built('hello-world').indexDigest) +
        'docker.io/library/hello-world:latest\n',
    );
    expect([r.io.err, r.code]).toEqual(['', 0]);
    const inspect = await dockerIn(w, [
      'image',
      'inspect',
      '--format',
      '{{.Id}} {{.Architecture}} {{.Os}} {{.Variant}}',
      'hello-world',
    ]);
    expect(inspect.io.out).toBe(`${arm64.configDigest} arm64 linux v8\n`);
    // the amd64 build differs in every blob, so in every digest
    expect(arm64.configDigest).not.toBe(variant('hello-world', 'linux/amd64').configDigest);
    expect(arm64.layers[0].digest).not.toBe(variant('hello-world', 'linux/amd64').layers[0].digest);
  });

  it.each([
    ['arm64', 'linux/arm64/v8'],
    ['aarch64', 'linux/arm64/v8'],
    ['LINUX/ARM64/V8', 'linux/arm64/v8'],
    ['linux/arm', 'linux/arm/v7'],
    ['armhf', 'linux/arm/v7'],
    // an armv6 machine runs arm/v5 builds, not v7: the index's v5 manifest is the match
    ['linux/arm/v6', 'linux/arm/v5'],
    ['linux/amd64/v2', 'linux/amd64'],
    ['s390x', 'linux/s390x'],
  ])('--platform %s pulls the %s manifest', async (spec, want) => {
    const w = createWorld();
    const r = await dockerIn(w, ['pull', '-q', '--platform', spec, 'hello-world']);
    expect([r.io.out, r.io.err, r.code]).toEqual(['docker.io/library/hello-world:latest\n', '', 0]);
    expect(await imageId(w, 'hello-world')).toBe(variant('hello-world', want).configDigest);
  });

  it('an index without the platform fails once the pull has started', async () => {
    const w = createWorld();
    const cases: [string, string, string, string][] = [
      ['linux/arm64', 'python:3.13-slim', '3.13-slim: Pulling from library/python\n', 'linux/arm64'],
      [
        'linux/arm64/v8',
        'nginx',
        'Using default tag: latest\nlatest: Pulling from library/nginx\n',
        'linux/arm64/v8',
      ],
      [
        'linux/386',
        'hello-world',
        'Using default tag: latest\nlatest: Pulling from library/hello-world\n',
        'linux/386',
      ],
      [
        'windows',
        'hello-world',
        'Using default tag: latest\nlatest: Pulling from library/hello-world\n',
        'windows/amd64',
      ],
      ['linux/riscv64', 'alpine:3.22', '3.22: Pulling from library/alpine\n', 'linux/riscv64'],
    ];
    for (const [spec, ref, out, shown] of cases) {
      const r = await dockerIn(w, ['pull', '--platform', spec, ref]);
      expect([r.io.out, r.io.err, r.code]).toEqual([
        out,
        `no matching manifest for ${shown} in the manifest list entries\n`,
        1,
      ]);
    }
    expect((await dockerIn(w, ['images', '-q'])).io.out).toBe('');
  });

  it('an invalid specifier is the daemon’s 400, before anything is pulled', async () => {
    const w = createWorld();
    const cases: [string, string][] = [
      ['foo/bar/baz/qux', '"foo/bar/baz/qux": cannot parse platform specifier: invalid argument'],
      ['linux/*', '"linux/*": wildcards not yet supported: invalid argument'],
      ['bogus', '"bogus": unknown operating system or architecture: invalid argument'],
    ];
    for (const [spec, message] of cases) {
      const r = await dockerIn(w, ['pull', '--platform', spec, 'alpine']);
      expect([r.io.out, r.io.err, r.code]).toEqual([
        'Using default tag: latest\n',
        `Error response from daemon: ${message}\n`,
        1,
      ]);
    }
  });

  it('the tag moves to the other platform’s image; the old one keeps the index digest', async () => {
    const w = createWorld();
    await dockerIn(w, ['pull', '-q', 'hello-world']);
    const amd64 = await imageId(w, 'hello-world');
    expect(amd64).toBe(variant('hello-world', 'linux/amd64').configDigest);
    const again = await dockerIn(w, ['pull', '--platform', 'linux/amd64', 'hello-world']);
    expect(again.io.out).toContain('Status: Image is up to date for hello-world:latest\n');
    await dockerIn(w, ['pull', '-q', '--platform', 'linux/arm64', 'hello-world']);
    const rows = await dockerIn(w, ['images', '--no-trunc', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
    // addDigestReference cannot move hello-world@<index digest>: it stays on the amd64 image
    expect(rows.io.out.trim().split('\n').sort()).toEqual(
      [
        `hello-world:<none> ${amd64}`,
        `hello-world:latest ${variant('hello-world', 'linux/arm64/v8').configDigest}`,
      ].sort(),
    );
    const digests = await dockerIn(w, [
      'image',
      'inspect',
      '--format',
      '{{len .RepoDigests}}',
      'hello-world',
    ]);
    expect(digests.io.out).toBe('0\n');
  });

  it('a platform manifest pulled by digest is kept whatever its platform, with a warning', async () => {
    const w = createWorld();
    const arm64 = variant('hello-world', 'linux/arm64/v8');
    const ref = `hello-world@${arm64.manifestDigest}`;
    const r = await dockerIn(w, ['pull', '--platform', 'linux/amd64', ref]);
    expect(r.code).toBe(0);
    const lines = r.io.out.trim().split('\n');
    expect(lines.slice(-4)).toEqual([
      `Digest: ${arm64.manifestDigest}`,
      `Status: Downloaded newer image for ${ref}`,
      `WARNING: image with reference ${ref} was found but its platform (linux/arm64/v8) does not match the specified platform (linux/amd64)`,
      `docker.io/library/${ref}`,
    ]);
  });

  it('$DOCKER_DEFAULT_PLATFORM is --platform’s default; an explicit flag wins', async () => {
    const r = await runScript(
      [
        'export DOCKER_DEFAULT_PLATFORM=linux/arm64',
        'docker pull -q hello-world',
        "docker image inspect --format '{{.Architecture}}' hello-world",
        'docker pull -q --platform linux/s390x hello-world',
        "docker image inspect --format '{{.Architecture}}' hello-world",
        'docker pull python:3.13-slim',
      ].join('\n'),
    );
    expect(r.transcript).toContain(
      [
        '$ docker pull -q hello-world',
        'docker.io/library/hello-world:latest',
        '[exit 0]',
        "$ docker image inspect --format '{{.Architecture}}' hello-world",
        'arm64',
        '[exit 0]',
        '$ docker pull -q --platform linux/s390x hello-world',
        'docker.io/library/hello-world:latest',
        '[exit 0]',
        "$ docker image inspect --format '{{.Architecture}}' hello-world",
        's390x',
        '[exit 0]',
        '$ docker pull python:3.13-slim',
        '3.13-slim: Pulling from library/python',
        'no matching manifest for linux/arm64 in the manifest list entries',
        '[exit 1]',
      ].join('\n'),
    );
  });
});

describe('docker run / create --platform', () => {
  it('run pulls the arm64 build, and its binary fails at execve with 255', async () => {
    const w = createWorld();
    const arm64 = variant('hello-world', 'linux/arm64/v8');
    const r = await dockerIn(w, ['run', '--platform', 'linux/arm64', 'hello-world']);
    expect(r.io.out).toBe('');
    expect(r.io.err).toBe(
      "Unable to find image 'hello-world:latest' locally\n" +
        onePullLines('latest', arm64.layers[0].digest, built('hello-world').indexDigest) +
        'exec /hello: exec format error\n',
    );
    expect(r.code).toBe(255);
    const ps = await dockerIn(w, ['ps', '-a', '--format', '{{.Status}}']);
    expect(ps.io.out).toMatch(/^Exited \(255\) /);
  });

  it('without --platform a foreign image only earns a warning, then fails the same way', async () => {
    const w = createWorld();
    await dockerIn(w, ['pull', '-q', '--platform', 'linux/arm64', 'alpine']);
    const r = await dockerIn(w, ['run', '--rm', 'alpine', 'echo', 'hi']);
    expect([r.io.out, r.io.err, r.code]).toEqual([
      '',
      "WARNING: The requested image's platform (linux/arm64/v8) does not match the detected host platform (linux/amd64/v4) and no specific platform was requested\n" +
        'exec /bin/echo: exec format error\n',
      255,
    ]);
    const create = await dockerIn(w, ['create', 'alpine']);
    expect(create.io.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect(create.io.err).toBe(
      "WARNING: The requested image's platform (linux/arm64/v8) does not match the detected host platform (linux/amd64/v4) and no specific platform was requested\n",
    );
    // with --platform naming it, no warning
    const named = await dockerIn(w, ['create', '--platform', 'linux/arm64', 'alpine']);
    expect([named.io.err, named.code]).toEqual(['', 0]);
  });

  it('the command is looked up in PATH first: runc names the path it found', async () => {
    const w = createWorld();
    await dockerIn(w, ['pull', '-q', '--platform', 'linux/arm64', 'alpine']);
    const sh = await dockerIn(w, ['run', '--platform', 'linux/arm64', 'alpine', 'sh', '-c', 'true']);
    expect([sh.io.err, sh.code]).toEqual(['exec /bin/sh: exec format error\n', 255]);
    // a missing command is still runc's create-time error (LookPath comes before execve)
    const missing = await dockerIn(w, ['run', '--platform', 'linux/arm64', 'alpine', 'nothere']);
    expect(missing.code).toBe(127);
    expect(missing.io.err).toContain('exec: "nothere": executable file not found in $PATH');
  });

  it('under --init, tini forks, execvp fails with ENOEXEC and tini exits 1', async () => {
    const w = createWorld();
    await dockerIn(w, ['pull', '-q', '--platform', 'linux/arm64', 'alpine']);
    const r = await dockerIn(w, ['run', '--init', '--platform', 'linux/arm64', 'alpine', 'echo', 'hi']);
    expect(r.io.err).toMatch(/^\[FATAL tini \(\d+\)\] exec echo failed: Exec format error\n$/);
    expect(r.code).toBe(1);
  });

  it('a local image of another platform is "not found" for create: --pull never says so', async () => {
    const w = createWorld();
    await dockerIn(w, ['pull', '-q', 'hello-world']);
    const r = await dockerIn(w, ['create', '--pull', 'never', '--platform', 'aarch64', 'hello-world']);
    expect([r.io.out, r.io.err, r.code]).toEqual([
      '',
      'Error response from daemon: image with reference hello-world was found but its platform (linux/amd64) does not match the specified platform (linux/arm64)\n',
      1,
    ]);
    // the default --pull missing takes that as a missing image and pulls the platform asked for
    const pulled = await dockerIn(w, ['create', '-q', '--platform', 'linux/arm64', 'hello-world']);
    expect(pulled.io.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect(pulled.io.err).toBe('');
    expect(await imageId(w, 'hello-world')).toBe(variant('hello-world', 'linux/arm64/v8').configDigest);
  });

  it('a matching platform creates quietly, and the amd64 image still runs', async () => {
    const w = createWorld();
    const r = await dockerIn(w, ['run', '--rm', '--platform', 'linux/amd64', 'hello-world']);
    expect(r.code).toBe(0);
    expect(r.io.out).toContain('Hello from Docker!');
    expect(r.io.err).not.toContain('WARNING');
  });

  it('the client refuses an invalid specifier itself: run 125 with the help hint, create 1', async () => {
    const w = createWorld();
    const run = await dockerIn(w, ['run', '--platform', 'foo/bar/baz/qux', 'hello-world']);
    expect([run.io.out, run.io.err, run.code]).toEqual([
      '',
      'docker: error parsing specified platform: "foo/bar/baz/qux": cannot parse platform specifier: invalid argument\n\nRun \'docker run --help\' for more information\n',
      125,
    ]);
    const create = await dockerIn(w, ['create', '--platform', 'linux/a b', 'hello-world']);
    expect([create.io.out, create.io.err, create.code]).toEqual([
      '',
      'error parsing specified platform: "a b" is an invalid component of "linux/a b": platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument\n',
      1,
    ]);
    // nothing was pulled or created
    expect((await dockerIn(w, ['ps', '-aq'])).io.out).toBe('');
    expect((await dockerIn(w, ['images', '-q'])).io.out).toBe('');
  });

  it('the arm64 alpine names its own rootfs tarball in its history', async () => {
    const w = createWorld();
    await dockerIn(w, ['pull', '-q', '--platform', 'linux/arm64', 'alpine']);
    const h = await dockerIn(w, ['history', '--no-trunc', '--format', '{{.CreatedBy}}', 'alpine']);
    expect(h.io.out).toBe('CMD ["/bin/sh"]\nADD alpine-minirootfs-3.22.0-aarch64.tar.gz / # buildkit\n');
  });
});
