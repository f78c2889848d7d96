/**
 * Validation with GitHub's own workflow parser (@actions/workflow-parser, the parser behind the Actions
 * language service): YAML, schema, expression syntax and named contexts per key, `needs` graph, and, through
 * a file provider that answers with this repository's files, the inputs a caller passes to our reusable
 * workflows (unknown or missing required inputs).
 */
import { type TraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser'
import type { FileProvider } from '@actions/workflow-parser/workflows/file-provider'
import type { FileReference } from '@actions/workflow-parser/workflows/file-reference'

/** Keeps what the parser traces, so a failing test can show it. */
class CollectingTrace implements TraceWriter {
  readonly lines: string[] = []
  error(message: string): void {
    this.lines.push(`error: ${message}`)
  }
  info(): void {}
  verbose(): void {}
}

/**
 * Serves `OWNER/serverless-test-pyramid/<path>@<ref>`, `./<path>` and `$/<path>` from this repository's
 * files; any other reference is not ours and is reported by the parser as not found.
 */
export function repositoryFiles(files: Map<string, string>): FileProvider {
  return {
    async getFileContent(ref: FileReference) {
      const ours = !('repository' in ref) || ref.repository === 'serverless-test-pyramid'
      const content = ours ? files.get(ref.path) : undefined
      if (content === undefined) throw new Error(`no workflow ${JSON.stringify(ref)} in this repository`)
      return { name: ref.path, content }
    }
  }
}

/** Every error GitHub's parser reports for the workflow (empty = valid). */
export async function githubParserErrors(
  path: string,
  text: string,
  provider: FileProvider
): Promise<string[]> {
  const trace = new CollectingTrace()
  const parsed = parseWorkflow({ name: path, content: text }, trace)
  if (parsed.value !== undefined) {
    await convertWorkflowTemplate(parsed.context, parsed.value, provider, { fetchReusableWorkflowDepth: 1 })
  }
  return [...parsed.context.errors.getErrors().map((e) => e.message), ...trace.lines]
}
