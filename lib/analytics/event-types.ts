/**
 * The event schema registry's write side: registering an event type (from quarantine or new) with its
 * allowed properties and owner, or sending one back to quarantine. PMs (analytics:manage), audited. Events
 * already stored in quarantine keep the properties they were stored with (none): registration applies to
 * events that arrive from then on (within the registry cache's 10 s on every instance).
 */
import { z } from 'zod'
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { inTransaction } from '../tx'
import { clearRegistryCache } from './registry'
import { EventName } from './schema'

export const EventTypeInput = z.object({
  name: EventName.refine((n) => !n.startsWith('$'), 'Names starting with $ are built in'),
  status: z.enum(['registered', 'quarantined']).default('registered'),
  properties: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'Property names are letters, digits and _'), z.enum(['string', 'number', 'boolean'])).default({}),
  owner: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(500).optional(),
})
export type EventTypeInput = z.infer<typeof EventTypeInput>

export async function saveEventType(actor: Actor, raw: EventTypeInput): Promise<{ created: boolean }> {
  authorize(actor, 'analytics:manage')
  const input = EventTypeInput.parse(raw)
  const result = await inTransaction(async (tx) => {
    const existing = await tx.analyticsEventType.findUnique({ where: { name: input.name }, select: { status: true } })
    const data = { status: input.status, properties: input.properties, owner: input.owner ?? null, description: input.description ?? null }
    await tx.analyticsEventType.upsert({ where: { name: input.name }, create: { name: input.name, ...data }, update: data })
    await recordAudit(
      actor,
      {
        action: input.status === 'registered' ? 'analytics.event_type.register' : 'analytics.event_type.quarantine',
        targetType: 'analytics_event_type',
        targetId: input.name,
        summary: { name: input.name, from: existing?.status ?? null, properties: Object.keys(input.properties) },
      },
      tx,
    )
    return { created: !existing }
  })
  clearRegistryCache()
  return result
}
