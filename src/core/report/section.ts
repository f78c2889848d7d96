/**
 * A block of the job summary or PR comment. Renderers produce sections; the fitter keeps the whole
 * document under a size limit by dropping or shortening sections in order of `dropOrder` (higher first).
 */
export interface Section {
  id: string
  markdown: string
  /** 0 = never dropped (the verdict and per-tier table). Higher numbers are dropped first. */
  dropOrder: number
  /** A shorter form used before the section is dropped altogether. */
  compact?: string
  /** What the section is called in the "shortened" note, e.g. "slowest tests". Defaults to `id`. */
  title?: string
}
