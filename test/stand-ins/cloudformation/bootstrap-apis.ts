/**
 * Just enough of SSM (JSON protocol) and S3 (REST, path style) for the real `cdk deploy` of a no-asset
 * stack: the bootstrap version parameter, and the template object the CLI uploads to the bootstrap bucket
 * (CreateChangeSet then names it by TemplateURL, which the simulator reads back from here).
 */

export interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

export class BootstrapApis {
  /** "bucket/key" → body */
  readonly objects = new Map<string, string>()
  bootstrapVersion = '30'

  handle(method: string, url: string, target: string | undefined, body: Buffer): RawAnswer {
    if (target === 'AmazonSSM.GetParameter') {
      const { Name } = JSON.parse(body.toString('utf8') || '{}') as { Name?: string }
      if (Name !== '/cdk-bootstrap/hnb659fds/version') {
        return json(400, { __type: 'ParameterNotFound', message: `Parameter ${Name} not found.` })
      }
      return json(200, { Parameter: { Name, Type: 'String', Value: this.bootstrapVersion, Version: 1 } })
    }
    if (target)
      return json(400, {
        __type: 'UnknownOperationException',
        message: `The simulator does not implement ${target}`
      })
    const u = new URL(url, 'http://sim')
    const [bucket = '', ...rest] = decodeURIComponent(u.pathname).slice(1).split('/')
    const key = rest.join('/')
    if (method === 'PUT' && key) {
      this.objects.set(`${bucket}/${key}`, body.toString('utf8'))
      return { status: 200, headers: { etag: '"sim"' }, body: '' }
    }
    if ((method === 'GET' || method === 'HEAD') && key) {
      const obj = this.objects.get(`${bucket}/${key}`)
      if (obj === undefined)
        return xml(
          404,
          `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>`
        )
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: method === 'HEAD' ? '' : obj
      }
    }
    if (u.searchParams.has('location'))
      return xml(200, '<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>')
    if (u.searchParams.get('list-type') === '2') {
      return xml(
        200,
        `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>`
      )
    }
    return xml(200, '')
  }

  /** The body of an uploaded object named by an S3 URL (https://host/bucket/key or s3://bucket/key). */
  objectAt(url: string): string | undefined {
    const u = new URL(url)
    const path = decodeURIComponent(u.pathname).slice(1)
    return this.objects.get(u.protocol === 's3:' ? `${u.host}/${path}` : path)
  }
}

function json(status: number, body: unknown): RawAnswer {
  return { status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) }
}

function xml(status: number, body: string): RawAnswer {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: body ? `<?xml version="1.0" encoding="UTF-8"?>\n${body}` : ''
  }
}
