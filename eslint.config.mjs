// ESLint flat config: type-checked typescript-eslint plus the project's boundary rules (STYLE.md 2.10).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const domainLibs = ['libs/stix/**', 'libs/rbac/**', 'libs/kernel/**'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.cache/**',
      'data/**',
      'coverage/**',
      'libs/testing/fixtures/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'all' },
      ],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'process.env is read in libs/config only (STYLE.md 2.5).',
        },
        {
          selector: "CallExpression[callee.name='forwardRef']",
          message: 'No forwardRef: a cycle means a missing module or event (STYLE.md 2.2).',
        },
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Named exports only (STYLE.md 2.10).',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@lib/*/src', '@lib/*/src/**', '@app/*/src', '@app/*/src/**'],
              message: 'Import a library through its index (@lib/<name>), never a deep path.',
            },
            {
              group: ['**/index', '../index', './index'],
              message: "Inside a library, don't import through its own index (barrel cycles).",
            },
          ],
        },
      ],
      'import-x/no-cycle': ['error', { maxDepth: 10, ignoreExternal: true }],
      'import-x/no-self-import': 'error',
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
  },
  {
    files: [
      'libs/config/**/*.ts',
      'bench/**',
      'scripts/**',
      'test/**',
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.contract-spec.ts',
      '**/*.compat-spec.ts',
      '**/testing/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: domainLibs,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*'],
              message: 'stix, rbac and kernel are pure TypeScript (STYLE.md 2.2).',
            },
            { group: ['@lib/*/src', '@lib/*/src/**'], message: 'No deep library imports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.contract-spec.ts',
      '**/*.compat-spec.ts',
      '**/testing/**/*.ts',
    ],
    rules: {
      // jest's asymmetric matchers (expect.any, expect.stringMatching…) and supertest bodies are any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'max-lines': ['error', { max: 700, skipBlankLines: true, skipComments: true }],
    },
  },
  prettier,
);
