/**
 * Checks GitHub's parser does not make: each returns the problems it found, as sentences naming the file,
 * the place and what is wrong (empty = fine), so a failing test says what to fix.
 */
import { posix } from 'node:path'
import {
  type ActionMetadata,
  type Job,
  type Step,
  type WorkflowFile,
  dispatchInputs,
  events,
  expressions,
  needsOf,
  refs,
  workflowCallInputs
} from './workflow-files.js'

/** This repository's action: `$/` (self-repository), `./` (the checkout) or `OWNER/serverless-test-pyramid@ref`. */
export const isOurAction = (uses: string | undefined): boolean =>
  uses !== undefined && /^(\$\/|\.\/|[\w.-]+\/serverless-test-pyramid@[\w.-]+)$/.test(uses)

/** A reference to one of this repository's reusable workflows, giving its path in the repository. */
export function reusablePath(uses: string | undefined): string | undefined {
  const m = uses?.match(
    /^(?:[\w.-]+\/serverless-test-pyramid\/|\.\/|\$\/)(\.github\/workflows\/[\w.-]+\.ya?ml)(@.+)?$/
  )
  return m?.[1]
}

const jobsOf = (f: WorkflowFile): [string, Job][] => Object.entries(f.doc.jobs ?? {})
const stepsOf = (job: Job): Step[] => job.steps ?? []
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v))

/** The values an input accepts, from an action.yml description such as 'auto (on PRs) | always | never'. */
export function choices(description: string | undefined): string[] {
  if (description === undefined || !description.includes(' | ')) return []
  return description.split('|').map((part) => part.trim().match(/^[a-z0-9-]+/)?.[0] ?? '')
}

export function checkActionInputs(f: WorkflowFile, action: ActionMetadata): string[] {
  const problems: string[] = []
  for (const [jobId, job] of jobsOf(f)) {
    const ours = new Set(
      stepsOf(job)
        .filter((s) => isOurAction(s.uses) && s.id)
        .map((s) => s.id)
    )
    stepsOf(job).forEach((step, i) => {
      if (!isOurAction(step.uses)) return
      for (const [key, value] of Object.entries(step.with ?? {})) {
        const input = action.inputs[key]
        const at = `${f.path} jobs.${jobId}.steps.${i}`
        if (input === undefined) problems.push(`${at}: input '${key}' is not in action.yml`)
        const allowed = choices(input?.description)
        const literal = String(value)
        if (allowed.length > 0 && !literal.includes('${{') && !allowed.includes(literal)) {
          problems.push(`${at}: ${key} '${literal}' is not one of ${allowed.join(', ')}`)
        }
      }
    })
    for (const r of refs(expressions(job, `jobs.${jobId}`), 'steps')) {
      const output = r.rest.match(/^\.outputs\.([\w-]+)/)?.[1]
      if (ours.has(r.name) && output !== undefined && !(output in action.outputs)) {
        problems.push(`${f.path} ${r.at}: steps.${r.name}.outputs.${output} is not an output in action.yml`)
      }
    }
  }
  return problems
}

export function checkInputRefs(f: WorkflowFile): string[] {
  const declared = new Set([...Object.keys(workflowCallInputs(f.doc)), ...Object.keys(dispatchInputs(f.doc))])
  const outsideOn = Object.fromEntries(Object.entries(f.doc).filter(([key]) => key !== 'on'))
  return refs(expressions(outsideOn), 'inputs')
    .filter((r) => !declared.has(r.name))
    .map((r) => `${f.path} ${r.at}: inputs.${r.name} is not a declared input of the workflow`)
}

export function checkNeeds(f: WorkflowFile): string[] {
  const problems: string[] = []
  const ids = new Set(Object.keys(f.doc.jobs ?? {}))
  for (const [jobId, job] of jobsOf(f)) {
    const needs = needsOf(job)
    for (const n of needs) {
      if (!ids.has(n) || n === jobId)
        problems.push(`${f.path} jobs.${jobId}.needs: '${n}' is not another job`)
    }
    for (const r of refs(expressions(job, `jobs.${jobId}`), 'needs')) {
      if (!needs.includes(r.name))
        problems.push(`${f.path} ${r.at}: needs.${r.name} is not in the job's needs`)
    }
  }
  return problems
}

