/**
 * Operations demo data: monitored services and the clinical workflows they serve, the escalation policies
 * of the operations guide, two on-call rotations, notification channels (console and file on; the ones
 * that need a network present but off) and the incident history of lib/seed/incident-stories.ts: a
 * written-out last week with timelines and one postmortem, and about fifteen weeks before it.
 *
 * Written directly with the client (not through ingest) for speed, in the shapes ingest and the lifecycle
 * produce. Idempotent by natural keys: services by key, policies/schedules/channels by name, and the
 * incident history by its `seed:` dedup keys (skipped entirely once present).
 */
import { randomUUID } from 'node:crypto'
import { db as defaultDb, Prisma } from '../db'
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { DEMO_USERS } from './foundation'
import { affectedWorkflows, clinicalImpact } from '../incidents/impact'
import type { AlertSource } from '../incidents/schema'
import { SEVERITY_RANK } from '@/lib/severity'
import { historyStories, RECENT_STORIES, SEED_SERVICES } from './incident-stories'
import { seedLadder } from './ladder'
import { GUIDE_LADDER_NAME } from '../oncall/guide-ladder'

export { SEED_SERVICES } from './incident-stories'

/** The seed writes through `db`, or through a transaction (tests roll the whole seed back). */
type Client = Prisma.TransactionClient

const MIN = 60_000
const HOUR = 60 * MIN

const OPS_WEEKLY = 'Ops weekly rotation'
const CLINICAL_DAILY = 'Clinical AI daily rotation'
/** Operations guide: critical pages at once, high after 5 minutes, medium after 15; low and info never page. */
const SEVERITY_DELAYS = { critical: 0, high: 5, medium: 15 }

const dateOnly = (d: Date) => d.toISOString().slice(0, 10)
function mondayOnOrBefore(d: Date): Date {
  const day = (d.getUTCDay() + 6) % 7
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day))
}

interface SeedPeople {
  priya: { id: string; name: string; email: string }
  tomas: { id: string; name: string; email: string }
  helen: { id: string; name: string; email: string } | null
}

async function people(db: Client): Promise<SeedPeople | null> {
  const emails = DEMO_USERS.map((u) => u.email)
  const rows = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, name: true, email: true } })
  const by = (e: string) => rows.find((r) => r.email === e) ?? null
  const priya = by('ops@demo.wardroom.local')
  const tomas = by('oncall@demo.wardroom.local')
  if (!priya || !tomas) return null
  return { priya, tomas, helen: by('cmo@demo.wardroom.local') }
}

async function seedSchedules(db: Client, p: SeedPeople, now: Date): Promise<Record<string, string>> {
  const defs = [
    { name: OPS_WEEKLY, timezone: 'Europe/London', rotation: 'weekly', handoffTime: '09:00', startDate: dateOnly(mondayOnOrBefore(new Date(now.getTime() - 28 * 24 * HOUR))), participantIds: [p.priya.id, p.tomas.id] },
    { name: CLINICAL_DAILY, timezone: 'Europe/London', rotation: 'daily', handoffTime: '08:00', startDate: dateOnly(new Date(now.getTime() - 14 * 24 * HOUR)), participantIds: [p.tomas.id, p.priya.id] },
  ]
  const ids: Record<string, string> = {}
  for (const d of defs) ids[d.name] = (await db.schedule.upsert({ where: { name: d.name }, create: d, update: {}, select: { id: true } })).id
  return ids
}

async function seedPolicies(db: Client, p: SeedPeople, schedules: Record<string, string>, now: Date, tx?: Client): Promise<Record<string, { id: string }>> {
  const defs = [
    {
      name: 'Clinical AI critical path',
      severityDelays: SEVERITY_DELAYS,
      levels: [
        { delayMinutes: 0, targets: [{ type: 'schedule', id: schedules[CLINICAL_DAILY] }] },
        { delayMinutes: 10, targets: [{ type: 'schedule', id: schedules[OPS_WEEKLY] }] },
        { delayMinutes: 15, targets: [{ type: 'user', id: p.priya.id }] },
      ],
    },
  ]
  // The guides' ladder is the demo's default (and ingest's fallback for services without a policy).
  const ladder = await seedLadder(db, { opsScheduleId: schedules[OPS_WEEKLY]!, cmoId: p.helen?.id ?? null, startDate: dateOnly(mondayOnOrBefore(new Date(now.getTime() - 28 * 24 * HOUR))), tx })
  const out: Record<string, { id: string }> = { [GUIDE_LADDER_NAME]: ladder }
  for (const d of defs) {
    out[d.name] = await db.escalationPolicy.upsert({ where: { name: d.name }, create: d, update: {}, select: { id: true } })
  }
  return out
}

