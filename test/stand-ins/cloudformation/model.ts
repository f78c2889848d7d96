/**
 * The simulator's state machine: stacks with resources, events, tags and the CloudFormation status
 * transitions AWS documents (delete from any terminal state, DELETE_FAILED, FORCE_DELETE_STACK, an export
 * in use cancelling the delete, by-name vs by-StackId lookups). Time passes on real timers (the simulator
 * is a real server), or on a test's virtual clock (test/fakes/clock.ts) so that what a test measures in
 * time does not depend on the machine; every duration is configurable so tests stay fast.
 */
import { randomUUID } from 'node:crypto'
import { QueryError } from './query.js'

/** Per-stack behaviour, set by name (tests) or by resource Metadata `{"Simulator": {...}}` (templates). */
export interface Behaviour {
  createMs?: number
  deleteMs?: number
  /** Logical ids whose create fails (the stack rolls back to ROLLBACK_COMPLETE). */
  failCreate?: string[]
  /** Logical ids whose delete fails (DELETE_FAILED) until a FORCE_DELETE_STACK delete retains them. */
  failDelete?: string[]
  /** A stack importing one of this stack's exports: the delete is cancelled (back to UPDATE_COMPLETE). */
  exportInUseBy?: string
}

export interface SimResource {
  logicalId: string
  type: string
  physicalId: string
  status: string
  reason?: string
  retain: boolean
}

export interface SimEvent {
  id: string
  timestamp: number
  logicalId: string
  physicalId: string
  type: string
  status: string
  reason?: string
  token?: string
}

export interface SimStack {
  id: string
  name: string
  status: string
  reason?: string
  tags: Record<string, string>
  outputs: Record<string, string>
  resources: SimResource[]
  /** Newest first, as DescribeStackEvents answers. */
  events: SimEvent[]
  terminationProtection: boolean
  createdAt: number
  /** When the stack reached DELETE_COMPLETE (for the destroy-latency bench). */
  deletedAt?: number
  deleteTokens: Set<string>
  behaviour: Behaviour
  changeSet?: { id: string; name: string; template: Template }
}

export interface Template {
  Resources?: Record<string, { Type: string; DeletionPolicy?: string; Metadata?: { Simulator?: Behaviour } }>
  Outputs?: Record<string, { Value: unknown }>
}

/** Where the simulator's time comes from when it is not the real clock. */
export interface SimClock {
  now(): number
  /** Runs fn when ms have passed on this clock. */
  schedule(ms: number, fn: () => void): void
  sleep(ms: number): Promise<void>
}

export interface ModelOptions {
  account: string
  region: string
  createMs: number
  deleteMs: number
  clock?: SimClock
}

export class StackModel {
  readonly stacks: SimStack[] = []
  /** Resources left behind by FORCE_DELETE_STACK deletes. */
  readonly leaked: { stackName: string; type: string; physicalId: string }[] = []
  private readonly behaviours: { match: (name: string) => boolean; behaviour: Behaviour }[] = []
  private timers = new Set<NodeJS.Timeout>()

  constructor(readonly opts: ModelOptions) {}

  /** Behaviour for stacks whose name matches (exact string or RegExp). Later rules win. */
  behave(name: string | RegExp, behaviour: Behaviour): void {
    const match = typeof name === 'string' ? (n: string) => n === name : (n: string) => name.test(n)
    this.behaviours.push({ match, behaviour })
  }

  /** By StackId (any state, deleted included) or by name (live stacks only). */
  find(nameOrId: string): SimStack | undefined {
    if (nameOrId.startsWith('arn:')) return this.stacks.find((s) => s.id === nameOrId)
    return this.stacks.find((s) => s.name === nameOrId && s.status !== 'DELETE_COMPLETE')
  }

  /** Live stacks (not DELETE_COMPLETE). */
  live(): SimStack[] {
    return this.stacks.filter((s) => s.status !== 'DELETE_COMPLETE')
  }

  mustFind(nameOrId: string): SimStack {
    const s = this.find(nameOrId)
    if (!s) throw new QueryError('ValidationError', `Stack with id ${nameOrId} does not exist`)
    return s
  }

  /** A stack in REVIEW_IN_PROGRESS holding an unexecuted change set, or an existing stack's change set. */
  createChangeSet(
    name: string,
    changeSetName: string,
    template: Template,
    tags: Record<string, string>
  ): SimStack {
    const existing = this.find(name)
    if (existing && existing.status !== 'REVIEW_IN_PROGRESS') {
      throw new QueryError(
        'ValidationError',
        `Stack [${name}] already exists; the simulator supports CREATE change sets only`
      )
    }
    const stack = existing ?? this.newStack(name, tags, 'REVIEW_IN_PROGRESS')
    const csId = `arn:aws:cloudformation:${this.opts.region}:${this.opts.account}:changeSet/${changeSetName}/${randomUUID()}`
    stack.changeSet = { id: csId, name: changeSetName, template }
    return stack
  }

