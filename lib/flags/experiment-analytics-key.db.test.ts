/**
 * An exposure carries the analytics pseudonym of its targeting key, the userKey ingest gives the same
 * userId, so funnels can join the two; without an analytics key it stays null.
 */
import { describe, expect, it, vi } from 'vitest'
import { pseudonymizer } from '@/lib/analytics/pseudonym'
import { systemActor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { flagKey, makeFlag } from '@/test/flag-factories'
import { recordExperimentEvents } from './commands/experiments'

const KEY = 'experiment-analytics-key-0123456789'
process.env.WARDROOM_ANALYTICS_KEY = KEY

vi.mock('@/lib/analytics/pseudonym', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/analytics/pseudonym')>()
  return { ...real, analyticsKey: vi.fn(real.analyticsKey) }
})

async function experiment() {
  const flag = await makeFlag({ key: flagKey('exp') })
  return db.experiment.create({ data: { key: flagKey('exp'), name: 'AI differential', flagId: flag.id, primaryMetric: { type: 'event', event: 'x' }, controlVariant: 'off', status: 'running' } })
}

describe('recordExperimentEvents: analyticsKey', () => {
  it('is the analytics user pseudonym of the targeting key', async () => {
    const exp = await experiment()
    await recordExperimentEvents(systemActor(), [
      { experiment: exp.key, variant: 'on', subject: 'clin-1', kind: 'exposure' },
      { experiment: exp.key, variant: 'off', subject: 'clin-2', kind: 'exposure' },
      { experiment: exp.key, variant: 'on', subject: 'clin-1', kind: 'conversion' },
    ])
    const rows = await db.experimentEvent.findMany({ where: { experimentId: exp.id }, orderBy: [{ kind: 'asc' }, { variant: 'asc' }] })
    const user = pseudonymizer(Buffer.from(KEY))
    expect(rows.map((r) => [r.kind, r.analyticsKey])).toEqual([
      ['conversion', user('user', 'clin-1')],
      ['exposure', user('user', 'clin-2')],
      ['exposure', user('user', 'clin-1')],
    ])
    expect(rows[1]!.analyticsKey).toMatch(/^u_[A-Za-z0-9_-]{22}$/)
  })

  it('is null when no analytics key is configured', async () => {
    const { analyticsKey } = await import('@/lib/analytics/pseudonym')
    vi.mocked(analyticsKey).mockReturnValueOnce(null)
    const exp = await experiment()
    await recordExperimentEvents(systemActor(), [{ experiment: exp.key, variant: 'on', subject: 'clin-3', kind: 'exposure' }])
    const rows = await db.experimentEvent.findMany({ where: { experimentId: exp.id } })
    expect(rows.map((r) => [r.variant, r.analyticsKey])).toEqual([['on', null]])
  })
})
