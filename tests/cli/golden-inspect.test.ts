// Transcript 05 (docker inspect / docker image inspect, -f templates, history) against
// createWorld(). The recording's daemon spoke API 1.41, whose image bodies still had
// Container, ContainerConfig and VirtualSize; API 1.51 drops them (moby image_routes.go).
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createWorld } from '../../src/core/world';
import type { World } from '../../src/core/world';
import { dockerIn } from './world-driver';
import { normalize, parseTranscript, shellWords } from './normalize';

const t = parseTranscript(
  fs.readFileSync(path.join(__dirname, '../fixtures/transcripts/05-inspect-image.txt'), 'utf8'),
);
const step = (cmd: string) => {
  const s = t.find((x) => x.command === cmd);
  if (!s) throw new Error(`no step ${cmd}`);
  return s;
};
const LEGACY = ['Container', 'ContainerConfig', 'VirtualSize'];

let world: World;
const docker = (command: string) => dockerIn(world, shellWords(command).slice(1));

beforeAll(async () => {
  world = createWorld();
  for (const ref of ['python:3.13', 'python', 'python:3.13-slim', 'hello-world', 'nginx'])
    expect((await docker(`docker pull ${ref}`)).code).toBe(0);
}, 60_000);

describe('transcript 05: inspect', () => {
  it.each(['docker image inspect python:3.13', 'docker inspect hello-world'])(
    '%s: a 4-space indented array with the same fields',
    async (cmd) => {
      const s = step(cmd);
      const r = await docker(cmd);
      expect(r.code).toBe(0);
      expect(r.io.err).toBe('');
      const ours = JSON.parse(r.io.out) as Array<Record<string, unknown>>;
      const theirs = JSON.parse(s.output) as Array<Record<string, unknown>>;
      // json.Indent layout with 4 spaces, `[]`/`{}` kept on one line
      expect(r.io.out).toBe(JSON.stringify(ours, null, 4) + '\n');
      expect(ours).toHaveLength(1);
      expect(Object.keys(ours[0]).sort()).toEqual(
        Object.keys(theirs[0])
          .filter((k) => !LEGACY.includes(k))
          .sort(),
      );
      for (const k of [
        'Id',
        'RepoTags',
        'RepoDigests',
        'Parent',
        'Os',
        'Architecture',
        'RootFS',
        'Metadata',
      ]) {
        expect(normalize(JSON.stringify(ours[0][k])), k).toBe(
          normalize(JSON.stringify(theirs[0][k])).replace(/"<DIGEST>"(,"<DIGEST>")*/, (m) => m),
        );
      }
      const cfg = ours[0].Config as Record<string, unknown>;
      expect(cfg.Cmd).toEqual((theirs[0].Config as Record<string, unknown>).Cmd);
      expect(cfg.Env).toEqual((theirs[0].Config as Record<string, unknown>).Env);
    },
  );

  it('top-level keys come in the order an API 1.51 daemon writes them (Config last)', async () => {
    const r = await docker('docker image inspect python:3.13');
    const keys = Object.keys((JSON.parse(r.io.out) as Array<Record<string, unknown>>)[0]);
    // image.InspectResponse field order; the merged legacy Config map shadows the embedded field, so it comes last
    const order = [
      'Id',
      'RepoTags',
      'RepoDigests',
      'Parent',
      'Comment',
      'Created',
      'DockerVersion',
      'Author',
      'Architecture',
      'Variant',
      'Os',
      'OsVersion',
      'Size',
      'GraphDriver',
      'RootFS',
      'Metadata',
      'Descriptor',
      'Config',
    ];
    expect(keys).toEqual(order.filter((k) => keys.includes(k)));
    expect(keys.at(-1)).toBe('Config');
  });

  it.each([
    "docker inspect -f '{{.Config.Cmd}}' python:3.13",
    "docker inspect -f '{{json .Config.Env}}' python:3.13",
    "docker inspect -f '{{.Config.Entrypoint}} {{.Config.Cmd}} {{.Config.StopSignal}}' nginx",
    "docker inspect -f '{{len .RootFS.Layers}}' python:3.13",
    "docker image inspect -f '{{.RepoTags}} {{.RepoDigests}}' python:3.13",
    'docker inspect doesnotexist',
  ])('%s', async (cmd) => {
    const s = step(cmd);
    const r = await docker(cmd);
    expect(normalize(r.io.all)).toBe(normalize(s.output));
    expect(r.code).toBe(s.exit);
  });

  it("docker inspect -f '{{json .RootFS.Layers}}' python:3.13-slim", async () => {
    const cmd = "docker inspect -f '{{json .RootFS.Layers}}' python:3.13-slim";
    const r = await docker(cmd);
    // the real python:3.13-slim has four layers, like the stand-in
    expect(normalize(r.io.out)).toBe(normalize(step(cmd).output));
  });

  it('docker history python:3.13: the table layout of the recording', async () => {
    const s = step('docker history python:3.13');
    const r = await docker('docker history python:3.13');
    expect(r.code).toBe(0);
    const lines = r.io.out.trimEnd().split('\n');
    expect(normalize(lines[0])).toBe(normalize(s.output.split('\n')[0]));
    expect(lines[1]).toMatch(/^[0-9a-f]{12} {3}/);
    for (const l of lines.slice(2)) expect(l).toMatch(/^<missing> {6}/);
    // CREATED BY is cut to 45 display columns with an ellipsis
    const col = lines[0].indexOf('CREATED BY');
    const size = lines[0].indexOf('SIZE');
    for (const l of lines.slice(1))
      expect(Array.from(l.slice(col, size).trimEnd()).length).toBeLessThanOrEqual(45);
    expect(lines.some((l) => l.includes('…'))).toBe(true);
  });
});
