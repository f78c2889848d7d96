/**
 * The CDK app. Stacks are environment-agnostic (no account or region, no lookups), so `cdk synth` works
 * offline; `cdk deploy` takes the account and region from the credentials in use.
 */
import { App } from 'aws-cdk-lib'
import { OrdersStack } from '../lib/orders-stack'
import { resolveStackPrefix, STACK_PREFIX_CONTEXT, stackName } from '../lib/stack-prefix'

const app = new App()
const prefix = resolveStackPrefix(app.node.tryGetContext(STACK_PREFIX_CONTEXT), process.env)

new OrdersStack(app, 'Orders', {
  stackName: stackName(prefix, 'orders'),
  description: 'orders-service example (serverless-test-pyramid)'
})
