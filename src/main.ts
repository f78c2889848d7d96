import { runMain } from './app/action-main.js'
import { actionMainHost } from './app/wiring/action-runtime.js'

void runMain(actionMainHost(process.env))