/** `steps.X` in a step names an earlier step of the same job; in job outputs, any step of it. */
export function checkStepRefs(f: WorkflowFile): string[] {
  const problems: string[] = []
  for (const [jobId, job] of jobsOf(f)) {
    const steps = stepsOf(job)
    steps.forEach((step, i) => {
      const earlier = new Set(steps.slice(0, i).map((s) => s.id))
      for (const r of refs(expressions(step, `jobs.${jobId}.steps.${i}`), 'steps')) {
        if (!earlier.has(r.name)) problems.push(`${f.path} ${r.at}: steps.${r.name} is not an earlier step`)
      }
    })
    const all = new Set(steps.map((s) => s.id))
    for (const r of refs(expressions(job.outputs ?? {}, `jobs.${jobId}.outputs`), 'steps')) {
      if (!all.has(r.name)) problems.push(`${f.path} ${r.at}: steps.${r.name} is not a step of the job`)
    }
  }
  return problems
}

export function checkCallOutputs(f: WorkflowFile): string[] {
  const call = events(f.doc)['workflow_call'] as { outputs?: Record<string, { value?: string }> } | null
  return refs(expressions(call?.outputs ?? {}, 'on.workflow_call.outputs'), 'jobs').flatMap((r) => {
    const output = r.rest.match(/^\.outputs\.([\w-]+)$/)?.[1]
    const job = f.doc.jobs[r.name]
    if (job === undefined) return [`${f.path} ${r.at}: jobs.${r.name} is not a job`]
    if (output === undefined || !(output in (job.outputs ?? {}))) {
      return [`${f.path} ${r.at}: jobs.${r.name}${r.rest} is not an output of job ${r.name}`]
    }
    return []
  })
}

/** Inputs, secrets and event data reach scripts through env: `${{ }}` inside `run:` is an injection hole. */
export function checkNoExpressionsInRun(f: WorkflowFile): string[] {
  return jobsOf(f).flatMap(([jobId, job]) =>
    stepsOf(job).flatMap((s, i) =>
      str(s.run).includes('${{')
        ? [`${f.path} jobs.${jobId}.steps.${i}: run: holds \${{ }}; pass it via env`]
        : []
    )
  )
}

/**
 * Third-party actions are pinned to a full-length commit SHA with the release it is in a `# vX.Y.Z` comment
 * on the same line (what Dependabot updates together). Organisations may require SHA pins, and the policy
 * applies inside called workflows too, so a tag anywhere here would stop their runs.
 */
export function checkPinnedActions(f: WorkflowFile): string[] {
  const lines = f.text.split('\n')
  return jobsOf(f).flatMap(([jobId, job]) =>
    stepsOf(job).flatMap((s, i) => {
      if (s.uses === undefined || isOurAction(s.uses) || s.uses.startsWith('docker://')) return []
      const at = `${f.path} jobs.${jobId}.steps.${i}`
      if (!/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/.test(s.uses)) {
        return [`${at}: '${s.uses}' is not pinned to a full-length commit SHA`]
      }
      const line = lines.find((l) => l.includes(s.uses as string))
      if (!/#\s*v\d+\.\d+\.\d+\s*$/.test(line ?? '')) {
        return [`${at}: '${s.uses}' has no '# vX.Y.Z' comment naming its release`]
      }
      return []
    })
  )
}

