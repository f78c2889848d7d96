/**
 * The orders service: an HTTP API with POST /orders and GET /orders/{id}, one Lambda function per route,
 * one DynamoDB table. Everything is destroyed with the stack (tables and log groups included), so an
 * ephemeral test stack leaves nothing behind.
 */
import * as path from 'node:path'
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib'
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb'
import { Runtime } from 'aws-cdk-lib/aws-lambda'
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs'
import type { Construct } from 'constructs'

const HANDLERS = path.join(__dirname, '..', 'src', 'handlers')

export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props)

    const table = new Table(this, 'Orders', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY
    })

    const handler = (name: string, file: string): NodejsFunction =>
      new NodejsFunction(this, name, {
        entry: path.join(HANDLERS, file),
        runtime: Runtime.NODEJS_22_X,
        memorySize: 256,
        timeout: Duration.seconds(10),
        environment: { ORDERS_TABLE: table.tableName },
        // An explicit log group, so deleting the stack deletes the logs too (Lambda's own would stay).
        logGroup: new LogGroup(this, `${name}Logs`, {
          retention: RetentionDays.ONE_WEEK,
          removalPolicy: RemovalPolicy.DESTROY
        }),
        // The Node 22 runtime ships the AWS SDK v3: it is left out of the bundle (the default for Node 18+).
        bundling: { minify: true, target: 'node22' }
      })

    const createOrder = handler('CreateOrder', 'create-order.ts')
    const getOrder = handler('GetOrder', 'get-order.ts')
    table.grantWriteData(createOrder)
    table.grantReadData(getOrder)

    const api = new HttpApi(this, 'Api', { description: `orders API (${this.stackName})` })
    api.addRoutes({
      path: '/orders',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('CreateOrderRoute', createOrder)
    })
    api.addRoutes({
      path: '/orders/{id}',
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('GetOrderRoute', getOrder)
    })

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint, description: 'base URL of the orders HTTP API' })
    new CfnOutput(this, 'TableName', {
      value: table.tableName,
      description: 'DynamoDB table holding the orders'
    })
  }
}
