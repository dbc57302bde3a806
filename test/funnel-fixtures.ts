/**
 * A funnel report as the engine answers it, for the unit tests of the funnel page's components and CSV
 * tables: three steps, broken down by department, one group with suppressed cells (fewer than 11 people)
 * and two groups hidden for having fewer than 11 starters.
 */
import type { DropOffList, FunnelQuery, FunnelReport, FunnelSeries } from '@/lib/analytics/funnel-query'

export const FIXTURE_QUERY: FunnelQuery = {
  workflow: 'diagnosis_workflow',
  steps: [
    { event: 'diagnosis_started', filters: {}, label: 'Assistant opened' },
    { event: 'ai_suggestion_viewed', filters: {}, label: 'AI differential shown' },
    { event: 'diagnosis_completed', filters: { outcome: 'confirmed' } },
  ],
  from: new Date('2030-03-04T00:00:00.000Z'),
  to: new Date('2030-03-11T00:00:00.000Z'),
  conversionWindowMs: 3_600_000,
  orderMode: 'ordered',
  exclusions: [],
  breakdown: { kind: 'department' },
}

export function series(key: string, users: readonly (number | null)[], medians: readonly (number | null)[] = [null, 120_000, 300_000]): FunnelSeries {
  const started = users[0] ?? null
  const labels = ['Assistant opened', 'AI differential shown', 'diagnosis_completed']
  return {
    key,
    started,
    completed: users.at(-1) ?? null,
    steps: users.map((u, i) => {
      const prev = i === 0 ? u : (users[i - 1] ?? null)
      const known = (x: number | null) => x !== null
      return {
        step: i + 1,
        event: FIXTURE_QUERY.steps[i]!.event,
        label: labels[i]!,
        users: u,
        conversion: known(u) && known(started) && started! > 0 ? u! / started! : null,
        stepConversion: i === 0 ? (known(u) ? 1 : null) : known(u) && known(prev) && prev! > 0 ? u! / prev! : null,
        // As the engine: the people lost are suppressed too when fewer than 11.
        dropOff: i === 0 ? 0 : known(u) && known(prev) && prev! - u! >= 11 ? prev! - u! : null,
        medianFromPreviousMs: i === 0 || !known(u) ? null : (medians[i] ?? null),
      }
    }),
  }
}

export const FIXTURE_REPORT: FunnelReport = {
  query: FIXTURE_QUERY,
  minGroupSize: 11,
  overall: series('all', [60, 45, 30]),
  groups: [series('Emergency', [36, 30, 22]), series('Paediatrics', [18, 12, null])],
  hiddenGroups: 2,
  timeToConvert: {
    buckets: [
      { fromMs: 0, toMs: 60_000, users: null },
      { fromMs: 60_000, toMs: 300_000, users: 14 },
      { fromMs: 300_000, toMs: 900_000, users: 12 },
      { fromMs: 900_000, toMs: 3_600_000, users: 0 },
    ],
    medianMs: 280_000,
    p90Ms: 840_000,
  },
}

export const FIXTURE_DROPOFFS: DropOffList = {
  step: 2,
  lost: 15,
  people: [
    {
      person: 'u_AbC…',
      reachedStep: 1,
      startedAt: '2030-03-05T09:00:00.000Z',
      sessions: [
        { startedAt: '2030-03-05T08:58:00.000Z', endedAt: '2030-03-05T09:20:00.000Z', eventCount: 3, events: ['$page', 'diagnosis_started', 'triage_started'] },
        { startedAt: '2030-03-05T13:00:00.000Z', endedAt: '2030-03-05T13:05:00.000Z', eventCount: 1, events: ['$page'] },
      ],
    },
    { person: 'u_XyZ…', reachedStep: 1, startedAt: '2030-03-06T22:10:00.000Z', sessions: [] },
  ],
}
