import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const boundary = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'coverage', '.data-test'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Import boundaries (docs/architecture.md): core is pure; shared depends on core only;
  // web never imports server; server never imports web.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      ...boundary(
        [
          '**/server/**',
          '**/web/**',
          '**/shared/**',
          'fastify*',
          'kysely*',
          'pg',
          '@electric-sql/*',
          'react*',
          'node:*',
          'fs',
          'path',
        ],
        'src/core is pure: no I/O, framework, server, web or shared imports.',
      ),
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core reads no environment.' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'src/core has no clock: pass "now" in.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'src/core has no clock: pass "now" in.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'src/core is deterministic.',
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: boundary(
      ['**/server/**', '**/web/**', 'fastify*', 'kysely*', 'pg', 'react*'],
      'src/shared is imported by server and web: core only.',
    ),
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    rules: boundary(
      ['**/server/**', 'fastify*', 'kysely*', 'pg', '@electric-sql/*', 'node:*'],
      'src/web never imports server code.',
    ),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: boundary(['**/web/**', 'react*'], 'src/server never imports web code.'),
  },
  // A feature module reaches another only through that module's service interface: a type-only import of
  // `../other/other-service.ts` (the service object itself is passed in by app.ts, the composition root). Never
  // another module's repo, routes, presenter or internal files; what several modules share is platform
  // (src/server/auth, relations, files, documents, lib, db, plugins). docs/modules.md. Tests may reach further.
  {
    files: ['src/server/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/web/**', 'react*'], message: 'src/server never imports web code.' },
            {
              regex: '^\\.\\./[a-z0-9-]+/(?![a-z0-9-]+-service(?:\\.ts)?$)',
              message:
                "Another module only through its service's types (import type … from '../x/x-service.ts'); shared code belongs in the platform (src/server/lib, auth, relations, files, documents).",
            },
            {
              regex: '^\\.\\./[a-z0-9-]+/[a-z0-9-]+-service(?:\\.ts)?$',
              allowTypeImports: true,
              message:
                "Another module's service: types only (import type); the service object is passed in by src/server/app.ts.",
            },
          ],
        },
      ],
    },
  },
);
