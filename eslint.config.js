// Lint rules, above all the import-layer rule: a file's folder decides what it may import
// (docs/ARCHITECTURE.md).
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** A no-restricted-imports rule that forbids the given modules and path patterns. */
function layer(why, { modules = [], patterns = [] }) {
  return {
    'no-restricted-imports': ['error', {
      paths: modules.map((name) => ({ name, message: why })),
      patterns: patterns.map((group) => ({ group: [group], message: why })),
    }],
  };
}

const noNodeOrElectron = ['electron', ...nodeModules];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench-data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      'max-len': ['error', { code: 100, ignoreUrls: true, ignoreStrings: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/engine/**', 'src/shared/**'],
    rules: layer('Engine and shared code runs anywhere: no Node modules, no Electron, no DOM.', {
      modules: noNodeOrElectron,
      patterns: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', 'react', 'ws'],
    }),
  },
  {
    files: ['src/renderer/**'],
    rules: layer('The renderer is sandboxed: it talks only to window.tapline (src/shared/api).', {
      modules: noNodeOrElectron,
      patterns: ['**/main/**', '**/preload/**', '**/cli/**', '**/engine/**', 'ws'],
    }),
  },
  {
    files: ['src/preload/**'],
    rules: layer('The preload is sandboxed: electron and the shared contract only.', {
      modules: nodeModules,
      patterns: ['**/main/**', '**/renderer/**', '**/engine/**'],
    }),
  },
  {
    files: ['src/main/service/**', 'src/main/web/**', 'src/cli/**'],
    rules: layer('Service, web mode and CLI code also runs without Electron.', {
      modules: ['electron'],
      patterns: ['**/renderer/**', '**/preload/**', '**/main/electron/**'],
    }),
  },
);
