// Runs a benchmark's workload as the page ships its code: bundled by Vite
// (no tsx, whose keep-names wrappers add a property map to every closure and
// so weigh on the heap and the garbage collector), in a node of its own, with
// --expose-gc. Returns what the workload prints on stdout.
import { execFileSync } from 'node:child_process';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `entry` is a file of bench/ (e.g. "cli-scenario.ts"); it runs as `<name>.mjs ARGS`. */
export async function runShipped(entry: string, args: readonly string[]): Promise<string> {
  const name = basename(entry, '.ts');
  const out = join(ROOT, '.bench-tmp', name);
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: join(ROOT, 'bench', entry),
      outDir: out,
      emptyOutDir: true,
      minify: false,
      target: 'es2022',
      rollupOptions: { output: { entryFileNames: `${name}.mjs` } },
    },
  });
  // --v8-pool-size=0: V8's worker threads sized to the machine's cores, as a browser sizes
  // them, not node's fixed four: on two cores, four busy workers (TurboFan, concurrent
  // marking) left the command's thread a fifth of a core (perf), which the page never sees
  return execFileSync(process.execPath, ['--expose-gc', '--v8-pool-size=0', join(out, `${name}.mjs`), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}
