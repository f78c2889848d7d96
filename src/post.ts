import { runPost } from './app/action-post.js'

void runPost()
