/**
 * The estimate before the deploy: read from a template, priced per hour, and the decision it leads to
 * (nothing, a warning naming the resources and their hourly prices, or a refusal). Hand-computed.
 */
import { describe, expect, it } from '@jest/globals'
import { shippedPriceTable } from '../../src/app/e2e/prices.js'
import { costGate, hourlyEstimate } from '../../src/core/cost/hourly-estimate.js'
import { templateResources } from '../../src/core/cost/template-resources.js'
import { estimateMarkdown } from '../../src/core/report/sections/estimate.js'

const table = shippedPriceTable()

/** A VPC with two NAT gateways (the CDK default: one per AZ), a Lambda function and a queue. */
const TEMPLATE = {
  Resources: {
    Nat1: { Type: 'AWS::EC2::NatGateway' },
    Nat2: { Type: 'AWS::EC2::NatGateway' },
    Eip1: { Type: 'AWS::EC2::EIP' },
    Eip2: { Type: 'AWS::EC2::EIP' },
    Vpc: { Type: 'AWS::EC2::VPC' },
    Fn: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs22.x' } },
    Queue: { Type: 'AWS::SQS::Queue', Condition: 'WithQueue' },
    Child: { Type: 'AWS::CloudFormation::Stack' }
  }
}

describe('hourly estimate from a template', () => {
  const read = templateResources('pyr-1-1-api', TEMPLATE, 'template.yaml')

  it('reads every resource, prices SAM types as what they deploy, and says what it cannot know', () => {
    expect(read.resources.map((r) => r.type)).toEqual([
      'AWS::EC2::NatGateway',
      'AWS::EC2::NatGateway',
      'AWS::EC2::EIP',
      'AWS::EC2::EIP',
      'AWS::EC2::VPC',
      'AWS::Lambda::Function',
      'AWS::SQS::Queue',
      'AWS::CloudFormation::Stack'
    ])
    expect(read.notes).toEqual([
      'pyr-1-1-api: Queue has a Condition; counted as created',
      'pyr-1-1-api: the resources of nested stack Child are not estimated'
    ])
  })

  it('in us-east-1: 2 × $0.045 + 2 × $0.005 = $0.10/hour, not above the default warning of 0.10', () => {
    const e = hourlyEstimate(read.resources, table, 'us-east-1', { warningUsdPerHour: 0.1 })
    expect(
      e.lines.filter((l) => l.kind === 'metered').map((l) => [l.item, l.kind === 'metered' && l.usd])
    ).toEqual([
      ['AWS::EC2::EIP × 2', 0.01],
      ['AWS::EC2::NatGateway × 2', 0.09]
    ])
    expect(e.usdPerHour).toBe(0.1)
    expect(costGate(e)).toEqual({ verdict: 'ok' })
  })

  it('in eu-west-1: 2 × $0.048 + 2 × $0.005 = $0.106/hour: a warning that names the resources and their prices', () => {
    const e = hourlyEstimate(read.resources, table, 'eu-west-1', { warningUsdPerHour: 0.1 })
    expect(e.usdPerHour).toBe(0.106)
    const gate = costGate(e)
    expect(gate.verdict).toBe('warn')
    expect(gate.verdict === 'warn' && gate.message).toBe(
      'The e2e stacks will cost an estimated $0.1060/hour in eu-west-1 (each started hour is billed), above cost-warning-usd-per-hour (0.1): ' +
        'AWS::EC2::EIP × 2: 2 × $0.005/hour (us-east-1 price: the eu-west-1 price is not confirmed (no regional source read; AWS lists public IPv4 per IP-hour, the us-east-1 rate is used)) = $0.0100/hour; ' +
        'AWS::EC2::NatGateway × 2: 2 × $0.048/hour (eu-west-1 price of 2026-09-25); + data processed per GB, not included = $0.0960/hour.'
    )
  })

  it('above cost-limit-usd-per-hour the deploy is refused, saying nothing was deployed and what to change', () => {
    const e = hourlyEstimate(read.resources, table, 'us-east-1', {
      warningUsdPerHour: 0.05,
      limitUsdPerHour: 0.08
    })
    const gate = costGate(e)
    expect(gate.verdict).toBe('refuse')
    expect(gate.verdict === 'refuse' && gate.message).toMatch(
      /^Refusing to deploy: the stacks would cost an estimated \$0\.1000\/hour in us-east-1, above cost-limit-usd-per-hour \(0\.08\): AWS::EC2::EIP × 2: .* Nothing was deployed\. Remove these resources from the test stacks, or raise cost-limit-usd-per-hour\.$/
    )
  })

  it('renders the total, the verdict and every kind of line', () => {
    const md = estimateMarkdown(
      hourlyEstimate(read.resources, table, 'eu-west-1', { warningUsdPerHour: 0.1 }, read.notes)
    )
    expect(md).toMatch(
      /^\*\*Before the deploy:\*\* estimated \*\*\$0\.1060\/hour\*\* in `eu-west-1` \(price table of 2026-12-02; each started hour is billed\) · ⚠️ above `cost-warning-usd-per-hour` \(0\.1\)/
    )
    expect(md).toContain('- $0.0960/hour: AWS::EC2::NatGateway × 2')
    expect(md).toContain('- *usage-priced*: AWS::Lambda::Function × 1')
    expect(md).toContain('- *free*: AWS::EC2::VPC × 1')
    expect(md).toContain('- *not priced*: AWS::CloudFormation::Stack × 1')
    expect(md).toContain('- ℹ️ pyr-1-1-api: Queue has a Condition; counted as created')
  })

  it('a template that is not one says so instead of estimating', () => {
    expect(templateResources('s', [], 'x.json')).toEqual({
      resources: [],
      notes: ['x.json is not a CloudFormation template (not an object): not estimated']
    })
    expect(templateResources('s', { AWSTemplateFormatVersion: '2010-09-09' }, 'x.json').notes).toEqual([
      'x.json has no Resources section: not estimated'
    ])
  })
})
