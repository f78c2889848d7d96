import { runMain } from './app/action-main.js'
import { actionMainHost } from './app/wiring/action-runtime.js'

// runMain catches every error and fails the step itself: nothing is left for the promise to reject with.
void runMain(actionMainHost(process.env))
