import { describe, expect, it } from 'vitest';
import { DOCKER_COMMANDS, HOST_COMMANDS, hostCompleter, imageNames } from '../../src/state/completion';
import type { ImageInput } from '../../src/viz/layer-stacks';

const images: ImageInput[] = [
  { id: 'sha256:1', repoTags: ['hello-world:latest'], layers: [] },
  { id: 'sha256:2', repoTags: ['python:3.13', 'python:3.13-slim'], layers: [] },
];
const complete = hostCompleter(() => images);
const at = (line: string) => {
  let wordStart = line.length;
  while (wordStart > 0 && line[wordStart - 1] !== ' ') wordStart--;
  return complete({ line, cursor: line.length, word: line.slice(wordStart), wordStart });
};

describe('host completion', () => {
  it('offers the host commands for the first word', () => {
    expect(at('')).toEqual(HOST_COMMANDS);
    expect(at('doc')).toEqual(HOST_COMMANDS);
  });

  it("offers docker's subcommands, also after global flags", () => {
    expect(at('docker ')).toEqual(DOCKER_COMMANDS);
    expect(at('docker --debug pu')).toEqual(DOCKER_COMMANDS);
    expect(at('docker image ')).toContain('ls');
  });

  it('offers local image names where a command takes an image', () => {
    const names = ['hello-world:latest', 'hello-world', 'python:3.13', 'python:3.13-slim'];
    expect(imageNames(images)).toEqual(names);
    expect(at('docker run ')).toEqual(names);
    expect(at('docker run -it --rm --name web py')).toEqual(names);
    expect(at('docker rmi hello-world ')).toEqual(names);
    expect(at('docker image rm ')).toEqual(names);
    expect(at('docker pull ')).toEqual(names);
  });

  it('offers nothing for a command after the image, flags, or unknown programs', () => {
    expect(at('docker run python:3.13 ')).toEqual([]);
    expect(at('docker run --name ')).toEqual([]);
    expect(at('docker ps ')).toEqual([]);
    expect(at('docker run --r')).toEqual([]);
    expect(at('ls ')).toEqual([]);
  });
});
