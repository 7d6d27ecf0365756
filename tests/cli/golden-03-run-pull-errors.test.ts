// Transcript 03's `docker run` steps: the implicit pull fails (v28's `docker: …` trailer,
// exit 125) and a bad reference is refused before any request. The recording pulled from a
// local registry (127.0.0.1:5000); Docker Hub names are used here, as golden-pull does.
import { describe, expect, it } from 'vitest';
import { Laptop } from './containers-world';
import { transcript } from './containers-golden';

const t = transcript('03-pull-errors.txt');
const runs = t.filter((s) => s.command.startsWith('docker run'));
const hub = (s: string) => s.replace(/127\.0\.0\.1:5000\/library\//g, '');

describe('transcript 03: run of an image that cannot be pulled', () => {
  it('an unknown tag: "Unable to find image" on stderr, then the pull error', async () => {
    const step = runs.find((s) => s.command.includes('python:9.99'))!;
    const r = await new Laptop().docker(hub(step.command));
    expect(r.io.err).toBe(hub(step.output));
    expect(r.io.out).toBe('');
    expect(r.code).toBe(step.exit);
  });

  it('an unknown repository on Docker Hub is "pull access denied" (a private registry says manifest unknown)', async () => {
    const step = runs.find((s) => s.command.includes('doesnotexist'))!;
    const r = await new Laptop().docker(hub(step.command));
    expect(r.io.err).toBe(
      "Unable to find image 'doesnotexist:latest' locally\n" +
        "docker: Error response from daemon: pull access denied for doesnotexist, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n\n" +
        "Run 'docker run --help' for more information\n",
    );
    expect(r.code).toBe(step.exit);
  });

  it('a malformed reference is refused by the client with exit 125', async () => {
    const step = runs.find((s) => s.command.includes('@sha256:0000'))!;
    const l = new Laptop();
    const r = await l.docker(step.command);
    expect(r.io.all).toBe(step.output);
    expect(r.code).toBe(step.exit);
  });
});
