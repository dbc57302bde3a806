/**
 * Reads of the event registry page and the workflow editor. Callers have checked analytics:read. Event
 * volumes are counts of events, not of people, so they are not k-anonymised (like the dashboard's).
 */
import 'server-only'
import { db } from '../db'
import { sqlOfPrisma } from '../tx'
import type { PropertyType } from './normalize'
import { propertyRules } from './registry'
import { getWorkflow, listWorkflows } from './workflows'
import type { WorkflowDefinition } from './workflow-schema'

const DAY = 86_400_000
export const VOLUME_DAYS = 7

export interface EventTypeRow {
  name: string
  owner: string | null
  description: string | null
  properties: Record<string, PropertyType>
  droppedProperties: number
  firstSeenAt: Date
  /** When one last arrived, or the time of the newest stored in the last VOLUME_DAYS days if later. */
  lastSeenAt: Date | null
  /** Events stored in the last VOLUME_DAYS days. */
  volume: number
  /** Keys of the workflows whose steps or exclusions use it. */
  workflows: string[]
}

export interface EventRegistry {
  registered: EventTypeRow[]
  quarantined: EventTypeRow[]
  /** Events of the last VOLUME_DAYS days in quarantine (stored without their properties). */
  quarantinedVolume: number
}

/** Events per name over [from, to) and the latest of them: one pass over those days' partitions. */
async function volumes(from: Date, to: Date): Promise<Map<string, { n: number; last: Date }>> {
  const rows = await sqlOfPrisma(db).query<{ event: string; n: number; last: Date }>(
    `SELECT event, count(*)::int AS n, max("occurredAt") AS last FROM "AnalyticsEvent" WHERE "occurredAt" >= $1::timestamptz AND "occurredAt" < $2::timestamptz GROUP BY event`,
    [from.toISOString(), to.toISOString()],
  )
  return new Map(rows.map((r) => [r.event, { n: r.n, last: new Date(r.last) }]))
}

/** The later of the registry's "last received" and the newest stored event (bulk loads do not touch the registry). */
const later = (a: Date | null, b: Date | undefined): Date | null => (!b ? a : !a || b > a ? b : a)

function usedBy(workflows: readonly WorkflowDefinition[]): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const w of workflows) {
    for (const event of new Set([...w.steps, ...w.exclusions].map((s) => s.event))) map.set(event, [...(map.get(event) ?? []), w.key])
  }
  return map
}

export async function getEventRegistry(now = new Date()): Promise<EventRegistry> {
  const [rows, volume, workflows] = await Promise.all([
    db.analyticsEventType.findMany({ orderBy: { name: 'asc' } }),
    volumes(new Date(now.getTime() - VOLUME_DAYS * DAY), now),
    listWorkflows(),
  ])
  const uses = usedBy(workflows)
  const all: (EventTypeRow & { status: string })[] = rows.map((r) => ({
    name: r.name,
    status: r.status,
    owner: r.owner,
    description: r.description,
    properties: propertyRules(r.properties),
    droppedProperties: Number(r.droppedProperties),
    firstSeenAt: r.firstSeenAt,
    lastSeenAt: later(r.lastSeenAt, volume.get(r.name)?.last),
    volume: volume.get(r.name)?.n ?? 0,
    workflows: uses.get(r.name) ?? [],
  }))
  const strip = ({ status: _status, ...row }: EventTypeRow & { status: string }) => row
  const quarantined = all.filter((r) => r.status !== 'registered').map(strip)
  // Unknown events newest first: the one a team just started sending is the one someone comes to register.
  quarantined.sort((a, b) => (b.lastSeenAt?.getTime() ?? 0) - (a.lastSeenAt?.getTime() ?? 0) || a.name.localeCompare(b.name))
  return {
    registered: all.filter((r) => r.status === 'registered').map(strip),
    quarantined,
    quarantinedVolume: quarantined.reduce((s, r) => s + r.volume, 0),
  }
}

/** A registered event a workflow step can use, with the properties a filter can match on. */
export interface StepEventOption {
  name: string
  description: string | null
  properties: Record<string, PropertyType>
}

export async function listStepEvents(): Promise<StepEventOption[]> {
  const rows = await db.analyticsEventType.findMany({ where: { status: 'registered' }, orderBy: { name: 'asc' }, select: { name: true, description: true, properties: true } })
  return rows.map((r) => ({ name: r.name, description: r.description, properties: propertyRules(r.properties) }))
}

export interface WorkflowPage {
  workflow: WorkflowDefinition
  updatedAt: Date
  /** Open insights about it (the editor links to them). */
  openInsights: number
}

export async function getWorkflowPage(key: string): Promise<WorkflowPage | null> {
  const [workflow, row, openInsights] = await Promise.all([
    getWorkflow(key),
    db.analyticsWorkflow.findUnique({ where: { key }, select: { updatedAt: true } }),
    db.analyticsInsight.count({ where: { workflowKey: key, status: 'open' } }),
  ])
  if (!workflow || !row) return null
  return { workflow, updatedAt: row.updatedAt, openInsights }
}

/** Whether a workflow has this key: the page gate's 404 check. */
export async function workflowExists(key: string): Promise<boolean> {
  return (await db.analyticsWorkflow.count({ where: { key } })) > 0
}
