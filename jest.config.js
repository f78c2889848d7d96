/**
 * Jest in ESM mode (the @actions packages are ESM-only): ts-jest compiles TypeScript as ESM.
 *
 * Two projects, chosen by file name: `*.process.test.ts` starts processes or servers (the bundle under a
 * simulated runner, real test runners, stand-ins over loopback, the chaos runs) and is the `process`
 * project; every other `*.test.ts` runs in-process, is the `fast` project (npm run test:fast), and may
 * not start a process or open a socket (test/setup/in-process-only.ts makes that an error that names
 * the rule). `npm test` runs both. Patterns are regular expressions so that test/lint/jest-projects.test.ts
 * can apply them itself and check that every test file lands in exactly one project.
 */
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }
    ]
  },
  roots: ['<rootDir>/test'],
  modulePathIgnorePatterns: [
    '<rootDir>/examples/',
    '<rootDir>/dist/',
    '<rootDir>/test/real-runners/toolchain/'
  ]
}

export default {
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'fast',
      testRegex: ['\\.test\\.ts$'],
      testPathIgnorePatterns: ['/node_modules/', '/fixtures/', '\\.process\\.test\\.ts$'],
      setupFiles: ['<rootDir>/test/setup/no-network.ts', '<rootDir>/test/setup/in-process-only.ts']
    },
    {
      ...common,
      displayName: 'process',
      testRegex: ['\\.process\\.test\\.ts$'],
      testPathIgnorePatterns: ['/node_modules/', '/fixtures/'],
      setupFiles: ['<rootDir>/test/setup/no-network.ts', '<rootDir>/test/setup/processes-allowed.ts']
    }
  ]
}
