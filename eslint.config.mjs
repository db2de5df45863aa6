// ESLint for the whole repository (./shop test runs it): typescript-eslint's
// recommended rules, and the project's import boundaries (tools/eslint/boundaries.mjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from './tools/eslint/boundaries.mjs';

// The pages' scripts (apps/*/browser/) run in a browser: its globals, and the Node-only ones are not there.
const BROWSER_GLOBALS = Object.fromEntries(
  [
    'window', 'document', 'navigator', 'location', 'history', 'sessionStorage', 'localStorage', 'Node', 'HTMLElement', 'Intl',
    'TextDecoder', 'AbortController', 'requestAnimationFrame', 'fetch', 'URL', 'URLSearchParams', 'AbortSignal',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'console', 'performance', 'crypto', 'FormData',
  ].map((name) => [name, "readonly"]),
);

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/generated/**', '.local/**', 'bench/reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,mts,mjs,js}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', fetch: 'readonly', URL: 'readonly', AbortSignal: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', performance: 'readonly' } },
    plugins: { shop: boundaries },
    rules: {
      'shop/import-boundaries': 'error',
      // A leading underscore names what is dropped on purpose (`const { secret: _secret, ...rest } = ...`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // The code's \`any\`s are type arguments of heterogeneous contract lists (RequestContract<any, any>),
      // which TypeScript's variance cannot type otherwise; strict tsc checks everything else.
      '@typescript-eslint/no-explicit-any': 'off',
      // Every kafkajs client logs in as its process's principal: a client built without it connects
      // anonymously, which a broker with SHOP_KAFKA_AUTH=scram refuses (README, "Who may write what").
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Kafka'] > ObjectExpression:not(:has(SpreadElement > :matches(CallExpression[callee.name=/^kafka(Credentials|ClientSettings)$/], Identifier[name='login'])))",
          message: 'a kafkajs client takes its login from kafkaCredentials() (or kafkaClientSettings(), or a `login` made by one of them): new Kafka({ ...kafkaCredentials(), ... })',
        },
      ],
    },
  },
  { files: ['apps/*/browser/**/*.js'], languageOptions: { sourceType: 'script', globals: BROWSER_GLOBALS } },
);
