/**
 * `npm run screenshots [-- file.md …]`: renders markdown files as GitHub would (see report-page.ts) at
 * 400 and 1280 px, light and dark, into .pyramid/screenshots/ for a person to look at. Without files it
 * takes the demo's summary and PR comment (run `npm run demo` first).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { chromiumMissing, launchChromium } from './chromium.js'
import { openReport, type Theme } from './report-page.js'

const root = process.cwd()
const out = path.join(root, '.pyramid', 'screenshots')
const demo = path.join(root, 'examples', 'orders-service', '.pyramid')
const args = process.argv.slice(2)
const files = args.length > 0 ? args : [path.join(demo, 'summary.md'), path.join(demo, 'comment.md')]

const missing = chromiumMissing()
if (missing !== undefined) {
  process.stderr.write(`screenshots: ${missing}\n`)
  process.exit(1)
}
mkdirSync(out, { recursive: true })
const browser = await launchChromium()
try {
  for (const file of files) {
    if (!existsSync(file)) {
      process.stderr.write(`screenshots: ${file} does not exist (npm run demo writes the demo's files)\n`)
      continue
    }
    const base = args.length > 0 ? path.basename(file, '.md') : `demo-${path.basename(file, '.md')}`
    for (const width of [400, 1280])
      for (const theme of ['light', 'dark'] as Theme[]) {
        const page = await openReport(browser, readFileSync(file, 'utf8'), width, theme)
        const png = path.join(out, `${base}-${width}-${theme}.png`)
        await page.screenshot({ path: png, fullPage: true })
        await page.close()
        process.stdout.write(`${path.relative(root, png)}\n`)
      }
  }
} finally {
  await browser.close()
}
