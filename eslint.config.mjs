// ESLint (flat config): typescript-eslint's recommended rules with type information; formatting is Prettier's
// (eslint-config-prettier turns off the rules it owns). `npm run lint` runs both.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'bench/', 'coverage/', 'node_modules/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Apollo Server's plugin hooks and our cache interface are typed as returning promises: `async` is how they
      // are written even where a body has nothing to await.
      '@typescript-eslint/require-await': 'off',
      // Off: with MikroORM's and type-graphql's generic overloads it calls casts "unnecessary" whose removal turns
      // the inferred types into `any` or breaks the build (seen on lib/subgraph/district.resolver.ts, profile-mutations.ts).
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // `_`-prefixed parameters and rest siblings are deliberate (an interface's argument a body does not use).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests and the benchmark read GraphQL answers as the JSON they are: typing every response body would only
    // restate the query.
    files: ['test/**/*.ts', 'scripts/bench.ts', 'scripts/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // The same untyped answers and database rows, compared and printed as they come.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // A stand-in server's async handler may reject: the test then fails on what the client sees.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  // The pages' own scripts run in the browser, as ES modules.
  {
    files: ['gateway/pages/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'module' },
  },
  {
    files: ['scripts/**/*.js', '*.js', 'test/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
