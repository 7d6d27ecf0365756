import { describe, expect, it } from 'vitest';
import {
  BASH_BUILTINS,
  hostCompleter,
  imageNames,
  pathCandidates,
  usagePlaceholders,
} from '../../src/state/completion';
import type { CompletionCommand, DirEntry } from '../../src/state/completion';
import type { ImageInput } from '../../src/viz/layer-stacks';

const images: ImageInput[] = [
  { id: 'sha256:1', repoTags: ['hello-world:latest'], layers: [] },
  { id: 'sha256:2', repoTags: ['python:3.13', 'python:3.13-slim'], layers: [] },
];
const names = ['hello-world:latest', 'hello-world', 'python:3.13', 'python:3.13-slim'];

const cmd = (use: string, extra: Partial<CompletionCommand> = {}): CompletionCommand => ({
  name: use.split(' ')[0],
  children: [],
  flags: [],
  args: usagePlaceholders(use),
  ...extra,
});
const runFlags = [
  { long: 'name', takesValue: true },
  { long: 'interactive', short: 'i', takesValue: false },
  { long: 'tty', short: 't', takesValue: false },
  { long: 'env', short: 'e', takesValue: true },
];
const docker = cmd('docker [OPTIONS] COMMAND [ARG...]', {
  flags: [{ long: 'version', short: 'v', takesValue: false }],
  children: [
    cmd('run [OPTIONS] IMAGE [COMMAND] [ARG...]', { flags: runFlags }),
    cmd('ps [OPTIONS]'),
    cmd('rmi [OPTIONS] IMAGE [IMAGE...]'),
    cmd('stop [OPTIONS] CONTAINER [CONTAINER...]', {
      flags: [{ long: 'time', short: 't', takesValue: true }],
    }),
    cmd('image', {
      children: [
        cmd('ls [OPTIONS] [REPOSITORY[:TAG]]', { aliases: ['list'] }),
        cmd('rm [OPTIONS] IMAGE [IMAGE...]'),
      ],
    }),
    cmd('compose', { hidden: true }),
  ],
});

/** A tiny disk: the home directory with a project, and $PATH's one directory. */
const DIRS: Record<string, DirEntry[]> = {
  '.': [
    { name: 'app', dir: true },
    { name: 'chatbot.py', dir: false },
    { name: '.env', dir: false },
    { name: 'run.sh', dir: false, exec: true },
  ],
  './': [
    { name: 'app', dir: true },
    { name: 'run.sh', dir: false, exec: true },
    { name: 'notes', dir: false },
  ],
  'app/': [
    { name: 'compose.yaml', dir: false },
    { name: 'data', dir: true },
  ],
  '/usr/': [
    { name: 'bin', dir: true },
    { name: 'lib', dir: true },
  ],
};

function at(line: string, tree: CompletionCommand | null = docker) {
  const complete = hostCompleter({
    docker: () => tree ?? undefined,
    images: () => images,
    containers: () => ['web', 'db'],
    commands: () => ['ls', 'docker', 'nano'],
    listDir: (dir) => DIRS[dir],
  });
  let wordStart = line.length;
  while (wordStart > 0 && line[wordStart - 1] !== ' ') wordStart--;
  return complete({ line, cursor: line.length, word: line.slice(wordStart), wordStart });
}

describe('host completion', () => {
  it("offers bash's builtins and the commands on $PATH for the first word of a command", () => {
    const commands = [...BASH_BUILTINS, 'ls', 'docker', 'nano'];
    expect(at('')).toEqual(commands);
    expect(at('doc')).toEqual(commands);
    expect(at('ls | ')).toEqual(commands);
    expect(at('cd /tmp && ')).toEqual(commands);
    // a path in command position: directories and executables
    expect(at('./')).toEqual(['./app/', './run.sh']);
  });

  it('offers file names after other commands, directories with a slash, and only directories after cd', () => {
    expect(at('cat ')).toEqual(['app/', 'chatbot.py', 'run.sh']);
    expect(at('cat .')).toEqual(['.env']);
    expect(at('nano app/')).toEqual(['app/compose.yaml', 'app/data/']);
    expect(at('cd ')).toEqual(['app/']);
    expect(at('ls /usr/')).toEqual(['/usr/bin/', '/usr/lib/']);
    expect(pathCandidates('nowhere/x', (d) => DIRS[d])).toEqual([]);
  });

  it('offers container names where the usage line asks for a container, paths for flag values', () => {
    expect(at('docker stop ')).toEqual(['web', 'db']);
    expect(at('docker stop -t 3 web ')).toEqual(['web', 'db']);
    expect(at('docker run --name app/')).toEqual(['app/compose.yaml', 'app/data/']);
  });

  it("offers the CLI's visible subcommands, also after global flags and inside management commands", () => {
    expect(at('docker ')).toEqual(['run', 'ps', 'rmi', 'stop', 'image']);
    expect(at('docker -v r')).toEqual(['run', 'ps', 'rmi', 'stop', 'image']);
    expect(at('docker image ')).toEqual(['ls', 'rm']);
  });

  it("offers a command's flags for a word starting with -", () => {
    expect(at('docker run --n')).toEqual(['--name', '--interactive', '-i', '--tty', '-t', '--env', '-e']);
  });

  it('offers local image names where the usage line asks for an image', () => {
    expect(imageNames(images)).toEqual(names);
    expect(at('docker run ')).toEqual(names);
    expect(at('docker run -it --name web -e A=1 py')).toEqual(names);
    expect(at('docker rmi hello-world ')).toEqual(names);
    expect(at('docker image rm ')).toEqual(names);
    expect(at('docker image list ')).toEqual(names);
  });

  it('offers nothing for a command after the image or for docker words without a placeholder', () => {
    expect(at('docker run python:3.13 ')).toEqual([]);
    expect(at('docker run --name=web ')).toEqual(names);
    expect(at('docker ps ')).toEqual([]);
  });

  it('offers nothing for docker before the simulator has loaded', () => {
    expect(at('docker ', null)).toEqual([]);
  });

  it('reads the placeholders of a usage line', () => {
    expect(usagePlaceholders('run [OPTIONS] IMAGE [COMMAND] [ARG...]')).toEqual([
      'IMAGE',
      '[COMMAND]',
      '[ARG...]',
    ]);
    expect(usagePlaceholders('ps [OPTIONS]')).toEqual([]);
  });
});
