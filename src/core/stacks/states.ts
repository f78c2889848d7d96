/** CloudFormation stack states as the destroy logic sees them. Pure. */

export type StateClass =
  /** Wait: an operation is running (any *_IN_PROGRESS except REVIEW_IN_PROGRESS). */
  | 'in-progress'
  /** DeleteStack may be issued: terminal states and REVIEW_IN_PROGRESS. */
  | 'deletable'
  /** The stack is gone. */
  | 'deleted'
  /** A delete failed; a FORCE_DELETE_STACK delete may remove it. */
  | 'delete-failed'

export function classifyStatus(status: string): StateClass {
  if (status === 'DELETE_COMPLETE') return 'deleted'
  if (status === 'DELETE_FAILED') return 'delete-failed'
  if (status === 'REVIEW_IN_PROGRESS') return 'deletable'
  if (status.endsWith('_IN_PROGRESS')) return 'in-progress'
  return 'deletable'
}

export function isInProgress(status: string): boolean {
  return classifyStatus(status) === 'in-progress'
}

/** A resource status that marks a failure (CREATE_FAILED, DELETE_FAILED, UPDATE_FAILED...). */
export function isFailedResourceStatus(status: string): boolean {
  return status.endsWith('_FAILED')
}

/** Stack statuses that mean a deploy succeeded. */
export function isDeployedStatus(status: string): boolean {
  return status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE' || status === 'IMPORT_COMPLETE'
}
