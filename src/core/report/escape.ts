/**
 * Escaping of untrusted text (test names, messages, file paths, CloudFormation reasons) for GitHub
 * markdown. Pure. Whatever the input, the output cannot open HTML (tags, comments that could forge our
 * hidden marker), links or images, autolinks (a URL is shown as inline code), @-mentions or #-references, and cannot break the table
 * cell, list item or code fence it is put in.
 *
 * - `escapeInline`: one line of text inside a paragraph, list item or heading.
 * - `escapeTableCell`: the same, for a GFM table cell.
 * - `escapeHtml`: for raw HTML such as a `<summary>` line.
 * - `codeSpan`: inline code (paths, ids); `codeBlock`: a fenced block (messages, traces).
 */

/** U+2060 WORD JOINER: invisible, breaks mentions, references and autolinks without changing the text seen. */
const WJ = '\u2060'

// ANSI CSI (colors) and OSC (hyperlinks, titles) sequences, as test runners print them.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g
// C0/C1 controls except tab and newline; bidirectional overrides and isolates ("Trojan source").
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** Remove terminal colors, control characters and bidi overrides; normalise line ends to "\n". */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ANSI, '').replace(CONTROL, '')
}

/** Break @-mentions and #123 / GH-123 references with an invisible word joiner. */
function defuseReferences(text: string): string {
  return text
    .replace(/@(?=[A-Za-z0-9_-])/g, `@${WJ}`)
    .replace(/#(?=\d)/g, `#${WJ}`)
    .replace(/\bGH-(?=\d)/gi, (m) => `${m.slice(0, 2)}${WJ}-`)
}

/**
 * A URL in untrusted text ("http://…", "www.…"): shown as inline code, so GitHub does not turn it into a
 * link and a reader can still copy it as it is. Trailing sentence punctuation is not part of it.
 */
const URL_LIKE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>`]*[^\s<>`.,;:!?)\]'"]/gi

/**
 * Markdown punctuation that can start emphasis, links, images, code, tables, strikethrough or math. An
 * underscore between two letters or digits cannot open or close emphasis in GFM, so snake_case stays bare.
 */
const MARKDOWN_PUNCTUATION = /[\\`*[\]|~$]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g

/**
 * One line of untrusted text for a paragraph, list item or heading: newlines become spaces, HTML
 * characters become entities, markdown punctuation is backslash-escaped, mentions/references are
 * defused and URLs become inline code. `maxChars` (default unlimited) truncates with "…" before escaping.
 */
export function escapeInline(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  return escapeLine(text, maxChars, false)
}

/** Untrusted text for one GFM table cell (every pipe is escaped, so the row keeps its columns). */
export function escapeTableCell(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  return escapeLine(text, maxChars, true)
}

function escapeLine(text: string, maxChars: number, inTable: boolean): string {
  const flat = truncateText(cleanText(text).replace(/\s*\n\s*/g, ' '), maxChars)
  let out = ''
  let at = 0
  for (const m of flat.matchAll(URL_LIKE)) {
    out += escapeWords(flat.slice(at, m.index), at === 0)
    out += codeSpan(m[0], { inTable })
    at = m.index + m[0].length
  }
  return out + escapeWords(flat.slice(at), at === 0)
}

function escapeWords(text: string, atLineStart: boolean): string {
  let escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
  if (atLineStart)
    // At the start of a line these open a heading, list or setext underline.
    escaped = escaped.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2')
  return defuseReferences(escaped)
}

/**
 * Untrusted text for HTML (a `<summary>` line, where markdown is not parsed): entities only, and
 * mentions/references defused (GitHub links those in HTML text too).
 */
export function escapeHtml(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  const flat = truncateText(cleanText(text).replace(/\s*\n\s*/g, ' '), maxChars)
  return defuseReferences(
    flat.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  )
}

/** Code cannot hold entities, so an HTML comment opener is split by a word joiner instead. */
function defuseCommentOpeners(text: string): string {
  return text.replace(/<!--/g, `<!${WJ}--`)
}

function longestBacktickRun(text: string): number {
  let longest = 0
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  return longest
}

/**
 * Inline code for untrusted text (paths, ids). The delimiter is longer than any backtick run inside.
 * In a table cell pass `inTable: true`: GFM splits cells on pipes even inside code, so they are escaped.
 */
export function codeSpan(text: string, opts: { inTable?: boolean; maxChars?: number } = {}): string {
  let body = defuseCommentOpeners(
    truncateText(cleanText(text).replace(/\s*\n\s*/g, ' '), opts.maxChars ?? Infinity)
  )
  if (body.length === 0) return ''
  if (opts.inTable) body = body.replace(/\|/g, '\\|')
  const fence = '`'.repeat(longestBacktickRun(body) + 1)
  const pad = body.startsWith('`') || body.endsWith('`') || /^ .* $/.test(body) ? ' ' : ''
  return `${fence}${pad}${body}${pad}${fence}`
}

/**
 * A fenced code block for untrusted multi-line text. The fence is one backtick longer than the longest
 * backtick run inside (at least three), so the text cannot close it. `lang` is ours, never user text.
 */
export function codeBlock(text: string, lang = ''): string {
  if (!/^[a-z0-9-]*$/.test(lang))
    throw new Error(`codeBlock: language "${lang}" must be [a-z0-9-]; pass a fixed name`)
  const body = defuseCommentOpeners(cleanText(text)).replace(/\n+$/, '')
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1))
  return `${fence}${lang}\n${body}\n${fence}`
}

/** Cut to at most `maxChars` code points from the END, starting with "…" when cut: for ids whose tail names the test. */
export function truncateStart(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  const points = Array.from(text)
  if (points.length <= maxChars) return text
  return `…${points.slice(points.length - Math.max(0, maxChars - 1)).join('')}`
}

/** Cut to at most `maxChars` code points (never inside a surrogate pair), ending with "…" when cut. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  // A code point is at most two UTF-16 units: looking at 2 × maxChars + 2 units is enough to decide.
  const points = Array.from(text.slice(0, 2 * maxChars + 2))
  if (points.length <= maxChars && text.length <= 2 * maxChars + 2) return text
  return `${points.slice(0, Math.max(0, maxChars - 1)).join('')}…`
}

/**
 * The first `maxLines` lines of a message, at most `maxChars` code points, with a trailing line that says
 * how much was left out. Used for failure messages in the summary and annotations.
 */
export function firstLines(text: string, maxLines: number, maxChars: number): string {
  const lines = cleanText(text).replace(/\n+$/, '').split('\n')
  const kept = lines.slice(0, maxLines).join('\n')
  const cut = truncateText(kept, maxChars)
  const hidden = lines.length - maxLines
  if (hidden > 0) return `${cut}\n… (${hidden} more line${hidden === 1 ? '' : 's'})`
  return cut
}
