/** How the tool names itself in reports (CTRF `tool`, comment footers). */
export const TOOL = { name: 'serverless-test-pyramid', version: '0.1.0' } as const
