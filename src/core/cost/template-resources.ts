/**
 * The resources a CloudFormation template declares, read from the parsed template (a synthesized CDK
 * template in cdk.out, or a deploy-command user's template-file), for the pre-deploy estimate. What
 * cannot be known before the deploy is said, not guessed: a resource with a Condition is counted as
 * created, and a nested stack's own resources are not read. Pure.
 */
import type { PricedResource } from './resource-pricing.js'

export interface TemplateResource extends PricedResource {
  stack: string
  logicalId: string
}

export interface TemplateResources {
  resources: TemplateResource[]
  notes: string[]
}

/** SAM types and the resource types they deploy as (priced as those). */
const SAM_TYPES: Record<string, string> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::LayerVersion': 'AWS::Lambda::LayerVersion'
}

export function templateResources(stack: string, template: unknown, origin: string): TemplateResources {
  const notes: string[] = []
  if (typeof template !== 'object' || template === null || Array.isArray(template)) {
    return {
      resources: [],
      notes: [`${origin} is not a CloudFormation template (not an object): not estimated`]
    }
  }
  const declared = (template as Record<string, unknown>).Resources
  if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) {
    return { resources: [], notes: [`${origin} has no Resources section: not estimated`] }
  }
  const resources: TemplateResource[] = []
  const conditional: string[] = []
  const nested: string[] = []
  for (const [logicalId, value] of Object.entries(declared as Record<string, unknown>)) {
    const r = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
    const given = typeof r.Type === 'string' ? r.Type : ''
    const type = SAM_TYPES[given] ?? given
    const props = r.Properties
    resources.push({
      stack,
      logicalId,
      type,
      ...(typeof props === 'object' && props !== null && !Array.isArray(props)
        ? { properties: props as Record<string, unknown> }
        : {})
    })
    if (typeof r.Condition === 'string') conditional.push(logicalId)
    if (type === 'AWS::CloudFormation::Stack') nested.push(logicalId)
  }
  if (conditional.length > 0)
    notes.push(
      `${stack}: ${conditional.join(', ')} ${conditional.length === 1 ? 'has a Condition' : 'have Conditions'}; counted as created`
    )
  if (nested.length > 0)
    notes.push(
      `${stack}: the resources of nested stack${nested.length === 1 ? '' : 's'} ${nested.join(', ')} are not estimated`
    )
  return { resources, notes }
}
