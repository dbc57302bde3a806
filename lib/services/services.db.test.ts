/** The service catalogue against the database: commands, audit, permissions, delete vs archive, the default service. */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { actorOfUser, systemActor, type Actor } from '@/lib/auth/actor'
import type { SessionUser } from '@/lib/auth/session'
import { ApiError } from '@/lib/errors'
import { ingestAlert } from '@/lib/incidents/ingest'
import { openingContext, UNASSIGNED_SERVICE_KEY } from '@/lib/incidents/open-batch'
import { listServiceOptions } from '@/lib/probes/queries'
import { inRawTransaction } from '@/lib/tx'
import { createApiKey, createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { createServiceAction, deleteServiceAction, setServiceArchivedAction, updateServiceAction } from './actions'
import { createService, deleteService, setServiceArchived, updateService } from './commands'
import { getServicePage, listCatalogue, uncataloguedServiceKey } from './queries'
import { CreateServiceInput } from './schema'

// revalidatePath needs a Next request; outside one it throws.
vi.mock('next/cache', () => ({ revalidatePath: () => {} }))

let ops: SessionUser
let actor: Actor
beforeAll(async () => {
  ops = await createUser('ops')
  actor = actorOfUser(ops)
})
beforeEach(() => signOut())

const input = (over: Partial<CreateServiceInput> = {}): CreateServiceInput =>
  CreateServiceInput.parse({ key: uid('svc'), name: uid('Service'), ownerTeam: 'Clinical AI platform', tier: '2', runbookUrl: 'https://wiki.example/runbook', ...over })
const auditOf = (action: string, targetId: string) => db.auditLog.findMany({ where: { action, targetId }, orderBy: { id: 'asc' } })

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ApiError)
  return err as ApiError
}

describe('creating and editing services', () => {
  it('creates a service with tier, owner, runbook and a dependency, audited in one row', async () => {
    const base = await createService(actor, input())
    const svc = await createService(actor, input({ tier: 1, dependsOn: [base.id] }))
    expect(svc).toMatchObject({ tier: 1, ownerTeam: 'Clinical AI platform', runbookUrl: 'https://wiki.example/runbook', archivedAt: null })
    expect(await db.serviceDependency.findMany({ where: { serviceId: svc.id }, select: { dependsOnId: true } })).toEqual([{ dependsOnId: base.id }])
    const [row] = await auditOf('service.create', svc.id)
    expect(row).toMatchObject({ actorId: ops.id, targetType: 'service' })
    expect(row!.summary).toMatchObject({ key: { from: null, to: svc.key }, tier: { from: null, to: 1 }, dependsOn: [base.key], runbook: true })
  })

  it('refuses a duplicate key (409) and an unknown escalation policy (422)', async () => {
    const svc = await createService(actor, input())
    expect((await refusal(createService(actor, input({ key: svc.key })))).status).toBe(409)
    const bad = await refusal(createService(actor, input({ escalationPolicyId: '00000000-0000-4000-8000-000000000000' })))
    expect(bad).toMatchObject({ status: 422, fields: { escalationPolicyId: ['No such escalation policy'] } })
  })

  it('refuses a dependency cycle and a self-dependency, naming the loop, and changes nothing', async () => {
    const a = await createService(actor, input({ name: uid('A') }))
    const b = await createService(actor, input({ name: uid('B'), dependsOn: [a.id] }))
    const c = await createService(actor, input({ name: uid('C'), dependsOn: [b.id] }))
    const cycle = await refusal(updateService(actor, { id: a.id, ...input({ name: a.name, dependsOn: [c.id] }) }))
    expect(cycle.status).toBe(422)
    expect(cycle.fields?.dependsOn?.[0]).toBe(`That would make a cycle: ${a.name} → ${c.name} → ${b.name} → ${a.name}`)
    const self = await refusal(updateService(actor, { id: a.id, ...input({ name: a.name, dependsOn: [a.id] }) }))
    expect(self.fields?.dependsOn).toEqual(['A service cannot depend on itself'])
    expect(await db.serviceDependency.count({ where: { serviceId: a.id } })).toBe(0)
    expect(await auditOf('service.update', a.id)).toHaveLength(0)
  })

  it('edits fields and dependencies, auditing what changed without copying the description or link', async () => {
    const [x, y] = [await createService(actor, input()), await createService(actor, input())]
    const svc = await createService(actor, input({ dependsOn: [x.id] }))
    await updateService(actor, { id: svc.id, ...input({ name: svc.name, ownerTeam: 'Imaging', tier: 3, description: 'Reads chest X-rays', runbookUrl: 'https://wiki.example/v2', dependsOn: [y.id] }) })
    const [row] = await auditOf('service.update', svc.id)
    expect(row!.summary).toEqual({
      key: svc.key,
      ownerTeam: { from: 'Clinical AI platform', to: 'Imaging' },
      tier: { from: 2, to: 3 },
      dependencies: { added: [y.key], removed: [x.key] },
      descriptionChanged: true,
      runbookChanged: true,
    })
    expect(JSON.stringify(row!.summary)).not.toContain('chest')
  })
})