async function seedServices(db: Client, policies: Record<string, { id: string }>) {
  for (const s of SEED_SERVICES) {
    const { policy, ...data } = s
    await db.service.upsert({
      where: { key: s.key },
      create: { ...data, workflows: [...data.workflows], escalationPolicyId: policies[policy]?.id ?? null },
      update: {},
    })
  }
  return db.service.findMany({ where: { key: { in: SEED_SERVICES.map((s) => s.key) } } })
}

async function seedChannels(db: Client) {
  const defs: Prisma.NotificationChannelCreateInput[] = [
    { name: 'Ops console', type: 'console', enabled: true, minSeverity: 'info', config: {} },
    { name: 'Alerts log file', type: 'file', enabled: true, minSeverity: 'low', config: {} },
    // No network in the demo: present with their settings, switched off until someone adds the secrets.
    {
      name: 'On-call e-mail',
      type: 'email',
      enabled: false,
      minSeverity: 'high',
      config: { host: 'smtp.st-aldhelms.example', port: 587, secure: false, from: 'wardroom@st-aldhelms.example', to: ['clinical-ai-oncall@st-aldhelms.example'] },
    },
    { name: '#clinical-ai-ops (Slack)', type: 'slack', enabled: false, minSeverity: 'medium', config: {} },
    { name: 'PagerDuty (hospital IT)', type: 'pagerduty', enabled: false, minSeverity: 'critical', config: { eventsUrl: 'https://events.pagerduty.com/v2/enqueue' } },
    { name: 'ITSM webhook', type: 'webhook', enabled: false, minSeverity: 'high', config: { url: 'https://itsm.st-aldhelms.example/hooks/wardroom' } },
  ]
  for (const d of defs) await db.notificationChannel.upsert({ where: { name: d.name }, create: d, update: {} })
}

const SOURCE_ACTOR: Record<AlertSource, string> = {
  alertmanager: 'key:prometheus-alertmanager',
  api: 'key:prometheus-alertmanager',
  pagerduty: 'key:prometheus-alertmanager',
  probe: 'health-probes',
  feedback: 'feedback-safety-lane',
  slo: 'slo-evaluate',
  flags: 'rollout-advance',
  jobs: 'job-runner',
  security: 'security-scan',
}

