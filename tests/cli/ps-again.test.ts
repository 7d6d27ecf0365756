// docker ps printed again: the same summaries within the span every CREATED text holds
// for give the same table; time, a changed container, another format each show.
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/runner/run-script';

describe('docker ps printed again', { timeout: 60_000 }, () => {
  it('follows the clock, the containers and the format', async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'docker run -d --name web alpine:3.22 sleep 600 >/dev/null',
        'docker ps --format "{{.Names}} {{.RunningFor}} {{.Status}}"',
        'docker ps --format "{{.Names}} {{.RunningFor}} {{.Status}}"',
        'sleep 2',
        'docker ps --format "{{.Names}} {{.RunningFor}} {{.Status}}"',
        'docker ps --format "{{.Names}} {{.RunningFor}} {{.Status}}"',
        'docker rename web site',
        'docker ps --format "{{.Names}} {{.RunningFor}} {{.Status}}"',
        'docker ps --format "{{.Names}}"',
        'docker stop -t 0 site >/dev/null',
        'docker ps --format "{{.Names}} {{.RunningFor}} {{.Status}}"',
        'docker ps -a --format "{{.Names}} {{.Status}}"',
      ].join('\n'),
      { seed: 1 },
    );
    const out = r.steps.map((s) => s.output);
    expect(out.slice(2)).toEqual([
      'web Less than a second ago Up Less than a second\n',
      'web Less than a second ago Up Less than a second\n',
      '',
      'web 2 seconds ago Up 2 seconds\n',
      'web 2 seconds ago Up 2 seconds\n',
      '',
      'site 2 seconds ago Up 2 seconds\n',
      'site\n',
      '',
      '',
      'site Exited (137) Less than a second ago\n',
    ]);
  });

  it('a created container keeps its STATUS while its CREATED moves on', async () => {
    const r = await runScript(
      [
        'docker pull -q alpine:3.22',
        'docker create --name box alpine:3.22 >/dev/null',
        'docker ps -a --format "{{.Names}} {{.RunningFor}} {{.Status}}"',
        'sleep 3',
        'docker ps -a --format "{{.Names}} {{.RunningFor}} {{.Status}}"',
      ].join('\n'),
      { seed: 1 },
    );
    expect(r.steps.map((s) => s.output).slice(2)).toEqual([
      'box Less than a second ago Created\n',
      '',
      'box 3 seconds ago Created\n',
    ]);
  });
});
