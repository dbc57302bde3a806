/**
 * What a trends view asks for, read from the URL (?event=…&event=…&measure=users&by=department&range=30
 * &feature=…), so a view can be bookmarked and shared and its CSV link asks for the same. Lenient for pages
 * (an unknown value falls back to the default and is named in `invalid`), strict for the CSV route (which
 * answers 400 naming the same fields).
 */
import { z } from 'zod'

export const TREND_RANGES = [7, 30, 90] as const
export type TrendRange = (typeof TREND_RANGES)[number]
export const TREND_MEASURES = ['events', 'users'] as const
export type TrendMeasure = (typeof TREND_MEASURES)[number]
/** The coarse dimensions of an event a trend can be broken down by (AnalyticsDailySeries.dimension). */
export const ROLLUP_DIMENSIONS = ['department', 'role', 'site', 'appVersion'] as const
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number]
export const TREND_BREAKDOWNS = ['', ...ROLLUP_DIMENSIONS] as const
export type TrendBreakdown = (typeof TREND_BREAKDOWNS)[number]

/** PostHog's comparison limit in spirit: more lines than this stop being readable on one chart. */
export const MAX_TREND_EVENTS = 5
export const DEFAULT_TREND_EVENTS = ['diagnosis_started', 'ai_suggestion_reviewed'] as const
/** The AI feature whose spread the demo tells (lib/analytics/demo.ts). */
export const DEFAULT_FEATURE = 'ai_suggestion_reviewed'
export const DEFAULT_RANGE: TrendRange = 30

export const MEASURE_WORDS: Record<TrendMeasure, string> = { events: 'Events', users: 'People per day' }
export const BREAKDOWN_WORDS: Record<TrendBreakdown, string> = { '': 'No breakdown', department: 'Department', role: 'Role', site: 'Site', appVersion: 'App version' }

export interface TrendQuery {
  events: string[]
  measure: TrendMeasure
  breakdown: TrendBreakdown
  range: TrendRange
  feature: string
}

export type SearchParams = Record<string, string | string[] | undefined>
export const firstParam = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)
export const allParams = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])

const Measure = z.enum(TREND_MEASURES)
const Breakdown = z.enum(TREND_BREAKDOWNS)
const Range = z.enum(['7', '30', '90']).transform((v) => Number(v) as TrendRange)

/** A parsed value, or the default with the field named as invalid when a value was given and is not allowed. */
function field<T>(schema: z.ZodType<T>, raw: string | undefined, fallback: T, name: string, invalid: string[]): T {
  if (raw === undefined || raw === '') return fallback
  const r = schema.safeParse(raw)
  if (r.success) return r.data
  invalid.push(name)
  return fallback
}

/** `known`: the registered event names, which are what a trend may plot. */
export function parseTrendQuery(search: SearchParams, known: readonly string[]): { query: TrendQuery; invalid: string[] } {
  const invalid: string[] = []
  const isKnown = new Set(known)
  const asked = [...new Set(allParams(search.event).filter((e) => e !== ''))]
  let events = asked.filter((e) => isKnown.has(e))
  if (events.length < asked.length || events.length > MAX_TREND_EVENTS) invalid.push('event')
  events = events.slice(0, MAX_TREND_EVENTS)
  if (asked.length === 0) events = DEFAULT_TREND_EVENTS.filter((e) => isKnown.has(e))
  const featureAsked = firstParam(search.feature)
  const feature = featureAsked && isKnown.has(featureAsked) ? featureAsked : isKnown.has(DEFAULT_FEATURE) ? DEFAULT_FEATURE : (known[0] ?? DEFAULT_FEATURE)
  if (featureAsked && feature !== featureAsked) invalid.push('feature')
  return {
    query: {
      events,
      measure: field(Measure, firstParam(search.measure), 'events', 'measure', invalid),
      breakdown: field(Breakdown, firstParam(search.by), '', 'by', invalid),
      range: field(Range, firstParam(search.range), DEFAULT_RANGE, 'range', invalid),
      feature,
    },
    invalid,
  }
}

/** The query string of a trends view (the page's URL and its CSV links). */
export function trendSearch(q: TrendQuery): string {
  const p = new URLSearchParams()
  for (const e of q.events) p.append('event', e)
  p.set('measure', q.measure)
  if (q.breakdown) p.set('by', q.breakdown)
  p.set('range', String(q.range))
  p.set('feature', q.feature)
  return p.toString()
}