async function seedIncidentHistory(db: Client, p: SeedPeople, now: Date): Promise<number> {
  const services = new Map((await db.service.findMany({ include: { escalationPolicy: true } })).map((s) => [s.key, s]))
  const channels = await db.notificationChannel.findMany({ where: { enabled: true } })
  const scheduleNames = [OPS_WEEKLY, CLINICAL_DAILY]
  let n = 0
  // Oldest first, so incident numbers follow the order the incidents opened in.
  const stories = [
    ...historyStories(now).map((s, i) => ({ s, dedupKey: `seed:h${String(i + 1).padStart(3, '0')}` })),
    ...RECENT_STORIES.map((s, i) => ({ s, dedupKey: `seed:${String(i + 1).padStart(2, '0')}` })),
  ]
  for (const [index, { s, dedupKey }] of stories.entries()) {
    const service = services.get(s.service)
    if (!service) continue
    const openedAt = new Date(Math.floor((now.getTime() - s.hoursAgo * HOUR) / 1000) * 1000)
    const t = (minutes: number) => new Date(openedAt.getTime() + minutes * MIN)
    const impact = clinicalImpact(s.severity, affectedWorkflows(service.workflows))
    const who = s.by ? p[s.by] : null
    const ackAt = s.ackAfter !== undefined ? t(s.ackAfter) : null
    const resolvedAt = s.resolveAfter !== undefined ? t(s.resolveAfter) : null
    const status = resolvedAt ? 'resolved' : s.investigateAfter !== undefined ? 'investigating' : ackAt ? 'acknowledged' : 'triggered'
    const policy = service.escalationPolicy
    const delay = (SEVERITY_DELAYS as Record<string, number | undefined>)[impact.severity]
    const firstPage = delay !== undefined && policy ? t(delay) : null
    const paged = firstPage && (!ackAt || ackAt > firstPage) && (!resolvedAt || resolvedAt > firstPage) && firstPage <= now
    const alertCount = 1 + (s.repeats ?? 0)
    const fingerprint = s.source === 'alertmanager' ? randomUUID().replace(/-/g, '').slice(0, 16) : s.source === 'pagerduty' ? dedupKey : null
    const alertRows = Array.from({ length: alertCount }, (_, i) => ({
      id: randomUUID(),
      source: s.source,
      severity: s.severity,
      system: s.system,
      serviceKey: service.key,
      message: s.message,
      dedupKey,
      fingerprint,
      status: resolvedAt ? 'resolved' : 'firing',
      details: s.source === 'alertmanager' ? { labels: { alertname: s.system, service: service.key, severity: s.severity } } : Prisma.DbNull,
      occurredAt: t(i * 4),
      receivedAt: t(i * 4),
      resolvedAt,
    }))
    const incident = await db.incident.create({
      data: {
        title: s.message,
        severity: impact.severity,
        status,
        dedupKey,
        serviceId: service.id,
        workflows: impact.workflows,
        assigneeId: who?.id ?? null,
        escalationPolicyId: policy?.id ?? null,
        escalationLevel: paged ? 1 : 0,
        nextEscalationAt: status === 'triggered' && firstPage && !paged ? firstPage : null,
        alertCount,
        openAlertCount: resolvedAt ? 0 : alertCount,
        triggeredAt: openedAt,
        lastAlertAt: alertRows[alertRows.length - 1]!.receivedAt,
        acknowledgedAt: ackAt,
        resolvedAt,
        createdAt: openedAt,
        alerts: { create: alertRows },
      },
    })
    const events: Prisma.IncidentEventCreateManyInput[] = []
    const ev = (at: Date, type: string, actorLabel: string, data: Record<string, unknown>) =>
      events.push({ incidentId: incident.id, at, type, actorLabel, data: data as Prisma.InputJsonValue })
    const first = alertRows[0]!
    ev(openedAt, 'alert', SOURCE_ACTOR[s.source], { alertId: first.id, source: s.source, severity: s.severity, message: s.message, opened: true })
    if (impact.raisedFrom) ev(openedAt, 'severity', 'system', { from: impact.raisedFrom, to: impact.severity, reason: impact.reason })
    for (const c of channels.filter((c) => SEVERITY_RANK[impact.severity] <= SEVERITY_RANK[c.minSeverity])) {
      ev(new Date(openedAt.getTime() + 20_000), 'notification', 'notification-delivery', { channel: c.name, channelType: c.type, kind: 'trigger', outcome: 'delivered', attempt: 1 })
    }
    if (paged && firstPage) {
      const onCall = index % 2 === 0 ? p.tomas : p.priya
      ev(firstPage, 'escalation', 'system', {
        level: 1,
        policy: policy?.name ?? null,
        targets: [{ type: 'schedule', name: policy?.name === GUIDE_LADDER_NAME ? scheduleNames[0] : scheduleNames[1], user: onCall.name }],
      })
    }
    if (alertCount > 1 && s.repeats && s.repeats >= 3) {
      ev(alertRows[alertRows.length - 1]!.receivedAt, 'alert', SOURCE_ACTOR[s.source], {
        alertId: alertRows[alertRows.length - 1]!.id, source: s.source, severity: s.severity, message: s.message, repeated: alertCount,
      })
    }
    if (ackAt && who) {
      ev(ackAt, 'status', who.email, { from: 'triggered', to: 'acknowledged' })
      ev(ackAt, 'assignment', who.email, { from: null, to: who.id, toName: who.name })
    }
    if (s.investigateAfter !== undefined && who) ev(t(s.investigateAfter), 'status', who.email, { from: 'acknowledged', to: 'investigating' })
    for (const note of s.notes ?? []) if (who && (!resolvedAt || t(note.after) <= resolvedAt)) ev(t(note.after), 'note', who.email, { text: note.text })
    if (resolvedAt) {
      const from = s.investigateAfter !== undefined ? 'investigating' : ackAt ? 'acknowledged' : 'triggered'
      if (s.autoResolved) {
        ev(resolvedAt, 'alert_resolved', SOURCE_ACTOR[s.source], { count: alertCount, remaining: 0 })
        ev(resolvedAt, 'status', SOURCE_ACTOR[s.source], { from, to: 'resolved', reason: 'All alerts resolved', auto: true })
      } else {
        const resolver = who ?? p.priya
        ev(resolvedAt, 'status', resolver.email, { from, to: 'resolved', reason: 'Recovered and verified' })
      }
      for (const c of channels.filter((c) => SEVERITY_RANK[impact.severity] <= SEVERITY_RANK[c.minSeverity])) {
        ev(new Date(resolvedAt.getTime() + 20_000), 'notification', 'notification-delivery', { channel: c.name, channelType: c.type, kind: 'resolve', outcome: 'delivered', attempt: 1 })
      }
    }
    await db.incidentEvent.createMany({ data: events })
    if (s.postmortem && resolvedAt) await seedPostmortem(db, incident.id, p, resolvedAt)
    n++
  }
  return n
}

