/**
 * The golden reports as GitHub shows them, in Debian's Chromium: GFM + GitHub's sanitizer + mermaid,
 * GitHub's markdown CSS, light and dark, in a 780 px comment column and at 400 px (a phone). Asserts
 * what a reader would notice: nothing runs past the column (at 400 px only the tier tables may scroll),
 * every table has its header row and as many cells in each row, the tier table has its 6 columns,
 * charts render and each plotted colour has 3:1 contrast against the page. Screenshots go to
 * .pyramid/screenshots/ (git-ignored) for a person to open.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromiumMissing, launchChromium, type Browser } from './chromium.js'
import { BACKGROUND, contrast, inspect, openReport, type Theme } from './report-page.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const GOLDEN = path.join(ROOT, 'test', 'golden')
export const SCREENSHOTS = path.join(ROOT, '.pyramid', 'screenshots')

const files = readdirSync(GOLDEN)
  .filter((f) => f.endsWith('.md'))
  .sort()
const views: [number, Theme][] = [
  [780, 'light'],
  [780, 'dark'],
  [400, 'light'],
  [400, 'dark']
]
const cases = files.flatMap((f) => views.map(([w, t]): [string, number, Theme] => [f, w, t]))

const missing = chromiumMissing()

if (missing !== undefined) {
  describe('visual suite', () => {
    it(`did not run: ${missing}`, () => {
      process.stderr.write(`visual suite did not run: ${missing}\n`)
      // CI installs Chromium (.ci/run) and sets PYRAMID_REQUIRE_TOOLS=1: there, a missing browser fails.
      expect(process.env.PYRAMID_REQUIRE_TOOLS).not.toBe('1')
    })
  })
} else {
  describe('golden reports in Chromium', () => {
    let browser: Browser
    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true })
      browser = await launchChromium()
    }, 60_000)
    afterAll(async () => {
      await browser?.close()
    })

    it.each(cases)('%s at %d px, %s', async (file, width, theme) => {
      const page = await openReport(browser, readFileSync(path.join(GOLDEN, file), 'utf8'), width, theme)
      try {
        const facts = await inspect(page)
        await page.screenshot({
          path: path.join(SCREENSHOTS, `${file.replace(/\.md$/, '')}-${width}-${theme}.png`),
          fullPage: true
        })
        expect(facts.columnOverflowPx).toBe(0)
        facts.tables.forEach((t, i) => {
          expect(t.headers.length).toBeGreaterThan(0)
          expect(t.headers.length).toBeLessThanOrEqual(6)
          for (const cells of t.rowCells)
            expect([t.headers.join(' | '), cells]).toEqual([t.headers.join(' | '), t.headers.length])
          const tierTable = t.headers[0] === 'Tier' && t.headers[1] === 'Result'
          if (tierTable) expect(t.headers).toHaveLength(6)
          // At 400 px a tier table (the first table of a summary, or of a job's section of the comment)
          // may scroll sideways; every other table fits.
          if (width === 780 || (i > 0 && !tierTable))
            expect([t.headers.join(' | '), t.overflowPx]).toEqual([t.headers.join(' | '), 0])
        })
        for (const chart of facts.charts) {
          expect(chart.error).toBeUndefined()
          expect(chart.plotColors.length).toBeGreaterThan(0)
          // Against what is behind the line: the chart's own fill, or the page where it is transparent.
          const behind = /^(transparent|none)$/.test(chart.background) ? BACKGROUND[theme] : chart.background
          for (const color of chart.plotColors)
            expect([color, behind, contrast(color, behind) >= 3]).toEqual([color, behind, true])
        }
      } finally {
        await page.close()
      }
    })
  })
}