describe('permissions', () => {
  it.each(['viewer', 'pm', 'executive', 'clinician'] as const)('refuses %s (403) in the command and in the action', async (role) => {
    const user = await createUser(role)
    expect((await refusal(createService(actorOfUser(user), input()))).status).toBe(403)
    signInAs(user)
    const r = await createServiceAction({ ...input(), tier: '1' })
    expect(r).toMatchObject({ ok: false, status: 403 })
  })

  it('lets ops create through the action and answers field errors for bad input', async () => {
    signInAs(ops)
    const ok = await createServiceAction({ key: uid('act'), name: 'Via action', ownerTeam: 'Ops', tier: '3', runbookUrl: '', dependsOn: '' })
    expect(ok).toMatchObject({ ok: true, status: 201 })
    const bad = await createServiceAction({ key: 'Bad Key', name: '', ownerTeam: 'Ops', tier: '4', runbookUrl: 'javascript:alert(1)' })
    expect(bad).toMatchObject({ ok: false, status: 422 })
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['key', 'name', 'runbookUrl', 'tier'])
    const upd = await updateServiceAction({ id: '00000000-0000-4000-8000-000000000000', name: 'x', ownerTeam: 'y', tier: '1' })
    expect(upd).toMatchObject({ ok: false, status: 404 })
  })
})

describe('archive, unarchive and delete', () => {
  it('archives and unarchives, audited once each; archived services leave the catalogue and pickers but keep their page', async () => {
    const svc = await createService(actor, input())
    expect(await setServiceArchived(actor, svc.id, true)).toEqual({ name: svc.name, changed: true })
    expect(await setServiceArchived(actor, svc.id, true)).toEqual({ name: svc.name, changed: false })
    expect((await listCatalogue({}, { withSlo: false })).map((s) => s.key)).not.toContain(svc.key)
    expect((await listCatalogue({ archived: true }, { withSlo: false })).find((s) => s.key === svc.key)).toMatchObject({ archived: true })
    expect((await listServiceOptions()).map((s) => s.id)).not.toContain(svc.id)
    expect(await getServicePage(svc.key, { withSlo: false, withFlags: false })).not.toBeNull()
    // Not a new dependency while archived.
    const refused = await refusal(createService(actor, input({ dependsOn: [svc.id] })))
    expect(refused.status).toBe(422)
    signInAs(ops)
    expect(await setServiceArchivedAction({ id: svc.id, archived: false })).toMatchObject({ ok: true })
    expect((await auditOf('service.archive', svc.id)).length).toBe(1)
    expect((await auditOf('service.unarchive', svc.id)).length).toBe(1)
  })

  it('deletes an unreferenced service (audited) and refuses one with an incident, SLO, probe or dependent', async () => {
    const free = await createService(actor, input())
    signInAs(ops)
    expect(await deleteServiceAction({ id: free.id })).toMatchObject({ ok: true })
    expect(await db.service.findUnique({ where: { id: free.id } })).toBeNull()
    expect((await auditOf('service.delete', free.id))[0]!.summary).toMatchObject({ key: free.key })

    const used = await createService(actor, input())
    await db.incident.create({ data: { title: 'x', severity: 'low', dedupKey: uid('k'), serviceId: used.id } })
    await db.slo.create({ data: { key: uid('slo'), name: 'x', sli: 'x', sliType: 'ratio', service: used.key, target: 0.99 } })
    await db.probe.create({ data: { serviceId: used.id, name: 'x', url: 'http://127.0.0.1:9/' } })
    await createService(actor, input({ dependsOn: [used.id] }))
    const err = await refusal(deleteService(actor, used.id))
    expect(err.status).toBe(409)
    expect(err.message).toBe(`${used.name} has 1 incident, 1 SLO, 1 health probe, 1 dependent service; archive it instead.`)
    expect(await db.service.findUnique({ where: { id: used.id } })).not.toBeNull()
  })

  it('never archives or deletes the default service', async () => {
    // Ingest creates it with the first alert for a service not in the catalogue.
    await inRawTransaction((sql) => openingContext(sql, [uid('missing')], new Date(), async () => null))
    const unassigned = await db.service.findUniqueOrThrow({ where: { key: UNASSIGNED_SERVICE_KEY } })
    expect((await refusal(setServiceArchived(systemActor(), unassigned.id, true))).status).toBe(409)
    expect((await refusal(deleteService(systemActor(), unassigned.id))).status).toBe(409)
  })
})

