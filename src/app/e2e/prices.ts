/** The price table shipped in the repo (prices/aws-us-east-1.json), bundled with the action. */
import shipped from '../../../prices/aws-us-east-1.json'
import { parsePriceTable, type PriceTable } from '../../core/stacks/cost.js'

export function shippedPriceTable(): PriceTable {
  return parsePriceTable(shipped, 'prices/aws-us-east-1.json')
}
