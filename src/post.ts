import { runPost } from './app/action-post.js'
import { postRuntime } from './app/wiring/post-runtime.js'

// runPost catches every error and fails the step itself: nothing is left for the promise to reject with.
void runPost(postRuntime(process.env))
