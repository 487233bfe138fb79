import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/fixtures/**', 'examples/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Front ends and scripts write to the terminal on purpose; checks and analysis never print.
    files: ['src/cli/**', 'src/bot/**', 'scripts/**', 'bench/**', 'test/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
