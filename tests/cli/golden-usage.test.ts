// Transcript 22 (usage errors and help): argument-count errors, unknown commands and
// flags, and the `docker image` listing. Commands Stevedore does not simulate yet still
// get Docker's argument-count errors; with a valid count they say they are not simulated.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runDocker } from '../../src/cli/docker';
import { ReplayClient, captureIO } from './engine-replay';
import { parseTranscript, shellWords } from './normalize';

const t = parseTranscript(
  fs.readFileSync(path.join(__dirname, '../fixtures/transcripts/22-cli-usage-errors.txt'), 'utf8'),
);

/** Steps whose output depends on commands or flag tables not simulated yet. */
const NOT_YET = new Set(['docker run --help | head -12', 'docker ps --nope', 'docker ps --filter foo=bar']);

describe('transcript 22: CLI usage errors', () => {
  it.each(t.filter((s) => !NOT_YET.has(s.command)).map((s) => [s.command, s] as const))(
    '%s',
    async (_c, s) => {
      const io = captureIO();
      const code = await runDocker(shellWords(s.command).slice(1), io, new ReplayClient([]));
      expect(io.all).toBe(s.output);
      expect(code).toBe(s.exit);
    },
  );

  it('a command not simulated yet says so, on stderr, exit 1', async () => {
    for (const argv of [
      ['build', '.'],
      ['export', 'web'],
      ['image', 'save', 'python'],
      ['compose', 'exec', 'web', 'ls'],
      ['swarm', 'init'],
    ]) {
      const io = captureIO();
      expect(await runDocker(argv, io, new ReplayClient([]))).toBe(1);
      expect(io.out).toBe('');
      expect(io.err).toMatch(/^Stevedore does not simulate 'docker [a-z ]+' yet\.\n$/);
    }
  });

  it('management commands run bare print their help to stderr and exit 0', async () => {
    const io = captureIO();
    expect(await runDocker(['image'], io, new ReplayClient([]))).toBe(0);
    expect(io.out).toBe('');
    expect(io.err).toBe(t.find((s) => s.command === 'docker image')!.output);
  });
});
