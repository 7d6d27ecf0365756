// The docker client's build facts (docker-ce 28.5.2 for Ubuntu 24.04, amd64):
// what `docker version`, `docker info` and `docker --version` say about the
// client side, apart from the daemon's answers.

export const CLIENT_VERSION = '28.5.2';
export const CLIENT_GIT_COMMIT = 'ecc6942';
/** cli@v28.5.2 Dockerfile GO_VERSION. */
export const CLIENT_GO_VERSION = 'go1.24.9';
/** The v28.5.2 tag's commit time, in time.ANSIC as reformatDate prints it. */
export const CLIENT_BUILT = 'Wed Nov  5 10:32:31 2025';
/** version.PlatformName of the docker-ce packages. */
export const PLATFORM_NAME = 'Docker Engine - Community';
export const CLIENT_OS = 'linux';
export const CLIENT_ARCH = 'amd64';
export const CONTEXT = 'default';

/** CLI plugins the docker-ce packages install (docker-buildx-plugin, docker-compose-plugin). */
export const CLI_PLUGINS = [
  {
    name: 'buildx',
    shortDescription: 'Docker Buildx',
    vendor: 'Docker Inc.',
    version: 'v0.29.1',
    path: '/usr/libexec/docker/cli-plugins/docker-buildx',
  },
  {
    name: 'compose',
    shortDescription: 'Docker Compose',
    vendor: 'Docker Inc.',
    version: 'v2.40.3',
    path: '/usr/libexec/docker/cli-plugins/docker-compose',
  },
];
