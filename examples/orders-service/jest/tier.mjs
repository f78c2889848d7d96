/**
 * The jest config of one pyramid tier: only test/<tier> runs. Each tier has its own config file (used by the
 * test:<tier> scripts) rather than `--selectProjects <tier>`, because --selectProjects takes a list and would
 * swallow the test-file patterns that serverless-test-pyramid appends when it re-runs failed tests.
 *
 * jest-junit writes junit.xml into JEST_JUNIT_OUTPUT_DIR (the action sets it to the tier's results folder;
 * without it: ./reports). addFileAttribute records each test's file, so only failed files and tests re-run.
 */
import { fileURLToPath } from 'node:url'

const rootDir = fileURLToPath(new URL('..', import.meta.url))

export const reporters = [
  'default',
  ['jest-junit', { outputDirectory: 'reports', outputName: 'junit.xml', addFileAttribute: 'true' }]
]

/** The e2e tier calls a real API (cold starts); unit and integration tests finish far below this. */
export const testTimeout = 30000

export function project(tier) {
  return {
    rootDir,
    displayName: tier,
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: `${rootDir}tsconfig.json` }] },
    roots: [`<rootDir>/test/${tier}`],
    testMatch: ['**/*.test.ts']
  }
}

export function tierConfig(tier) {
  return { ...project(tier), reporters, testTimeout }
}
