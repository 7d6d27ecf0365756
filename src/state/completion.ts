// Tab completion for the host prompt: command names first, then docker's
// subcommands, then the names of local images where a command takes one.
import type { Completer } from '../cli/line-editor';
import type { ImageInput } from '../viz/layer-stacks';

/** Commands the host prompt runs today. */
export const HOST_COMMANDS = ['clear', 'docker'] as const;

/** `docker --help` of Docker 28: common, management and other commands. */
export const DOCKER_COMMANDS = [
  'attach', 'build', 'commit', 'container', 'cp', 'create', 'diff', 'events', 'exec', 'export', 'history',
  'image', 'images', 'import', 'info', 'inspect', 'kill', 'load', 'login', 'logout', 'logs', 'network',
  'pause', 'port', 'ps', 'pull', 'push', 'rename', 'restart', 'rm', 'rmi', 'run', 'save', 'search', 'start',
  'stats', 'stop', 'system', 'tag', 'top', 'unpause', 'update', 'version', 'volume', 'wait',
] as const;

/** `docker image --help` subcommands. */
const IMAGE_COMMANDS = ['build', 'history', 'import', 'inspect', 'load', 'ls', 'prune', 'pull', 'push', 'rm', 'save', 'tag'];

/** Commands whose arguments name local images. */
const TAKES_IMAGE = new Set(['create', 'history', 'inspect', 'push', 'rmi', 'run', 'save', 'tag', 'image history', 'image inspect', 'image push', 'image rm', 'image save', 'image tag']);

/** Flags of `docker run`/`create` that take a value in the next word (`--name web`). */
const VALUE_FLAGS = new Set([
  '-a', '--attach', '--add-host', '--cpus', '--cpu-shares', '--dns', '-e', '--env', '--env-file', '--entrypoint',
  '-h', '--hostname', '-l', '--label', '--log-driver', '-m', '--memory', '--mount', '--name', '--network',
  '-p', '--publish', '--pids-limit', '--platform', '--pull', '--restart', '--shm-size', '--stop-signal',
  '--stop-timeout', '--tmpfs', '-u', '--user', '--ulimit', '-v', '--volume', '-w', '--workdir',
]);

/** Every name a local image answers to: repo:tag, and repo alone for :latest. */
export function imageNames(images: readonly ImageInput[]): string[] {
  const names = new Set<string>();
  for (const image of images) {
    for (const t of image.repoTags) {
      names.add(t);
      if (t.endsWith(':latest')) names.add(t.slice(0, -':latest'.length));
    }
  }
  return [...names];
}

export function hostCompleter(images: () => readonly ImageInput[]): Completer {
  return ({ line, wordStart, word }) => {
    const before = line.slice(0, wordStart).trim().split(/\s+/).filter(Boolean);
    if (before.length === 0) return HOST_COMMANDS;
    if (before[0] !== 'docker') return [];
    // A flag, or the value of a flag such as `--name `, is not an image or a command.
    if (word.startsWith('-') || VALUE_FLAGS.has(before[before.length - 1])) return [];
    const words: string[] = [];
    for (let i = 1; i < before.length; i++) {
      if (!before[i].startsWith('-')) words.push(before[i]);
      else if (VALUE_FLAGS.has(before[i])) i++; // its value is not an argument
    }
    if (words.length === 0) return DOCKER_COMMANDS;
    if (words.length === 1 && words[0] === 'image') return IMAGE_COMMANDS;
    const command = words[0] === 'image' ? `image ${words[1]}` : words[0];
    // `docker run IMAGE CMD…`: only the first argument is the image.
    const argIndex = words.length - (words[0] === 'image' ? 2 : 1);
    if ((command === 'run' || command === 'create') && argIndex > 0) return [];
    if (command === 'pull' || command === 'image pull') return argIndex === 0 ? imageNames(images()) : [];
    return TAKES_IMAGE.has(command) ? imageNames(images()) : [];
  };
}
