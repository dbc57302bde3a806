/**
 * What some demo flags have been through beyond being created and switched on, as FlagEvent rows plus the
 * rows those events left behind: ai_engine_v2's live canary at stage 2 (25 %), sepsis_alert_model's
 * automatic rollback with its FDA approval and a pending 4-eyes request, a kill switch, a HIPAA review and
 * the stale mark. Actors are the demo people's e-mail addresses, or the job that acted.
 */
import { ago, HOUR, type Client, type SeedFlag } from './catalogue'
import type { ComplianceKind, Environment, FlagEventType } from '../../flags/schema'

export type SeedEvent = { at: Date; type: FlagEventType; actor: string; environment?: Environment | null; data?: Record<string, unknown> }

export interface SeedPeople {
  jonah: { id: string; email: string } | null
  amara: { id: string; email: string } | null
}

export interface HistoryContext {
  client: Client
  now: Date
  people: SeedPeople
  /** Actor labels of the product managers (their addresses even when the users are missing). */
  jonah: string
  amara: string
}

export interface History {
  events: SeedEvent[]
  /** Changes to the catalogue entry decided at seed time (the canary's guarded SLOs). */
  flag?: Partial<SeedFlag>
  /** Rows written once the flag exists. */
  rows?: (flagId: string) => Promise<void>
}

/** Guarded SLOs for the live canary are chosen at seed time so the demo rollout is not rolled back on arrival. */
const CANARY_GUARD_CANDIDATES = ['patient_response_time', 'system_availability', 'emergency_triage_response_time', 'triage_api_availability']

/** Guarded SLOs with few enough violations (and none open) since `since` that the canary keeps running. */
async function quietSlos(client: Client, since: Date): Promise<string[]> {
  const slos = await client.slo.findMany({ where: { key: { in: CANARY_GUARD_CANDIDATES } }, select: { id: true, key: true } })
  const out: string[] = []
  for (const s of slos) {
    const recent = await client.sloViolation.count({ where: { sloId: s.id, openedAt: { gte: since } } })
    const open = await client.sloViolation.count({ where: { sloId: s.id, resolvedAt: null } })
    if (recent <= 1 && open === 0) out.push(s.key)
    if (out.length === 2) break
  }
  return out
}

const STAGES = [5, 25, 50, 100]

/** A production rollout on the default plan (5 → 25 → 50 → 100 %, a day apart, 3 violations allowed): its start event and its plan row. */
function rollout(c: HistoryContext, variant: string, startedAt: Date, plan: { currentStage: number; percentage: number; status: string; nextStageAt: Date | null; pausedReason?: string }) {
  return {
    started: { at: startedAt, type: 'rollout_started', actor: c.jonah, environment: 'production', data: { variant, stages: STAGES, stageIntervalHours: 24, percentage: 5 } } satisfies SeedEvent,
    write: (flagId: string) =>
      c.client.rolloutPlan.create({
        data: { flagId, environment: 'production', variant, stages: STAGES, stageIntervalHours: 24, violationThreshold: 3, startedAt, ...plan },
      }),
  }
}

const advanced = (at: Date, from: number, to: number, stage: number): SeedEvent => ({ at, type: 'rollout_advanced', actor: 'rollout-advance', environment: 'production', data: { from, to, stage } })

/** Compliance evidence recorded by Amara: its history event and its record. */
function evidence(c: HistoryContext, daysAgo: number, kind: ComplianceKind, reference: string, date: string, scope: string) {
  return {
    event: { at: ago(c.now, daysAgo), type: 'compliance_recorded', actor: c.amara, data: { kind, reference, date } } satisfies SeedEvent,
    write: (flagId: string) =>
      c.client.complianceRecord.create({ data: { flagId, kind, reference, date, scope, recordedById: c.people.amara?.id ?? null, createdAt: ago(c.now, daysAgo) } }),
  }
}

export const HISTORIES: Partial<Record<string, (c: HistoryContext) => Promise<History>>> = {
  // Stage 2 (25 %) reached 6 h ago; the next step is due in 18 h.
  async ai_engine_v2(c) {
    const reached = new Date(c.now.getTime() - 6 * HOUR)
    const started = new Date(reached.getTime() - 24 * HOUR)
    const plan = rollout(c, 'on', started, { currentStage: 1, percentage: 25, status: 'running', nextStageAt: new Date(reached.getTime() + 24 * HOUR) })
    return {
      flag: { guardedSloKeys: await quietSlos(c.client, started) },
      events: [plan.started, advanced(reached, 5, 25, 1)],
      rows: async (id) => void (await plan.write(id)),
    }
  },

  async sepsis_alert_model(c) {
    const rolledBack = ago(c.now, 2.5)
    const reason = '4 violations of patient_response_time during rollout: 50 % → 25 %'
    const plan = rollout(c, 'v2', ago(c.now, 5), { currentStage: 1, percentage: 25, status: 'rolled_back', nextStageAt: null, pausedReason: reason })
    const fda = evidence(c, 38, 'fda_approval', 'K243117', '2025-12-18', 'Early-warning sepsis risk scoring for adult inpatients (adjunct to clinical judgement)')
    const { jonah } = c.people
    return {
      events: [
        fda.event,
        { at: ago(c.now, 5.2), type: 'change_requested', actor: c.jonah, environment: 'production', data: { kind: 'rollout_start', summary: 'Start a rollout of v2 (5 → 25 → 50 → 100 %)' } },
        { at: ago(c.now, 5.1), type: 'change_approved', actor: c.amara, environment: 'production', data: { kind: 'rollout_start' } },
        plan.started,
        advanced(ago(c.now, 4), 5, 25, 1),
        advanced(ago(c.now, 3), 25, 50, 2),
        { at: rolledBack, type: 'rollback_automatic', actor: 'rollout-advance', environment: 'production', data: { sloKey: 'patient_response_time', violations: 4, threshold: 3, from: 50, to: 25, reason } },
      ],
      rows: async (flagId) => {
        await plan.write(flagId)
        await fda.write(flagId)
        // A pending 4-eyes request: Jonah asks to resume the canary; someone else must approve it.
        if (!jonah) return
        const at = ago(c.now, 0.1)
        await c.client.flagChangeRequest.create({
          data: { flagId, environment: 'production', payload: { kind: 'rollout_resume' }, reason: 'Latency fix deployed in sepsis-transformer 1.0.1; resume the canary at 25 %.', requestedById: jonah.id, createdAt: at },
        })
        await c.client.flagEvent.create({ data: { flagId, at, type: 'change_requested', actorLabel: c.jonah, environment: 'production', data: { kind: 'rollout_resume', summary: 'Resume the rollout' } } })
      },
    }
  },

  async legacy_dose_checker_fallback(c) {
    return { events: [{ at: ago(c.now, 1), type: 'kill_switch_on', actor: 'ops@demo.wardroom.local', environment: 'production', data: { killed: true } }] }
  },

  async patient_summary_llm(c) {
    const hipaa = evidence(c, 12, 'hipaa_review', 'PRIV-2026-014', '2026-01-09', 'Minimum necessary PHI: problem list, medications, last 48 h of vitals')
    return { events: [hipaa.event], rows: async (id) => void (await hipaa.write(id)) }
  },

  async alert_routing_config(c) {
    return { events: [{ at: ago(c.now, 15), type: 'lifecycle_stale', actor: 'flag-stale', data: { unchangedDays: 30 } }] }
  },
}
