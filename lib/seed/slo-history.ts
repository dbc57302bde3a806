/**
 * The demo SLOs and the shape of their 90 days of history. Pure: lib/seed/slo.ts writes it.
 *
 * The four SLOs of the operations guide, plus per-workflow ones:
 * - patient_response_time: threshold SLI, a response within 2,000 ms is good; target 99 % (the guide gives
 *   the threshold, not the target).
 * - system_availability: ratio SLI, successful / all requests (health probes add to it); 99.9 %.
 * - diagnosis_accuracy: threshold SLI over clinician review outcomes, value 1 = diagnosis confirmed correct,
 *   0 = not (good when ≥ 1); 95.0 %.
 * - phi_access_compliance: ratio SLI, compliant / all PHI accesses; 100.0 % over the calendar month. A 100 %
 *   target has no error budget: any error breaches it, burn rates are infinite (shown as n/a).
 *
 * History: diurnal traffic (quietest at 04:00, busiest at 16:00 local), a small baseline error rate, and
 * bad periods: the seeded incidents of the last week where they concern an SLO, older ones, and night-shift
 * slowdowns that only timeslice budgeting shows. emergency_triage_response_time ends with its budget
 * nearly spent; medication_review_response_time is burning fast right now (the first slo-evaluate run pages).
 */
import { burnState, publicRates } from '@/lib/slo/burn-state'
import type { SloDefinitionInput } from '@/lib/slo/schema'
import type { Sums } from '@/lib/slo/sums'
import { BURN_WINDOWS, type BurnWindow, type RuleWorkings, type ViolationWorkings } from '@/lib/slo/types'
import { BURN_WINDOW_MINUTES } from '@/lib/slo/windows'

/** A period of elevated errors, relative to the seed's clock. */
export interface BadPeriod {
  /** Start, in hours before now. */
  hoursAgo: number
  minutes: number
  /** Share of events bad during the period. */
  errorRate: number
  /** A seeded incident of the same service opened within 30 minutes of the start is linked to its violation. */
  linkIncident?: boolean
  /** Local hour the period starts at, repeated on each of these days ago (night-shift slowdowns). */
  nights?: { daysAgo: number[]; localHour: number }
}

export interface SeedProfile {
  /** Events per minute at the busiest time of day. */
  peakPerMinute: number
  /** Baseline share of bad events. */
  baseErrorRate: number
  bad: BadPeriod[]
}

export interface SeedSlo {
  definition: SloDefinitionInput
  profile: SeedProfile
}

