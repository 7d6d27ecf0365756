import { describe, expect, it } from 'vitest';
import { HOST_COMMANDS, hostCompleter, imageNames, usagePlaceholders } from '../../src/state/completion';
import type { CompletionCommand } from '../../src/state/completion';
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
    cmd('image', {
      children: [
        cmd('ls [OPTIONS] [REPOSITORY[:TAG]]', { aliases: ['list'] }),
        cmd('rm [OPTIONS] IMAGE [IMAGE...]'),
      ],
    }),
    cmd('compose', { hidden: true }),
  ],
});

function at(line: string, tree: CompletionCommand | null = docker) {
  const complete = hostCompleter(
    () => tree ?? undefined,
    () => images,
  );
  let wordStart = line.length;
  while (wordStart > 0 && line[wordStart - 1] !== ' ') wordStart--;
  return complete({ line, cursor: line.length, word: line.slice(wordStart), wordStart });
}

describe('host completion', () => {
  it('offers the host commands for the first word', () => {
    expect(at('')).toEqual(HOST_COMMANDS);
    expect(at('doc')).toEqual(HOST_COMMANDS);
  });

  it("offers the CLI's visible subcommands, also after global flags and inside management commands", () => {
    expect(at('docker ')).toEqual(['run', 'ps', 'rmi', 'image']);
    expect(at('docker -v r')).toEqual(['run', 'ps', 'rmi', 'image']);
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

  it('offers nothing for a command after the image, a flag value, or other programs', () => {
    expect(at('docker run python:3.13 ')).toEqual([]);
    expect(at('docker run --name ')).toEqual([]);
    expect(at('docker run --name=web ')).toEqual(names);
    expect(at('docker ps ')).toEqual([]);
    expect(at('ls ')).toEqual([]);
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
