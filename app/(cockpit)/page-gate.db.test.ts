/**
 * The page gate against a real database: the permission of the requested page and the existence of its
 * record, decided before any loading UI streams (so 403 and 404 keep their status). headers() and the
 * interrupts are Next's; here the path is set directly and the interrupts throw their status.
 */
import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { PATHNAME_HEADER } from '@/lib/page-access'
import type { SessionUser } from '@/lib/auth/session'
import { createUser, uid } from '@/test/factories'
import { gatePage } from './page-gate'

let pathname: string | null = null
vi.mock('next/headers', () => ({ headers: async () => new Headers(pathname ? { [PATHNAME_HEADER]: pathname } : {}) }))
vi.mock('next/navigation', () => ({
  forbidden: () => {
    throw new Error('403')
  },
  notFound: () => {
    throw new Error('404')
  },
}))

let admin: SessionUser
let viewer: SessionUser
let clinician: SessionUser
beforeEach(async () => {
  ;[admin, viewer, clinician] = await Promise.all([createUser('admin'), createUser('viewer'), createUser('clinician')])
})

const gate = (path: string | null, user: SessionUser) => {
  pathname = path
  return gatePage(user)
}

describe('gatePage', () => {
  it('answers 403 for a page the role may not open, before looking anything up', async () => {
    await expect(gate('/admin/jobs', viewer)).rejects.toThrow('403')
    await expect(gate('/admin', viewer)).rejects.toThrow('403')
    await expect(gate('/incidents', clinician)).rejects.toThrow('403')
    await expect(gate(`/incidents/${randomUUID()}`, clinician)).rejects.toThrow('403')
    await expect(gate('/admin/jobs', admin)).resolves.toBeUndefined()
    await expect(gate('/', clinician)).resolves.toBeUndefined()
  })

  it('answers 404 for an unknown incident, flag, experiment, SLO, report or job, and lets known ones through', async () => {
    const incident = await db.incident.create({ data: { title: uid('gate'), severity: 'low', dedupKey: uid('gate'), workflows: [] } })
    const flag = await db.flag.create({ data: { key: uid('gate_flag').replace(/-/g, '_'), name: 'Gate', type: 'boolean', variants: [] } })
    const slo = await db.slo.create({ data: { key: uid('gate-slo'), name: 'Gate', sli: 'x', sliType: 'ratio', service: 'gate', target: 0.99 } })
    const report = await db.slaReport.create({
      data: { period: 'daily', periodStart: new Date('2020-01-01T00:00:00Z'), periodEnd: new Date('2020-01-02T00:00:00Z'), timezone: 'UTC', data: {} },
    })

    for (const known of [`/incidents/${incident.id}`, `/flags/${flag.key}`, `/slo/${slo.key}`, `/slo/reports/${report.id}`, '/admin/jobs/sli-rollup']) {
      await expect(gate(known, admin), known).resolves.toBeUndefined()
    }
    for (const unknown of [
      `/incidents/${randomUUID()}`,
      '/incidents/not-a-uuid',
      '/flags/no_such_flag',
      '/flags/%E0%A4%A',
      '/flags/experiments/no-such-experiment',
      '/slo/no-such-slo',
      `/slo/reports/${randomUUID()}`,
      '/slo/reports/not-a-uuid',
      '/admin/jobs/no-such-job',
    ]) {
      await expect(gate(unknown, admin), unknown).rejects.toThrow('404')
    }
  })

  it('leaves the list pages and a request without the header to the pages', async () => {
    for (const path of ['/incidents', '/incidents/probes', '/flags/experiments', '/slo/reports']) await expect(gate(path, viewer), path).resolves.toBeUndefined()
    await expect(gate(null, clinician)).resolves.toBeUndefined()
  })
})
