/**
 * The shipped price table: every entry says where its price was read and when, every listed region
 * has an entry for every hourly resource (a price, or why there is none), and a user's prices-file is
 * checked with errors that name the entry and the field.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileWorkspace } from '../../src/adapters/files/workspace.js'
import { loadPriceTable, shippedPriceTable } from '../../src/app/e2e/prices.js'
import { parsePriceTable, type ResourcePrices } from '../../src/core/cost/price-table.js'
import { priceResource } from '../../src/core/cost/resource-pricing.js'
import shipped from '../../prices/aws.json'

const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1'
]

/** Every region entry of a resource (all sizes), as [where, entry]. */
function regionEntries(type: string, p: ResourcePrices): [string, Record<string, unknown>][] {
  if (p.kind === 'free') return []
  if (p.kind === 'usage' || 'regions' in p)
    return Object.entries(p.regions).map(([r, e]) => [
      `${type} ${r}`,
      e as unknown as Record<string, unknown>
    ])
  return Object.entries(p.sizes).flatMap(([size, regions]) =>
    Object.entries(regions).map(([r, e]): [string, Record<string, unknown>] => [
      `${type} ${size} ${r}`,
      e as unknown as Record<string, unknown>
    ])
  )
}

describe('the shipped price table', () => {
  const table = shippedPriceTable()

  it('has a date, and every entry has a source and a date', () => {
    expect(table.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // Read from the raw JSON, so a default filled in by the parser cannot hide a missing field.
    const raw = shipped as unknown as { resources: Record<string, Record<string, unknown>> }
    const entries: [string, Record<string, unknown>][] = Object.entries(raw.resources).flatMap(([type, p]) =>
      p.kind === 'free'
        ? [[type, p] as [string, Record<string, unknown>]]
        : regionEntries(type, p as unknown as ResourcePrices)
    )
    expect(entries.length).toBeGreaterThan(100)
    for (const [where, e] of entries) {
      expect([where, typeof e.source === 'string' && e.source.length > 10]).toEqual([where, true])
      expect([where, e.date]).toEqual([where, expect.stringMatching(/^20\d\d-\d\d-\d\d$/)])
    }
  })

  it('has an entry for each of the eight regions for every hourly resource: a price, or why there is none', () => {
    for (const [type, p] of Object.entries(table.resources)) {
      if (p.kind !== 'hourly') continue
      const sets = 'regions' in p ? [p.regions] : Object.values(p.sizes)
      for (const regions of sets)
        expect([type, Object.keys(regions).sort()]).toEqual([type, [...REGIONS].sort()])
    }
    const nat = table.resources['AWS::EC2::NatGateway']
    const prices = nat?.kind === 'hourly' && 'regions' in nat ? nat.regions : {}
    expect(
      Object.fromEntries(
        Object.entries(prices).map(([r, e]) => [r, 'usdPerHour' in e ? e.usdPerHour : 'unconfirmed'])
      )
    ).toEqual({
      'us-east-1': 0.045,
      'us-east-2': 0.045,
      'us-west-2': 0.045,
      'eu-west-1': 0.048,
      'eu-central-1': 'unconfirmed',
      'ap-southeast-1': 0.059,
      'ap-southeast-2': 0.059,
      'ap-northeast-1': 0.062
    })
  })

  it('prices a region outside the table at the us-east-1 price, and says so', () => {
    expect(priceResource(table, 'sa-east-1', { type: 'AWS::EC2::NatGateway' })).toMatchObject({
      kind: 'hourly',
      usdPerHour: 0.045,
      region: 'us-east-1',
      caveat: 'us-east-1 price: the price table has no sa-east-1 price'
    })
  })
})

describe('prices-file', () => {
  const write = (content: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'prices-'))
    writeFileSync(path.join(dir, 'prices.json'), content)
    return dir
  }

  it.each([
    [
      {
        resources: {
          'AWS::EC2::NatGateway': {
            kind: 'hourly',
            unit: 'hour',
            regions: { 'eu-west-1': { usdPerHour: '0.05' } }
          }
        }
      },
      'entry "AWS::EC2::NatGateway", field regions["eu-west-1"].usdPerHour must be a number of 0 or more (USD per hour)'
    ],
    [
      { resources: { 'AWS::Foo::Bar': { kind: 'hourly', regions: {} } } },
      'entry "AWS::Foo::Bar", field unit must say what an hour is of'
    ],
    [
      { resources: { 'AWS::Foo::Bar': { kind: 'monthly' } } },
      'entry "AWS::Foo::Bar", field kind must be "hourly", "usage" or "free"'
    ],
    [
      { resources: { 'AWS::SQS::Queue': { kind: 'usage', regions: { Ireland: { unitPrice: '$1' } } } } },
      'entry "AWS::SQS::Queue", field regions["Ireland"] is not a region code such as eu-west-1 (or "*")'
    ],
    [
      {
        resources: {
          'AWS::SQS::Queue': { kind: 'usage', regions: { 'eu-west-1': { unitPrice: '$1', date: 'today' } } }
        }
      },
      'entry "AWS::SQS::Queue", field regions["eu-west-1"].date must be a date written YYYY-MM-DD'
    ],
    [{ resources: [] }, '"resources" must be an object']
  ])('%j is refused: %s', async (json, message) => {
    const dir = write(JSON.stringify(json))
    await expect(loadPriceTable(fileWorkspace, 'prices.json', dir)).rejects.toThrow(
      `prices-file: Price table prices.json: ${message}.`
    )
  })

  it('is refused when it is not JSON, naming the file', async () => {
    await expect(loadPriceTable(fileWorkspace, 'prices.json', write('{ nope'))).rejects.toThrow(
      /^prices-file prices\.json could not be read as JSON/
    )
  })

  it('overrides one region of a shipped entry and keeps the rest', async () => {
    const dir = write(
      JSON.stringify({
        resources: {
          'AWS::EC2::NatGateway': {
            kind: 'hourly',
            unit: 'hour',
            regions: { 'eu-central-1': { usdPerHour: 0.052 } }
          }
        }
      })
    )
    const table = await loadPriceTable(fileWorkspace, 'prices.json', dir)
    expect(priceResource(table, 'eu-central-1', { type: 'AWS::EC2::NatGateway' })).toMatchObject({
      usdPerHour: 0.052,
      source: 'prices.json'
    })
    expect(priceResource(table, 'eu-west-1', { type: 'AWS::EC2::NatGateway' })).toMatchObject({
      usdPerHour: 0.048
    })
  })

  it('the shipped file itself must be complete: a missing source is refused', () => {
    expect(() =>
      parsePriceTable(
        { date: '2026-12-02', resources: { 'AWS::IAM::Role': { kind: 'free', date: '2026-01-01' } } },
        'prices/aws.json',
        { requireProvenance: true }
      )
    ).toThrow(
      'Price table prices/aws.json: entry "AWS::IAM::Role", field source must say where the price was read.'
    )
  })
})
