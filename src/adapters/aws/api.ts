/**
 * The narrow view of CloudFormation and STS that the e2e tier uses. clients.ts implements it with the
 * AWS SDK (imported lazily); the app layer and its tests depend only on this interface.
 */

export interface AwsSettings {
  region: string
  /** aws-endpoint-url: an emulator; never taken from the environment. */
  endpointUrl?: string
}

export interface StackDescription {
  name: string
  id: string
  status: string
  reason?: string
  tags: Record<string, string>
  outputs: Record<string, string>
  terminationProtection: boolean
  createdAt?: number
}

export interface StackEvent {
  timestamp: number
  logicalId: string
  physicalId?: string
  type: string
  status: string
  reason?: string
  clientRequestToken?: string
}

export interface StackResourceSummary {
  logicalId: string
  physicalId?: string
  type: string
  status: string
  reason?: string
}

export interface CloudFormationApi {
  /** By name or StackId; undefined when CloudFormation says the stack does not exist. */
  describeStack(nameOrId: string, signal?: AbortSignal): Promise<StackDescription | undefined>
  /** Every stack DescribeStacks lists (not deleted ones), all pages. */
  listStacks(signal?: AbortSignal): Promise<StackDescription[]>
  deleteStack(
    stackId: string,
    opts: { clientRequestToken: string; forceDelete?: boolean },
    signal?: AbortSignal
  ): Promise<void>
  /** Most recent first, at most maxEvents. */
  stackEvents(stackId: string, maxEvents: number, signal?: AbortSignal): Promise<StackEvent[]>
  stackResources(stackId: string, signal?: AbortSignal): Promise<StackResourceSummary[]>
}

export interface StsApi {
  callerIdentity(signal?: AbortSignal): Promise<{ account: string; arn: string }>
}

export interface AwsClients {
  cloudFormation: CloudFormationApi
  sts: StsApi
}

export type AwsClientsFactory = (settings: AwsSettings) => Promise<AwsClients>

/** Throttling from any AWS API (after the SDK's own retries). */
export function isThrottling(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name ?? ''
  return ['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded'].includes(
    name
  )
}
