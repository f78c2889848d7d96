/** jest for test/e2e only: npm run test:e2e */
import { tierConfig } from './tier.mjs'

export default tierConfig('e2e')
