/**
 * The service catalogue's write layer: create, edit (dependencies included), archive, unarchive, delete.
 * Each command takes the actor and validated input (schema.ts), checks `service:manage`, then writes in
 * one transaction with its audit row. Summaries carry keys, names, tiers and ids; the description and the
 * runbook link are said to have changed, not copied.
 *
 * Archiving hides a service from pickers and the catalogue's default view; its incidents, SLOs and probes
 * keep pointing at it. Deleting is only for a service nothing refers to (a mistake made a minute ago).
 */
import type { Service } from '@/lib/generated/prisma/client'
import { changeSummary, recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { conflict, notFound, prismaCode, unprocessable } from '@/lib/errors'
import { UNASSIGNED_SERVICE_KEY } from '@/lib/incidents/open-batch'
import { inTransaction, type Tx } from '@/lib/tx'
import { dependencyProblem, dependencyProblemMessage } from './dependencies'
import type { CreateServiceInput, UpdateServiceInput } from './schema'

const TARGET = 'service'
const AUDITED = ['key', 'name', 'ownerTeam', 'tier', 'escalationPolicyId'] as const

type ServiceFieldsInput = Omit<CreateServiceInput, 'key'>

async function write<T>(actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  authorize(actor, 'service:manage')
  try {
    return await inTransaction(work)
  } catch (err) {
    if (prismaCode(err) === 'P2002') throw conflict('A service with this key already exists', { key: ['Choose another key'] })
    throw err
  }
}

async function requirePolicy(tx: Tx, id: string | undefined): Promise<void> {
  if (id && !(await tx.escalationPolicy.findUnique({ where: { id }, select: { id: true } }))) {
    throw unprocessable('Choose an existing escalation policy', { escalationPolicyId: ['No such escalation policy'] })
  }
}

/**
 * Checks the new dependencies (they exist, are not archived unless already there, and close no cycle),
 * under a lock so that two edits at once cannot each add half of a cycle; returns the keys added/removed.
 */
async function setDependencies(tx: Tx, service: { id: string; key: string }, dependsOn: readonly string[]): Promise<{ added: string[]; removed: string[] }> {
  // Serialises changes to the graph (a small table, changed by people, rarely).
  await tx.$executeRaw`LOCK TABLE "ServiceDependency" IN SHARE ROW EXCLUSIVE MODE`
  const wanted = [...new Set(dependsOn)]
  // One after another: a transaction is one connection, which runs one query at a time anyway.
  const targets = await tx.service.findMany({ where: { id: { in: wanted } }, select: { id: true, key: true, name: true, archivedAt: true } })
  const edges = await tx.serviceDependency.findMany({ select: { serviceId: true, dependsOnId: true } })
  const current = new Set(edges.filter((e) => e.serviceId === service.id).map((e) => e.dependsOnId))
  if (targets.length !== wanted.length) throw unprocessable('Choose existing services', { dependsOn: ['One of these services does not exist'] })
  const archived = targets.filter((t) => t.archivedAt && !current.has(t.id))
  if (archived.length) throw unprocessable('Archived services cannot become dependencies', { dependsOn: [`${archived[0]!.name} is archived`] })
  const graph = edges.map((e) => ({ from: e.serviceId, to: e.dependsOnId }))
  const problem = dependencyProblem(graph, service.id, wanted)
  if (problem) {
    const names = new Map([...targets.map((t) => [t.id, t.name] as const)])
    if (!names.has(service.id)) names.set(service.id, service.key)
    const others = await tx.service.findMany({ where: { id: { in: problem.kind === 'cycle' ? [...problem.path] : [] } }, select: { id: true, name: true } })
    for (const o of others) names.set(o.id, o.name)
    throw unprocessable(dependencyProblemMessage(problem, (id) => names.get(id) ?? id), { dependsOn: [dependencyProblemMessage(problem, (id) => names.get(id) ?? id)] })
  }
  const add = wanted.filter((id) => !current.has(id))
  const remove = [...current].filter((id) => !wanted.includes(id))
  if (remove.length) await tx.serviceDependency.deleteMany({ where: { serviceId: service.id, dependsOnId: { in: remove } } })
  if (add.length) await tx.serviceDependency.createMany({ data: add.map((dependsOnId) => ({ serviceId: service.id, dependsOnId })) })
  const keyOf = async (ids: string[]) => (ids.length ? (await tx.service.findMany({ where: { id: { in: ids } }, select: { key: true } })).map((s) => s.key).sort() : [])
  return { added: await keyOf(add), removed: await keyOf(remove) }
}

const dataOf = (input: ServiceFieldsInput) => ({
  name: input.name,
  description: input.description,
  ownerTeam: input.ownerTeam,
  tier: input.tier,
  runbookUrl: input.runbookUrl ?? null,
  escalationPolicyId: input.escalationPolicyId ?? null,
})

export function createService(actor: Actor, input: CreateServiceInput): Promise<Service> {
  return write(actor, async (tx) => {
    await requirePolicy(tx, input.escalationPolicyId)
    const row = await tx.service.create({ data: { key: input.key, ...dataOf(input) } })
    const dependencies = await setDependencies(tx, row, input.dependsOn)
    await recordAudit(
      actor,
      { action: 'service.create', targetType: TARGET, targetId: row.id, summary: { ...changeSummary(null, row, AUDITED), dependsOn: dependencies.added, runbook: Boolean(row.runbookUrl) } },
      tx,
    )
    return row
  })
}

export function updateService(actor: Actor, { id, ...input }: UpdateServiceInput): Promise<Service> {
  return write(actor, async (tx) => {
    const before = await tx.service.findUnique({ where: { id } })
    if (!before) throw notFound('That service does not exist')
    await requirePolicy(tx, input.escalationPolicyId)
    const row = await tx.service.update({ where: { id }, data: dataOf(input) })
    const dependencies = await setDependencies(tx, row, input.dependsOn)
    await recordAudit(
      actor,
      {
        action: 'service.update',
        targetType: TARGET,
        targetId: id,
        summary: {
          key: row.key,
          ...changeSummary(before, row, AUDITED),
          ...(dependencies.added.length || dependencies.removed.length ? { dependencies } : {}),
          ...(before.description !== row.description ? { descriptionChanged: true } : {}),
          ...(before.runbookUrl !== row.runbookUrl ? { runbookChanged: true } : {}),
        },
      },
      tx,
    )
    return row
  })
}

/** Archives or brings back a service; saying the state it is already in changes nothing and audits nothing. */
export function setServiceArchived(actor: Actor, id: string, archived: boolean, now = new Date()): Promise<{ name: string; changed: boolean }> {
  return write(actor, async (tx) => {
    const service = await tx.service.findUnique({ where: { id }, select: { key: true, name: true, archivedAt: true } })
    if (!service) throw notFound('That service does not exist')
    if (service.key === UNASSIGNED_SERVICE_KEY) throw conflict('The default service receives alerts for unknown services; it cannot be archived.')
    if (Boolean(service.archivedAt) === archived) return { name: service.name, changed: false }
    await tx.service.update({ where: { id }, data: { archivedAt: archived ? now : null } })
    await recordAudit(actor, { action: archived ? 'service.archive' : 'service.unarchive', targetType: TARGET, targetId: id, summary: { key: service.key } }, tx)
    return { name: service.name, changed: true }
  })
}

/** What still refers to a service, in words; empty when it may be deleted. */
export async function serviceReferences(tx: Tx, service: { id: string; key: string }): Promise<string[]> {
  // One after another: a transaction is one connection, which runs one query at a time anyway.
  const incidents = await tx.incident.count({ where: { serviceId: service.id } })
  const slos = await tx.slo.count({ where: { service: service.key } })
  const probes = await tx.probe.count({ where: { serviceId: service.id } })
  const dependents = await tx.serviceDependency.count({ where: { dependsOnId: service.id } })
  const windows = await tx.maintenanceWindow.count({ where: { serviceId: service.id } })
  const words = (n: number, one: string, many: string) => (n ? [`${n} ${n === 1 ? one : many}`] : [])
  return [
    ...words(incidents, 'incident', 'incidents'),
    ...words(slos, 'SLO', 'SLOs'),
    ...words(probes, 'health probe', 'health probes'),
    ...words(dependents, 'dependent service', 'dependent services'),
    ...words(windows, 'maintenance window', 'maintenance windows'),
  ]
}

/** Deletes a service nothing refers to; one with history is refused (409, naming it) and can be archived. */
export function deleteService(actor: Actor, id: string): Promise<{ name: string }> {
  return write(actor, async (tx) => {
    const service = await tx.service.findUnique({ where: { id }, select: { id: true, key: true, name: true } })
    if (!service) throw notFound('That service does not exist')
    if (service.key === UNASSIGNED_SERVICE_KEY) throw conflict('The default service receives alerts for unknown services; it cannot be deleted.')
    // Row lock: an incident or probe created meanwhile waits for this transaction, then fails on the key.
    await tx.$queryRaw`SELECT id FROM "Service" WHERE id = ${id}::uuid FOR UPDATE`
    const refs = await serviceReferences(tx, service)
    if (refs.length) throw conflict(`${service.name} has ${refs.join(', ')}; archive it instead.`)
    await tx.service.delete({ where: { id } })
    await recordAudit(actor, { action: 'service.delete', targetType: TARGET, targetId: id, summary: { key: service.key, name: service.name } }, tx)
    return { name: service.name }
  })
}
