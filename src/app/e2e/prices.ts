/**
 * The price table the estimates use: the one shipped in the repo (prices/aws.json, bundled with the
 * action), with the user's prices-file laid over it when there is one.
 */
import path from 'node:path'
import shipped from '../../../prices/aws.json'
import { errorMessage } from '../../core/error-message.js'
import { parsePriceTable, withOverrides, type PriceTable } from '../../core/cost/price-table.js'
import type { Workspace } from '../ports.js'

export const SHIPPED_PRICES = 'prices/aws.json'

export function shippedPriceTable(): PriceTable {
  return parsePriceTable(shipped, SHIPPED_PRICES, { requireProvenance: true })
}

/** The shipped table, with `pricesFile` (relative to `cwd`) over it; throws naming the entry and field. */
export async function loadPriceTable(
  files: Workspace,
  pricesFile: string | undefined,
  cwd: string
): Promise<PriceTable> {
  const base = shippedPriceTable()
  if (pricesFile === undefined) return base
  const file = path.resolve(cwd, pricesFile)
  const text = await files.readText(file)
  if (text === undefined)
    throw new Error(`prices-file ${pricesFile} does not exist (looked for ${file}). Fix the input.`)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new Error(
      `prices-file ${pricesFile} could not be read as JSON (${errorMessage(err)}). Fix the file or the input.`
    )
  }
  try {
    return withOverrides(base, parsePriceTable(json, pricesFile, { requireProvenance: false }))
  } catch (err) {
    throw new Error(`prices-file: ${errorMessage(err)} See ${SHIPPED_PRICES} for the shape of an entry.`)
  }
}
