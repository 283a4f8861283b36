// ESLint 9 flat config: type-aware typescript-eslint rules, Jest rules for specs, Prettier last.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Calls that count as assertions: expect itself and our `expect…` helpers that throw on a
 * mismatch (expectStatus from @app/testing, expectError in specs), plus supertest's .expect().
 */
const ASSERT_FUNCTION_NAMES = ['expect', 'expectStatus', 'expect*', 'request.**.expect'];

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.data/**',
      '**/coverage/**',
      'bench/results/**',
      'bench/out/**',
      'bench/output/**',
    ],
  },

  js.configs.recommended,

  // Tool configs in CommonJS (jest.config.js, .dependency-cruiser.cjs).
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        __dirname: 'readonly',
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
      },
    },
  },

  // Type-aware rules for TypeScript; each file is checked with the nearest tsconfig.json.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Nest modules are classes with only decorators.
      '@typescript-eslint/no-extraneous-class': 'off',
      // Nest handlers and providers are often async to satisfy an interface.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // Specs and test helpers.
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/valid-expect': ['error', { alwaysAwait: true }],
      'jest/expect-expect': ['error', { assertFunctionNames: ASSERT_FUNCTION_NAMES }],
      // jest.fn() / expect(obj.method) pass methods around unbound by design.
      '@typescript-eslint/unbound-method': 'off',
      'jest/unbound-method': 'off',
      // Response bodies are untyped JSON.
      '@typescript-eslint/no-unsafe-assignment': 'warn',
      '@typescript-eslint/no-unsafe-member-access': 'warn',
      '@typescript-eslint/no-unsafe-call': 'warn',
      '@typescript-eslint/no-unsafe-argument': 'warn',
      '@typescript-eslint/no-unsafe-return': 'warn',
    },
  },

  // Must stay last: turns off rules that conflict with Prettier's formatting.
  prettier,
);
