/** The OFREP routes over a real database: every reason and error code, auth, environments, ETag → 304. */
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createApiKey, request, routeParams } from '@/test/factories'
import { POST as single } from '@/app/ofrep/v1/evaluate/flags/[key]/route'
import { POST as bulk } from '@/app/ofrep/v1/evaluate/flags/route'
import { GET as configuration } from '@/app/ofrep/v1/configuration/route'
import { systemActor } from '@/lib/auth/actor'
import { setKillSwitch, updateEnvironment } from './commands/environments'
import { bumpFlagsVersion, invalidateSnapshot } from './snapshot'
import { bucketOf } from './bucketing'
import { flagKey, makeFlag } from '@/test/flag-factories'

let prodKey: string
let stagingKey: string
const keys: Record<string, string> = {}
const on = { variant: 'on' }
const rollout = (p: number) => ({ split: [{ variant: 'on', weight: p }, { variant: 'off', weight: 100 - p }] })
const edRule = { id: 'ed', conditions: [{ attribute: 'department', operator: 'in' as const, values: ['emergency'] }], serve: on }

beforeAll(async () => {
  prodKey = (await createApiKey(['flags:evaluate'], 'production')).key
  stagingKey = (await createApiKey(['flags:evaluate'], 'staging')).key
  const k = (name: string) => (keys[name] = flagKey(`ofrep_${name}`))
  await makeFlag({ key: k('static') }, { production: { enabled: true, offVariant: 'off', rules: [], defaultServe: on } })
  await makeFlag({ key: k('targeted') }, { production: { enabled: true, offVariant: 'off', rules: [edRule], defaultServe: { variant: 'off' } } })
  await makeFlag({ key: k('split') }, { production: { enabled: true, offVariant: 'off', rules: [], defaultServe: rollout(50) } })
  await makeFlag({ key: k('disabled') }, { production: { enabled: false, offVariant: 'off', rules: [], defaultServe: on } })
  await makeFlag({ key: k('killed') }, { production: { enabled: true, offVariant: 'off', rules: [], defaultServe: on } })
  await setKillSwitch(systemActor(), keys.killed!, 'production', true)
  await makeFlag(
    { key: k('model'), type: 'string', variants: [{ key: 'v1', value: 'triage-1.4' }, { key: 'v2', value: 'triage-2.0' }] },
    {
      production: { enabled: true, offVariant: 'v1', rules: [], defaultServe: { variant: 'v1' } },
      staging: { enabled: true, offVariant: 'v1', rules: [], defaultServe: { variant: 'v2' } },
    },
  )
})

const evaluate = (flag: string, body: unknown, headers: Record<string, string> = {}, raw?: string) =>
  single(
    request(`/ofrep/v1/evaluate/flags/${flag}`, {
      method: 'POST',
      ...(raw !== undefined ? { raw } : { body }),
      headers: { authorization: `Bearer ${prodKey}`, 'content-type': 'application/json; charset=utf-8', ...headers },
    }),
    routeParams({ key: flag }),
  )
const evaluateAll = (body: unknown, headers: Record<string, string> = {}) =>
  bulk(request('/ofrep/v1/evaluate/flags', { method: 'POST', body, headers: { authorization: `Bearer ${prodKey}`, ...headers } }))

