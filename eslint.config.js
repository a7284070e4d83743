import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** What the renderer and the shared code may never import: they run without Node or Electron. */
const processBoundary = {
  paths: [
    { name: 'electron', message: 'Only src-main talks to Electron; the renderer uses window.api.' },
    { name: 'better-sqlite3', message: 'The database belongs to the main process.' },
    { name: 'kysely', message: 'The database belongs to the main process.' },
  ],
  patterns: [
    { group: ['node:*'], message: 'Node modules are main-process only.' },
    {
      group: ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'zlib', 'stream'],
      message: 'Node modules are main-process only.',
    },
    { group: ['kysely/*', 'electron/*'], message: 'Main-process only.' },
    {
      group: ['**/src-main/**', '../src-main', '../../src-main'],
      message: 'Cross the process boundary through the IPC contract.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', window: 'readonly', document: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use `as const` unions, not enums.' },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'src-shared/**/*.ts'],
    ignores: ['src-renderer/**/*.page.ts'],
    rules: { 'no-restricted-imports': ['error', processBoundary] },
  },
  {
    files: ['src-renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
