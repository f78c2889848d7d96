/** jest for test/unit only: npm run test:unit */
import { tierConfig } from './tier.mjs'

export default tierConfig('unit')
