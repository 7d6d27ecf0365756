// Replays what the real docker CLI did against a fake daemon (tests/fixtures/real-cli,
// made by generate.mjs): for the same API answers Stevedore must print the same bytes,
// exit with the same code and send the same requests.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runDocker } from '../../src/cli/docker';
import { ReplayClient, captureIO } from './engine-replay';
import type { Exchange } from './engine-replay';

interface Case {
  name: string;
  args: string[];
  tty?: boolean;
  cols?: number;
  stdin?: string;
  stdout: string;
  stderr: string;
  exit: number;
  now: number;
  exchanges: Exchange[];
}

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../fixtures/real-cli/cases.json'), 'utf8'),
) as { now: number; cases: Case[] };

/** Option lines of flags Stevedore does not implement are not listed in its help. */
const UNIMPLEMENTED_FLAG_LINES = [/^ {6}--tree .*\n/m];

/** Help of commands whose unimplemented flag was the widest: the real text, that entry removed and realigned. */
const HELP_WITHOUT_UNIMPLEMENTED: Record<string, string> = {
  'rmi --help':
    'Usage:  docker rmi [OPTIONS] IMAGE [IMAGE...]\n\nRemove one or more images\n\nAliases:\n  docker image rm, docker image remove, docker rmi\n\n' +
    'Options:\n  -f, --force      Force removal of the image\n      --no-prune   Do not delete untagged parents\n',
};

function expectedHelp(c: Case, text: string): string {
  if (HELP_WITHOUT_UNIMPLEMENTED[c.name] && text !== '') return HELP_WITHOUT_UNIMPLEMENTED[c.name];
  let t = text;
  for (const re of UNIMPLEMENTED_FLAG_LINES) t = t.replace(re, '');
  // only -v/--version of the global options is implemented
  t = t.replace(
    /Global Options:\n[\s\S]*?\n\n/,
    'Global Options:\n  -v, --version   Print version information and quit\n\n',
  );
  return t;
}

/** Recorded for the engineers who will implement these commands; Stevedore says it does not simulate them yet. */
const NOT_SIMULATED_YET = new Set<string>([]);

describe('docker CLI against recorded real-CLI behaviour', () => {
  it.each(fixture.cases.filter((c) => NOT_SIMULATED_YET.has(c.name)).map((c) => [c.name, c] as const))(
    '%s (not simulated yet)',
    async (_name, c) => {
      const io = captureIO({ now: c.now });
      expect(await runDocker(c.args, io, new ReplayClient([]))).toBe(1);
      expect(io.err).toBe(`Stevedore does not simulate 'docker ${c.args[0]}' yet.\n`);
      expect(io.out).toBe('');
    },
  );

  it.each(fixture.cases.filter((c) => !NOT_SIMULATED_YET.has(c.name)).map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      const client = new ReplayClient(c.exchanges);
      const io = captureIO({
        tty: c.tty,
        columns: c.tty ? (c.cols ?? 120) : 200,
        now: c.now,
        stdin: c.stdin,
      });
      const code = await runDocker(c.args, io, client);
      if (c.tty) {
        // the pseudo-terminal merged both streams and turned LF into CR LF
        expect(io.all.replace(/\n/g, '\r\n')).toBe(c.stdout);
      } else {
        expect(io.out).toBe(expectedHelp(c, c.stdout));
        expect(io.err).toBe(expectedHelp(c, c.stderr));
      }
      expect(code).toBe(c.exit);
      expect(client.requests).toEqual(c.exchanges.map((e) => e.req));
    },
  );
});
