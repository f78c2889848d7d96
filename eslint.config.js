import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * The layers (docs/architecture.md): core imports nothing outside core; inputs only core; parsers no
 * app, adapters or inputs; adapters only the ports (app/ports.ts), core and parsers; app no adapter and
 * no library that touches the outside world, except in app/wiring/, the one place adapters are created.
 * test/lint/layers.test.ts shows each rule catching a violation.
 */
const OUTSIDE_CORE = [
  '**/app/**',
  '**/adapters/**',
  '**/inputs/**',
  '**/parsers/**',
  '**/cli/**',
  '**/main.js',
  '**/post.js',
  '**/cli.js'
]
const EDGE_LIBRARIES = [
  '@actions/*',
  '@aws-sdk/*',
  'saxes',
  'tinyglobby',
  'fs',
  'fs/*',
  'node:fs',
  'node:fs/*',
  'child_process',
  'node:child_process',
  'net',
  'node:net',
  'node:http',
  'node:https'
]

/** `group`: gitignore-style paths; `noLibraries`: also any import that is not a relative path. */
function layer(files, message, group, { ignores = [], dynamic, noLibraries = false } = {}) {
  const patterns = [{ group, message }]
  if (noLibraries) patterns.push({ regex: '^[^.]', message })
  const rules = { 'no-restricted-imports': ['error', { patterns }] }
  if (dynamic) {
    rules['no-restricted-syntax'] = [
      'error',
      { selector: `ImportExpression[source.value=${dynamic}]`, message: `${message} (dynamic import)` }
    ]
  }
  return { files, ignores, rules }
}

const layers = [
  layer(
    ['src/core/**/*.ts'],
    'core is pure: it imports only core (no app, adapters, inputs, parsers or libraries).',
    OUTSIDE_CORE,
    { dynamic: '/^[^.]/', noLibraries: true }
  ),
  layer(
    ['src/inputs/**/*.ts'],
    'inputs import only core.',
    ['**/app/**', '**/adapters/**', '**/parsers/**', '**/cli/**'],
    { noLibraries: true }
  ),
  layer(['src/parsers/**/*.ts'], 'parsers import only core and their libraries.', [
    '**/app/**',
    '**/adapters/**',
    '**/inputs/**',
    '**/cli/**'
  ]),
  layer(
    ['src/adapters/**/*.ts'],
    'adapters implement the ports: they import app/ports.ts, core and parsers only.',
    ['**/app/**', '!**/app/ports.js', '**/inputs/**', '**/cli/**']
  ),
  layer(
    ['src/app/**/*.ts'],
    'app reaches the outside world only through the ports; adapters are created in app/wiring/.',
    ['**/adapters/**', '**/cli/**', ...EDGE_LIBRARIES],
    { ignores: ['src/app/wiring/**'], dynamic: '/^(@actions|@aws-sdk)\\u002F/' }
  ),
  layer(['src/cli/**/*.ts'], 'the CLI gets its adapters from app/wiring/.', ['**/adapters/**'])
]

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'examples/**/node_modules/**',
      'examples/**/cdk.out/**',
      'coverage/**',
      'test/fixtures/**',
      '**/.pyramid/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly'
      }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }]
    }
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error'
    }
  },
  ...layers
)
