// The architecture's import directions (shared/ARCHITECTURE.md) as lint rules, so a wrong import fails `npm test`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const react = { group: ['react', 'react-dom', 'react-dom/*', 'react-hook-form'], message: 'No React here.' };
const dexie = { group: ['dexie'], message: 'Only src/app/db talks to Dexie.' };
const nodeOnly = {
  group: ['node:*', 'fastify', '@fastify/*', 'kysely', 'better-sqlite3', 'pg'],
  message: 'Node-only code belongs in src/server.',
};

export default tseslint.config(
  { ignores: ['dist', 'dev-dist', 'node_modules', 'data', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // This rule only guards React Compiler memoisation, which the app does not use; react-hook-form's
      // watch() is the intended subscription API.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict([
      { group: ['**/app/**', '**/server/**', '../*'], message: 'domain imports nothing of ours.' },
      react,
      dexie,
      nodeOnly,
    ]),
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    rules: restrict([{ group: ['**/server/**'], message: 'app never imports server.' }, nodeOnly]),
  },
  {
    files: ['src/app/db/**/*.ts', 'src/app/sync/**/*.ts'],
    rules: restrict([
      { group: ['**/features/**', '**/staff/**', '**/ui/**'], message: 'db and sync never import a feature or UI.' },
      { group: ['**/server/**'], message: 'app never imports server.' },
      react,
      nodeOnly,
    ]),
  },
  {
    files: ['src/app/sync/**/*.ts'],
    rules: restrict([
      { group: ['**/features/**', '**/staff/**', '**/ui/**'], message: 'sync never imports a feature or UI.' },
      { group: ['**/server/**'], message: 'app never imports server.' },
      react,
      nodeOnly,
    ]),
  },
  {
    files: ['src/app/features/**/*.{ts,tsx}', 'src/app/staff/**/*.{ts,tsx}', 'src/app/ui/**/*.{ts,tsx}'],
    rules: restrict([
      { group: ['**/server/**'], message: 'app never imports server.' },
      // (staff files get their own rule below; for features and ui this keeps the dashboard out of the officer's bundle)
      { group: ['**/app/staff/**', '../staff/**', '../../staff/**'], message: "The staff dashboard is reached only through App.tsx's lazy import." },
      { ...dexie, message: 'A feature reaches the database only through src/app/db.' },
      nodeOnly,
    ]),
  },
  {
    files: ['src/app/staff/**/*.{ts,tsx}'],
    rules: restrict([
      { group: ['**/features/**', '**/db/**', '**/sync/**'], message: 'staff uses ui, i18n and domain only.' },
      { group: ['**/server/**'], message: 'app never imports server.' },
      dexie,
      nodeOnly,
    ]),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: restrict([{ group: ['**/app/**'], message: 'server never imports app.' }, react, dexie]),
  },
  {
    files: ['src/server/store/**/*.ts'],
    rules: restrict([
      { group: ['**/http/**'], message: 'store never imports http.' },
      { group: ['**/app/**'], message: 'server never imports app.' },
      react,
      dexie,
    ]),
  },
);
