/**
 * Hourly: turns the recurring maintenance schedules (RRULE, lib/oncall/recurrence.ts) into maintenance
 * windows for the next 30 days, so ingest, escalation and the board read them like one-off windows
 * (lib/oncall/maintenance-schedules.ts). Idempotent; creating or changing a schedule materialises it at once.
 */
import { runMaintenanceMaterialise } from '../oncall/maintenance-schedules'
import type { JobDefinition } from './types'

export const maintenanceMaterialise: JobDefinition = {
  name: 'maintenance-materialise',
  schedule: '7 * * * *',
  description: 'Schedules the windows of recurring maintenance (RFC 5545 rules) for the next 30 days, one per service for schedules that cover every service.',
  timeoutSeconds: 120,
  async run({ now }) {
    return { ...(await runMaintenanceMaterialise(now)) }
  },
}
