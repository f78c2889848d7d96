import { reportView } from '../../src/core/report/view.js'
import { describe, expect, it } from '@jest/globals'
import { renderTerminal } from '../../src/core/report/terminal.js'
import { e2eWithLeaks, failuresAndFlaky } from './reports.js'

describe('renderTerminal', () => {
  it('has no colors when color is off and colors the verdict when on', () => {
    expect(renderTerminal(reportView(failuresAndFlaky()), { color: false, width: 100 })).not.toContain(
      '\u001b'
    )
    expect(renderTerminal(reportView(failuresAndFlaky()), { color: true, width: 100 })).toContain(
      '\u001b[1;31m✖ Serverless test pyramid: failed\u001b[0m'
    )
  })

  it('cuts every line to the width, before any color codes', () => {
    for (const color of [false, true]) {
      const text = renderTerminal(reportView(e2eWithLeaks()), { color, width: 60 })
      for (const line of text.split('\n')) {
        // eslint-disable-next-line no-control-regex
        expect(Array.from(line.replace(/\u001b\[[0-9;]*m/g, '')).length).toBeLessThanOrEqual(60)
      }
    }
  })

  it('wraps why a tier failed instead of cutting it: what to do is never lost', () => {
    const report = failuresAndFlaky()
    const advice =
      'Fix the name in localstack-services. Known services: dynamodb, s3, sqs, sns, lambda, stepfunctions.'
    report.tiers[1]!.outcome = {
      kind: 'setup-failed',
      reason: `localstack-services names "dynamdb" (did you mean "dynamodb"?). ${advice}`
    }
    const text = renderTerminal(reportView(report), { color: false, width: 50 })
    const lines = text.split('\n')
    expect(lines.every((l) => Array.from(l).length <= 50)).toBe(true)
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain(advice)
  })

  it('strips escape sequences from untrusted text so a test cannot drive the terminal', () => {
    const report = failuresAndFlaky()
    report.tiers[0]!.tests[0]!.name = 'evil \u001b]0;owned\u0007 \u001b[2J name'
    report.tiers[0]!.tests[0]!.attempts[0]!.message = '\u001b[31mred\u001b[0m text'
    const text = renderTerminal(reportView(report), { color: false, width: 200 })
    expect(text).not.toContain('\u001b')
    expect(text).toContain('evil   name')
    expect(text).toContain('    red text')
  })

  it('shows skipped reasons, leaks and unconfirmed stacks', () => {
    const text = renderTerminal(reportView(e2eWithLeaks()), { color: false, width: 200 })
    expect(text).toContain('teardown failed: stack pyr-orders-987654321-1-Data was force-deleted')
    expect(text).toContain('LEAKED, still billing: pyr-orders-987654321-1-Data/UploadsBucket1A2B3C')
    expect(text).toContain('deletion not confirmed: pyr-orders-987654321-1-Net')
    expect(renderTerminal(reportView(failuresAndFlaky()), { color: false, width: 200 })).toContain(
      '○ e2e         skipped\n    unit failed and fail-fast is on'
    )
  })
})
