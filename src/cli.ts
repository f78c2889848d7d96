import { runMain } from './app/action-main.js'

void runMain()
