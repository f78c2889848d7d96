/**
 * Markdown to HTML the way GitHub renders a job summary or a comment: GFM (tables, autolinks,
 * strikethrough), raw HTML allowed and then sanitised with hast-util-sanitize's default schema (which is
 * GitHub's), so what the page shows is what GitHub would keep. Mermaid blocks stay `language-mermaid`
 * code blocks, as GitHub leaves them for its renderer.
 */
import rehypeRaw from 'rehype-raw'
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize, defaultSchema)
  .use(rehypeStringify)

export function githubHtml(markdown: string): string {
  return String(processor.processSync(markdown))
}
