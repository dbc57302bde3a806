/**
 * The published OpenFeature OFREP server provider (@openfeature/ofrep-provider), unmodified, against our
 * route handlers served over a local HTTP server: values, variants, reasons, metadata and error mapping.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OpenFeature, ErrorCode, type Client } from '@openfeature/server-sdk'
import { OFREPProvider } from '@openfeature/ofrep-provider'
import { createApiKey } from '@/test/factories'
import { POST as single } from '@/app/ofrep/v1/evaluate/flags/[key]/route'
import { POST as bulk } from '@/app/ofrep/v1/evaluate/flags/route'
import { GET as configuration } from '@/app/ofrep/v1/configuration/route'
import { bucketOf } from './bucketing'
import { flagKey, makeFlag } from '@/test/flag-factories'

let server: http.Server
let client: Client
const keys: Record<string, string> = {}

/** node:http → Web Request → route handler → node:http, as Next does. */
function serve(): Promise<string> {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
    const request = new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
    const m = /^\/ofrep\/v1\/evaluate\/flags\/([^/]+)$/.exec(url.pathname)
    const response = m
      ? await single(request, { params: Promise.resolve({ key: decodeURIComponent(m[1]!) }) })
      : url.pathname === '/ofrep/v1/evaluate/flags'
        ? await bulk(request)
        : url.pathname === '/ofrep/v1/configuration'
          ? await configuration(request)
          : new Response('not found', { status: 404 })
    res.writeHead(response.status, Object.fromEntries(response.headers))
    res.end(Buffer.from(await response.arrayBuffer()))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

beforeAll(async () => {
  const { key } = await createApiKey(['flags:evaluate'], 'production')
  const k = (n: string) => (keys[n] = flagKey(`prov_${n}`))
  await makeFlag({ key: k('bool') }, { production: { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'on' } } })
  await makeFlag({ key: k('split') }, { production: { enabled: true, offVariant: 'off', rules: [], defaultServe: { split: [{ variant: 'on', weight: 25 }, { variant: 'off', weight: 75 }] } } })
  await makeFlag(
    { key: k('model'), type: 'string', variants: [{ key: 'v1', value: 'sepsis-v1' }, { key: 'v2', value: 'sepsis-v2' }] },
    {
      production: {
        enabled: true,
        offVariant: 'v1',
        rules: [{ id: 'icu', conditions: [{ attribute: 'department', operator: 'in', values: ['emergency'] }], serve: { variant: 'v2' } }],
        defaultServe: { variant: 'v1' },
      },
    },
  )
  await makeFlag({ key: k('threshold'), type: 'number', variants: [{ key: 'low', value: 0.35 }, { key: 'high', value: 0.6 }] }, {
    production: { enabled: true, offVariant: 'low', rules: [], defaultServe: { variant: 'high' } },
  })
  await makeFlag({ key: k('config'), type: 'json', variants: [{ key: 'a', value: { window: 6, unit: 'h' } }] }, {
    production: { enabled: true, offVariant: 'a', rules: [], defaultServe: { variant: 'a' } },
  })
  const baseUrl = await serve()
  await OpenFeature.setProviderAndWait('wardroom', new OFREPProvider({ baseUrl, headers: [['Authorization', `Bearer ${key}`]] }))
  client = OpenFeature.getClient('wardroom')
})

afterAll(async () => {
  await OpenFeature.close()
  await new Promise((r) => server.close(r))
})

describe('@openfeature/ofrep-provider against Wardroom', () => {
  it('boolean: value, variant, reason STATIC, metadata', async () => {
    const d = await client.getBooleanDetails(keys.bool!, false, { targetingKey: 'clinician-1' })
    expect(d).toMatchObject({ value: true, variant: 'on', reason: 'STATIC', flagMetadata: { environment: 'production' } })
    expect(d.errorCode).toBeUndefined()
  })

  it('string with a targeting rule: TARGETING_MATCH and DEFAULT', async () => {
    expect(await client.getStringDetails(keys.model!, 'none', { department: 'emergency' })).toMatchObject({ value: 'sepsis-v2', reason: 'TARGETING_MATCH' })
    expect(await client.getStringDetails(keys.model!, 'none', { department: 'radiology' })).toMatchObject({ value: 'sepsis-v1', reason: 'DEFAULT' })
  })

  it('number and object flags', async () => {
    expect(await client.getNumberValue(keys.threshold!, 0)).toBe(0.6)
    expect(await client.getObjectValue(keys.config!, {})).toEqual({ window: 6, unit: 'h' })
  })

  it('SPLIT is sticky for a targeting key', async () => {
    const d = await client.getBooleanDetails(keys.split!, false, { targetingKey: 'nurse-7' })
    expect(d).toMatchObject({ reason: 'SPLIT', value: bucketOf(keys.split!, 'nurse-7') < 25 })
  })

  it('maps our errors to OpenFeature error codes and the default value', async () => {
    expect(await client.getBooleanDetails(flagKey('absent'), true)).toMatchObject({ value: true, reason: 'ERROR', errorCode: ErrorCode.FLAG_NOT_FOUND })
    expect(await client.getBooleanDetails(keys.split!, false, {})).toMatchObject({ value: false, errorCode: ErrorCode.TARGETING_KEY_MISSING })
    expect(await client.getStringDetails(keys.bool!, 'x')).toMatchObject({ value: 'x', errorCode: ErrorCode.TYPE_MISMATCH })
  })
})
