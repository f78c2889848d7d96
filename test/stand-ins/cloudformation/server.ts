/**
 * A stateful CloudFormation + STS simulator on 127.0.0.1 (ephemeral port) speaking the AWS Query
 * protocol that @aws-sdk/client-cloudformation and client-sts send (form-encoded POST, XML answers).
 * Point the product at it with aws-endpoint-url. Throttling can be injected; every request is logged.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { BootstrapApis } from './bootstrap-apis.js'
import { StackModel, type Behaviour, type ModelOptions, type SimStack, type Template } from './model.js'
import {
  QueryError,
  errorResponse,
  fields,
  memberPairs,
  members,
  okResponse,
  parseForm,
  type Params
} from './query.js'

const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/'
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/'

export interface SimRequest {
  action: string
  params: Params
  at: number
  throttled: boolean
}

export interface Simulator {
  url: string
  model: StackModel
  requests: SimRequest[]
  behave(name: string | RegExp, behaviour: Behaviour): void
  /** The next `count` requests (of these actions, or any) answer 400 Throttling. */
  throttle(count: number, actions?: string[]): void
  /** Creates a stack directly (e.g. a foreign stack) and resolves when its create finished. */
  seed(name: string, template: Template, tags?: Record<string, string>): Promise<SimStack>
  close(): Promise<void>
}