export const SEED_SLOS: SeedSlo[] = [
  {
    definition: {
      key: 'patient_response_time',
      name: 'Patient response time',
      description: 'AI answers reach the clinician within 2,000 ms (operations guide).',
      sli: 'patient_response_time',
      sliType: 'threshold',
      service: 'ai-engine',
      target: 0.99,
      threshold: 2000,
      comparator: 'lte',
    },
    profile: {
      peakPerMinute: 45,
      baseErrorRate: 0.003,
      bad: [
        { hoursAgo: 166, minutes: 38, errorRate: 0.3, linkIncident: true },
        { hoursAgo: 20 * 24 + 7, minutes: 180, errorRate: 0.05 },
        { hoursAgo: 61 * 24 + 3, minutes: 120, errorRate: 0.3 },
      ],
    },
  },
  {
    definition: {
      key: 'system_availability',
      name: 'System availability',
      description: 'Successful requests to the AI engine, with health-probe checks (operations guide: 99.9 %).',
      sli: 'system_availability',
      sliType: 'ratio',
      service: 'ai-engine',
      target: 0.999,
    },
    profile: {
      peakPerMinute: 120,
      baseErrorRate: 0.0002,
      bad: [
        { hoursAgo: 44, minutes: 25, errorRate: 0.15, linkIncident: true },
        { hoursAgo: 12 * 24 + 5, minutes: 15, errorRate: 0.4 },
        { hoursAgo: 47 * 24 + 14, minutes: 50, errorRate: 0.5 },
      ],
    },
  },
  {
    definition: {
      key: 'diagnosis_accuracy',
      name: 'Diagnosis accuracy',
      description: 'Diagnostic suggestions confirmed correct on clinician review (1 = correct, 0 = not); operations guide: 95.0 %.',
      sli: 'diagnosis_accuracy',
      sliType: 'threshold',
      service: 'ai-engine',
      workflow: 'diagnosis',
      target: 0.95,
      threshold: 1,
      comparator: 'gte',
      minEvents: 30,
    },
    profile: { peakPerMinute: 3, baseErrorRate: 0.032, bad: [{ hoursAgo: 9 * 24 + 2, minutes: 360, errorRate: 0.14 }] },
  },
  {
    definition: {
      key: 'phi_access_compliance',
      name: 'PHI access compliance',
      description: 'PHI accesses that pass the minimum-necessary and purpose-of-use checks (operations guide: 100.0 %). No error budget.',
      sli: 'phi_access_compliance',
      sliType: 'ratio',
      service: 'ehr-bridge',
      target: 1,
      windowKind: 'calendar_month',
      minEvents: 10,
    },
    profile: { peakPerMinute: 25, baseErrorRate: 0, bad: [{ hoursAgo: 50 * 24 + 10, minutes: 10, errorRate: 0.04 }] },
  },
  {
    definition: {
      key: 'emergency_triage_response_time',
      name: 'Emergency triage response time',
      description: 'ED triage suggestions within 2,000 ms, budgeted by 5-minute timeslices so that night-shift slowdowns count.',
      sli: 'patient_response_time',
      sliType: 'threshold',
      service: 'triage-api',
      workflow: 'emergency_triage',
      target: 0.99,
      threshold: 2000,
      comparator: 'lte',
      budgeting: 'timeslices',
      timesliceMinutes: 5,
      timesliceTarget: 0.95,
      minEvents: 30,
    },
    profile: {
      peakPerMinute: 12,
      baseErrorRate: 0.0002,
      bad: [
        { hoursAgo: 9, minutes: 16, errorRate: 0.25, linkIncident: true },
        { hoursAgo: 0, minutes: 120, errorRate: 0.3, nights: { daysAgo: [3, 11], localHour: 2 } },
        { hoursAgo: 0, minutes: 75, errorRate: 0.3, nights: { daysAgo: [19], localHour: 3 } },
        { hoursAgo: 0, minutes: 120, errorRate: 0.3, nights: { daysAgo: [40, 66], localHour: 2 } },
      ],
    },
  },
  {
    definition: {
      key: 'medication_review_response_time',
      name: 'Medication review response time',
      description: 'Dose and interaction checks answered within 2,000 ms for pharmacist review.',
      sli: 'patient_response_time',
      sliType: 'threshold',
      service: 'med-review',
      workflow: 'medication_review',
      target: 0.98,
      threshold: 2000,
      comparator: 'lte',
      windowDays: 28,
      minEvents: 50,
    },
    profile: {
      peakPerMinute: 8,
      baseErrorRate: 0.006,
      bad: [
        { hoursAgo: 162, minutes: 50, errorRate: 0.4, linkIncident: true },
        { hoursAgo: 93, minutes: 65, errorRate: 0.5, linkIncident: true },
        { hoursAgo: 64, minutes: 40, errorRate: 0.35, linkIncident: true },
        { hoursAgo: 19, minutes: 22, errorRate: 0.3, linkIncident: true },
        // Still going: the open "interaction check error rate" incident.
        { hoursAgo: 52 / 60, minutes: 60, errorRate: 0.45 },
      ],
    },
  },
  {
    definition: {
      key: 'triage_api_availability',
      name: 'Triage API availability',
      description: 'Successful triage requests from the emergency department front desk.',
      sli: 'system_availability',
      sliType: 'ratio',
      service: 'triage-api',
      workflow: 'emergency_triage',
      target: 0.999,
    },
    profile: {
      peakPerMinute: 30,
      baseErrorRate: 0.0003,
      bad: [
        { hoursAgo: 140, minutes: 9, errorRate: 0.5, linkIncident: true },
        { hoursAgo: 98, minutes: 27, errorRate: 0.038, linkIncident: true },
        { hoursAgo: 33 * 24, minutes: 40, errorRate: 0.2 },
      ],
    },
  },
  {
    definition: {
      key: 'imaging_diagnosis_accuracy',
      name: 'Imaging diagnosis accuracy',
      description: 'Imaging reads confirmed by the reporting radiologist (1 = agrees, 0 = not).',
      sli: 'diagnosis_accuracy',
      sliType: 'threshold',
      service: 'imaging-ai',
      workflow: 'diagnosis',
      target: 0.95,
      threshold: 1,
      comparator: 'gte',
      minEvents: 30,
    },
    profile: { peakPerMinute: 2, baseErrorRate: 0.03, bad: [{ hoursAgo: 29, minutes: 170, errorRate: 0.11, linkIncident: true }] },
  },
]

