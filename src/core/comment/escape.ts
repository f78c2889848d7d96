/**
 * Untrusted text (test names, messages) made inert in markdown: no HTML, links, images, @-mentions, table
 * breaks or fence breaks. The result is plain text that GitHub renders exactly as written. Pure.
 */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+!|~>-]/g

export function escapeInline(text: string, maxLength = 200): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ').trim()
  const cut = flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat
  return cut
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(/@/g, '@\u2060')
    .replace(/:\/\//g, ':\u2060//')
}
