import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// base './' makes the build work from any static host, also under a sub-path.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  build: { target: 'es2022', outDir: 'dist', sourcemap: false },
  preview: { host: '127.0.0.1', port: 4173 },
});
