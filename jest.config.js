/** Jest in ESM mode (the @actions packages are ESM-only): ts-jest compiles TypeScript as ESM. */
export default {
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
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/fixtures/'],
  modulePathIgnorePatterns: [
    '<rootDir>/examples/',
    '<rootDir>/dist/',
    '<rootDir>/test/real-runners/toolchain/'
  ],
  setupFiles: ['<rootDir>/test/setup/no-network.ts'],
  testTimeout: 60000
}
