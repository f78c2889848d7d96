/**
 * The YAML a user copies: every ```yaml block of README.md and workflows/README.md, and the call snippet
 * in the header comment of each reusable workflow. Each must be a whole workflow (`on:` and `jobs:`), so
 * that the same checks as for the workflow files apply to it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseWorkflowText, repoRoot, type WorkflowFile } from './workflow-files.js'

export const SNIPPET_SOURCES = ['README.md', 'workflows/README.md'] as const

/** The ```yaml fences of a markdown text, each with its starting line. */
export function yamlBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i] ?? '')) continue
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l))
    if (end < 0) throw new Error(`unclosed yaml block at line ${i + 1}`)
    blocks.push({ line: i + 1, text: lines.slice(i + 1, end).join('\n') + '\n' })
    i = end
  }
  return blocks
}

/** The indented block of the leading comment that holds `jobs:` (the call snippet), uncommented. */
export function headerSnippet(workflowText: string): string | undefined {
  const header: string[] = []
  for (const line of workflowText.split('\n')) {
    if (!line.startsWith('#')) break
    header.push(line)
  }
  const start = header.findIndex((l) => /^#\s{3}\S/.test(l))
  if (start < 0) return undefined
  const block: string[] = []
  for (const l of header.slice(start)) {
    if (!/^#(\s{3}|$)/.test(l) || l.trim() === '#') break
    block.push(l.slice(4))
  }
  const text = block.join('\n') + '\n'
  return /^jobs:/m.test(text) ? text : undefined
}

export function readmeSnippets(): WorkflowFile[] {
  return SNIPPET_SOURCES.flatMap((source) =>
    yamlBlocks(readFileSync(join(repoRoot, source), 'utf8')).map((b) =>
      parseWorkflowText(`${source}:${b.line}`, b.text)
    )
  )
}

export function headerSnippets(files: readonly WorkflowFile[]): WorkflowFile[] {
  return files.flatMap((f) => {
    const text = headerSnippet(f.text)
    return text === undefined ? [] : [parseWorkflowText(`${f.path} (header)`, text)]
  })
}
