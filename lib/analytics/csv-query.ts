/** The CSV routes' reading of a URL: the same parse as the pages, but an ignored value is an error (422) there, not a fallback. */
import { unprocessable } from '../errors'
import type { SearchParams } from './trends-schema'

const MESSAGES: Record<string, string> = {
  event: 'Up to 5 registered events',
  feature: 'A registered event',
  start: 'A registered event, or none for any event',
  return: 'A registered event, or none for any event',
  measure: 'events or users',
  by: 'department, role, site or appVersion, or none',
  range: '7, 30 or 90 (days)',
  weeks: '4, 8 or 12',
  cohort: 'first or window',
}

export function searchOf(url: string): SearchParams {
  const params = new URL(url).searchParams
  const out: SearchParams = {}
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key)
    out[key] = all.length === 1 ? all[0] : all
  }
  return out
}

/** Throws 422 naming each ignored field; returns the query otherwise. */
export function strictly<Q>(parsed: { query: Q; invalid: readonly string[] }): Q {
  if (parsed.invalid.length === 0) return parsed.query
  const fields = Object.fromEntries(parsed.invalid.map((f) => [f, [MESSAGES[f] ?? 'Not a known value']]))
  throw unprocessable(`The request is invalid: ${parsed.invalid.join(', ')}`, fields)
}
