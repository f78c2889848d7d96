/** The integration inputs the integration-tier tests start from (the fakes of our ports are in test/fakes/). */
import type { Inputs } from '../../src/inputs/types.js'

export function integrationInputs(overrides: Partial<Inputs['integration']> = {}): Inputs['integration'] {
  return {
    command: 'npm run test:integration',
    localstack: 'auto',
    localstackImage: 'localstack/localstack:4.14.0',
    localstackServices: ['dynamodb', 's3'],
    localstackEndpoint: 'http://localhost:4566',
    // In virtual time (test/fakes/clock.ts): far more polls than any stand-in needs, so only a test that
    // means to time out does.
    localstackTimeoutSeconds: 3600,
    ...overrides
  }
}
