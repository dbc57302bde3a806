/**
 * The operations guides' escalation ladder in the demo (lib/oncall/guide-ladder.ts): L1 the operations
 * team (the ops weekly rotation), L2 the engineering leads (a weekly rotation of two), L3 the VP of
 * engineering, L4 the executive team (the CMO and the chief executive). The people beyond the ops team
 * exist to be paged: they have no password (they cannot sign in until an administrator resets one).
 * Idempotent by e-mail and name; called by seedIncidents, which passes its client (tests roll it back).
 */
import type { Prisma } from '../db'
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { GUIDE_LADDER, GUIDE_LADDER_NAME } from '../oncall/guide-ladder'
import type { Role } from '../rbac'

type Client = Prisma.TransactionClient

export const ENGINEERING_LEADS = 'Engineering leads rotation'

/** People who are paged but do not sign in; '!' is no scrypt hash, so every password check fails. */
export const LADDER_PEOPLE: { email: string; name: string; role: Role }[] = [
  { email: 'eng-lead@demo.wardroom.local', name: 'Ravi Menon', role: 'ops' },
  { email: 'eng-lead2@demo.wardroom.local', name: 'Sofia Berg', role: 'ops' },
  { email: 'vp-eng@demo.wardroom.local', name: 'Marcus Hale', role: 'executive' },
  { email: 'ceo@demo.wardroom.local', name: 'Eleanor Voss', role: 'executive' },
]
const NO_PASSWORD = '!'

/** `tx`: the seed's transaction when it runs in one (audit rows then join it), as seedIncidents passes it. */
export async function seedLadder(db: Client, opts: { opsScheduleId: string; cmoId: string | null; startDate: string; tx?: Client }): Promise<{ id: string }> {
  const existing = new Set((await db.user.findMany({ where: { email: { in: LADDER_PEOPLE.map((p) => p.email) } }, select: { email: true } })).map((u) => u.email))
  for (const p of LADDER_PEOPLE.filter((p) => !existing.has(p.email))) {
    await db.user.create({ data: { ...p, passwordHash: NO_PASSWORD } })
    await recordAudit(SYSTEM_ACTOR, { action: 'user.create', targetType: 'user', targetId: p.email, summary: { role: p.role, source: 'demo seed', signIn: false } }, opts.tx)
  }
  const ids = new Map((await db.user.findMany({ where: { email: { in: LADDER_PEOPLE.map((p) => p.email) } }, select: { id: true, email: true } })).map((u) => [u.email, u.id]))
  const id = (email: string) => ids.get(email)!
  const leads = await db.schedule.upsert({
    where: { name: ENGINEERING_LEADS },
    create: {
      name: ENGINEERING_LEADS,
      timezone: 'Europe/London',
      rotation: 'weekly',
      handoffTime: '09:00',
      startDate: opts.startDate,
      participantIds: [id('eng-lead@demo.wardroom.local'), id('eng-lead2@demo.wardroom.local')],
    },
    update: {},
    select: { id: true },
  })
  const executives = [...(opts.cmoId ? [opts.cmoId] : []), id('ceo@demo.wardroom.local')]
  const targets = [
    [{ type: 'schedule', id: opts.opsScheduleId }],
    [{ type: 'schedule', id: leads.id }],
    [{ type: 'user', id: id('vp-eng@demo.wardroom.local') }],
    executives.map((userId) => ({ type: 'user', id: userId })),
  ]
  const policy = {
    name: GUIDE_LADDER_NAME,
    severityDelays: GUIDE_LADDER.severityDelays,
    levels: GUIDE_LADDER.levelDelays.map((delayMinutes, i) => ({ delayMinutes, targets: targets[i]! })),
    emergencyIntervalMinutes: GUIDE_LADDER.emergencyIntervalMinutes,
  }
  return db.escalationPolicy.upsert({ where: { name: GUIDE_LADDER_NAME }, create: policy, update: {}, select: { id: true } })
}
