/**
 * SLI event ingest, the SQL side: one `COPY "SliEvent" … FROM STDIN` per batch through the raw pool, inside
 * the command's transaction (PostgreSQL's fastest way in; a multi-row INSERT … SELECT FROM unnest(…) of the
 * same rows ran at about half of COPY's speed, issue 17). The command that runs it, with its audit row in
 * the same transaction, is `ingestSliEvents` in ./commands.ts.
 */
import type { SliEventItem } from './schema'

export const COPY_SLI_EVENTS_SQL = 'COPY "SliEvent" (sli, service, workflow, at, value, good, total) FROM STDIN'

// COPY's text format: backslash escapes for the characters that delimit fields and rows.
const SPECIAL = /[\\\t\n\r]/
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }
const text = (s: string) => (SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : s)
const num = (n: number | undefined) => (n === undefined ? '\\N' : String(n))

/**
 * A validated batch in COPY's text format, one line per event: sli, service, workflow ('' when none), at,
 * value, good, total (\N for a missing number).
 */
export function toCopyText(items: readonly SliEventItem[]): string {
  let out = ''
  for (const e of items) {
    out += `${text(e.sli)}\t${text(e.service)}\t${text(e.workflow ?? '')}\t${text(e.at)}\t${num(e.value)}\t${num(e.good)}\t${num(e.total)}\n`
  }
  return out
}

/** The audit summary of a batch: names of SLIs and services only (enumerated identifiers), never values. */
export function ingestSummary(items: readonly SliEventItem[]): { slis: string[]; services: string[] } {
  return {
    slis: [...new Set(items.map((e) => e.sli))].slice(0, 20),
    services: [...new Set(items.map((e) => e.service))].slice(0, 20),
  }
}
