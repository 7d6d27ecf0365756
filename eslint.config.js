// Lint config. The per-folder no-restricted-imports rules enforce the one
// direction imports may point (ARCHITECTURE.md): core <- cli <- lessons; viz
// sees core types and d3 math only; state glues; ui may import anything.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const layer = (name) => ({ group: [`**/${name}/**`, `**/${name}`, `$${name}/**`], message: `this layer may not import src/${name}` });
const pkg = (...names) => names.map((n) => ({ group: [n, `${n}/**`], message: `${n} does not belong in this layer` }));
const uiPackages = pkg('svelte', '@xterm/*', 'd3-selection', 'd3');

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tests/fixtures/**', '.bench-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [layer('cli'), layer('lessons'), layer('viz'), layer('state'), layer('ui'), ...uiPackages, ...pkg('d3-hierarchy', 'd3-scale', 'd3-shape')] }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [layer('lessons'), layer('viz'), layer('state'), layer('ui'), ...uiPackages] }],
    },
  },
  {
    files: ['src/lessons/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('viz'), layer('state'), layer('ui'), ...uiPackages] }] },
  },
  {
    files: ['src/viz/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('cli'), layer('lessons'), layer('state'), layer('ui'), ...uiPackages] }] },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('ui'), ...pkg('@xterm/*', 'd3-selection')] }] },
  },
);
