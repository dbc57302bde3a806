/**
 * The slo-evaluate job's work: burn rates of every SLO over 5 m … 3 d from rollups (one statement for all
 * SLOs), the multi-window rules, and the violations that follow.
 *
 * - One open violation per SLO and severity (page, ticket). A rule firing with none open opens one and
 *   raises an incident through the ordinary alert ingest (dedup key `slo:<key>:<severity>`): page → critical
 *   when the 1 h rule fired, else high; ticket → medium. No ticket opens while the SLO pages (the page
 *   already has people on it); it opens on a later run if its rule still fires once the page clears.
 * - A violation whose severity no longer fires resolves, and so do the incident's alerts of its key (the
 *   incident resolves with them when its service auto-resolves).
 * - The numbers each decision used (burn rates, thresholds, event counts) are stored with the violation.
 * - The owner's switches (issue 12): page and ticket alerts can each be off, and an archived SLO raises
 *   nothing (its open violations resolve). An SLO with its own escalation policy routes its new incidents
 *   there (routing.ts).
 */
import { db, Prisma } from '../db'
import { type Severity } from '@/lib/severity'
import { systemActor } from '@/lib/auth/actor'
import { resolveAlertsByKey } from '../incidents/alert-lifecycle'
import { ingestAlert } from '../incidents/ingest'

import { logger } from '../logger'
import { actingRules, burnState, publicRates, workingsOf, type BurnState } from './burn-state'
import { routeToSloPolicy } from './routing'
import { readBurnSums } from './sums'
import type { AlertSeverity, RuleWorkings, ViolationWorkings } from './types'
import { sloWindow, windowHours } from './windows'
import type { Slo } from '../generated/prisma/client'

export const SLO_ACTOR = systemActor('slo-evaluate')
export const SLO_ALERT_SYSTEM = 'sla_monitoring'

export const sloDedupKey = (sloKey: string, severity: AlertSeverity) => `slo:${sloKey}:${severity}`

export interface EvaluateResult {
  slos: number
  firing: number
  opened: number
  resolved: number
  errors: number
}

export function incidentSeverity(rule: RuleWorkings): Severity {
  if (rule.severity === 'ticket') return 'medium'
  return rule.rule === 'page_1h' ? 'critical' : 'high'
}

/** PHI-free: the SLO key, the burn rate and the kind of alert. */
export function violationMessage(sloKey: string, rule: RuleWorkings, target: number): string {
  if (rule.longBurnRate === null && target >= 1) return `SLO ${sloKey} failing its 100 % objective (${rule.severity})`
  return `SLO ${sloKey} burning error budget ${(rule.longBurnRate ?? 0).toFixed(1)}× (${rule.severity})`
}

async function openViolation(slo: Slo, rule: RuleWorkings, state: BurnState, now: Date): Promise<void> {
  const workings = workingsOf(slo, state, now)
  const { incidentId } = await ingestAlert(
    SLO_ACTOR,
    {
      source: 'slo',
      severity: incidentSeverity(rule),
      system: SLO_ALERT_SYSTEM,
      message: violationMessage(slo.key, rule, slo.target),
      occurredAt: now,
      dedupKey: sloDedupKey(slo.key, rule.severity),
      serviceKey: slo.service,
      workflows: slo.workflow ? [slo.workflow] : undefined,
      details: { slo: slo.key, rule: rule.rule, threshold: rule.threshold, burnRates: workings.burnRates, events: workings.events },
    },
  )
  if (slo.escalationPolicyId) await routeToSloPolicy(incidentId, slo.escalationPolicyId)
  await db.sloViolation.create({
    data: {
      sloId: slo.id,
      service: slo.service,
      rule: rule.rule,
      severity: rule.severity,
      openedAt: now,
      workings: workings as unknown as Prisma.InputJsonValue,
      incidentId,
    },
  })
}

async function resolveViolation(slo: Slo, v: { id: string; severity: string; workings: Prisma.JsonValue }, state: BurnState, now: Date): Promise<void> {
  await resolveAlertsByKey(SLO_ACTOR, sloDedupKey(slo.key, v.severity as AlertSeverity), now, { source: 'slo' })
  const prev = (v.workings ?? {}) as unknown as ViolationWorkings
  const workings: ViolationWorkings = { ...prev, cleared: { at: now.toISOString(), burnRates: publicRates(state.rates) } }
  await db.sloViolation.update({ where: { id: v.id }, data: { resolvedAt: now, workings: workings as unknown as Prisma.InputJsonValue } })
}

/** Evaluates every SLO (or the given keys) at `now`. */
export async function evaluateSlos(now: Date, opts: { timeZone: string; keys?: string[]; signal?: AbortSignal }): Promise<EvaluateResult> {
  // Archived SLOs are left out, except to resolve the violations they still have open.
  const slos = await db.slo.findMany({
    where: { ...(opts.keys ? { key: { in: opts.keys } } : {}), OR: [{ archivedAt: null }, { violations: { some: { resolvedAt: null } } }] },
  })
  const sums = await readBurnSums(slos, now)
  const open = await db.sloViolation.findMany({
    where: { resolvedAt: null, sloId: { in: slos.map((s) => s.id) } },
    select: { id: true, sloId: true, severity: true, workings: true },
  })
  const result: EvaluateResult = { slos: slos.length, firing: 0, opened: 0, resolved: 0, errors: 0 }
  for (const slo of slos) {
    // Outside the per-SLO try: an abort ends the run instead of counting as one SLO's error.
    opts.signal?.throwIfAborted()
    try {
      const state = burnState(slo, sums.get(slo.id)!.byWindow, windowHours(sloWindow(slo, now, opts.timeZone)))
      const { page, ticket } = actingRules(slo, state.decision)
      if (page || ticket) result.firing++
      const openOf = (severity: AlertSeverity) => open.filter((v) => v.sloId === slo.id && v.severity === severity)
      const openPage = openOf('page')
      const openTicket = openOf('ticket')

      if (page && openPage.length === 0) {
        await openViolation(slo, page, state, now)
        result.opened++
      }
      if (!page) {
        for (const v of openPage) await resolveViolation(slo, v, state, now)
        result.resolved += openPage.length
      }

      if (ticket && !page && openPage.length === 0 && openTicket.length === 0) {
        await openViolation(slo, ticket, state, now)
        result.opened++
      }
      if (!ticket) {
        for (const v of openTicket) await resolveViolation(slo, v, state, now)
        result.resolved += openTicket.length
      }
    } catch (err) {
      result.errors++
      logger.error({ slo: slo.key, err: err instanceof Error ? err.message : 'unknown' }, 'SLO evaluation failed')
    }
  }
  return result
}
