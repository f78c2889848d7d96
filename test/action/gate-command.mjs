#!/usr/bin/env node
// A tier command whose end the test decides: prints `<name>-started`, then exits 0 once the file named
// by its argument exists (or after 120 s, so that no copy outlives a test that forgot to open it).
import { existsSync } from 'node:fs'

const [gate, name = 'gate'] = process.argv.slice(2)
console.log(`${name}-started`)
const deadline = Date.now() + 120_000
const poll = () => (existsSync(gate) || Date.now() > deadline ? process.exit(0) : setTimeout(poll, 20))
poll()