describe('alerts for a service not in the catalogue', () => {
  it('open their incident on the default service; the incident page learns the key to create', async () => {
    const key = await createApiKey(['alerts:write'])
    const apiActor: Actor = { type: 'apikey', id: key.id, label: 'key:svc-test', scopes: ['alerts:write'], environment: 'production' }
    const named = uid('not-catalogued')
    const r = await ingestAlert(apiActor, { source: 'api', severity: 'high', system: 'x', message: 'Queue stalled', occurredAt: new Date(), dedupKey: uid('k'), serviceKey: named })
    const incident = await db.incident.findUniqueOrThrow({ where: { id: r.incidentId }, include: { service: true, alerts: true } })
    expect(incident.service?.key).toBe(UNASSIGNED_SERVICE_KEY)
    expect(incident.alerts[0]!.serviceKey).toBe(named)
    expect(await uncataloguedServiceKey(r.incidentId)).toBe(named)
    // Once someone adds the service, the prompt goes away.
    await createService(actor, input({ key: named }))
    expect(await uncataloguedServiceKey(r.incidentId)).toBeNull()
    // An alert naming no service at all stays without one, as before.
    const none = await ingestAlert(apiActor, { source: 'api', severity: 'low', system: 'x', message: 'No service', occurredAt: new Date(), dedupKey: uid('k') })
    expect((await db.incident.findUniqueOrThrow({ where: { id: none.incidentId } })).serviceId).toBeNull()
  })

  it('recreates the default service in the opening statement when it is missing (rolled back here)', async () => {
    const rollback = new Error('rollback')
    const before = await db.service.count({ where: { key: UNASSIGNED_SERVICE_KEY } })
    const seen = await inRawTransaction(async (sql) => {
      await sql.query(`DELETE FROM "Service" WHERE key = $1`, [UNASSIGNED_SERVICE_KEY])
      const ctx = await openingContext(sql, [uid('missing')], new Date(), async () => null)
      const again = await openingContext(sql, [uid('missing')], new Date(), async () => null)
      throw Object.assign(rollback, { seen: [ctx.services.get(UNASSIGNED_SERVICE_KEY), again.services.get(UNASSIGNED_SERVICE_KEY)] })
    }).catch((e: Error & { seen?: unknown[] }) => e.seen)
    const [created, found] = seen as { id: string; name: string }[]
    expect(created).toMatchObject({ name: 'Unassigned' })
    expect(found!.id).toBe(created!.id)
    expect(await db.service.count({ where: { key: UNASSIGNED_SERVICE_KEY } })).toBe(before)
  })
})
