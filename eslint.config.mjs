// Determinism is enforced here, not remembered: domain/ and workflows/ may not
// reach Node built-ins, I/O packages, clocks or randomness; nothing may float a promise.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`, `${name}/*`]);
const ioPackages = ['better-sqlite3', '@kurrent/*', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing', 'tsx', 'tsx/*'];

const noNondeterminism = (extra) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: nodeBuiltins.filter((n) => !n.endsWith('/*')).map((name) => ({ name, message: 'no Node built-ins here: this code must stay deterministic' })),
      patterns: [
        { group: [...ioPackages, ...extra], message: 'no I/O here: this code must stay deterministic' },
        // Workflows call activities through proxyActivities, so they may see their types only.
        { group: ['**/activities/**', '**/activities'], allowTypeImports: true, message: 'workflows import activity types only' },
      ],
    },
  ],
  'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'randomness breaks replay' }],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'read time from the command (domain) or Date.now() workflow time' },
    // no-restricted-imports does not see require(): the one require allowed is a process's own definition (domain/processCatalog.ts, loaded on first use).
    {
      selector: "CallExpression[callee.name='require']:not([arguments.0.value=/^\\.\\/[a-z]+\\/definition$/])",
      message: "require() only a process's definition (./<process>/definition): anything else is imported, where the determinism rules see it",
    },
  ],
});

export default tseslint.config(
  // Plain JavaScript outside the TypeScript project (the typed rules cannot read it): the CLI's launchers and the runner's preload.
  { ignores: ['node_modules/**', '.cache/**', 'data/**', 'dist/**', 'client/bin/**', 'scripts/*.cjs', 'eslint.config.mjs'] },
  ...tseslint.configs.recommended,
  {
    // lintProbe.ts: the virtual files test/lintRules.test.ts lints to prove these rules fire.
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*/lintProbe.ts'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Prettier wraps code at 160; what it cannot wrap (comments) is wrapped by hand. Long strings and URLs stay whole.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  // domain/: zod only; and no clock at all, not even Date.now().
  {
    files: ['domain/**/*.ts'],
    rules: {
      ...noNondeterminism(['@temporalio/*']),
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'randomness breaks replay' },
        { object: 'Date', property: 'now', message: 'the domain reads time from the command, never from a clock' },
      ],
    },
  },
  // workflows/: domain/, @temporalio/workflow and activity types only.
  { files: ['workflows/**/*.ts'], rules: noNondeterminism(['**/eventstore/**', '**/client/**', '**/worker/**']) },
);
