/**
 * What the funnel builder offers (/analytics/funnels): the workflows to start from, the registered events
 * with their properties' types (the events a step can be, and how its filters are typed), and the
 * experiments a funnel can be broken down by. Read-only; the page checks analytics:read first.
 */
import 'server-only'
import { db } from '../db'
import type { PropertyType } from './normalize'
import type { WorkflowDefinition } from './workflow-schema'
import { listWorkflows } from './workflows'

export interface FunnelBuilderOptions {
  workflows: WorkflowDefinition[]
  /** Registered events by name, each with its allowed properties and their types. */
  catalogue: Record<string, Record<string, PropertyType>>
  experiments: { key: string; name: string }[]
}

const TYPES = new Set<PropertyType>(['string', 'number', 'boolean'])

function propertiesOf(value: unknown): Record<string, PropertyType> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, PropertyType] => TYPES.has(e[1] as PropertyType)))
}

export async function getFunnelBuilderOptions(): Promise<FunnelBuilderOptions> {
  const [workflows, types, experiments] = await Promise.all([
    listWorkflows(),
    db.analyticsEventType.findMany({ where: { status: 'registered' }, select: { name: true, properties: true }, orderBy: { name: 'asc' } }),
    db.experiment.findMany({ select: { key: true, name: true }, orderBy: { name: 'asc' } }),
  ])
  return { workflows, catalogue: Object.fromEntries(types.map((t) => [t.name, propertiesOf(t.properties)])), experiments }
}

/**
 * When an event last happened (any time still kept), for an empty funnel's reason: "never received" is a
 * workflow without data, a date outside the range is a range to move. One index probe per partition.
 */
export async function latestEventAt(event: string): Promise<Date | null> {
  const rows = await db.$queryRaw<{ at: Date | null }[]>`SELECT max("occurredAt") AS at FROM "AnalyticsEvent" WHERE event = ${event}`
  return rows[0]?.at ?? null
}
