/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * A rendered report in Chromium as a reader sees it on GitHub: GitHub's markdown CSS in the light or
 * dark theme, the content in a column of the given width, mermaid (loaded from node_modules, no network)
 * rendering the charts with the theme GitHub uses for them. `inspect` measures what the visual suite
 * asserts; `screenshot` leaves a PNG for a person to open.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import type { Browser } from './chromium.js'
import { githubHtml } from './github-html.js'

const require = createRequire(import.meta.url)

export type Theme = 'light' | 'dark'

/** GitHub's page backgrounds (Primer canvas.default). */
export const BACKGROUND: Record<Theme, string> = { light: '#ffffff', dark: '#0d1117' }

const css = (theme: Theme) =>
  readFileSync(require.resolve(`github-markdown-css/github-markdown-${theme}.css`), 'utf8')
const MERMAID = require.resolve('mermaid/dist/mermaid.min.js')

export interface TableFacts {
  headers: string[]
  /** Cells per body row. */
  rowCells: number[]
  overflowPx: number
}

export interface ChartFacts {
  error?: string
  /** The chart's own background fill ('transparent' when the page shows through). */
  background: string
  /** Stroke or fill of each plotted line and bar, as rgb() or #hex. */
  plotColors: string[]
}

export interface PageFacts {
  /** How far the widest element reaches past the column (0 = nothing overflows). */
  columnOverflowPx: number
  tables: TableFacts[]
  charts: ChartFacts[]
}

export async function openReport(
  browser: Browser,
  markdown: string,
  width: number,
  theme: Theme
): Promise<Page> {
  const page = await browser.context.newPage()
  await page.setViewportSize({ width: width + 64, height: 800 })
  await page.emulateMedia({ colorScheme: theme })
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><style>${css(theme)}
body { margin: 0; padding: 16px; background: ${BACKGROUND[theme]}; }
.markdown-body { box-sizing: border-box; width: ${width}px; padding: 16px; }
</style></head><body><article class="markdown-body">${githubHtml(markdown)}</article></body></html>`
  )
  if (!markdown.includes('```mermaid')) return page
  await page.addScriptTag({ path: MERMAID })
  await page.evaluate(
    async (mermaidTheme) => {
      const m = (window as unknown as { mermaid: MermaidApi }).mermaid
      m.initialize({ startOnLoad: false, theme: mermaidTheme, securityLevel: 'strict' })
      const blocks = [...document.querySelectorAll('pre > code.language-mermaid')]
      for (const [i, code] of blocks.entries()) {
        const holder = document.createElement('div')
        holder.className = 'mermaid-chart'
        const text = code.textContent ?? ''
        code.parentElement!.replaceWith(holder)
        try {
          const { svg } = await m.render(`chart-${i}`, text)
          holder.innerHTML = svg
        } catch (e) {
          holder.dataset.error = String((e as Error).message ?? e)
          holder.textContent = `mermaid error: ${holder.dataset.error}`
        }
      }
      interface MermaidApi {
        initialize(c: object): void
        render(id: string, text: string): Promise<{ svg: string }>
      }
    },
    theme === 'dark' ? 'dark' : 'default'
  )
  return page
}

export async function inspect(page: Page): Promise<PageFacts> {
  return page.evaluate(() => {
    const column = document.querySelector('.markdown-body')!
    const right = column.getBoundingClientRect().right
    let reach = right
    // Code blocks scroll inside themselves on GitHub, as tables do: what matters is the column.
    for (const el of column.querySelectorAll('*')) {
      if (el.closest('pre, table, .mermaid-chart')) continue
      reach = Math.max(reach, el.getBoundingClientRect().right)
    }
    const tables = [...column.querySelectorAll('table')].map((t) => ({
      headers: [...(t.tHead?.rows[0]?.cells ?? [])].map((c) => (c.textContent ?? '').trim()),
      rowCells: [...(t.tBodies[0]?.rows ?? [])].map((r) => r.cells.length),
      overflowPx: Math.max(0, t.scrollWidth - t.clientWidth)
    }))
    const charts = [...column.querySelectorAll('.mermaid-chart')].map((c) => {
      const error = (c as HTMLElement).dataset.error
      const colors = [
        ...[...c.querySelectorAll('g[class*="line-plot"] path')].map((p) => p.getAttribute('stroke') ?? ''),
        ...[...c.querySelectorAll('g[class*="bar-plot"] rect')].map((r) => r.getAttribute('fill') ?? ''),
        // gantt bars take their colour from the chart's stylesheet, not from an attribute
        ...[...c.querySelectorAll('rect[class*="task"]')].map((r) => getComputedStyle(r).fill)
      ].filter((x) => x !== '')
      const background = c.querySelector('rect.background')?.getAttribute('fill') ?? 'transparent'
      return { ...(error !== undefined ? { error } : {}), background, plotColors: [...new Set(colors)] }
    })
    return { columnOverflowPx: Math.max(0, Math.round(reach - right)), tables, charts }
  })
}

const NAMED: Record<string, string> = { white: '#ffffff', black: '#000000' }

/** WCAG contrast ratio of two colours given as #rgb, #rrggbb, rgb(r, g, b), white or black. */
export function contrast(a: string, b: string): number {
  const lum = (given: string) => {
    const color = (NAMED[given.toLowerCase()] ?? given).replace(
      /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i,
      '#$1$1$2$2$3$3'
    )
    const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1]
    const rgb = hex
      ? [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16))
      : (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number)
    const [r, g, bl] = rgb.map((v) => {
      const c = v / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    }) as [number, number, number]
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}
