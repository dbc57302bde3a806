import { afterEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { createUser } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { generateReportAction, subscribeReportAction, unsubscribeReportAction } from './report-actions'

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))

afterEach(() => signOut())

describe('report subscriptions', () => {
  it('subscribe and unsubscribe the signed-in person only, idempotently, and audit both', async () => {
    const cmo = await createUser('executive')
    signInAs(cmo)
    const first = await subscribeReportAction({ period: 'weekly' })
    expect(first).toMatchObject({ ok: true, status: 201 })
    expect(first.message).toContain(cmo.email)
    expect(await subscribeReportAction({ period: 'weekly' })).toMatchObject({ ok: true, status: 200 })
    expect(await db.reportSubscription.count({ where: { userId: cmo.id, period: 'weekly' } })).toBe(1)

    expect(await unsubscribeReportAction({ period: 'weekly' })).toMatchObject({ ok: true, status: 200, message: 'You will no longer get the weekly report.' })
    expect(await unsubscribeReportAction({ period: 'weekly' })).toMatchObject({ ok: true, message: 'You were not subscribed to the weekly report.' })
    expect(await db.reportSubscription.count({ where: { userId: cmo.id } })).toBe(0)

    const audit = await db.auditLog.findMany({ where: { actorId: cmo.id, targetType: 'report_subscription' }, orderBy: { id: 'asc' } })
    expect(audit.map((a) => a.action)).toEqual(['report_subscription.create', 'report_subscription.delete'])
    expect(audit[0]!.summary).toEqual({ period: 'weekly' })
  })

  it('validates the period and refuses the signed-out and those without report:read', async () => {
    signInAs(await createUser('viewer'))
    expect(await subscribeReportAction({ period: 'hourly' })).toMatchObject({ ok: false, status: 422, fieldErrors: { period: expect.any(Array) } })
    signOut()
    expect(await subscribeReportAction({ period: 'daily' })).toMatchObject({ ok: false, status: 401 })
    signInAs(await createUser('clinician'))
    expect(await subscribeReportAction({ period: 'daily' })).toMatchObject({ ok: false, status: 403 })
    expect(await unsubscribeReportAction({ period: 'daily' })).toMatchObject({ ok: false, status: 403 })
  })
})

describe('generateReportAction', () => {
  it('builds the report of the period containing a date, and rebuilds it on a second run', async () => {
    const pm = await createUser('pm')
    signInAs(pm)
    const form = new FormData()
    form.set('period', 'monthly')
    form.set('date', '2021-10-14')
    const first = await generateReportAction(form)
    expect(first).toMatchObject({ ok: true, status: 201, data: { label: 'October 2021' } })
    const second = await generateReportAction({ period: 'monthly', date: '2021-10-01' })
    expect(second).toMatchObject({ ok: true, status: 200, data: { id: first.data!.id } })
    expect(second.message).toContain('rebuilt')
    const audit = await db.auditLog.findMany({ where: { actorId: pm.id, targetType: 'sla_report' }, orderBy: { id: 'asc' } })
    expect(audit.map((a) => a.action)).toEqual(['sla_report.create', 'sla_report.regenerate'])
  })

  it('without a date builds the last whole period', async () => {
    signInAs(await createUser('admin'))
    const res = await generateReportAction({ period: 'daily', date: '' })
    expect(res.ok).toBe(true)
    const stored = await db.slaReport.findUniqueOrThrow({ where: { id: res.data!.id } })
    expect(stored.periodEnd.getTime()).toBeLessThanOrEqual(Date.now())
    expect(stored.periodEnd.getTime()).toBeGreaterThan(Date.now() - 2 * 86_400_000)
  })

  it('refuses a period that has not ended, a malformed date, and people without slo:manage', async () => {
    signInAs(await createUser('pm'))
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
    expect(await generateReportAction({ period: 'weekly', date: future })).toMatchObject({ ok: false, status: 422, fieldErrors: { date: expect.any(Array) } })
    expect(await generateReportAction({ period: 'weekly', date: '2021-02-30' })).toMatchObject({ ok: false, status: 422, fieldErrors: { date: expect.any(Array) } })
    signInAs(await createUser('executive'))
    expect(await generateReportAction({ period: 'daily' })).toMatchObject({ ok: false, status: 403 })
    signOut()
    expect(await generateReportAction({ period: 'daily' })).toMatchObject({ ok: false, status: 401 })
  })
})