export async function startSimulator(opts: Partial<ModelOptions> = {}): Promise<Simulator> {
  const model = new StackModel({
    account: opts.account ?? '123456789012',
    region: opts.region ?? 'us-east-1',
    createMs: opts.createMs ?? 50,
    deleteMs: opts.deleteMs ?? 50,
    ...(opts.clock ? { clock: opts.clock } : {})
  })
  const pause = (ms: number) => opts.clock?.sleep(ms) ?? new Promise((r) => setTimeout(r, ms))
  const requests: SimRequest[] = []
  const bootstrapApis = new BootstrapApis()
  let throttles: { count: number; actions?: string[] }[] = []

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      const target = req.headers['x-amz-target']
      if (typeof target === 'string' || req.method !== 'POST' || (req.url ?? '/') !== '/') {
        requests.push({
          action: `${req.method} ${req.url} ${target ?? ''}`.trim(),
          params: new Map(),
          at: model.now(),
          throttled: false
        })
        const answer = bootstrapApis.handle(
          req.method ?? 'GET',
          req.url ?? '/',
          typeof target === 'string' ? target : undefined,
          raw
        )
        res.writeHead(answer.status, answer.headers)
        res.end(answer.body)
        return
      }
      const params = parseForm(raw.toString('utf8'))
      const action = params.get('Action') ?? ''
      const requestId = randomUUID()
      const rule = throttles.find((t) => t.count > 0 && (!t.actions || t.actions.includes(action)))
      requests.push({ action, params, at: model.now(), throttled: !!rule })
      let status = 200
      let body: string
      if (rule) {
        rule.count--
        throttles = throttles.filter((t) => t.count > 0)
        status = 400
        body = errorResponse('Throttling', 'Rate exceeded', requestId)
      } else {
        try {
          body = handle(model, bootstrapApis, action, params, requestId)
        } catch (err) {
          const e = err instanceof QueryError ? err : new QueryError('InternalFailure', String(err), 500)
          status = e.status
          body = errorResponse(e.code, e.message, requestId)
        }
      }
      res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId })
      res.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    model,
    requests,
    behave: (name, b) => model.behave(name, b),
    throttle: (count, actions) => {
      throttles.push(actions ? { count, actions } : { count })
    },
    seed: async (name, template, tags = {}) => {
      const stack = model.createStack(name, template, tags)
      while (stack.status.endsWith('_IN_PROGRESS')) await pause(5)
      return stack
    },
    close: async () => {
      model.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function handle(
  model: StackModel,
  objects: BootstrapApis,
  action: string,
  p: Params,
  requestId: string
): string {
  const ok = (result: string) =>
    okResponse(action, action === 'GetCallerIdentity' ? STS_NS : CFN_NS, result, requestId)
  const stackName = p.get('StackName') ?? ''
  switch (action) {
    case 'GetCallerIdentity':
      return ok(
        fields({
          Arn: `arn:aws:iam::${model.opts.account}:user/pyramid-test`,
          UserId: 'AIDASIMULATOR',
          Account: model.opts.account
        })
      )
    case 'CreateStack': {
      const stack = model.createStack(stackName, template(p, objects), memberPairs(p, 'Tags', 'Key', 'Value'))
      return ok(fields({ StackId: stack.id }))
    }
    case 'CreateChangeSet': {
      const stack = model.createChangeSet(
        stackName,
        p.get('ChangeSetName') ?? 'cs',
        template(p, objects),
        memberPairs(p, 'Tags', 'Key', 'Value')
      )
      return ok(fields({ Id: stack.changeSet?.id, StackId: stack.id }))
    }
    case 'DescribeChangeSet': {
      const stack = model.mustFind(stackName)
      return ok(
        fields({
          ChangeSetName: stack.changeSet?.name,
          ChangeSetId: stack.changeSet?.id,
          StackId: stack.id,
          StackName: stack.name,
          Status: 'CREATE_COMPLETE',
          ExecutionStatus: stack.changeSet ? 'AVAILABLE' : 'EXECUTE_COMPLETE'
        }) + '<Changes></Changes>'
      )
    }
    case 'ExecuteChangeSet':
      model.executeChangeSet(stackName)
      return ok('')
    case 'DescribeStacks': {
      const stacks = stackName ? [model.mustFind(stackName)] : model.live()
      return ok(`<Stacks>${members(stacks.map(stackXml))}</Stacks>`)
    }
    case 'DeleteStack':
      model.deleteStack(
        stackName,
        p.get('ClientRequestToken'),
        p.get('DeletionMode') === 'FORCE_DELETE_STACK'
      )
      return ok('')
    case 'UpdateTerminationProtection': {
      const stack = model.setTerminationProtection(stackName, p.get('EnableTerminationProtection') === 'true')
      return ok(fields({ StackId: stack.id }))
    }
    case 'DescribeStackEvents': {
      const stack = model.mustFind(stackName)
      return ok(
        `<StackEvents>${members(
          stack.events.map((e) =>
            fields({
              StackId: stack.id,
              EventId: e.id,
              StackName: stack.name,
              LogicalResourceId: e.logicalId,
              PhysicalResourceId: e.physicalId,
              ResourceType: e.type,
              Timestamp: new Date(e.timestamp).toISOString(),
              ResourceStatus: e.status,
              ResourceStatusReason: e.reason,
              ClientRequestToken: e.token
            })
          )
        )}</StackEvents>`
      )
    }
    case 'ListStackResources': {
      const stack = model.mustFind(stackName)
      return ok(
        `<StackResourceSummaries>${members(
          stack.resources.map((r) =>
            fields({
              LogicalResourceId: r.logicalId,
              PhysicalResourceId: r.physicalId,
              ResourceType: r.type,
              LastUpdatedTimestamp: new Date().toISOString(),
              ResourceStatus: r.status,
              ResourceStatusReason: r.reason
            })
          )
        )}</StackResourceSummaries>`
      )
    }
    case 'AssumeRole':
      throw new QueryError(
        'AccessDenied',
        'The simulator has no roles: not authorized to perform sts:AssumeRole',
        403
      )
    case 'GetTemplate': {
      const stack = model.mustFind(stackName)
      return ok(fields({ TemplateBody: JSON.stringify(stack.changeSet?.template ?? {}) }))
    }
    default:
      throw new QueryError('InvalidAction', `The simulator does not implement ${action || '(no Action)'}`)
  }
}

function template(p: Params, objects?: BootstrapApis): Template {
  const url = p.get('TemplateURL')
  const body = p.get('TemplateBody') ?? (url ? objects?.objectAt(url) : undefined)
  if (!body)
    throw new QueryError('ValidationError', 'The simulator needs TemplateBody (TemplateURL is not supported)')
  try {
    return JSON.parse(body) as Template
  } catch {
    throw new QueryError('ValidationError', 'Template format error: the simulator reads JSON templates only')
  }
}

function stackXml(s: SimStack): string {
  return (
    fields({
      StackId: s.id,
      StackName: s.name,
      CreationTime: new Date(s.createdAt).toISOString(),
      DeletionTime: s.deletedAt ? new Date(s.deletedAt).toISOString() : undefined,
      StackStatus: s.status,
      StackStatusReason: s.reason,
      EnableTerminationProtection: s.terminationProtection
    }) +
    `<Tags>${members(Object.entries(s.tags).map(([k, v]) => fields({ Key: k, Value: v })))}</Tags>` +
    `<Outputs>${members(Object.entries(s.outputs).map(([k, v]) => fields({ OutputKey: k, OutputValue: v })))}</Outputs>`
  )
}
