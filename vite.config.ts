import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * The first chunk (xterm.js, svelte, the line editor) runs almost entirely
 * before the prompt. V8's explicit compile hint, which must open the file,
 * has it compiled while it streams in, off the main thread, instead of
 * function by function on the main thread at first call. Lazy chunks stay lazy.
 */
function compileEntryEagerly(): Plugin {
  return {
    name: 'stevedore:compile-entry-eagerly',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      // after vite's own rewriting, which puts its preload helper on the first line
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'chunk' || !file.isEntry) continue;
          file.code = `//# allFunctionsCalledOnLoad\n${file.code}`;
          // the source map (written as its own asset by now) moves down one line too
          const map = bundle[`${file.fileName}.map`];
          if (map?.type === 'asset' && typeof map.source === 'string') {
            const json = JSON.parse(map.source) as { mappings: string };
            map.source = JSON.stringify({ ...json, mappings: `;${json.mappings}` });
          }
        }
      },
    },
  };
}

// base './' makes the build work from any static host, also under a sub-path.
export default defineConfig({
  base: './',
  plugins: [svelte(), compileEntryEagerly()],
  build: { target: 'es2022', outDir: 'dist', sourcemap: false },
  preview: { host: '127.0.0.1', port: 4173 },
});
