// The architecture's import directions (docs/architecture.md) as lint rules, so a wrong import fails `npm test`.
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
const serverForApp = { group: ['**/server/**'], message: 'app never imports server.' };
/**
 * An app room as a relative import names it, the folder itself (its index) or a file in it: `../db`,
 * `../../db/schema`. Never a domain module of the same name (`../../domain/sync`, `../../domain/staff`).
 */
const rooms = (...names) => [...names.flatMap((name) => [`**/${name}`, `**/${name}/**`]), '!**/domain/**'];

/**
 * What no server file imports, plus one layer's own rule: a later block's no-restricted-imports replaces an
 * earlier one for the same file, so every server block repeats these.
 */
const serverImports = (...layer) => [
  { group: ['**/app/**'], message: 'server never imports app.' },
  { group: ['../app', '../main'], message: 'Only the entry points import the composition roots.' },
  react,
  dexie,
  ...layer,
];

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
  // domain/forms and domain/forms/builtin may import the rest of domain, and still nothing outside it.
  ...[
    ['src/domain/forms/*.ts', '../../*'],
    ['src/domain/forms/builtin/*.ts', '../../../*'],
  ].map(([files, outsideDomain]) => ({
    files: [files],
    rules: restrict([
      { group: ['**/app/**', '**/server/**', outsideDomain], message: 'domain imports nothing of ours but domain.' },
      react,
      dexie,
      nodeOnly,
    ]),
  })),
  // The app's rooms. Who may import whom (App.tsx, main.tsx, boot.ts and opening.ts at src/app's root
  // put them together and are free):
  //   i18n  ← everyone; imports domain only
  //   ui    ← everyone but db, sync, i18n and print; imports i18n
  //   db    ← sync, pwa, features; imports domain and i18n's Language
  //   sync  ← features (its index.ts); imports db and domain
  //   pwa   ← features; imports db, ui, i18n
  //   print ← features, staff (the official documents); imports domain and i18n
  //   formFields ← features, staff (a report form's fields and steps: the officer's editor and the staff
  //           preview draw the same ones); imports ui, i18n and domain
  //   features ← nobody but the root; import any room above, never staff
  //   staff ← nobody but the root (lazily); imports ui, i18n, print, formFields and domain
  // Each block lists everything its files may not import: a later block replaces an earlier one's rule.
  {
    files: ['src/app/**/*.{ts,tsx}'],
    rules: restrict([serverForApp, nodeOnly]),
  },
  {
    files: ['src/app/i18n/**/*.{ts,tsx}'],
    rules: restrict([
      { group: rooms('db', 'sync', 'features', 'staff', 'ui', 'pwa', 'print', 'formFields'), message: 'i18n imports domain only: every room imports it.' },
      serverForApp,
      dexie,
      nodeOnly,
    ]),
  },
  {
    files: ['src/app/ui/**/*.{ts,tsx}'],
    rules: restrict([
      { group: rooms('db', 'sync', 'features', 'staff', 'pwa', 'print', 'formFields'), message: "ui is the rooms' common ground: it imports i18n only." },
      serverForApp,
      dexie,
      nodeOnly,
    ]),
  },
  {
    files: ['src/app/db/**/*.ts'],
    rules: restrict([
      { group: rooms('sync', 'features', 'staff', 'ui', 'pwa', 'print', 'formFields'), message: 'db never imports sync, a feature, staff, ui, pwa, print or formFields.' },
      { group: rooms('i18n'), allowTypeImports: true, message: 'db takes only types from i18n (the Language it stores), no React.' },
      serverForApp,
      react,
      nodeOnly,
    ]),
  },
  {
    files: ['src/app/sync/**/*.ts'],
    rules: restrict([
      { group: rooms('features', 'staff', 'ui', 'pwa', 'print', 'i18n', 'formFields'), message: 'sync imports db and domain only: no feature, UI or text.' },
      serverForApp,
      react,
      nodeOnly,
    ]),
  },
  {
    files: ['src/app/pwa/**/*.{ts,tsx}'],
    rules: restrict([
      { group: rooms('sync', 'features', 'staff', 'print', 'formFields'), message: 'pwa imports db, ui and i18n only; features use it, not the other way.' },
      serverForApp,
      dexie,
      nodeOnly,
    ]),
  },
  {
    files: ['src/app/print/**/*.{ts,tsx}'],
    rules: restrict([
      {
        group: rooms('db', 'sync', 'features', 'staff', 'pwa', 'ui', 'formFields'),
        message: 'print draws the official documents from domain data and i18n forms only: features and staff both use it.',
      },
      serverForApp,
      dexie,
      nodeOnly,
    ]),
  },
  {
    files: ['src/app/formFields/**/*.{ts,tsx}'],
    rules: restrict([
      {
        group: rooms('db', 'sync', 'features', 'staff', 'pwa', 'print'),
        message: "formFields draws a report form's fields for the officer's editor and the staff preview alike: it imports ui, i18n and domain only.",
      },
      serverForApp,
      dexie,
      nodeOnly,
    ]),
  },
  {
    files: ['src/app/features/**/*.{ts,tsx}'],
    rules: restrict([
      // This keeps the dashboard out of the officer's bundle.
      { group: rooms('staff'), message: "The staff dashboard is reached only through App.tsx's lazy import." },
      { ...dexie, message: 'A feature reaches the database only through src/app/db.' },
      serverForApp,
      nodeOnly,
    ]),
  },
  {
    files: ['src/app/staff/**/*.{ts,tsx}'],
    rules: restrict([
      { group: rooms('features', 'db', 'sync', 'pwa'), message: 'staff uses ui, i18n, print, formFields and domain only.' },
      serverForApp,
      dexie,
      nodeOnly,
    ]),
  },
  // The server's layers: http -> services -> store, never back. main.ts and app.ts are the composition
  // roots (they open the store, build the services' context and register the http layer), so they are
  // left free; cli/admin.ts is an entry point like main.ts: it opens the store (store/open) and migrates,
  // and does everything else through the services.
  {
    files: ['src/server/**/*.ts'],
    rules: restrict(serverImports()),
  },
  {
    files: ['src/server/http/**/*.ts'],
    rules: restrict(serverImports({ group: ['**/store/**', '**/cli/**'], message: 'http reaches the store only through services.' })),
  },
  {
    files: ['src/server/services/**/*.ts'],
    rules: restrict(serverImports({ group: ['**/http/**', '**/cli/**'], message: 'services never import http (or the command line).' })),
  },
  {
    files: ['src/server/store/**/*.ts'],
    rules: restrict(
      serverImports({ group: ['**/http/**', '**/services/**', '**/cli/**'], message: 'store imports neither http nor services.' }),
    ),
  },
  {
    files: ['src/server/cli/**/*.ts'],
    rules: restrict(
      serverImports({ group: ['**/http/**', '**/store/**', '!**/store/open'], message: 'cli opens the store (store/open) and goes through services for the rest.' }),
    ),
  },
);
