/** Workflow definitions: read for funnels, saved by PMs (analytics:manage) with an audit row. */
import { recordAudit } from '../audit'
import { authorize, type Actor } from '../auth/actor'
import { db } from '../db'
import { inTransaction } from '../tx'
import { FunnelExclusion, OrderMode, WorkflowDefinition, WorkflowSteps, type WorkflowDefinitionInput } from './workflow-schema'

type WorkflowRow = { key: string; name: string; description: string | null; steps: unknown; conversionWindowMs: number; orderMode: string; exclusions: unknown }

/** A stored row as a definition, or null when its JSON no longer fits the schema. */
function definitionOf(row: WorkflowRow): WorkflowDefinition | null {
  const steps = WorkflowSteps.safeParse(row.steps)
  const orderMode = OrderMode.safeParse(row.orderMode)
  const exclusions = FunnelExclusion.array().safeParse(row.exclusions)
  if (!steps.success || !orderMode.success || !exclusions.success) return null
  return {
    key: row.key,
    name: row.name,
    description: row.description ?? undefined,
    steps: steps.data,
    conversionWindowMs: row.conversionWindowMs,
    orderMode: orderMode.data,
    exclusions: exclusions.data,
  }
}

export async function getWorkflow(key: string): Promise<WorkflowDefinition | null> {
  const row = await db.analyticsWorkflow.findUnique({ where: { key } })
  return row ? definitionOf(row) : null
}

/** Every workflow, in one query. */
export async function listWorkflows(): Promise<WorkflowDefinition[]> {
  const rows = await db.analyticsWorkflow.findMany({ orderBy: { key: 'asc' } })
  return rows.map(definitionOf).filter((w): w is WorkflowDefinition => w !== null)
}

/** Creates or replaces a workflow's definition (input already validated by WorkflowDefinition). */
export async function saveWorkflow(actor: Actor, input: WorkflowDefinitionInput): Promise<{ created: boolean }> {
  authorize(actor, 'analytics:manage')
  const w = WorkflowDefinition.parse(input)
  return inTransaction(async (tx) => {
    const existing = await tx.analyticsWorkflow.findUnique({ where: { key: w.key }, select: { key: true } })
    const data = { name: w.name, description: w.description ?? null, steps: w.steps, conversionWindowMs: w.conversionWindowMs, orderMode: w.orderMode, exclusions: w.exclusions }
    await tx.analyticsWorkflow.upsert({ where: { key: w.key }, create: { key: w.key, ...data }, update: data })
    await recordAudit(
      actor,
      { action: 'analytics.workflow.update', targetType: 'analytics_workflow', targetId: w.key, summary: { key: w.key, steps: w.steps.map((s) => s.event), created: !existing } },
      tx,
    )
    return { created: !existing }
  })
}
