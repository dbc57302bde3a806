/** Registering a quarantined event: PMs only, audited, and properties are kept from the next event on. */
import { describe, expect, it } from 'vitest'
import { actorOfApiKey, actorOfUser } from '@/lib/auth/actor'
import { db, getPool } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { ingestAnalyticsEvents } from './commands'
import { EventTypeInput, saveEventType } from './event-types'
import { analyticsKey, pseudonymizer } from './pseudonym'

process.env.WARDROOM_ANALYTICS_KEY = 'analytics-test-key-0123456789abcdef'
const key = actorOfApiKey({ id: uid('k'), name: 'test', prefix: 'wr_x', scopes: ['events:write'], environment: 'production' })

async function propertiesOf(userId: string) {
  const { rows } = await getPool().query<{ properties: Record<string, unknown> }>(`SELECT properties FROM "AnalyticsEvent" WHERE "userKey" = $1 ORDER BY id`, [
    pseudonymizer(analyticsKey()!)('user', userId),
  ])
  return rows.map((r) => r.properties)
}

describe('saveEventType', () => {
  it('takes an event out of quarantine: the next events keep their registered properties', async () => {
    const name = uid('sepsis_alert_shown').replace(/-/g, '_')
    const userId = uid('user')
    await ingestAnalyticsEvents(key, [{ userId, event: name, metadata: { score: 7, note: 'x' } }], 'guide')
    expect(await db.analyticsEventType.findUnique({ where: { name } })).toMatchObject({ status: 'quarantined' })

    const pm = actorOfUser(await createUser('pm'))
    expect(await saveEventType(pm, EventTypeInput.parse({ name, properties: { score: 'number' }, owner: 'sepsis-ai' }))).toEqual({ created: false })
    await ingestAnalyticsEvents(key, [{ userId, event: name, metadata: { score: 7, note: 'x' } }], 'guide')
    expect(await propertiesOf(userId)).toEqual([{}, { score: 7 }])
    expect(await db.analyticsEventType.findUnique({ where: { name } })).toMatchObject({ status: 'registered', owner: 'sepsis-ai', droppedProperties: 3n })
    expect(await db.auditLog.findFirst({ where: { action: 'analytics.event_type.register', targetId: name } })).toMatchObject({ summary: { from: 'quarantined', properties: ['score'] } })
  })

  it('refuses a clinician (403), built-in names and odd property names', async () => {
    const clinician = actorOfUser(await createUser('clinician'))
    await expect(saveEventType(clinician, EventTypeInput.parse({ name: 'x_event' }))).rejects.toMatchObject({ status: 403 })
    expect(EventTypeInput.safeParse({ name: '$page' }).success).toBe(false)
    expect(EventTypeInput.safeParse({ name: 'ok', properties: { 'a b': 'string' } }).success).toBe(false)
    expect(EventTypeInput.safeParse({ name: 'ok', properties: { a: 'date' } }).success).toBe(false)
  })
})
