/**
 * Reading a tier command (or a package.json script) the way bash would split it, far enough to find the
 * test runner in it: words with their quotes removed, and the segments of a `&&` / `||` / `;` chain.
 * Anything this does not model (pipes, redirections, subshells, substitutions, background jobs,
 * comments, unterminated quotes) makes the line opaque: `undefined`, and the caller leaves the command alone.
 * Pure.
 */

export interface CommandLine {
  /** The commands of a `&&` / `||` / `;` chain, in order, each as its words. */
  segments: string[][]
  /** The operator after each segment but the last. */
  operators: string[]
}

const CHAIN = new Set(['&&', '||', ';'])

export function splitCommandLine(line: string): CommandLine | undefined {
  const tokens = tokenize(line.trim())
  if (!tokens) return undefined
  const segments: string[][] = [[]]
  const operators: string[] = []
  for (const t of tokens) {
    if (t.operator) {
      if (!CHAIN.has(t.text)) return undefined
      operators.push(t.text)
      segments.push([])
    } else segments[segments.length - 1]!.push(t.text)
  }
  if (segments.some((s) => s.length === 0)) return undefined
  return { segments, operators }
}

interface Token {
  text: string
  operator: boolean
}

/** Bash words: quotes and backslashes removed; `$(`, backticks and unterminated quotes are refused. */
function tokenize(line: string): Token[] | undefined {
  const tokens: Token[] = []
  let word = ''
  let inWord = false
  const end = (): void => {
    if (inWord) tokens.push({ text: word, operator: false })
    word = ''
    inWord = false
  }
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (c === ' ' || c === '\t') {
      end()
    } else if (c === '\n') {
      end()
      tokens.push({ text: ';', operator: true })
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1)
      if (close < 0) return undefined
      word += line.slice(i + 1, close)
      inWord = true
      i = close
    } else if (c === '"') {
      let j = i + 1
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '`' || (line[j] === '$' && line[j + 1] === '(')) return undefined
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++
        word += line[j]
      }
      if (j >= line.length) return undefined
      inWord = true
      i = j
    } else if (c === '\\') {
      if (i + 1 >= line.length) return undefined
      word += line[++i]
      inWord = true
    } else if (c === '`' || (c === '$' && line[i + 1] === '(') || c === '(' || c === ')') {
      return undefined
    } else if ('&|;<>'.includes(c)) {
      end()
      const two = line.slice(i, i + 2)
      const op = two === '&&' || two === '||' ? two : c
      tokens.push({ text: op, operator: true })
      i += op.length - 1
    } else if (c === '#' && !inWord) {
      return undefined // a comment: what is appended would be part of it
    } else {
      word += c
      inWord = true
    }
  }
  end()
  return tokens
}
