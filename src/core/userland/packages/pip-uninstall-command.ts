// `pip uninstall`: "Found existing installation", the "Would remove:" listing
// and the Proceed (Y/n)? prompt read from stdin (EOF there is Python's
// EOFError, as pip reports it), then the removal and the root warning.
import { LineReader } from '../../kernel/stream';
import { distributions, readRequirementsFile, warnRoot, type PipContext } from './pip';
import { removalListing, removeDist, uninstallPaths } from './pip-install';
import { canonicalName, parseRequirement } from './requirement';

/** The traceback pip's _run_wrapper logs when input() hits end of file at the prompt. */
function eofTraceback(site: string): string {
  const base = `${site}/pip/_internal`;
  const frames: [string, number, string, string][] = [
    ['cli/base_command.py', 105, '_run_wrapper', 'status = _inner_run()'],
    ['cli/base_command.py', 96, '_inner_run', 'return self.run(options, args)'],
    ['commands/uninstall.py', 106, 'run', 'uninstall_pathset = req.uninstall(\n        auto_confirm=options.yes,\n        verbose=self.verbosity > 0,\n    )'],
    ['req/req_install.py', 723, 'uninstall', 'uninstalled_pathset.remove(auto_confirm, verbose)'],
    ['req/req_uninstall.py', 364, 'remove', 'if auto_confirm or self._allowed_to_proceed(verbose):'],
    ['req/req_uninstall.py', 404, '_allowed_to_proceed', 'return ask("Proceed (Y/n)? ", ("y", "n", "")) != "n"'],
    ['utils/misc.py', 229, 'ask', 'response = input(message)'],
  ];
  const body = frames.map(([f, line, fn, src]) => `  File "${base}/${f}", line ${line}, in ${fn}\n    ${src}`).join('\n');
  return `Exception:\nTraceback (most recent call last):\n${body}\nEOFError: EOF when reading a line`;
}

export async function pipUninstall(pc: PipContext): Promise<number> {
  const { ctx, fs, log, env, opts } = pc;
  const names: string[] = [];
  for (const a of opts.args) {
    const r = parseRequirement(a);
    if ('error' in r) log.warning(`Invalid requirement: '${a}' ignored - the uninstall command expects named requirements.`);
    else names.push(r.name);
  }
  for (const f of opts.requirements) {
    const lines = readRequirementsFile(fs, f);
    if ('error' in lines) {
      log.critical(lines.error);
      return 1;
    }
    for (const l of lines) {
      const r = parseRequirement(l.line);
      if (!('error' in r)) names.push(r.name);
    }
  }
  const unique = new Map<string, string>();
  for (const n of names) unique.set(canonicalName(n), n);
  if (unique.size === 0) {
    log.critical('You must give at least one requirement to uninstall (see "pip help uninstall")');
    return 1;
  }
  const reader = new LineReader({ read: () => ctx.read() });
  for (const [key, name] of unique) {
    const d = distributions(pc).get(key);
    if (!d) {
      log.warning(`Skipping ${name} as it is not installed.`);
      continue;
    }
    log.info(`Found existing installation: ${d.name} ${d.version}`);
    log.info(`Uninstalling ${d.name}-${d.version}:`);
    const bin = d.location === env.userSite ? env.userBin : env.bin;
    const proceed = await log.indented(async (): Promise<boolean | 'eof'> => {
      if (opts.yes) return true;
      const listing = removalListing(fs, uninstallPaths(fs, d, bin));
      log.info('Would remove:');
      await log.indented(async () => {
        for (const p of listing) log.info(p);
      });
      for (;;) {
        ctx.stdout.write('Proceed (Y/n)? ');
        const line = await reader.readLine();
        if (line === null) return 'eof';
        const answer = line.trim().toLowerCase();
        if (answer === 'y' || answer === '') return true;
        if (answer === 'n') return false;
        ctx.stdout.write(`Your response ('${answer}') was not one of the expected responses: y, n, \n`);
      }
    });
    if (proceed === 'eof') {
      // input() raises EOFError without ending the prompt's line
      log.critical(eofTraceback(env.site));
      return 2;
    }
    if (!proceed) continue;
    const err = removeDist(fs, d, bin);
    if (err) {
      log.error(`Could not install packages due to an OSError: ${err}`);
      return 1;
    }
    await ctx.sleep(20);
    await log.indented(async () => log.info(`Successfully uninstalled ${d.name}-${d.version}`));
  }
  warnRoot(pc);
  return 0;
}

