/**
 * The environment of every AWS call and deploy process on the real-AWS path: AWS_ENDPOINT_URL* removed
 * (a leftover value would send the deploy to LocalStack or elsewhere), unless aws-endpoint-url is given,
 * which then becomes AWS_ENDPOINT_URL for the deploy process.
 */

export function isEndpointVariable(name: string): boolean {
  return name === 'AWS_ENDPOINT_URL' || name.startsWith('AWS_ENDPOINT_URL_') || name === 'AWS_ENDPOINT'
}

/** Changes to apply to a base environment: undefined removes the variable. */
export function awsEnvChanges(
  base: Record<string, string | undefined>,
  settings: { region: string; endpointUrl?: string }
): Record<string, string | undefined> {
  const changes: Record<string, string | undefined> = {}
  for (const name of Object.keys(base)) if (isEndpointVariable(name)) changes[name] = undefined
  changes.AWS_REGION = settings.region
  changes.AWS_DEFAULT_REGION = settings.region
  if (settings.endpointUrl) {
    changes.AWS_ENDPOINT_URL = settings.endpointUrl
    changes.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = undefined
  } else {
    changes.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'true'
  }
  return changes
}

/** The region: the input, else AWS_REGION / AWS_DEFAULT_REGION; throws saying what to set. */
export function resolveRegion(input: string | undefined, env: Record<string, string | undefined>): string {
  const region = input || env.AWS_REGION || env.AWS_DEFAULT_REGION
  if (!region) {
    throw new Error(
      'The e2e tier needs an AWS region and none is set: set the aws-region input, or AWS_REGION ' +
        '(aws-actions/configure-aws-credentials sets it).'
    )
  }
  return region
}