async function seedPostmortem(db: Client, incidentId: string, p: SeedPeople, resolvedAt: Date) {
  const due = (days: number) => dateOnly(new Date(resolvedAt.getTime() + days * 24 * HOUR))
  await db.postmortem.create({
    data: {
      incidentId,
      summary:
        'The triage model over-estimated acuity for arrivals with a lactate result for 2 h 35 min after a lab-system upgrade changed the unit of lactate on the vitals feed.',
      rootCause:
        'The lab system upgrade switched lactate from mmol/L to mg/dL without a change notice. The feature pipeline accepted the values without a unit or range check, so the model read them about nine times too high.',
      impact:
        'About 14% of emergency department arrivals in the window received an over-acuity triage suggestion. Charge nurses were alerted after 41 minutes and overrode affected suggestions; the clinical safety officer found no patient harm.',
      actions: [
        { id: randomUUID(), text: 'Validate units and plausible ranges of every vitals feature before scoring', ownerId: p.priya.id, dueDate: due(7), done: false },
        { id: randomUUID(), text: 'Alert at critical on input distribution shift per feature (PSI above 0.25)', ownerId: p.tomas.id, dueDate: due(14), done: false },
        { id: randomUUID(), text: 'Agree a change-notice process with lab systems for feed schema changes', ownerId: p.helen?.id ?? p.priya.id, dueDate: due(3), done: true },
      ],
      updatedAt: new Date(resolvedAt.getTime() + 26 * HOUR),
    },
  })
  await db.incidentEvent.create({
    data: { incidentId, at: new Date(resolvedAt.getTime() + 26 * HOUR), type: 'postmortem', actorLabel: p.priya.email, data: { created: true, fields: ['summary', 'rootCause', 'impact', 'actions'] } },
  })
}

export async function seedIncidents(log: (m: string) => void, opts: { now?: Date; tx?: Client } = {}): Promise<void> {
  const client: Client = opts.tx ?? defaultDb
  const now = opts.now ?? new Date()
  const p = await people(client)
  if (!p) {
    log('incidents: demo ops users missing; skipped')
    return
  }
  const schedules = await seedSchedules(client, p, now)
  const policies = await seedPolicies(client, p, schedules, now, opts.tx)
  await seedServices(client, policies)
  await seedChannels(client)
  const seeded = await client.incident.count({ where: { dedupKey: { startsWith: 'seed:' } } })
  const created = seeded > 0 ? 0 : await seedIncidentHistory(client, p, now)
  if (created > 0) {
    await recordAudit(
      SYSTEM_ACTOR,
      {
        action: 'incident.seed',
        targetType: 'incident',
        summary: { services: SEED_SERVICES.length, policies: Object.keys(policies).length, schedules: Object.keys(schedules).length, incidents: created, source: 'demo seed' },
        count: created,
      },
      opts.tx,
    )
  }
  log(`incidents: ${SEED_SERVICES.length} services, 2 escalation policies (one the guides' ladder), 3 on-call rotations, 6 channels, ${created || seeded} incidents${created ? '' : ' (already seeded)'}`)
}