  executeChangeSet(nameOrId: string): void {
    const stack = this.mustFind(nameOrId)
    if (!stack.changeSet)
      throw new QueryError('ChangeSetNotFound', `ChangeSet for stack [${stack.name}] does not exist`)
    const template = stack.changeSet.template
    delete stack.changeSet
    this.startCreate(stack, template)
  }

  createStack(name: string, template: Template, tags: Record<string, string>): SimStack {
    if (this.find(name)) throw new QueryError('AlreadyExistsException', `Stack [${name}] already exists`)
    const stack = this.newStack(name, tags, 'CREATE_IN_PROGRESS')
    this.startCreate(stack, template)
    return stack
  }

  deleteStack(nameOrId: string, token: string | undefined, force: boolean): void {
    const stack = this.find(nameOrId)
    if (!stack || stack.status === 'DELETE_COMPLETE') return // idempotent: "does nothing"
    if (token && stack.deleteTokens.has(token)) return
    if (stack.status === 'DELETE_IN_PROGRESS') return
    if (stack.terminationProtection) {
      throw new QueryError(
        'ValidationError',
        `Stack [${stack.name}] cannot be deleted while TerminationProtection is enabled`
      )
    }
    if (force && stack.status !== 'DELETE_FAILED') {
      throw new QueryError(
        'ValidationError',
        `Invalid operation on stack [${stack.id}]. DeletionMode FORCE_DELETE_STACK can only be used on stacks in DELETE_FAILED state`
      )
    }
    if (stack.status === 'CREATE_IN_PROGRESS') {
      // CloudFormation accepts a delete during a create: the create is cancelled and the stack deleted.
      for (const r of stack.resources) {
        if (r.status === 'CREATE_IN_PROGRESS')
          this.resourceStatus(stack, r, 'CREATE_FAILED', 'Resource creation cancelled')
      }
    } else if (stack.status.endsWith('_IN_PROGRESS') && stack.status !== 'REVIEW_IN_PROGRESS') {
      throw new QueryError(
        'ValidationError',
        `Stack [${stack.name}] cannot be deleted while in status ${stack.status}`
      )
    }
    if (token) stack.deleteTokens.add(token)
    this.startDelete(stack, token, force)
  }

  setTerminationProtection(nameOrId: string, enabled: boolean): SimStack {
    const stack = this.mustFind(nameOrId)
    stack.terminationProtection = enabled
    return stack
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }

  private newStack(name: string, tags: Record<string, string>, status: string): SimStack {
    const stack: SimStack = {
      id: `arn:aws:cloudformation:${this.opts.region}:${this.opts.account}:stack/${name}/${randomUUID()}`,
      name,
      status,
      tags,
      outputs: {},
      resources: [],
      events: [],
      terminationProtection: false,
      createdAt: this.now(),
      deleteTokens: new Set(),
      behaviour: this.behaviourFor(name)
    }
    this.stacks.push(stack)
    this.event(stack, stack.name, stack.id, 'AWS::CloudFormation::Stack', status, 'User Initiated')
    return stack
  }

  private behaviourFor(name: string): Behaviour {
    const merged: Behaviour = {}
    for (const b of this.behaviours) if (b.match(name)) Object.assign(merged, b.behaviour)
    return merged
  }

  private startCreate(stack: SimStack, template: Template): void {
    stack.status = 'CREATE_IN_PROGRESS'
    const failCreate = new Set(stack.behaviour.failCreate ?? [])
    const failDelete = new Set(stack.behaviour.failDelete ?? [])
    for (const [logicalId, r] of Object.entries(template.Resources ?? {})) {
      const sim = r.Metadata?.Simulator
      for (const id of sim?.failCreate ?? []) failCreate.add(id)
      for (const id of sim?.failDelete ?? []) failDelete.add(id)
      if (sim?.exportInUseBy) stack.behaviour.exportInUseBy = sim.exportInUseBy
      stack.resources.push({
        logicalId,
        type: r.Type,
        physicalId: physicalIdFor(stack, logicalId, r.Type, this.opts),
        status: 'CREATE_IN_PROGRESS',
        retain: r.DeletionPolicy === 'Retain'
      })
    }
    stack.behaviour.failDelete = [...failDelete]
    this.after(stack.behaviour.createMs ?? this.opts.createMs, () => {
      if (stack.status !== 'CREATE_IN_PROGRESS') return // a delete cancelled the create
      const failed = stack.resources.find((r) => failCreate.has(r.logicalId))
      for (const r of stack.resources) {
        if (r === failed) {
          this.resourceStatus(
            stack,
            r,
            'CREATE_FAILED',
            `Resource handler returned message: "Simulated create failure of ${r.logicalId}"`
          )
          break
        }
        this.resourceStatus(stack, r, 'CREATE_COMPLETE')
      }
      if (failed) {
        this.stackStatus(
          stack,
          'ROLLBACK_IN_PROGRESS',
          `The following resource(s) failed to create: [${failed.logicalId}]. Rollback requested by user.`
        )
        this.after(stack.behaviour.createMs ?? this.opts.createMs, () => {
          for (const r of stack.resources)
            if (r.status === 'CREATE_COMPLETE') this.resourceStatus(stack, r, 'DELETE_COMPLETE')
          this.stackStatus(stack, 'ROLLBACK_COMPLETE')
        })
        return
      }
      for (const [key, o] of Object.entries(template.Outputs ?? {})) {
        stack.outputs[key] = typeof o.Value === 'string' ? o.Value : `${stack.name}-${key}-value`
      }
      this.stackStatus(stack, 'CREATE_COMPLETE')
    })
  }

