/**
 * Links a report may show, derived from the run's context: the workflow run and a file at the tested
 * commit. A local run (the CLI, which has no GitHub server in its context) has neither: reports say
 * "local run" and link nothing rather than invent a URL. Pure.
 */
import { runUrl, type RunContext } from '../context.js'

export type LinkContext = Pick<
  RunContext,
  'serverUrl' | 'repository' | 'sha' | 'runId' | 'runAttempt' | 'eventName' | 'ref' | 'job'
>

/** A run on GitHub has a server, a repository and a run id; the CLI's context has no server. */
export function isGitHubRun(ctx: Pick<LinkContext, 'serverUrl' | 'repository' | 'runId'>): boolean {
  return ctx.serverUrl !== '' && ctx.repository !== '' && ctx.runId !== ''
}

export function workflowRunUrl(ctx: LinkContext): string | undefined {
  return isGitHubRun(ctx) ? runUrl(ctx) : undefined
}

/**
 * `<server>/<owner>/<repo>/blob/<sha>/<path>#L<line>` for a repo-relative path, or undefined for a local
 * run, an unknown commit or a path that is not repo-relative (or not a path any file can have). Every path segment is percent-encoded, also
 * the characters a markdown link destination would end at (parentheses, spaces).
 */
export function blobUrl(ctx: LinkContext, file: string, line?: number): string | undefined {
  if (!isGitHubRun(ctx) || !/^[0-9a-f]{7,64}$/i.test(ctx.sha)) return undefined
  const clean = file.replace(/\\/g, '/').replace(/^\.\//, '')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(clean) || LONE_SURROGATE.test(clean)) return undefined
  if (clean === '' || clean.startsWith('/') || /^[A-Za-z]:/.test(clean) || clean.split('/').includes('..'))
    return undefined
  const path = clean.split('/').map(encodeSegment).join('/')
  const anchor = line !== undefined && Number.isInteger(line) && line > 0 ? `#L${line}` : ''
  return `${ctx.serverUrl}/${ctx.repository}/blob/${ctx.sha}/${path}${anchor}`
}

/** A UTF-16 half without its other half: no file has it, and encodeURIComponent throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function encodeSegment(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}
