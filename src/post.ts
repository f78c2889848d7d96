import { runPost } from './app/action-post.js'
import { postRuntime } from './app/wiring/post-runtime.js'

void runPost(postRuntime(process.env))
