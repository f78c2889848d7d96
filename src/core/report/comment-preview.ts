/** The sticky comment a run would post, with only this run's section: what the CLI writes for a preview. */
import { fitStickyBody } from '../comment/fit.js'
import { DEFAULT_TITLE } from '../comment/sticky-body.js'
import { commentSection } from './comment-section.js'
import type { ReportView } from './view.js'

export function commentPreview(view: ReportView, label = view.origin.job || 'local'): string {
  const section = commentSection(view, { label })
  return fitStickyBody({ title: DEFAULT_TITLE, sections: new Map([[label, section]]) }).body
}
