/**
 * CloudFormation and STS through the AWS SDK v3, behind the CloudFormationApi/StsApi interfaces. The SDK
 * is imported lazily (dynamic import: the bundle starts fast when the e2e tier does not run). Clients
 * never take an endpoint from the environment or the shared config (ignoreConfiguredEndpointUrls);
 * only aws-endpoint-url points them elsewhere.
 */
import type { Stack, StackEvent as SdkEvent } from '@aws-sdk/client-cloudformation'
import type {
  AwsClients,
  AwsClientsFactory,
  AwsSettings,
  CloudFormationApi,
  StackDescription,
  StsApi
} from '../../app/ports.js'

/** The SDK's per-call options: the signal only when there is one (the SDK's field takes no undefined). */
const abortable = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {})

export const createAwsClients: AwsClientsFactory = async (settings: AwsSettings): Promise<AwsClients> => {
  const [cfn, sts] = await Promise.all([
    import('@aws-sdk/client-cloudformation'),
    import('@aws-sdk/client-sts')
  ])
  const common = {
    region: settings.region,
    ignoreConfiguredEndpointUrls: true,
    // One SDK retry: our polling loops back off on Throttling themselves and must stay responsive.
    maxAttempts: 2,
    ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {})
  }
  const cf = new cfn.CloudFormationClient(common)
  const st = new sts.STSClient(common)

  const cloudFormation: CloudFormationApi = {
    async describeStack(nameOrId, signal) {
      try {
        const out = await cf.send(new cfn.DescribeStacksCommand({ StackName: nameOrId }), abortable(signal))
        const stack = out.Stacks?.[0]
        return stack ? toDescription(stack) : undefined
      } catch (err) {
        if (isDoesNotExist(err)) return undefined
        throw err
      }
    },
    async listStacks(signal) {
      const all: StackDescription[] = []
      let token: string | undefined
      do {
        const out = await cf.send(new cfn.DescribeStacksCommand({ NextToken: token }), abortable(signal))
        all.push(...(out.Stacks ?? []).map(toDescription))
        token = out.NextToken
      } while (token)
      return all
    },
    async deleteStack(stackId, opts, signal) {
      await cf.send(
        new cfn.DeleteStackCommand({
          StackName: stackId,
          ClientRequestToken: opts.clientRequestToken,
          ...(opts.forceDelete ? { DeletionMode: 'FORCE_DELETE_STACK' as const } : {})
        }),
        abortable(signal)
      )
    },
    async stackEvents(stackId, maxEvents, signal) {
      const events: SdkEvent[] = []
      let token: string | undefined
      do {
        const out = await cf.send(
          new cfn.DescribeStackEventsCommand({ StackName: stackId, NextToken: token }),
          abortable(signal)
        )
        events.push(...(out.StackEvents ?? []))
        token = out.NextToken
      } while (token && events.length < maxEvents)
      return events.slice(0, maxEvents).map((e) => ({
        timestamp: e.Timestamp?.getTime() ?? 0,
        logicalId: e.LogicalResourceId ?? '',
        ...(e.PhysicalResourceId ? { physicalId: e.PhysicalResourceId } : {}),
        type: e.ResourceType ?? '',
        status: e.ResourceStatus ?? '',
        ...(e.ResourceStatusReason ? { reason: e.ResourceStatusReason } : {}),
        ...(e.ClientRequestToken ? { clientRequestToken: e.ClientRequestToken } : {})
      }))
    },
    async stackResources(stackId, signal) {
      const out: Awaited<ReturnType<CloudFormationApi['stackResources']>> = []
      let token: string | undefined
      do {
        const page = await cf.send(
          new cfn.ListStackResourcesCommand({ StackName: stackId, NextToken: token }),
          abortable(signal)
        )
        for (const r of page.StackResourceSummaries ?? []) {
          out.push({
            logicalId: r.LogicalResourceId ?? '',
            ...(r.PhysicalResourceId ? { physicalId: r.PhysicalResourceId } : {}),
            type: r.ResourceType ?? '',
            status: r.ResourceStatus ?? '',
            ...(r.ResourceStatusReason ? { reason: r.ResourceStatusReason } : {})
          })
        }
        token = page.NextToken
      } while (token)
      return out
    }
  }

  const stsApi: StsApi = {
    async callerIdentity(signal) {
      const out = await st.send(new sts.GetCallerIdentityCommand({}), abortable(signal))
      if (!out.Account)
        throw new Error('STS GetCallerIdentity returned no Account: cannot check the account guard.')
      return { account: out.Account, arn: out.Arn ?? '' }
    }
  }
  return { cloudFormation, sts: stsApi }
}

/** "Stack with id X does not exist" (ValidationError): the stack is gone. */
export function isDoesNotExist(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | undefined
  return e?.name === 'ValidationError' && /does not exist/.test(e.message ?? '')
}

function toDescription(s: Stack): StackDescription {
  const tags: Record<string, string> = {}
  for (const t of s.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? ''
  const outputs: Record<string, string> = {}
  for (const o of s.Outputs ?? []) if (o.OutputKey) outputs[o.OutputKey] = o.OutputValue ?? ''
  return {
    name: s.StackName ?? '',
    id: s.StackId ?? '',
    status: s.StackStatus ?? '',
    ...(s.StackStatusReason ? { reason: s.StackStatusReason } : {}),
    tags,
    outputs,
    terminationProtection: s.EnableTerminationProtection ?? false,
    ...(s.CreationTime ? { createdAt: s.CreationTime.getTime() } : {})
  }
}
