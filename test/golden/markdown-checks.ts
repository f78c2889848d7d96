/**
 * Checks on rendered markdown that need no browser: every table row belongs to a table with a header
 * and a delimiter row, and has that table's column count. (The visual suite checks the same in Chromium.)
 */

/** Cells in a GFM table row: pipes not escaped by a backslash. */
function cells(line: string): number {
  return (line.match(/(?<!\\)\|/g) ?? []).length - 1
}

const DELIMITER = /^\|(\s*:?-+:?\s*\|)+\s*$/

export function tableProblems(md: string): string[] {
  const problems: string[] = []
  const lines = md.split('\n')
  let inFence: string | undefined
  let columns: number | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const fence = /^(`{3,})/.exec(line)?.[1]
    if (fence && (inFence === undefined || fence.length >= inFence.length)) {
      inFence = inFence === undefined ? fence : undefined
      continue
    }
    if (inFence !== undefined) continue
    if (!line.startsWith('|')) {
      columns = undefined
      continue
    }
    if (columns === undefined) {
      const next = lines[i + 1] ?? ''
      if (!DELIMITER.test(next)) problems.push(`line ${i + 1}: a table row without a header: ${line.slice(0, 80)}`)
      columns = cells(line)
      continue
    }
    if (cells(line) !== columns) problems.push(`line ${i + 1}: ${cells(line)} cells, header has ${columns}`)
  }
  return problems
}
