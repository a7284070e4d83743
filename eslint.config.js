import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
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

/** The database libraries: main-process code only, and the test code that measures or sets up raw SQL. */
const databaseOnlyInMain = {
  paths: [
    { name: 'better-sqlite3', message: 'Use the app (openApp) or test/unit/helpers.ts rawDatabase.' },
    { name: 'kysely', message: 'Use the app (openApp) or test/unit/helpers.ts rawDatabase.' },
  ],
  patterns: [{ group: ['kysely/*'], message: 'Use the app (openApp) or test/unit/helpers.ts rawDatabase.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { process: 'readonly', console: 'readonly', window: 'readonly', document: 'readonly' },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-assertions': [
        'error',
        { assertionStyle: 'as', objectLiteralTypeAssertions: 'never' },
      ],
      'import-x/no-cycle': 'error',
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
    // Test code reaches the database through the app; the raw baselines of the bench and the one
    // helper that sets up raw rows are the exceptions.
    files: ['test/**/*.ts', 'src-renderer/**/*.page.ts'],
    ignores: ['test/bench/**', 'test/unit/helpers.ts'],
    rules: { 'no-restricted-imports': ['error', databaseOnlyInMain] },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src-renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // The packaging hook is plain JavaScript run by electron-builder: no types to check it against.
  { files: ['scripts/**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
