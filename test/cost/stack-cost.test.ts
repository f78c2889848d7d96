/**
 * The stack's cost lines for stacks of several shapes, each checked against costs computed by hand
 * (the arithmetic is written next to each expectation), with the shipped price table.
 */
import { describe, expect, it } from '@jest/globals'
import { shippedPriceTable } from '../../src/app/e2e/prices.js'
import { parsePriceTable, withOverrides } from '../../src/core/cost/price-table.js'
import { meteredSum } from '../../src/core/cost/run-cost.js'
import { stackCostLines, startedHours } from '../../src/core/stacks/cost.js'

const table = shippedPriceTable()
const MIN = 60_000
const of = (...types: string[]) => types.map((type) => ({ type }))

/** The orders-service example as ListStackResources lists it (no hourly resource in it). */
const SERVERLESS = of(
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Stage',
  'AWS::DynamoDB::Table',
  'AWS::IAM::Policy',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::IAM::Role',
  'AWS::Lambda::Function',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Lambda::Permission',
  'AWS::Logs::LogGroup',
  'AWS::Logs::LogGroup'
)

describe('stack cost lines', () => {
  it('serverless only: nothing metered, usage-priced lines with unit prices, free lines listed', () => {
    const lines = stackCostLines(SERVERLESS, 12 * MIN, table, 'us-east-1')
    expect(meteredSum(lines)).toBe(0) // no hourly resource: $0 metered
    expect(lines.filter((l) => l.kind === 'usage-priced').map((l) => l.item)).toEqual([
      'AWS::ApiGatewayV2::Api × 1',
      'AWS::DynamoDB::Table × 1',
      'AWS::Lambda::Function × 2',
      'AWS::Logs::LogGroup × 2'
    ])
    expect(lines.find((l) => l.item === 'AWS::Lambda::Function × 2')).toEqual({
      kind: 'usage-priced',
      tier: 'e2e',
      item: 'AWS::Lambda::Function × 2',
      unitPrice: '$0.20 per 1M requests + $0.0000166667 per GB-s (x86) (us-east-1 price of 2026-01-15)'
    })
    expect(lines.filter((l) => l.kind === 'free').map((l) => l.item)).toEqual([
      'AWS::ApiGatewayV2::Integration × 2',
      'AWS::ApiGatewayV2::Route × 2',
      'AWS::ApiGatewayV2::Stage × 1',
      'AWS::IAM::Policy × 2',
      'AWS::IAM::Role × 2',
      'AWS::Lambda::Permission × 2'
    ])
    expect(lines.some((l) => l.kind === 'not-priced')).toBe(false)
  })

  it('a NAT gateway for 20 minutes is billed one started hour', () => {
    // 20 min → 1 started hour. NAT: 1 × 1 h × $0.045 = $0.045; its Elastic IP: 1 × 1 h × $0.005 = $0.005.
    const lines = stackCostLines(of('AWS::EC2::NatGateway', 'AWS::EC2::EIP'), 20 * MIN, table, 'us-east-1')
    expect(lines).toEqual([
      {
        kind: 'metered',
        tier: 'e2e',
        item: 'AWS::EC2::EIP × 1',
        usd: 0.005,
        basis: '1 started hour × $0.005/hour (us-east-1 price of 2026-07-24)'
      },
      {
        kind: 'metered',
        tier: 'e2e',
        item: 'AWS::EC2::NatGateway × 1',
        usd: 0.045,
        basis:
          '1 started hour × $0.045/hour (us-east-1 price of 2026-09-20); + data processed per GB, not included'
      }
    ])
    expect(meteredSum(lines)).toBe(0.05) // $0.045 + $0.005
    expect([startedHours(1), startedHours(60 * MIN), startedHours(60 * MIN + 1)]).toEqual([1, 1, 2])
  })

  it('an unknown type and a type that was not reported are not priced, and say so', () => {
    const lines = stackCostLines(of('AWS::Foo::Bar', '', '', 'AWS::SQS::Queue'), 5 * MIN, table, 'us-east-1')
    expect(lines).toEqual([
      {
        kind: 'not-priced',
        tier: 'e2e',
        item: '(type not reported) × 2',
        reason: 'the resource type was not reported'
      },
      {
        kind: 'not-priced',
        tier: 'e2e',
        item: 'AWS::Foo::Bar × 1',
        reason: 'AWS::Foo::Bar is not in the price table (add it with prices-file)'
      },
      {
        kind: 'usage-priced',
        tier: 'e2e',
        item: 'AWS::SQS::Queue × 1',
        unitPrice: '$0.40 per 1M requests (us-east-1 price of 2026-01-15)'
      }
    ])
    expect(meteredSum(lines)).toBe(0)
  })

  it('in eu-west-1: the Irish NAT price, and the us-east-1 price (with the reason) where eu-west-1 is not confirmed', () => {
    // 90 min → 2 started hours. NAT: 2 × 2 h × $0.048 = $0.192 (eu-west-1's own price);
    // EIP: 2 × 2 h × $0.005 = $0.02 (us-east-1's: the eu-west-1 price is not confirmed). Total $0.212.
    const lines = stackCostLines(
      of('AWS::EC2::NatGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::EIP', 'AWS::EC2::EIP'),
      90 * MIN,
      table,
      'eu-west-1'
    )
    const nat = lines.find((l) => l.item === 'AWS::EC2::NatGateway × 2')
    const eip = lines.find((l) => l.item === 'AWS::EC2::EIP × 2')
    expect(nat).toMatchObject({ kind: 'metered', usd: 0.192 })
    expect(nat?.kind === 'metered' && nat.basis).toMatch(
      /^2 started hours × \$0\.048\/hour × 2 \(eu-west-1 price of 2026-09-25\)/
    )
    expect(eip).toMatchObject({ kind: 'metered', usd: 0.02 })
    expect(eip?.kind === 'metered' && eip.basis).toMatch(
      /us-east-1 price: the eu-west-1 price is not confirmed/
    )
    expect(meteredSum(lines)).toBe(0.212)
  })

  it('with an override file: its price replaces the shipped one for its region, and a new type is priced', () => {
    const override = parsePriceTable(
      {
        date: '2026-12-01',
        resources: {
          'AWS::EC2::NatGateway': {
            kind: 'hourly',
            unit: 'hour',
            regions: { 'eu-central-1': { usdPerHour: 0.052, source: 'our AWS invoice, Nov 2026' } }
          },
          'AWS::Foo::Bar': { kind: 'hourly', unit: 'hour', regions: { '*': { usdPerHour: 0.1 } } }
        }
      },
      'prices.json',
      { requireProvenance: false }
    )
    const mine = withOverrides(table, override)
    // 61 min → 2 started hours. NAT: 1 × 2 h × $0.052 = $0.104; AWS::Foo::Bar: 1 × 2 h × $0.10 = $0.20.
    const lines = stackCostLines(of('AWS::EC2::NatGateway', 'AWS::Foo::Bar'), 61 * MIN, mine, 'eu-central-1')
    expect(lines.map((l) => [l.item, l.kind === 'metered' ? l.usd : l.kind])).toEqual([
      ['AWS::EC2::NatGateway × 1', 0.104],
      ['AWS::Foo::Bar × 1', 0.2]
    ])
    expect(meteredSum(lines)).toBe(0.304)
    expect(lines[0]?.kind === 'metered' && lines[0].basis).toMatch(/eu-central-1 price of 2026-12-01/)
    // Without the override, eu-central-1 is not confirmed: us-east-1's $0.045 × 2 h = $0.09, with the reason.
    const shipped = stackCostLines(of('AWS::EC2::NatGateway'), 61 * MIN, table, 'eu-central-1')
    expect(shipped[0]).toMatchObject({ kind: 'metered', usd: 0.09 })
    expect(shipped[0]?.kind === 'metered' && shipped[0].basis).toMatch(
      /eu-central-1 price is not confirmed \(only secondary sources/
    )
    expect(mine.origins).toEqual(['prices/aws.json', 'prices.json'])
    expect(mine.date).toBe('2026-12-02') // the newer of the two tables' dates
  })

  it('sizes by the template property: an EC2 instance type in the table, one that is not, and one given by Ref', () => {
    const lines = stackCostLines(
      [
        { type: 'AWS::EC2::Instance', properties: { InstanceType: 't3.micro' } },
        { type: 'AWS::EC2::Instance', properties: { InstanceType: 'm7i.48xlarge' } },
        { type: 'AWS::EC2::Instance', properties: { InstanceType: { Ref: 'Size' } } },
        { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' }
      ],
      30 * MIN,
      table,
      'us-east-1'
    )
    // t3.micro: 1 h × $0.0104; an ALB (Type absent = application): 1 h × $0.0225. Total $0.0329.
    expect(lines.map((l) => [l.item, l.kind === 'metered' ? l.usd : l.kind])).toEqual([
      ['AWS::EC2::Instance × 1', 'not-priced'],
      ['AWS::EC2::Instance × 1', 'not-priced'],
      ['AWS::EC2::Instance (t3.micro) × 1', 0.0104],
      ['AWS::ElasticLoadBalancingV2::LoadBalancer (application) × 1', 0.0225]
    ])
    expect(
      lines.filter((l) => l.kind === 'not-priced').map((l) => l.kind === 'not-priced' && l.reason)
    ).toEqual([
      'AWS::EC2::Instance with InstanceType m7i.48xlarge: that size is not in the price table (add it with prices-file)',
      'AWS::EC2::Instance: its InstanceType is not a literal value in the template, so its size is unknown'
    ])
    expect(meteredSum(lines)).toBe(0.0329)
  })
})