  private startDelete(stack: SimStack, token: string | undefined, force: boolean): void {
    this.stackStatus(
      stack,
      'DELETE_IN_PROGRESS',
      force ? 'User Initiated (FORCE_DELETE_STACK)' : 'User Initiated',
      token
    )
    this.after(stack.behaviour.deleteMs ?? this.opts.deleteMs, () => {
      if (stack.behaviour.exportInUseBy && !force) {
        const reason = `Export ${stack.name}:Export cannot be deleted as it is in use by ${stack.behaviour.exportInUseBy}`
        this.stackStatus(stack, 'UPDATE_ROLLBACK_IN_PROGRESS', reason, token)
        this.stackStatus(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', undefined, token)
        this.stackStatus(stack, 'UPDATE_COMPLETE', reason, token)
        return
      }
      const failing = new Set(stack.behaviour.failDelete ?? [])
      const failed: string[] = []
      for (const r of [...stack.resources].reverse()) {
        if (r.status === 'DELETE_COMPLETE' || r.status === 'DELETE_SKIPPED') continue
        if (r.retain) {
          this.resourceStatus(stack, r, 'DELETE_SKIPPED', undefined, token)
        } else if (failing.has(r.logicalId) && force) {
          this.resourceStatus(stack, r, 'DELETE_SKIPPED', 'Retained by FORCE_DELETE_STACK', token)
          this.leaked.push({ stackName: stack.name, type: r.type, physicalId: r.physicalId })
        } else if (failing.has(r.logicalId)) {
          this.resourceStatus(
            stack,
            r,
            'DELETE_FAILED',
            `Simulated delete failure of ${r.logicalId}: resource is not empty`,
            token
          )
          failed.push(r.logicalId)
        } else {
          this.resourceStatus(stack, r, 'DELETE_COMPLETE', undefined, token)
        }
      }
      if (failed.length > 0) {
        this.stackStatus(
          stack,
          'DELETE_FAILED',
          `The following resource(s) failed to delete: [${failed.join(', ')}]. `,
          token
        )
      } else {
        this.stackStatus(stack, 'DELETE_COMPLETE', undefined, token)
        stack.deletedAt = this.now()
      }
    })
  }

  private stackStatus(stack: SimStack, status: string, reason?: string, token?: string): void {
    stack.status = status
    if (reason === undefined) delete stack.reason
    else stack.reason = reason
    this.event(stack, stack.name, stack.id, 'AWS::CloudFormation::Stack', status, reason, token)
  }

  private resourceStatus(
    stack: SimStack,
    r: SimResource,
    status: string,
    reason?: string,
    token?: string
  ): void {
    r.status = status
    if (reason === undefined) delete r.reason
    else r.reason = reason
    this.event(stack, r.logicalId, r.physicalId, r.type, status, reason, token)
  }

  private event(
    stack: SimStack,
    logicalId: string,
    physicalId: string,
    type: string,
    status: string,
    reason?: string,
    token?: string
  ): void {
    stack.events.unshift({
      id: randomUUID(),
      timestamp: this.now(),
      logicalId,
      physicalId,
      type,
      status,
      ...(reason !== undefined ? { reason } : {}),
      ...(token !== undefined ? { token } : {})
    })
  }

  now(): number {
    return this.opts.clock?.now() ?? Date.now()
  }

  private after(ms: number, fn: () => void): void {
    if (this.opts.clock) return this.opts.clock.schedule(ms, fn)
    const t = setTimeout(() => {
      this.timers.delete(t)
      fn()
    }, ms)
    this.timers.add(t)
  }
}

function physicalIdFor(stack: SimStack, logicalId: string, type: string, opts: ModelOptions): string {
  const suffix = randomUUID().slice(0, 8).toUpperCase()
  if (type === 'AWS::S3::Bucket') return `${stack.name}-${logicalId}-${suffix}`.toLowerCase()
  const service = type.split('::')[1]?.toLowerCase() ?? 'resource'
  return `arn:aws:${service}:${opts.region}:${opts.account}:${logicalId}-${suffix}`
}