/** Every pinned `owner/repo@sha # vX.Y.Z` in a text (workflow or markdown). */
export function pins(text: string): { action: string; sha: string; version: string }[] {
  return [...text.matchAll(/([\w.-]+\/[\w.-]+(?:\/[\w./-]+)?)@([0-9a-f]{40})\s*#\s*(v\d+\.\d+\.\d+)/g)].map(
    (m) => ({ action: m[1] ?? '', sha: m[2] ?? '', version: m[3] ?? '' })
  )
}

export function checkStarterCalls(f: WorkflowFile, reusable: Map<string, WorkflowFile>): string[] {
  const problems: string[] = []
  for (const [jobId, job] of jobsOf(f)) {
    if (job.uses === undefined) continue
    const path = reusablePath(job.uses)
    const target = path === undefined ? undefined : reusable.get(path)
    if (target === undefined) {
      problems.push(
        `${f.path} jobs.${jobId}.uses: '${job.uses}' names no reusable workflow of this repository`
      )
      continue
    }
    if (!('workflow_call' in events(target.doc))) problems.push(`${target.path} has no 'on: workflow_call'`)
    const inputs = workflowCallInputs(target.doc)
    for (const key of Object.keys(job.with ?? {})) {
      if (!(key in inputs))
        problems.push(`${f.path} jobs.${jobId}.with: '${key}' is not an input of ${target.path}`)
    }
    for (const [name, spec] of Object.entries(inputs)) {
      if (spec.required === true && !(name in (job.with ?? {}))) {
        problems.push(`${f.path} jobs.${jobId}.with: required input '${name}' of ${target.path} is missing`)
      }
    }
    if (job.secrets === 'inherit') {
      problems.push(
        `${f.path} jobs.${jobId}.secrets: 'inherit' hands every secret to every step of the called workflow; pass the ones it declares by name`
      )
    }
  }
  return problems
}

/**
 * Where a job runs the action in a mode that may comment (run, report), it also uploads the comment file
 * that a fork run writes next to its report, as the artifact publish-comment.yml downloads.
 */
export function checkCommentArtifact(f: WorkflowFile): string[] {
  const problems: string[] = []
  for (const [jobId, job] of jobsOf(f)) {
    const steps = stepsOf(job)
    const commenting = steps.filter(
      (s) =>
        isOurAction(s.uses) &&
        ['', 'run', 'report'].includes(str(s.with?.mode)) &&
        str(s.with?.comment) !== 'never'
    )
    for (const step of commenting) {
      const reportPath = str(step.with?.['report-path']) || 'pyramid-report.json'
      // the action writes the comment file next to the report (path.resolve: an absolute path stays)
      const expected = posix.join(posix.dirname(reportPath), 'pyramid-comment.json')
      const upload = steps.find(
        (s) =>
          s.uses?.startsWith('actions/upload-artifact@') && str(s.with?.name).startsWith('pyramid-comment')
      )
      if (upload === undefined) {
        problems.push(`${f.path} jobs.${jobId}: comments but uploads no 'pyramid-comment' artifact`)
      } else if (posix.normalize(str(upload.with?.path)) !== expected) {
        problems.push(
          `${f.path} jobs.${jobId}: uploads '${str(upload.with?.path)}', the comment file is '${expected}'`
        )
      } else if (upload.with?.['if-no-files-found'] !== 'ignore' || !str(upload.if).includes('always()')) {
        problems.push(
          `${f.path} jobs.${jobId}: the 'pyramid-comment' upload needs if: always() and if-no-files-found: ignore`
        )
      }
    }
  }
  return problems
}

/**
 * An input of a reusable workflow named like an action input has the action's default, so calling the
 * workflow and using the action as a step behave alike unless the caller says otherwise.
 */
export function checkMirroredDefaults(f: WorkflowFile, action: ActionMetadata): string[] {
  return Object.entries(workflowCallInputs(f.doc)).flatMap(([name, spec]) => {
    const mirrored = action.inputs[name]
    if (mirrored === undefined) return []
    const ours = str((spec as { default?: unknown }).default)
    const theirs = str(mirrored.default)
    return ours === theirs
      ? []
      : [`${f.path} inputs.${name}: default '${ours}' differs from action.yml's '${theirs}'`]
  })
}
