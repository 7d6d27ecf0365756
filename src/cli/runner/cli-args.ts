// `stevedore run [OPTIONS] SCRIPT`: the headless runner's command line,
// parsed without touching files (bin/stevedore.js reads the script).
import type { RunScriptOptions } from './run-script';

export const RUNNER_USAGE = `Usage:  stevedore run [OPTIONS] SCRIPT

Run SCRIPT (a file of lines typed at the laptop's terminal; - reads standard
input) through the Stevedore simulator and print a transcript: each command
as "$ command", its output, and "[exit N]". Lines starting with # are echoed.

Options:
      --columns int    Terminal width (default 120)
  -h, --help           Print usage
      --max-wait int   Seconds of simulated time a command may run before it
                       is interrupted as by Ctrl-C (default 60)
      --rows int       Terminal height (default 40)
      --seed int       Seed of the simulated world's IDs and names (default 1)
      --tty            Commands see a terminal: CR LF and escape sequences kept
`;

export type RunnerArgs =
  | { kind: 'run'; script: string; options: RunScriptOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

function intValue(name: string, v: string | undefined, min: number): number | string {
  if (v === undefined) return `flag needs an argument: --${name}`;
  if (!/^-?\d+$/.test(v))
    return `invalid argument "${v}" for "--${name}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`;
  const n = Number(v);
  if (n < min) return `invalid argument "${v}" for "--${name}" flag: must be at least ${min}`;
  return n;
}

export function parseRunnerArgs(argv: readonly string[]): RunnerArgs {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help') return { kind: 'help' };
  if (argv[0] !== 'run') return { kind: 'error', message: `unknown command "${argv[0]}" for "stevedore"` };
  const options: RunScriptOptions = {};
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return { kind: 'help' };
    if (a === '--tty') {
      options.tty = true;
      continue;
    }
    const m = /^--(seed|max-wait|columns|rows)(?:=(.*))?$/.exec(a);
    if (m) {
      const raw = m[2] ?? argv[++i];
      const n = intValue(m[1], raw, m[1] === 'seed' ? Number.MIN_SAFE_INTEGER : m[1] === 'max-wait' ? 1 : 20);
      if (typeof n === 'string') return { kind: 'error', message: n };
      if (m[1] === 'seed') options.seed = n;
      else if (m[1] === 'max-wait') options.maxWaitMs = n * 1000;
      else if (m[1] === 'columns') options.columns = n;
      else options.rows = n;
      continue;
    }
    if (a.startsWith('-') && a !== '-') return { kind: 'error', message: `unknown flag: ${a}` };
    positional.push(a);
  }
  if (positional.length !== 1)
    return { kind: 'error', message: `"stevedore run" requires exactly 1 argument (the script)` };
  return { kind: 'run', script: positional[0], options };
}
