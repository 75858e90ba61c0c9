// Self-lint: typescript-eslint's strict type-checked rules plus eslint-plugin-eslint-plugin.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'fixtures/', 'tests/fixtures/', 'tests/workspace-fixtures/', '**/__testfixtures__/', 'coverage/'] },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['rules/**/*.ts'],
    ignores: ['rules/**/*.test.ts', 'rules/utils/**'],
    ...eslintPlugin.configs.recommended,
  },
  {
    files: ['**/*.ts'],
    rules: {
      // Template literals carry numbers in messages and keys; String() everywhere adds noise.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
