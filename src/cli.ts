import { runCli } from './cli/cli-main.js'

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  write: (text) => process.stdout.write(text),
  isTty: Boolean(process.stdout.isTTY),
  columns: process.stdout.columns ?? 100
})
