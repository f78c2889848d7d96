/**
 * What GitHub would make of a comment body: the markdown parsed by micromark with GFM (a CommonMark
 * parser we did not write), raw HTML passed through as GitHub's renderer lets it, then the HTML read
 * for what matters to a reader: the links and images it has and the tags it is made of.
 */
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

export interface HtmlFacts {
  html: string
  links: string[]
  images: string[]
  tags: string[]
}

/** Tags plain markdown produces, plus the few raw ones our renderers write themselves. */
export const EXPECTED_TAGS = new Set([
  ...['p', 'strong', 'em', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'hr', 'br', 'del', 'a'],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  ...['details', 'summary', 'sub', 'b']
])

export function htmlFacts(markdown: string): HtmlFacts {
  const html = micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()]
  })
  const attr = (tag: string, name: string) =>
    [...html.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`, 'gi'))].map((m) => m[1]!)
  return {
    html,
    links: attr('a', 'href'),
    images: [...html.matchAll(/<img\b[^>]*>/gi)].map((m) => m[0]),
    tags: [...new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase()))]
  }
}
