#!/usr/bin/env node
// `npx stevedore run SCRIPT`: the headless runner. The simulator is
// TypeScript; tsx loads it in place, so there is no build step.
import { readFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

const { parseRunnerArgs, RUNNER_USAGE } = await tsImport('../src/cli/runner/cli-args.ts', import.meta.url);
const args = parseRunnerArgs(process.argv.slice(2));
if (args.kind === 'help') {
  process.stdout.write(RUNNER_USAGE);
} else if (args.kind === 'error') {
  process.stderr.write(`stevedore: ${args.message}\n\n${RUNNER_USAGE}`);
  process.exitCode = 1;
} else {
  let script;
  try {
    script = readFileSync(args.script === '-' ? 0 : args.script, 'utf8');
  } catch (e) {
    process.stderr.write(
      `stevedore: cannot read ${args.script}: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exit(1);
  }
  const { runScript } = await tsImport('../src/cli/runner/run-script.ts', import.meta.url);
  const result = await runScript(script, args.options);
  process.stdout.write(result.transcript);
  // the transcript is the output; the runner fails only when it could not run
}
