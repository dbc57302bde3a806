/**
 * The ingest data of `npm run bench -- analytics` (./analytics-ingest.ts): batches of the guide's events
 * (POST /api/analytics/batch) as a hospital's clinical apps send them. Deterministic for a seed.
 *
 * - About 2,000 clinicians in seven departments on two sites, a third of them on nights; each event under
 *   the userId of a clinician on shift at its time and the session of that shift, and a messageId (the
 *   de-duplication key, as Segment's SDKs send). Events come in time order, so a batch is a slice of time,
 *   as a client or a forwarder flushes what happened since its last flush: it repeats the clinicians on
 *   shift then (about a thousand) and their sessions, while every messageId is new.
 * - The shipped catalogue's events (lib/analytics/catalogue.ts) with the properties the demo sends
 *   (lib/analytics/demo.ts), plus `screen_viewed` (registered by the bench) whose `screen` property has a
 *   few thousand distinct values, so the redactor sees more than a handful of strings; one property in ten
 *   events is one the registry does not allow (dropped and counted).
 * - Coarse dimensions (site, department, role, app version) and a browser user agent on every event: the
 *   four dimensions and every kept string property go through the PHI redactor.
 * - Timestamps spread over the last 6 days (accepted: up to 7 days late), whatever the number of rows.
 */
import { EVENT_TYPES } from '../../lib/analytics/catalogue'
import { random } from '../../lib/analytics/demo'
import type { PropertyType } from '../../lib/analytics/normalize'

/** The event the bench registers beside the catalogue's. */
export const BENCH_EVENT_TYPES: { name: string; properties: Record<string, PropertyType> }[] = [
  ...EVENT_TYPES.map((t) => ({ name: t.name, properties: t.properties })),
  { name: 'screen_viewed', properties: { screen: 'string', duration: 'number' } },
]

const DEPARTMENTS = ['Emergency', 'Internal Medicine', 'Cardiology', 'Paediatrics', 'Oncology', 'Intensive Care', 'Pharmacy']
const ROLES = ['physician', 'nurse', 'pharmacist']
const SCREENS = ['worklist', 'encounter', 'orders', 'results', 'medications', 'notes', 'handover', 'bed-board']
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'wardroom-bedside/4.2.1 (Android 14)',
]
const MODELS = ['dx-assist-2.3', 'dx-assist-3.0', 'triage-score-1.4', 'rx-check-5.1', 'rx-dose-2.0']
const DECISIONS = ['accepted', 'edited', 'rejected']
const OUTCOMES = ['confirmed', 'provisional', 'signed', 'deferred']

type Props = Record<string, string | number | boolean>

function propertiesOf(rnd: () => number, event: string, allowed: Record<string, PropertyType>): Props {
  const out: Props = {}
  for (const [name, type] of Object.entries(allowed)) {
    if (type === 'number') out[name] = Math.floor(rnd() * 900)
    else if (type === 'boolean') out[name] = rnd() < 0.8
    else if (name === 'ai_model') out[name] = MODELS[Math.floor(rnd() * MODELS.length)]!
    else if (name === 'decision') out[name] = DECISIONS[Math.floor(rnd() * DECISIONS.length)]!
    else if (name === 'outcome') out[name] = OUTCOMES[Math.floor(rnd() * OUTCOMES.length)]!
    else if (name === 'entry') out[name] = rnd() < 0.7 ? 'encounter' : 'worklist'
    else if (name === 'arrival') out[name] = rnd() < 0.6 ? 'walk-in' : 'ambulance'
    else if (name === 'screen') out[name] = `${SCREENS[Math.floor(rnd() * SCREENS.length)]}/ward-${1 + Math.floor(rnd() * 40)}/panel-${Math.floor(rnd() * 12)}`
    else out[name] = event
  }
  if (rnd() < 0.1) out.client_build = `b${Math.floor(rnd() * 5000)}` // not registered: dropped
  return out
}

export interface IngestBatches {
  /** Each batch as the JSON body of POST /api/analytics/batch (`{"events":[…]}`). */
  bodies: string[]
  rows: number
}

/**
 * `rows` events in batches of `batch`. `runTag` goes into every messageId, so two runs never share one
 * (a shared one would be a retry, de-duplicated).
 */
export function makeIngestBatches(now: number, rows: number, batch: number, runTag: string, seed = 17): IngestBatches {
  const rnd = random(seed)
  const bodies: string[] = []
  const end = now - 60_000
  const start = end - 6 * 86_400_000
  const step = (end - start) / rows
  for (let b = 0; b * batch < rows; b++) {
    const items: string[] = []
    for (let i = 0; i < batch && b * batch + i < rows; i++) {
      const n = b * batch + i
      const t = Math.floor(start + (n + rnd()) * step)
      // Shifts start at 07:00 and 19:00 UTC; a third of the clinicians work nights.
      const shift = Math.floor((t - 7 * 3_600_000) / 43_200_000)
      const night = shift % 2 === 1
      let clinician = Math.floor(rnd() * 2000)
      while ((clinician % 3 === 0) !== night) clinician = Math.floor(rnd() * 2000)
      const dept = DEPARTMENTS[clinician % DEPARTMENTS.length]!
      const type = BENCH_EVENT_TYPES[Math.floor(rnd() * BENCH_EVENT_TYPES.length)]!
      const at = new Date(t).toISOString()
      const event = {
        userId: `clin-${dept.toLowerCase().replace(/\s+/g, '-')}-${clinician}`,
        sessionId: `shift-${clinician}-${shift}`,
        event: type.name,
        metadata: propertiesOf(rnd, type.name, type.properties),
        timestamp: at,
        messageId: `${runTag}-${n}`,
        site: clinician % 5 < 3 ? 'North' : 'South',
        department: dept,
        role: ROLES[clinician % ROLES.length]!,
        appVersion: rnd() < 0.8 ? '4.2' : '4.1',
        userAgent: AGENTS[clinician % AGENTS.length]!,
      }
      items.push(JSON.stringify(event))
    }
    bodies.push(`{"events":[${items.join(',')}]}`)
  }
  return { bodies, rows }
}