describe('OFREP single evaluation', () => {
  it('declares API-key access with scope flags:evaluate', () => {
    expect(single.meta.access).toEqual({ kind: 'apikey', scope: 'flags:evaluate' })
    expect(bulk.meta.access).toEqual({ kind: 'apikey', scope: 'flags:evaluate' })
  })

  it('STATIC: exactly key, value, reason, variant, metadata', async () => {
    const res = await evaluate(keys.static!, { context: { targetingKey: 'u-1' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    const body = await res.json()
    expect(Object.keys(body).sort()).toEqual(['key', 'metadata', 'reason', 'value', 'variant'])
    expect(body).toMatchObject({ key: keys.static, value: true, reason: 'STATIC', variant: 'on', metadata: { environment: 'production' } })
  })

  it('TARGETING_MATCH and DEFAULT', async () => {
    expect(await (await evaluate(keys.targeted!, { context: { department: 'emergency' } })).json()).toMatchObject({ value: true, reason: 'TARGETING_MATCH' })
    expect(await (await evaluate(keys.targeted!, { context: { department: 'radiology' } })).json()).toMatchObject({ value: false, reason: 'DEFAULT' })
  })

  it('SPLIT buckets by targetingKey, sticky across calls', async () => {
    for (const user of ['alice', 'bob', 'carol']) {
      const a = await (await evaluate(keys.split!, { context: { targetingKey: user } })).json()
      const b = await (await evaluate(keys.split!, { context: { targetingKey: user } })).json()
      expect(a).toMatchObject({ reason: 'SPLIT', value: bucketOf(keys.split!, user) < 50 })
      expect(b.value).toBe(a.value)
    }
  })

  it('DISABLED when the environment is off or the kill switch is on', async () => {
    expect(await (await evaluate(keys.disabled!, {})).json()).toMatchObject({ value: false, variant: 'off', reason: 'DISABLED' })
    expect(await (await evaluate(keys.killed!, {})).json()).toMatchObject({ value: false, reason: 'DISABLED' })
  })

  it("evaluates in the key's environment", async () => {
    expect(await (await evaluate(keys.model!, {})).json()).toMatchObject({ value: 'triage-1.4' })
    const staging = await evaluate(keys.model!, {}, { authorization: `Bearer ${stagingKey}` })
    expect(await staging.json()).toMatchObject({ value: 'triage-2.0', metadata: { environment: 'staging' } })
  })

  it('accepts the key as X-API-Key and an empty body', async () => {
    const res = await evaluate(keys.static!, undefined, { authorization: '', 'x-api-key': prodKey }, '')
    expect(res.status).toBe(200)
  })

  it.each<[string, string, { body?: unknown; raw?: string }, number, string]>([
    ['FLAG_NOT_FOUND', 'missing', { body: {} }, 404, 'FLAG_NOT_FOUND'],
    ['TARGETING_KEY_MISSING', 'split', { body: { context: { department: 'emergency' } } }, 400, 'TARGETING_KEY_MISSING'],
    ['INVALID_CONTEXT (context not an object)', 'static', { body: { context: ['x'] } }, 400, 'INVALID_CONTEXT'],
    ['INVALID_CONTEXT (targetingKey not a string)', 'static', { body: { context: { targetingKey: 7 } } }, 400, 'INVALID_CONTEXT'],
    ['PARSE_ERROR (malformed JSON)', 'static', { raw: '{"context":' }, 400, 'PARSE_ERROR'],
    ['PARSE_ERROR (body not an object)', 'static', { raw: '[1]' }, 400, 'PARSE_ERROR'],
  ])('%s', async (_name, which, input, status, code) => {
    const flag = keys[which] ?? flagKey('nope')
    const res = await evaluate(flag, input.body, {}, input.raw)
    expect(res.status).toBe(status)
    const body = await res.json()
    expect(body).toMatchObject({ key: flag, errorCode: code })
    expect(typeof body.errorDetails).toBe('string')
    expect(body.value).toBeUndefined()
  })

  it('GENERAL when a stored variant has the wrong type', async () => {
    const key = flagKey('ofrep_broken')
    await makeFlag({ key }, { production: { enabled: true, offVariant: 'off', rules: [], defaultServe: on } })
    await db.flag.update({ where: { key }, data: { variants: [{ key: 'off', value: false }, { key: 'on', value: 'yes' }] } })
    invalidateSnapshot()
    const res = await evaluate(key, {})
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({ key, errorCode: 'GENERAL' })
    // Other test files share this database and bulk-evaluate its production flags.
    await db.flag.delete({ where: { key } })
    invalidateSnapshot()
  })

  it('401 without a key and 403 without the scope, in the general error shape', async () => {
    const none = await single(request('/ofrep/v1/evaluate/flags/x', { method: 'POST', body: {} }), routeParams({ key: 'x' }))
    expect(none.status).toBe(401)
    expect(Object.keys(await none.json())).toEqual(['errorDetails'])
    const wrong = (await createApiKey(['read'])).key
    const res = await evaluate(keys.static!, {}, { authorization: `Bearer ${wrong}` })
    expect(res.status).toBe(403)
  })

  it('counts evaluations per variant in memory', async () => {
    const { drainCounts } = await import('./stats-counter')
    drainCounts()
    await evaluate(keys.static!, {})
    await evaluate(keys.static!, {})
    const rows = drainCounts().filter((r) => r.flagKey === keys.static)
    expect(rows).toEqual([expect.objectContaining({ environment: 'production', variant: 'on', count: 2 })])
  })
})

describe('OFREP bulk evaluation', () => {
  it('evaluates every flag of the environment, with an ETag; If-None-Match → 304', async () => {
    const res = await evaluateAll({ context: { targetingKey: 'u-9', department: 'emergency' } })
    expect(res.status).toBe(200)
    const etag = res.headers.get('etag')!
    expect(etag).toMatch(/^".+"$/)
    const { flags } = (await res.json()) as { flags: { key: string; value?: unknown; reason?: string; errorCode?: string }[] }
    const byKey = new Map(flags.map((f) => [f.key, f]))
    expect(byKey.get(keys.static!)).toMatchObject({ value: true, reason: 'STATIC' })
    expect(byKey.get(keys.targeted!)).toMatchObject({ value: true, reason: 'TARGETING_MATCH' })
    expect(byKey.get(keys.killed!)).toMatchObject({ reason: 'DISABLED' })

    const again = await evaluateAll({ context: { targetingKey: 'u-9', department: 'emergency' } }, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    expect(await again.text()).toBe('')
    expect((await evaluateAll({ context: { targetingKey: 'u-9', department: 'emergency' } }, { 'if-none-match': `W/${etag}, "x"` })).status).toBe(304)

    const other = await evaluateAll({ context: { targetingKey: 'u-10' } }, { 'if-none-match': etag })
    expect(other.status).toBe(200)
    expect(other.headers.get('etag')).not.toBe(etag)
  })

  it('a change gives a new ETag and new values', async () => {
    const ctx = { context: { targetingKey: 'u-11' } }
    const first = await evaluateAll(ctx)
    const etag = first.headers.get('etag')!
    await updateEnvironment(systemActor(), keys.static!, 'production', { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'off' } })
    const second = await evaluateAll(ctx, { 'if-none-match': etag })
    expect(second.status).toBe(200)
    const { flags } = (await second.json()) as { flags: { key: string; value?: unknown }[] }
    expect(flags.find((f) => f.key === keys.static)).toMatchObject({ value: false })
    await updateEnvironment(systemActor(), keys.static!, 'production', { enabled: true, offVariant: 'off', rules: [], defaultServe: on })
  })

  it('reports per-flag failures inside the list and request failures as 400 { errorCode, errorDetails }', async () => {
    const res = await evaluateAll({ context: {} })
    const { flags } = (await res.json()) as { flags: { key: string; errorCode?: string }[] }
    expect(flags.find((f) => f.key === keys.split)).toMatchObject({ errorCode: 'TARGETING_KEY_MISSING' })
    const bad = await bulk(request('/ofrep/v1/evaluate/flags', { method: 'POST', raw: 'nope', headers: { authorization: `Bearer ${prodKey}`, 'content-type': 'application/json' } }))
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ errorCode: 'PARSE_ERROR' })
  })
})

describe('OFREP configuration', () => {
  it('describes polling and supported types, with an ETag', async () => {
    const res = await configuration(request('/ofrep/v1/configuration', { headers: { authorization: `Bearer ${prodKey}` } }))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      name: 'Wardroom',
      capabilities: {
        cacheInvalidation: { polling: { enabled: true, minPollingIntervalMs: 1000 } },
        flagEvaluation: { supportedTypes: ['boolean', 'string', 'int', 'float', 'object'] },
      },
    })
    const etag = res.headers.get('etag')!
    const again = await configuration(request('/ofrep/v1/configuration', { headers: { authorization: `Bearer ${prodKey}`, 'if-none-match': etag } }))
    expect(again.status).toBe(304)
  })
})

describe('snapshot refresh across instances', () => {
  it('picks up a change written by another instance within about a second', async () => {
    const key = flagKey('ofrep_remote')
    await makeFlag({ key }, { production: { enabled: true, offVariant: 'off', rules: [], defaultServe: on } })
    expect(await (await evaluate(key, {})).json()).toMatchObject({ value: true })
    // Another instance: writes the row and bumps the version, without touching this process's snapshot.
    const started = Date.now()
    await db.$transaction(async (tx) => {
      const flag = await tx.flag.findUniqueOrThrow({ where: { key } })
      await tx.flagEnvironment.update({ where: { flagId_environment: { flagId: flag.id, environment: 'production' } }, data: { killed: true, version: { increment: 1 } } })
      await bumpFlagsVersion(tx)
    })
    let value: unknown = true
    while (Date.now() - started < 3000) {
      value = ((await (await evaluate(key, {})).json()) as { value: unknown }).value
      if (value === false) break
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(value).toBe(false)
    expect(Date.now() - started).toBeLessThan(1600)
  })
})
