/**
 * Probes against a local server that goes down and comes back: the incident opens after 3 failures in a
 * row through the ordinary ingest and resolves after 3 successes; results and uptime come from ProbeResult.
 */
import net, { type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { runDueProbes } from '@/lib/jobs/health-probes'
import { createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { startHttpReceiver, type HttpReceiver } from '@/test/local-receivers'
import { setOutboundAllowListForTests } from '@/lib/http/outbound'
import { probeDedupKey, runProbe } from './probe'
import { listProbes, recentProbeResults } from './queries'
import { saveProbeAction, checkProbeNowAction, setProbeEnabledAction, deleteProbeAction } from './actions'

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))

let server: HttpReceiver

beforeAll(async () => {
  // The local receivers listen on 127.0.0.1, which the outbound policy refuses unless allow-listed.
  setOutboundAllowListForTests('127.0.0.1')
  server = await startHttpReceiver([200])
})
afterAll(async () => {
  await server.close()
})

async function createProbe(overrides: Partial<{ failureThreshold: number; successThreshold: number; url: string; intervalSeconds: number }> = {}) {
  // Diagnosis, not emergency triage: the clinical-impact rule would raise the severity to critical.
  const service = await db.service.create({ data: { key: uid('svc'), name: 'Diagnosis assistant', workflows: ['diagnosis'] } })
  const probe = await db.probe.create({
    data: { serviceId: service.id, name: uid('healthz'), url: `${server.url}/healthz`, timeoutMs: 2000, ...overrides },
  })
  return { service, probe }
}

describe('health probes', () => {
  it('opens an incident after 3 failures in a row and resolves it after 3 successes (job on a fake clock)', async () => {
    const { probe, service } = await createProbe()
    const t0 = Date.now()
    const minute = (n: number) => new Date(t0 + n * 60_000)
    const tick = (n: number) => runDueProbes(minute(n), { probeIds: [probe.id] })
    const incidents = () => db.incident.findMany({ where: { dedupKey: probeDedupKey(probe.id) }, orderBy: { triggeredAt: 'asc' } })

    server.respondWith(200)
    expect(await tick(0)).toMatchObject({ due: 1, up: 1 })
    expect(await tick(0.5)).toMatchObject({ due: 0 }) // the 60 s interval has not elapsed
    server.respondWith(503)
    expect(await tick(1)).toMatchObject({ down: 1, opened: 0 })
    expect(await tick(2)).toMatchObject({ down: 1, opened: 0 })
    expect(await incidents()).toHaveLength(0)
    expect(await tick(3)).toMatchObject({ down: 1, opened: 1 })

    const [opened] = await incidents()
    expect(opened).toMatchObject({ status: 'triggered', severity: 'high', serviceId: service.id })
    const alert = await db.alert.findFirstOrThrow({ where: { incidentId: opened!.id } })
    expect(alert).toMatchObject({ source: 'probe', severity: 'high', dedupKey: probeDedupKey(probe.id) })
    expect(alert.message).toContain('failed 3 times in a row: HTTP 503 (expected 200)')
    expect(await db.probe.findUniqueOrThrow({ where: { id: probe.id } })).toMatchObject({ state: 'down', consecutiveFailures: 3, openIncidentId: opened!.id })

    expect(await tick(4)).toMatchObject({ down: 1, opened: 0 }) // still down: no second incident
    server.respondWith(200)
    expect(await tick(5)).toMatchObject({ up: 1, resolved: 0 })
    expect(await tick(6)).toMatchObject({ up: 1, resolved: 0 })
    expect((await incidents())[0]!.status).toBe('triggered')
    expect(await tick(7)).toMatchObject({ up: 1, resolved: 1 })

    const after = await incidents()
    expect(after).toHaveLength(1)
    expect(after[0]).toMatchObject({ status: 'resolved' })
    expect(await db.probe.findUniqueOrThrow({ where: { id: probe.id } })).toMatchObject({ state: 'up', consecutiveSuccesses: 3, openIncidentId: null })

    const results = await recentProbeResults(probe.id, 100)
    expect(results).toHaveLength(8)
    expect(results.map((r) => r.up).reverse()).toEqual([true, false, false, false, false, true, true, true])
    expect(results.every((r) => r.latencyMs >= 0)).toBe(true)
    expect(results.find((r) => !r.up)).toMatchObject({ statusCode: 503, error: 'HTTP 503 (expected 200)' })

    const listed = (await listProbes(minute(8))).find((p) => p.id === probe.id)!
    expect(listed.stats).toMatchObject({ checks: 8, up: 4, uptime: 0.5 })
    expect(listed.last).toMatchObject({ up: true, statusCode: 200 })
  })

  it('records a refused connection and a timeout as down, with a reason', async () => {
    const gone = await startHttpReceiver()
    const url = gone.url
    await gone.close()
    const { probe } = await createProbe({ url: `${url}/x` })
    const refused = await runProbe(probe)
    expect(refused).toMatchObject({ up: false, statusCode: null })
    expect(refused.error).toBe('Connection refused')

    // A peer that accepts the connection and never answers.
    const sockets: net.Socket[] = []
    const silent = net.createServer((socket) => void sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const timedOut = await runProbe({ ...probe, url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/slow`, timeoutMs: 50 })
      expect(timedOut).toMatchObject({ up: false, error: 'Timed out after 50 ms' })
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })

  it('actions: create (interval ≥ 30 s), check now, pause and delete — permission-checked and audited', async () => {
    const ops = await createUser('ops')
    const viewer = await createUser('viewer')
    const service = await db.service.create({ data: { key: uid('svc'), name: 'Diagnosis', workflows: ['diagnosis'] } })
    const input = { serviceId: service.id, name: uid('probe'), url: `${server.url}/ok?token=s3cret`, intervalSeconds: '30', enabled: 'on' }

    signInAs(viewer)
    expect((await saveProbeAction(input)).status).toBe(403)
    signInAs(ops)
    const tooFast = await saveProbeAction({ ...input, intervalSeconds: '10' })
    expect(tooFast).toMatchObject({ ok: false, status: 422 })
    expect(tooFast.fieldErrors?.intervalSeconds).toBeDefined()
    const created = await saveProbeAction(input)
    expect(created).toMatchObject({ ok: true, status: 201 })
    const id = created.data!.id

    server.respondWith(200)
    expect(await checkProbeNowAction({ id })).toMatchObject({ ok: true, message: expect.stringContaining('is up (200') })
    expect(await setProbeEnabledAction({ id, enabled: '' })).toMatchObject({ ok: true, message: expect.stringContaining('paused') })
    expect(await deleteProbeAction({ id })).toMatchObject({ ok: true })
    signOut()

    const audits = await db.auditLog.findMany({ where: { targetType: 'probe', targetId: id }, orderBy: { at: 'asc' } })
    expect(audits.map((a) => a.action)).toEqual(['probe.create', 'probe.check', 'probe.disable', 'probe.delete'])
    expect(JSON.stringify(audits.map((a) => a.summary))).not.toContain('s3cret')
  })
})
