/**
 * Flag changes pushed over server-sent events (OpenFeature ADR-0008): the bulk evaluation's
 * refreshConnections, the stream's authentication, and a refetchEvaluation event after a kill switch, made
 * here or committed by another instance (a NOTIFY from another connection).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '@/lib/auth/actor'
import { db, getPool } from '@/lib/db'
import { GET as events } from '@/app/ofrep/v1/events/route'
import { POST as bulk } from '@/app/ofrep/v1/evaluate/flags/route'
import { createApiKey, request } from '@/test/factories'
import { flagKey, makeFlag } from '@/test/flag-factories'
import { refetchEvent, streamToken, verifyStreamToken } from './change-stream'
import { setKillSwitch } from './commands/environments'
import { environmentOf, getSnapshot } from './snapshot'

// Development: the environment other tests touch least (each test waits for its own change's version).
const ENV = 'development'
process.env.WARDROOM_SECRET ??= 'change-stream-test-secret-0123456789'
let apiKey: { key: string; id: string }
let flag: string
const open: AbortController[] = []

beforeAll(async () => {
  apiKey = await createApiKey(['flags:evaluate'], ENV)
  flag = flagKey('sse')
  await makeFlag({ key: flag }, { [ENV]: { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'on' } } })
})
afterAll(() => open.forEach((c) => c.abort()))

/** Opens the stream and returns a reader of its text, chunk by chunk, until `match` is seen. */
async function connect(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  open.push(controller)
  const res = await events(request(url, { headers, signal: controller.signal }))
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  let seen = ''
  const until = async (match: RegExp, timeoutMs = 5000): Promise<string> => {
    const deadline = Date.now() + timeoutMs
    while (!match.test(seen)) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`no ${match} in ${JSON.stringify(seen)}`)
      const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))])
      if (next === null) continue
      if (next.done) throw new Error(`stream ended: ${JSON.stringify(seen)}`)
      seen += next.value
    }
    return seen
  }
  return { res, until, close: () => controller.abort() }
}

describe('refreshConnections in the bulk evaluation', () => {
  it('names the key’s stream, and the ETag does not change because of it', async () => {
    const call = () => bulk(request('/ofrep/v1/evaluate/flags', { method: 'POST', body: { context: { targetingKey: 'u-1' } }, headers: { authorization: `Bearer ${apiKey.key}`, host: 'flags.example.org' } }))
    const first = await call()
    const body = (await first.json()) as { flags: unknown[]; refreshConnections: { type: string; url: string; inactivityDelaySec: number }[] }
    expect(body.flags.length).toBeGreaterThan(0)
    expect(body.refreshConnections).toEqual([{ type: 'sse', url: `http://flags.example.org/ofrep/v1/events?token=${encodeURIComponent(streamToken(apiKey.id)!)}`, inactivityDelaySec: 120 }])
    expect((await call()).headers.get('etag')).toBe(first.headers.get('etag'))
  })
})

describe('GET /ofrep/v1/events', () => {
  it('streams a refetchEvaluation event when the environment’s flag is killed', async () => {
    const stream = await connect(`/ofrep/v1/events?token=${encodeURIComponent(streamToken(apiKey.id)!)}`)
    expect(stream.res.status).toBe(200)
    expect(stream.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    await stream.until(/retry: 2000\n/)
    await setKillSwitch(systemActor(), flag, ENV, true)
    const version = environmentOf(await getSnapshot(), ENV).version
    const text = await stream.until(new RegExp(`id: ${version}\\nevent: message\\ndata: .*\\n\\n`))
    const data = JSON.parse(new RegExp(`id: ${version}\\nevent: message\\ndata: (.*)\\n`).exec(text)![1]!) as { type: string; etag: string; lastModified: number }
    expect(data).toEqual({ type: 'refetchEvaluation', etag: version, lastModified: expect.any(Number) })
    stream.close()
  })

  it('hears a change another instance commits (NOTIFY from another connection)', async () => {
    const stream = await connect('/ofrep/v1/events', { authorization: `Bearer ${apiKey.key}` })
    await stream.until(/retry: /)
    // As another instance's flag command would: change the row, bump the version, notify, commit.
    const other = await getPool().connect()
    try {
      await other.query('BEGIN')
      await other.query(`UPDATE "FlagEnvironment" SET killed = NOT killed, version = version + 1, "updatedAt" = now() WHERE environment = $1 AND "flagId" = (SELECT id FROM "Flag" WHERE key = $2)`, [ENV, flag])
      await other.query(`SELECT pg_notify('wardroom_flags', '')`)
      await other.query('COMMIT')
    } finally {
      other.release()
    }
    await stream.until(/"type":"refetchEvaluation"/)
    stream.close()
    const listening = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN wardroom_flags'`
    expect(Number(listening[0]!.n)).toBeGreaterThan(0)
  })

  it('sends a missed change at once to a client reconnecting with an older Last-Event-ID', async () => {
    const stream = await connect(`/ofrep/v1/events?token=${encodeURIComponent(streamToken(apiKey.id)!)}`, { 'last-event-id': 'an-older-version' })
    const version = environmentOf(await getSnapshot(), ENV).version
    await stream.until(new RegExp(`id: ${version}\\nevent: message`))
    stream.close()
  })

  it.each([
    ['no credentials', '/ofrep/v1/events', {}],
    ['a forged token', `/ofrep/v1/events?token=00000000-0000-0000-0000-000000000000.${'x'.repeat(32)}`, {}],
    ['a malformed token', '/ofrep/v1/events?token=nonsense', {}],
    ['a wrong key', '/ofrep/v1/events', { authorization: 'Bearer wr_live_nope' }],
  ])('refuses %s with 401 in OFREP’s error shape', async (_name, url, headers: Record<string, string>) => {
    const res = await events(request(url, { headers }))
    expect(res.status).toBe(401)
    expect(((await res.json()) as { errorDetails: string }).errorDetails).toBeTruthy()
  })

  it('stops accepting the token of a revoked key, and of a key without flags:evaluate', async () => {
    const revoked = await createApiKey(['flags:evaluate'], ENV)
    await db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } })
    expect(await verifyStreamToken(streamToken(revoked.id)!)).toBeNull()
    const readOnly = await createApiKey(['read'], ENV)
    expect(await verifyStreamToken(streamToken(readOnly.id)!)).toBeNull()
    expect((await events(request(`/ofrep/v1/events?token=${encodeURIComponent(streamToken(readOnly.id)!)}`))).status).toBe(401)
    expect(await verifyStreamToken(streamToken(apiKey.id)!)).toMatchObject({ id: apiKey.id, environment: ENV })
  })
})

describe('refetchEvent', () => {
  it('writes ADR-0008’s event with the version as id and etag and the time in Unix seconds', () => {
    expect(refetchEvent('v1abc', 1_771_622_898_765)).toBe('id: v1abc\nevent: message\ndata: {"type":"refetchEvaluation","etag":"v1abc","lastModified":1771622898}\n\n')
  })
})
