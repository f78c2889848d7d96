/**
 * The end of a command's output, kept to explain a failure no test report explains (a crash, a missing
 * script, a configuration error): the last lines, colour codes removed, long lines cut, and secrets
 * masked (the values the run knows to be secret, and token shapes that are secret wherever they appear)
 * before anything is written to a summary or a comment. Pure.
 */
export const OUTPUT_TAIL_LINES = 40
const LINE_MAX_CHARS = 400
const MASK = '***'

/** GitHub tokens and AWS access key ids, whoever printed them; bearer credentials keep their scheme. */
const TOKEN_SHAPES: readonly RegExp[] = [
  /\b(?:gh[opusr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g,
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g
]
const BEARER = /(\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi
/** Shorter values are words ("test" is LocalStack's access key): masking them would garble the output. */
const SECRET_MIN_CHARS = 8

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g

export function outputTail(lines: readonly string[], secrets: readonly string[]): string[] {
  const known = [...new Set(secrets.filter((s) => s.length >= SECRET_MIN_CHARS))].sort(
    (a, b) => b.length - a.length
  )
  return lines.slice(-OUTPUT_TAIL_LINES).map((raw) => {
    let line = raw.replace(ANSI, '')
    for (const s of known) line = line.split(s).join(MASK)
    for (const shape of TOKEN_SHAPES) line = line.replace(shape, MASK)
    line = line.replace(BEARER, `$1${MASK}`)
    return line.length > LINE_MAX_CHARS ? `${line.slice(0, LINE_MAX_CHARS)} …` : line
  })
}

/** Environment variables whose values are secrets by their names. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE_KEY|CREDENTIAL|API_KEY/i

/** The secret values of an environment (by variable name), for outputTail. */
export function secretValues(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env).flatMap(([name, value]) =>
    SECRET_NAME.test(name) && value !== undefined && value.length >= SECRET_MIN_CHARS ? [value] : []
  )
}
