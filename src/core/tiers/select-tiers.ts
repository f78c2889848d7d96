/**
 * Tier selection (the README's "Tier selection" table): which tiers run for this event, with which
 * commands, and why. Pure: the event comes from the run context, the commands and the tiers input from
 * the inputs. Fail-fast skipping and the LocalStack-token skip happen at run time, elsewhere.
 */
import type { RunContext } from '../context.js'
import { TIER_ORDER, type Tier } from '../results/model.js'
import { planStacks } from '../stacks/plan.js'
import { readEvent, type Trigger } from './event-trigger.js'
import type { Plan, SelectionSettings, TierPlan } from './plan.js'

interface Choice {
  run: boolean
  reason: string
}

/** `now` (the clock) adds the stacks' `pyramid:expires-at` tag to the plan; without it the tag is left out. */
export function planTiers(ctx: RunContext, inputs: SelectionSettings, now?: number): Plan {
  const facts = readEvent(ctx)
  const { trigger } = facts
  const fork = trigger.kind === 'pull-request' ? trigger.fork : undefined
  const where = describe(trigger, facts.defaultBranch)

  const tiers: TierPlan[] = TIER_ORDER.map((tier) => {
    let choice =
      inputs.tiers === 'auto'
        ? autoChoice(tier, trigger, facts.defaultBranch)
        : explicitChoice(tier, inputs.tiers)
    if (tier === 'e2e' && fork) {
      const asked =
        inputs.tiers !== 'auto' && inputs.tiers.includes('e2e') ? ', even when asked in tiers' : ''
      choice = {
        run: false,
        reason:
          `e2e never runs for a pull request from a fork (head ${fork.head ?? 'a deleted fork'}, base ${fork.base})` +
          `${asked}: fork code gets no secrets and must not reach an AWS account`
      }
    }
    return { tier, run: choice.run, reason: `${where}: ${choice.reason}`, ...commandsOf(tier, inputs) }
  })

  const e2eRuns = tiers.some((t) => t.tier === 'e2e' && t.run)
  return {
    event: ctx.eventName,
    ...(facts.ref ? { ref: facts.ref } : {}),
    ...(facts.defaultBranch ? { defaultBranch: facts.defaultBranch } : {}),
    isDefaultBranch: facts.isDefaultBranch,
    isFork: fork !== undefined,
    selection: inputs.tiers === 'auto' ? 'auto' : 'explicit',
    tiers,
    ...(e2eRuns ? { stack: planStacks(inputs.e2e, inputs.instance, ctx, now) } : {})
  }
}

/** Tiers by trigger when `tiers: auto` (pushes to the default branch run every tier). */
const AUTO: Record<Trigger['kind'], readonly Tier[]> = {
  push: ['unit'],
  tag: [],
  deleted: [],
  'pull-request': ['unit', 'integration'],
  'merge-queue': ['unit', 'integration'],
  dispatch: ['unit', 'integration', 'e2e'],
  schedule: ['unit', 'integration', 'e2e'],
  other: ['unit']
}

function autoChoice(tier: Tier, trigger: Trigger, defaultBranch: string | undefined): Choice {
  if (trigger.kind === 'tag') return { run: false, reason: 'no tier runs on a tag push' }
  if (trigger.kind === 'deleted') return { run: false, reason: 'a deleted branch or tag has nothing to test' }
  if (trigger.kind === 'dispatch' || trigger.kind === 'schedule') {
    return { run: true, reason: 'every tier runs on manual dispatch and schedule' }
  }
  const onDefault = trigger.kind === 'push' && trigger.isDefault
  if ((onDefault ? TIER_ORDER : AUTO[trigger.kind]).includes(tier)) {
    const on = {
      push: onDefault ? 'on pushes to the default branch' : 'on every push',
      'pull-request': 'on pull requests',
      'merge-queue': 'in the merge queue',
      other: 'on every event'
    }
    return { run: true, reason: `${tier} runs ${on[trigger.kind]}` }
  }
  const db = defaultBranch ? `(${defaultBranch})` : '(unknown: the payload has no repository.default_branch)'
  const where =
    tier === 'integration'
      ? `pull requests, the merge queue, pushes to the default branch ${db}, manual dispatch and schedule`
      : `pushes to the default branch ${db}, manual dispatch and schedule`
  return { run: false, reason: `${tier} runs only on ${where}` }
}

function explicitChoice(tier: Tier, asked: readonly Tier[]): Choice {
  const list = asked.join(',')
  return asked.includes(tier)
    ? { run: true, reason: `requested in tiers (${list})` }
    : { run: false, reason: `not in tiers (${list})` }
}

function describe(trigger: Trigger, defaultBranch: string | undefined): string {
  switch (trigger.kind) {
    case 'push':
      return trigger.isDefault ? `push to the default branch (${defaultBranch})` : `push to ${trigger.branch}`
    case 'tag':
      return `push of tag ${trigger.tag}`
    case 'deleted':
      return `push deleting ${trigger.ref}`
    case 'pull-request': {
      const kind = trigger.fork ? 'fork pull request' : 'pull request'
      return trigger.event === 'pull_request' ? kind : `${kind} (${trigger.event})`
    }
    case 'merge-queue':
      return 'merge queue'
    case 'dispatch':
      return 'manual dispatch'
    case 'schedule':
      return 'schedule'
    case 'other':
      return `${trigger.event} event`
  }
}

function commandsOf(
  tier: Tier,
  inputs: SelectionSettings
): Pick<TierPlan, 'command' | 'setupCommand' | 'resultsGlob'> {
  const t = inputs[tier]
  const setup = tier === 'integration' ? inputs.integration.setupCommand : undefined
  return {
    command: t.command,
    ...(setup ? { setupCommand: setup } : {}),
    ...(t.resultsGlob ? { resultsGlob: t.resultsGlob } : {})
  }
}
