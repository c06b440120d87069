// ESLint flat config: typescript-eslint's type-aware recommended rules plus the few that keep
// boundaries honest (no `any`, no `as unknown as`, no non-null `!`, no floating promises).
// Formatting is Prettier's job (`eslint-config-prettier` turns the overlapping rules off).
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Listed again in every block that sets no-restricted-syntax: a block's setting replaces the rule's.
const NO_AS_UNKNOWN_AS = {
  selector: "TSAsExpression > TSAsExpression[typeAnnotation.type='TSUnknownKeyword']",
  message: '`as unknown as` hides a type error; type the value properly or check it with a guard.',
};

export default defineConfig(
  {
    ignores: ['dist/', 'dist*/', 'web/dist/', 'node_modules/', 'coverage/', '.verdicts-data/'],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', NO_AS_UNKNOWN_AS],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Apollo plugin hooks, DataLoader batch functions and async generators must return
      // promises by contract, with or without an await inside: flagging them is noise.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Per-row code (ingestion, the verdict store, cells and the fits that read them): on Node 20's
    // V8 an object literal with properties after a spread, or an object rest pattern, gives each
    // object a hidden class of its own, 5–10 µs a row and megamorphic reads after it (README,
    // "Round VI: object spread on hot paths"). List the fields instead.
    files: [
      'src/ingest/**/*.ts',
      'src/services/{verdict-store,verdict-insert,verdict-validation,verdict-references}.ts',
      'src/services/{importer,entity-upsert,catalog-import,answer-links}.ts',
      'src/ratings/{cells,style-control,pair-sums,random}.ts',
    ],
    // Their spreads build a format's options or a table once.
    ignores: ['src/ingest/formats.ts', 'src/ingest/mt-bench.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        NO_AS_UNKNOWN_AS,
        {
          selector: 'ObjectExpression > SpreadElement + Property',
          message:
            'A property after a spread is a hidden class per object on V8 (README, "Round VI: object spread on hot paths"); list the fields.',
        },
        {
          selector: 'ObjectPattern > RestElement',
          message:
            'An object rest pattern is V8\'s slow copy (README, "Round VI: object spread on hot paths"); list the fields.',
        },
      ],
    },
  },
  {
    // Tests read GraphQL results as parsed JSON; the assertions are what check their shape.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // A missing value fails the test either way; `!` there states what the test expects.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Callbacks over those JSON results (`entries.map((e: any) => …)`) name their any; typing
      // the test helpers' results is a follow-up, not a reason to fail the build.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Plain JavaScript (configs, bin/) is not part of a TypeScript project.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  {
    // The dashboard (web/, built by Vite to web/dist/, ignored above) runs in the browser.
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', URL: 'readonly' },
    },
  },
  prettier,
);
