/** How the tool names itself in reports (CTRF `tool`, comment footers): from package.json, never restated. */
import pkg from '../../../package.json'

export const TOOL = { name: pkg.name, version: pkg.version } as const
