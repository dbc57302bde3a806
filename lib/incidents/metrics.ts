/** Ingest and incident counters. Labels are enumerated values only (source, outcome, severity). */
import client from 'prom-client'
import { type Severity } from '@/lib/severity'
import { metrics } from '../metrics'
import type { AlertSource } from './schema'

export type IngestOutcome = 'opened' | 'deduplicated' | 'resolved' | 'ignored'

function counter<L extends string>(name: string, help: string, labelNames: L[]): client.Counter<L> {
  const existing = metrics.registry.getSingleMetric(name)
  if (existing) return existing as client.Counter<L>
  return new client.Counter({ name, help, labelNames, registers: [metrics.registry] })
}

const alerts = () =>
  counter('wardroom_alerts_ingested_total', 'Alerts received, by source and outcome (opened, deduplicated, resolved, ignored).', [
    'source',
    'outcome',
  ])
const incidents = () => counter('wardroom_incidents_opened_total', 'Incidents opened, by severity.', ['severity'])
const transitions = () => counter('wardroom_incident_transitions_total', 'Incident status changes, by target status.', ['status'])

export function countAlert(source: AlertSource, outcome: IngestOutcome, n = 1): void {
  if (n > 0) alerts().inc({ source, outcome }, n)
}

export function countIncidentOpened(severity: Severity): void {
  incidents().inc({ severity })
}

export function countTransition(status: string): void {
  transitions().inc({ status })
}
