/**
 * The report jobs end to end: the last full period in the configured zone is built, stored and e-mailed to
 * the period's subscribers through the e-mail channel (a local SMTP sink), with the CSV attached.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.WARDROOM_SECRET = 'test-wardroom-secret-0123456789abcdef'
  process.env.NEXTAUTH_URL = 'https://wardroom.test'
})

import { db } from '@/lib/db'
import { setOutboundAllowListForTests } from '@/lib/http/outbound'
import { getJob } from '@/lib/jobs/registry'
import { saveChannel } from '@/lib/notifications/commands'
import { ChannelForm } from '@/lib/notifications/schema'
import { createUser, uid } from '@/test/factories'
import { startSmtpSink, type SmtpSink } from '@/test/local-receivers'
import { actorOfUser, systemActor } from '@/lib/auth/actor'
import { runReportJob } from './sla-report'
import type { PeriodFigure } from '@/lib/slo/types'

let sink: SmtpSink
beforeAll(async () => {
  // The SMTP sink listens on 127.0.0.1, which the outbound policy refuses unless allow-listed.
  setOutboundAllowListForTests('127.0.0.1')
  sink = await startSmtpSink()
})
afterAll(async () => {
  await sink.close()
})

const figure = (over: Partial<PeriodFigure>): PeriodFigure => ({
  key: 'system_availability',
  name: 'System availability',
  service: 'ai-engine',
  workflow: null,
  target: 0.999,
  budgeting: 'occurrences',
  good: 99_950,
  total: 100_000,
  compliance: 0.9995,
  budgetUsed: 0.5,
  violations: 1,
  incidents: 1,
  mttrMinutes: 31,
  ...over,
})

async function emailChannel(fields: Record<string, string> = {}) {
  const admin = await createUser('admin')
  const form = ChannelForm.parse({
    name: uid('report-mail'),
    type: 'email',
    minSeverity: 'low',
    enabled: 'on',
    smtpHost: '127.0.0.1',
    smtpPort: String(sink.port),
    emailFrom: 'wardroom@hospital.test',
    emailTo: 'oncall@hospital.test',
    ...fields,
  })
  return (await saveChannel(actorOfUser(admin), form)).id
}

describe('SLA report jobs', () => {
  it('are registered with their schedules', () => {
    expect(getJob('sla-report-daily')?.schedule).toBe('0 9 * * *')
    expect(getJob('sla-report-weekly')?.schedule).toBe('0 9 * * 1')
    expect(getJob('sla-report-monthly')?.schedule).toBe('0 9 1 * *')
  })

  it('builds last week in the zone and e-mails each subscriber once, with the CSV attached', async () => {
    const channelId = await emailChannel()
    const cmo = await createUser('executive')
    const gone = await createUser('viewer')
    await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } })
    await db.reportSubscription.createMany({
      data: [
        { period: 'weekly', userId: cmo.id, channelId },
        { period: 'weekly', userId: cmo.id, channelId }, // a double subscription sends one mail
        { period: 'weekly', userId: gone.id, channelId }, // disabled people get nothing
        { period: 'daily', userId: cmo.id, channelId }, // another period
      ],
    })
    const before = sink.mails.length
    const figures = vi.fn(async (from: Date) => (from.getTime() === Date.parse('2021-05-02T23:00:00Z') ? [figure({})] : [figure({ good: 99_900, compliance: 0.999 })]))

    const result = await runReportJob(systemActor('sla-report'), 'weekly', new Date('2021-05-10T08:00:00Z'), { timeZone: 'Europe/London', figures, channelIds: [channelId], timeoutMs: 5000 })

    expect(result).toMatchObject({ period: 'weekly', periodStart: '2021-05-02T23:00:00.000Z', periodEnd: '2021-05-09T23:00:00.000Z', timezone: 'Europe/London', objectives: 1, met: 1, emailFailed: 0 })
    expect(figures).toHaveBeenCalledTimes(2)
    const mine = sink.mails.slice(before).filter((m) => m.to.includes(`<${cmo.email}>`))
    expect(mine).toHaveLength(1)
    expect(sink.mails.slice(before).some((m) => m.to.includes(`<${gone.email}>`))).toBe(false)
    const mail = mine[0]!.data
    expect(mail).toContain('Subject: =?UTF-8?Q?Weekly_SLA_report_=C2=B7_Week_18=2C_2021?=')
    // Quoted-printable folds long lines with a trailing "="; unfold before reading the text.
    expect(mail.replace(/=\n/g, '')).toContain('System availability (ai-engine): 99.95% vs target 99.9%, met; budget used 50%; 1 violation;')
    expect(mail).toContain(`https://wardroom.test/slo/reports/${String(result.reportId)}`)
    expect(mail).toContain('filename=wardroom-sla-weekly-2021-05-03.csv')
    expect(mail).toContain('X-Wardroom-Report:')

    const stored = await db.slaReport.findUniqueOrThrow({ where: { id: String(result.reportId) } })
    expect(stored.timezone).toBe('Europe/London')
  })

  it('sends nothing through an SMTP server the outbound policy refuses (127.0.0.1 not allow-listed)', async () => {
    const channelId = await emailChannel()
    const user = await createUser('executive')
    await db.reportSubscription.create({ data: { period: 'daily', userId: user.id, channelId } })
    const before = sink.mails.length
    setOutboundAllowListForTests(null)
    try {
      const result = await runReportJob(systemActor('sla-report'), 'daily', new Date('2021-06-02T09:00:00Z'), { timeZone: 'UTC', figures: async () => [], channelIds: [channelId], timeoutMs: 5000 })
      expect(Number(result.emailFailed)).toBeGreaterThanOrEqual(1)
      expect(sink.mails.length).toBe(before)
    } finally {
      setOutboundAllowListForTests('127.0.0.1')
    }
  })

  it('stores the report even when no e-mail channel can send it', async () => {
    const user = await createUser('executive')
    await db.reportSubscription.create({ data: { period: 'monthly', userId: user.id } })
    const result = await runReportJob(systemActor('sla-report'), 'monthly', new Date('2021-09-01T09:00:00Z'), { timeZone: 'UTC', figures: async () => [], channelIds: [] })
    expect(result).toMatchObject({ periodStart: '2021-08-01T00:00:00.000Z', emailed: 0 })
    expect(Number(result.emailSkipped)).toBeGreaterThanOrEqual(1)
    expect(await db.slaReport.count({ where: { id: String(result.reportId) } })).toBe(1)
  })
})
