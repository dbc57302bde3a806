/**
 * What a retention view asks for, from the URL (?weeks=8&cohort=first&start=…&return=…): lenient for the
 * page (unknown values fall back and are named in `invalid`), strict for the CSV route (400).
 */
import { z } from 'zod'
import { firstParam, type SearchParams } from './trends-schema'

export const RETENTION_WEEKS = [4, 8, 12] as const
export type RetentionWeeks = (typeof RETENTION_WEEKS)[number]
/**
 * first: the week of a person's first event stored (new people; events are kept ANALYTICS_RETENTION_DAYS);
 * window: the week of their first event in the window (everyone active in it).
 */
export const COHORT_BASES = ['first', 'window'] as const
export type CohortBasis = (typeof COHORT_BASES)[number]
export const COHORT_BASIS_WORDS: Record<CohortBasis, string> = {
  first: 'First event ever (new people)',
  window: 'First event in these weeks (everyone)',
}

export interface RetentionQuery {
  weeks: RetentionWeeks
  basis: CohortBasis
  /** The event that puts someone in a cohort; null for any event. */
  startEvent: string | null
  /** The event that counts as coming back; null for any event. */
  returnEvent: string | null
}

const Weeks = z.enum(['4', '8', '12']).transform((v) => Number(v) as RetentionWeeks)
const Basis = z.enum(COHORT_BASES)

/** `known`: the registered event names. */
export function parseRetentionQuery(search: SearchParams, known: readonly string[]): { query: RetentionQuery; invalid: string[] } {
  const invalid: string[] = []
  const isKnown = new Set(known)
  const pick = <T>(schema: z.ZodType<T>, name: string, fallback: T): T => {
    const raw = firstParam(search[name])
    if (raw === undefined || raw === '') return fallback
    const r = schema.safeParse(raw)
    if (!r.success) invalid.push(name)
    return r.success ? r.data : fallback
  }
  const event = (name: string): string | null => {
    const raw = firstParam(search[name])
    if (raw === undefined || raw === '') return null
    if (isKnown.has(raw)) return raw
    invalid.push(name)
    return null
  }
  const weeks = pick(Weeks, 'weeks', 8 as RetentionWeeks)
  const basis = pick(Basis, 'cohort', 'first' as CohortBasis)
  return { query: { weeks, basis, startEvent: event('start'), returnEvent: event('return') }, invalid }
}

export function retentionSearch(q: RetentionQuery): string {
  const p = new URLSearchParams({ weeks: String(q.weeks), cohort: q.basis })
  if (q.startEvent) p.set('start', q.startEvent)
  if (q.returnEvent) p.set('return', q.returnEvent)
  return p.toString()
}
