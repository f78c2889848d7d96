/**
 * Every key of the action's saved state (GITHUB_STATE), in one place. Main saves, post reads; post
 * never re-derives what main decided. Values are strings (JSON where structured).
 */
export const StateKey = {
  /** Name of the LocalStack container started by this run, saved before `docker run`. */
  LocalStackContainer: 'localstack-container',
  /** Set when main stopped and removed the container. */
  LocalStackRemoved: 'localstack-removed',
  /** JSON: full stack names, saved before the deploy starts. */
  Stacks: 'stacks',
  /** JSON: { stackName: stackId }, saved as soon as each StackId exists. */
  StackIds: 'stack-ids',
  /** JSON: what post needs to destroy, as main decided it (region, endpoint url, force-delete, timeout). */
  StackAws: 'stack-aws',
  /** Set when main confirmed DELETE_COMPLETE for every stack. */
  StacksDestroyed: 'stacks-destroyed',
  /** Set when mode deploy handed its deployed stacks over (the e2e job tests them, cleanup destroys them). */
  StacksHandedOver: 'stacks-handed-over'
} as const
export type StateKey = (typeof StateKey)[keyof typeof StateKey]
