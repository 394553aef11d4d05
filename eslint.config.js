import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'coverage/', 'e2e/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Page and file data must never become markup.
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Build DOM with textContent / Preact; never parse page or file data as HTML.' },
        { property: 'outerHTML', message: 'Build DOM with textContent / Preact.' },
        { property: 'insertAdjacentHTML', message: 'Build DOM with textContent / Preact.' },
      ],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No raw HTML in the UI.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests and the demo site build pages on purpose.
    files: ['tests/**', 'e2e/**', 'demo-site/**', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
