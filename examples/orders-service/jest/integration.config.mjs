/** jest for test/integration only: npm run test:integration */
import { tierConfig } from './tier.mjs'

export default tierConfig('integration')
