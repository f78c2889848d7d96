import { describe, expect, it } from '@jest/globals'
import {
  cleanText,
  codeBlock,
  codeSpan,
  escapeInline,
  escapeTableCell,
  firstLines,
  truncateText
} from '../../src/core/report/escape.js'

const WJ = '\u2060'

const HOSTILE: [string, string][] = [
  ['an image tag', '<img src=x onerror=alert(1)>'],
  ['details', '<details open><summary>x</summary>'],
  ['script', '<script>alert(1)</script>'],
  ['a forged marker', '<!-- serverless-test-pyramid:comment -->'],
  ['a markdown link', '[click me](https://evil.example)'],
  ['an image', '![x](https://evil.example/x.png)'],
  ['a reference link', '[x][1]\n\n[1]: https://evil.example'],
  ['an autolink', '<https://evil.example>'],
  ['a bare url', 'see https://evil.example/path and www.evil.example'],
  ['a team mention', 'ping @acme/admins and @octocat'],
  ['an email', 'mail admin@example.com'],
  ['an issue reference', 'fixes #123, GH-7 and acme/orders#45'],
  ['a table breaker', 'a | b | c\n| --- | --- |'],
  ['a heading', '# Title'],
  ['a list', '- item'],
  ['an ordered list', '1. item'],
  ['emphasis', '**bold** _it_ ~~strike~~'],
  ['inline code', '`code` ``more``'],
  ['math', '$x^2$ and $$y$$'],
  ['a fence', '```\nclose\n```'],
  ['ANSI colors', '\u001b[31mred\u001b[0m'],
  ['bidi override', 'abc\u202Edcba'],
  ['html entity', '&lt;img src=x&gt; &#60;script&#62;'],
  ['backslash tricks', '\\<img> \\| \\[x\\](y)']
]

/**
 * The only code spans escapeInline makes hold a URL (so it is neither a link nor broken for copying);
 * outside them nothing may be live.
 */
function assertSafeInline(raw: string): void {
  const spans = raw.match(/(?<!\\)(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g) ?? []
  for (const span of spans) expect(span).toMatch(/^`+ ?(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i)
  const out = raw.replace(/(?<!\\)(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, 'CODE')
  // eslint-disable-next-line no-control-regex
  expect(out).not.toMatch(/[<>\n\r\u001b\u202e]/)
  expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/)
  expect(out).not.toMatch(/(?<!\\)[[\]`*~|$]/)
  expect(out).not.toMatch(/@[A-Za-z0-9]/)
  expect(out).not.toMatch(/#\d/)
  expect(out).not.toMatch(/GH-\d/i)
  expect(out).not.toMatch(/:\/\//)
  expect(out).not.toMatch(/www\./i)
  // Every backslash we emit escapes the next character: none escapes a pipe we meant to keep.
  expect(out.replace(/\\./g, '')).not.toContain('\\')
}

describe('escapeInline and escapeTableCell', () => {
  it.each(HOSTILE)('defuses %s', (_label, input) => {
    assertSafeInline(escapeInline(input))
    assertSafeInline(escapeTableCell(input))
  })

  it.each([
    ['plain words', 'adds VAT to the price', 'adds VAT to the price'],
    ['snake_case stays bare', 'reads order_id from the row', 'reads order_id from the row'],
    ['a leading underscore is escaped', '_private', '\\_private'],
    ['a mention gets a word joiner', 'by @octocat', `by @${WJ}octocat`],
    ['an issue ref gets a word joiner', 'see #12', `see #${WJ}12`],
    ['a GH- reference gets a word joiner', 'see GH-12', `see GH${WJ}-12`],
    [
      'a url is inline code (no link, copies as it is)',
      'see https://x.io/a?b=1.',
      'see `https://x.io/a?b=1`.'
    ],
    ['www is inline code', 'www.x.io', '`www.x.io`'],
    ['html becomes entities', '<b>', '&lt;b&gt;'],
    ['pipes are escaped', 'a|b', 'a\\|b'],
    ['newlines become spaces', 'one\n  two', 'one two'],
    ['a leading dash is escaped', '- not a list', '\\- not a list'],
    ['a leading number is escaped', '12. not a list', '12\\. not a list']
  ])('%s', (_label, input, expected) => {
    expect(escapeInline(input)).toBe(expected)
  })

  it('truncates by code points before escaping', () => {
    expect(escapeInline('😀😀😀😀', 3)).toBe('😀😀…')
    expect(escapeInline('a'.repeat(10), 5)).toBe('aaaa…')
  })
})

describe('codeSpan', () => {
  it.each([
    ['a path', 'src/a.test.ts:12', '`src/a.test.ts:12`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['a double backtick inside', 'a``b', '```a``b```'],
    ['a leading backtick', '`x', '`` `x ``'],
    ['a newline', 'a\nb', '`a b`'],
    ['a comment opener', '<!-- x -->', `\`<!${WJ}-- x -->\``],
    ['empty', '', '']
  ])('wraps %s', (_label, input, expected) => {
    expect(codeSpan(input)).toBe(expected)
  })

  it('escapes pipes only in tables', () => {
    expect(codeSpan('a|b', { inTable: true })).toBe('`a\\|b`')
    expect(codeSpan('a|b')).toBe('`a|b`')
  })
})

describe('codeBlock', () => {
  it.each([
    ['no backticks', 'hello', 3],
    ['a triple fence inside', 'a\n```\nb', 4],
    ['a long run', 'x `````` y', 7]
  ])('uses a fence longer than the longest run (%s)', (_label, input, fence) => {
    const out = codeBlock(input, 'text')
    const ticks = '`'.repeat(fence)
    expect(out.startsWith(`${ticks}text\n`)).toBe(true)
    expect(out.endsWith(`\n${ticks}`)).toBe(true)
    // No line inside can close the fence: none starts with as many backticks.
    const inner = out.split('\n').slice(1, -1)
    expect(inner.some((l) => l.trimStart().startsWith(ticks))).toBe(false)
  })

  it('keeps the text but splits comment openers and strips terminal escapes', () => {
    const out = codeBlock('<!-- pyramid -->\n\u001b[31mred\u001b[0m @octocat')
    expect(out).toBe(`\`\`\`\n<!${WJ}-- pyramid -->\nred @octocat\n\`\`\``)
    expect(out).not.toContain('<!--')
  })

  it('refuses a language that could break the fence', () => {
    expect(() => codeBlock('x', 'js`')).toThrow(/language/)
  })
})

describe('helpers', () => {
  it('cleanText removes controls, ANSI and bidi overrides and normalises line ends', () => {
    expect(cleanText('a\r\nb\rc\u0000d\u001b[1mE\u001b]8;;http://x\u0007F\u202Eg')).toBe('a\nb\ncdEFg')
  })

  it('truncateText never splits a surrogate pair and leaves short text alone', () => {
    expect(truncateText('ab', 2)).toBe('ab')
    expect(truncateText('😀😀😀', 2)).toBe('😀…')
    expect(truncateText('x'.repeat(1_000_000), 3)).toBe('xx…')
  })

  it('firstLines keeps the first lines and says how many were left out', () => {
    expect(firstLines('1\n2\n3\n4\n', 2, 100)).toBe('1\n2\n… (2 more lines)')
    expect(firstLines('1\n2', 1, 100)).toBe('1\n… (1 more line)')
    expect(firstLines('short', 5, 100)).toBe('short')
  })
})