const MIN = 60_000

/** Diurnal traffic shape at a local hour (0–24): 0.3 at 04:00, 1.0 at 16:00. Same formula as the seed SQL. */
export function diurnal(localHour: number): number {
  return 0.3 + 0.7 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (localHour - 4)) / 24))
}

export interface Interval {
  start: Date
  end: Date
  errorRate: number
  linkIncident: boolean
}

/**
 * Timeslice SLOs are replayed in slice terms: a bad period whose error rate fails the slice target makes
 * every slice in it bad (rate 1), the baseline none.
 */
export function asTimeslices(profile: SeedProfile, timesliceTarget: number): SeedProfile {
  return {
    ...profile,
    baseErrorRate: 0,
    bad: profile.bad.map((b) => ({ ...b, errorRate: b.errorRate > 1 - timesliceTarget ? 1 : 0 })),
  }
}

/** The bad periods as absolute intervals (night-shift periods resolved to local hours by the caller's helper). */
export function badIntervals(profile: SeedProfile, now: Date, localHourStart: (daysAgo: number, localHour: number) => Date): Interval[] {
  const out: Interval[] = []
  for (const b of profile.bad) {
    if (b.nights) {
      for (const d of b.nights.daysAgo) {
        const start = localHourStart(d, b.nights.localHour)
        out.push({ start, end: new Date(start.getTime() + b.minutes * MIN), errorRate: b.errorRate, linkIncident: false })
      }
    } else {
      const start = new Date(Math.floor((now.getTime() - b.hoursAgo * 3_600_000) / MIN) * MIN)
      const end = new Date(Math.min(start.getTime() + b.minutes * MIN, now.getTime() + MIN))
      out.push({ start, end, errorRate: b.errorRate, linkIncident: Boolean(b.linkIncident) })
    }
  }
  return out
}

/** Approximate sums of a burn window ending at `at` (average traffic, no noise): enough to replay the alert decisions. */
function approxSums(profile: SeedProfile, intervals: Interval[], at: Date, windowMinutes: number): Sums {
  const from = at.getTime() - windowMinutes * MIN
  let bad = profile.baseErrorRate * windowMinutes
  for (const i of intervals) {
    const overlap = Math.max(0, Math.min(at.getTime(), i.end.getTime()) - Math.max(from, i.start.getTime())) / MIN
    bad += overlap * (i.errorRate - profile.baseErrorRate)
  }
  const perMinute = profile.peakPerMinute * 0.65
  const total = perMinute * windowMinutes
  return { good: total - perMinute * bad, total, events: total }
}

export interface ReplayedViolation {
  rule: RuleWorkings
  openedAt: Date
  resolvedAt: Date
  workings: ViolationWorkings
  interval: Interval
}

/**
 * Replays the multi-window rules minute by minute across one bad period (occurrence SLOs): when the first
 * rule fires, its workings, and when it clears. Null when no rule would have fired.
 */
export function replayViolation(
  slo: { target: number; minEvents: number },
  profile: SeedProfile,
  intervals: Interval[],
  interval: Interval,
  windowHours: number,
): ReplayedViolation | null {
  const sumsAt = (at: Date) => Object.fromEntries(BURN_WINDOWS.map((w) => [w, approxSums(profile, intervals, at, BURN_WINDOW_MINUTES[w])])) as Record<BurnWindow, Sums>
  const limit = interval.end.getTime() + 6 * 3_600_000
  for (let t = interval.start.getTime() + MIN; t <= interval.end.getTime(); t += MIN) {
    const at = new Date(t)
    const state = burnState(slo, sumsAt(at), windowHours)
    const rule = state.decision.page ?? state.decision.ticket
    if (!rule) continue
    let cleared = t + MIN
    for (; cleared < limit; cleared += MIN) {
      const d = burnState(slo, sumsAt(new Date(cleared)), windowHours).decision
      if (!(rule.severity === 'page' ? d.page : d.ticket)) break
    }
    const after = burnState(slo, sumsAt(new Date(cleared)), windowHours)
    return {
      rule,
      openedAt: at,
      resolvedAt: new Date(cleared),
      interval,
      workings: {
        target: slo.target,
        windowHours,
        evaluatedAt: at.toISOString(),
        burnRates: publicRates(state.rates),
        events: state.events,
        rules: state.decision.rules,
        cleared: { at: new Date(cleared).toISOString(), burnRates: publicRates(after.rates) },
      },
    }
  }
  return null
}
