// ESLint for the whole repository (npm run lint:es, part of npm test): the recommended JavaScript
// and typescript-eslint rules; on src/, the type-aware rule for promises nobody awaits.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'AbortSignal', 'AbortController', 'TextDecoder', 'TextEncoder', 'performance', '__dirname', 'structuredClone', 'queueMicrotask'].map((name) => [name, 'readonly']),
);
const browserGlobals = Object.fromEntries(
  ['window', 'document', 'navigator', 'getComputedStyle', 'requestAnimationFrame', 'HTMLElement', 'SVGElement', 'Element', 'Node', 'Event', 'MouseEvent', 'KeyboardEvent', 'DOMParser', 'XMLSerializer', 'acquireVsCodeApi', 'CSS', 'Option'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-output/**', 'test/integration/.out/**', '**/*.d.ts', '**/*.d.mts', 'test/fixtures/**', 'kedb-studio.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_` marks a parameter or a destructured part that is left out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Type-aware, where it pays: a promise nobody awaits in the product loses its error.
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }] },
  },
  {
    // Every file the product writes goes through src/node/safeWrite.ts (a temporary file renamed
    // over the target, no link followed out of the workspace): no other write call in src/.
    files: ['src/**/*.ts'],
    ignores: ['src/node/safeWrite.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name=/^(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|rename|renameSync|copyFile|copyFileSync|cp|cpSync|truncate|truncateSync)$/]",
          message: 'Write files through safeWriteFile (src/node/safeWrite.ts), or safeWriteUri in the extension.',
        },
      ],
    },
  },
  { files: ['**/*.mjs', '**/*.cjs', '**/*.js'], languageOptions: { globals: { ...nodeGlobals, ...browserGlobals } } },
  {
    files: ['**/*.cjs', 'bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
