// Lint, including the architecture's import boundaries (DESIGN §1): shared/ imports nothing of
// ours; renderer/, server/ and electron/ import shared/ and never each other.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const boundary = (forbidden, why) => ({
  'no-restricted-imports': ['error', { patterns: forbidden.map((dir) => ({ group: [`**/${dir}/**`, `**/${dir}`], message: why })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', '.caseway-data/**', 'test-results/**', 'playwright-report/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'use a union or an as-const object instead of enum' }],
    },
  },
  { files: ['shared/**/*.ts'], rules: boundary(['server', 'renderer', 'electron', 'node_modules/electron', 'dexie', 'react'], 'shared/ is pure: it imports none of server/, renderer/ or electron/') },
  { files: ['server/**/*.ts'], rules: boundary(['renderer', 'electron'], 'server/ may import shared/ only') },
  { files: ['renderer/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } }, rules: boundary(['server', 'electron'], 'renderer/ may import shared/ only') },
  { files: ['electron/**/*.ts'], rules: boundary(['server', 'renderer'], 'electron/ may import shared/ only') },
  { files: ['tests/**/*.ts', '**/*.test.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
