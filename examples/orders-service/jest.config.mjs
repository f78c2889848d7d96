/** `npx jest` runs all three tiers; `npm run test:<tier>` runs one (see jest/tier.mjs). */
import { project, reporters, testTimeout } from './jest/tier.mjs'

export default { projects: ['unit', 'integration', 'e2e'].map(project), reporters, testTimeout }
