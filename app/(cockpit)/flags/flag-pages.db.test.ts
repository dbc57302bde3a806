/**
 * Renders the flag pages against a real database (the session is mocked): the list with its filters, a
 * flag with a gated production change waiting for approval and an automatic rollback in its history, and
 * an experiment's results. Pages are async server components, so they are awaited and then rendered.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import { db } from '@/lib/db'
import type { SessionUser } from '@/lib/auth/session'
import { actorOfUser } from '@/lib/auth/actor'
import { recordCompliance } from '@/lib/flags/commands/compliance'
import { updateEnvironment } from '@/lib/flags/commands/environments'
import { createFlag } from '@/lib/flags/commands/flags'
import { ComplianceInput } from '@/lib/flags/schema'
import { flagInput } from '@/test/flag-factories'
import { createUser, uid } from '@/test/factories'
import { signInAs } from '@/test/session-state'
import FlagsPage from './page'
import FlagPage from './[key]/page'
import ExperimentsPage from './experiments/page'
import ExperimentPage from './experiments/[key]/page'

vi.mock('next/cache', () => ({ revalidatePath: () => {} }))
// The New flag form navigates with the App Router after creating; outside Next there is none to mount.
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/navigation')>()),
  useRouter: () => ({ push: () => {} }),
  usePathname: () => '/flags',
}))

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ')

let pm: SessionUser
let pm2: SessionUser

async function gatedFlagWaitingForApproval(): Promise<string> {
  const key = uid('page').replace(/-/g, '_')
  await createFlag(actorOfUser(pm), flagInput({ key, name: 'Sepsis early warning', type: 'boolean', variants: [{ key: 'off', value: false }, { key: 'on', value: true }], tags: ['hipaa'] }))
  await recordCompliance(actorOfUser(pm), key, ComplianceInput.parse({ kind: 'hipaa_review', reference: 'PRIV-7', date: '2026-02-01', scope: 'ED' }))
  const out = await updateEnvironment(actorOfUser(pm), key, 'production', { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'on' } })
  expect(out.applied).toBe(false)
  // An automatic rollback as the rollout job records it.
  const flag = await db.flag.findUniqueOrThrow({ where: { key } })
  await db.flagEvent.create({
    data: {
      flagId: flag.id,
      environment: 'production',
      type: 'rollback_automatic',
      actorLabel: 'system',
      data: { sloKey: 'triage-latency', violations: 4, threshold: 3, from: 50, to: 25, reason: 'triage-latency had 4 violations during the rollout' },
    },
  })
  return key
}

beforeEach(async () => {
  pm = await createUser('pm')
  pm2 = await createUser('pm')
})

describe('flag pages', () => {
  it('the list shows flags, filters and the New flag form', async () => {
    signInAs(pm)
    const key = await gatedFlagWaitingForApproval()
    const html = renderToStaticMarkup(await FlagsPage({ searchParams: Promise.resolve({ tag: 'hipaa', environment: 'production' }) }))
    const t = text(html)
    expect(html).toContain(`href="/flags/${key}"`)
    expect(t).toContain('1 waiting for approval')
    expect(t).toContain('New flag')
    expect(html).toContain('aria-label="Filter the flags"')
    expect(html).toContain('aria-label="Change requests waiting for approval"')
    // Only the filtered environment's column.
    expect(html).toMatch(/<th[^>]*>Production<\/th>/)
    expect(html).not.toMatch(/<th[^>]*>Staging<\/th>/)
  })

  it('the list says when no flag matches', async () => {
    signInAs(pm)
    const t = text(renderToStaticMarkup(await FlagsPage({ searchParams: Promise.resolve({ q: uid('nothing-matches') }) })))
    expect(t).toContain('No flag matches these filters')
  })

  it('a flag page shows the waiting change, gates, history with the rollback reason, and 4-eyes buttons for someone else', async () => {
    signInAs(pm)
    const key = await gatedFlagWaitingForApproval()
    const own = text(renderToStaticMarkup(await FlagPage({ params: Promise.resolve({ key }), searchParams: Promise.resolve({ env: 'production' }) })))
    expect(own).toContain('Waiting for approval')
    expect(own).toContain('you cannot approve your own change')
    expect(own).toContain('HIPAA review Tagged hipaa')
    expect(own).toContain('Satisfied')
    expect(own).toContain('PRIV-7')
    expect(own).toContain('Rolled back automatically')
    expect(own).toContain('Reason: triage-latency had 4 violations during the rollout')
    expect(own).toContain('Save production configuration')
    expect(own).toContain('No evaluations in the last 24 hours')

    signInAs(pm2)
    const other = renderToStaticMarkup(await FlagPage({ params: Promise.resolve({ key }), searchParams: Promise.resolve({ env: 'production' }) }))
    expect(other).toMatch(/aria-label="Approve: [^"]+"/)
  })

  it('an unknown flag is not found', async () => {
    signInAs(pm)
    await expect(FlagPage({ params: Promise.resolve({ key: uid('missing') }), searchParams: Promise.resolve({}) })).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/)
    await expect(FlagPage({ params: Promise.resolve({ key: '%E0%A4%A' }), searchParams: Promise.resolve({}) })).rejects.toThrow(/404/)
  })

  it('a viewer sees no editing controls', async () => {
    const key = await (async () => {
      signInAs(pm)
      return gatedFlagWaitingForApproval()
    })()
    signInAs(await createUser('viewer'))
    const t = text(renderToStaticMarkup(await FlagPage({ params: Promise.resolve({ key }), searchParams: Promise.resolve({ env: 'staging' }) })))
    expect(t).not.toContain('Save staging configuration')
    expect(t).not.toContain('Kill switch')
    expect(t).not.toContain('Record compliance evidence')
  })
})

describe('experiment pages', () => {
  it('lists experiments and shows results with a verdict', async () => {
    signInAs(pm)
    const key = await gatedFlagWaitingForApproval()
    const flag = await db.flag.findUniqueOrThrow({ where: { key } })
    await db.flagEnvironment.update({
      where: { flagId_environment: { flagId: flag.id, environment: 'staging' } },
      data: { defaultServe: { split: [{ variant: 'off', weight: 50 }, { variant: 'on', weight: 50 }] } },
    })
    const exp = await db.experiment.create({
      data: { key: uid('exp'), name: 'Early warning A/B', flagId: flag.id, environment: 'staging', status: 'running', primaryMetric: { type: 'event', event: 'alert_acted_on' }, guardrailSloKeys: [uid('slo')], controlVariant: 'off', startedAt: new Date('2026-02-01T00:00:00Z') },
    })
    const at = new Date('2026-02-02T00:00:00Z')
    await db.experimentEvent.createMany({
      data: [
        ...Array.from({ length: 40 }, (_, i) => ({ experimentId: exp.id, kind: 'exposure', variant: i % 2 ? 'on' : 'off', subject: `s${i}`, at })),
        ...Array.from({ length: 6 }, (_, i) => ({ experimentId: exp.id, kind: 'conversion', variant: 'on', subject: `s${i * 2 + 1}`, at })),
        ...Array.from({ length: 5 }, (_, i) => ({ experimentId: exp.id, kind: 'conversion', variant: 'off', subject: `s${i * 2}`, at })),
      ],
    })
    const list = text(renderToStaticMarkup(await ExperimentsPage()))
    expect(list).toContain('Early warning A/B')

    const page = text(renderToStaticMarkup(await ExperimentPage({ params: Promise.resolve({ key: exp.key }) })))
    expect(page).toMatch(/Not significant yet \(p = 0\.\d\d\)\./)
    expect(page).toContain('Split as configured')
    expect(page).toContain('not available: no SLO has this key')
    expect(page).toContain('Conversion to alert_acted_on')
  })

  it('an experiment without exposures says so', async () => {
    signInAs(pm)
    const key = await gatedFlagWaitingForApproval()
    const flag = await db.flag.findUniqueOrThrow({ where: { key } })
    const exp = await db.experiment.create({ data: { key: uid('exp'), name: 'Empty', flagId: flag.id, primaryMetric: { type: 'event', event: 'x' }, guardrailSloKeys: [], controlVariant: 'off' } })
    const page = text(renderToStaticMarkup(await ExperimentPage({ params: Promise.resolve({ key: exp.key }) })))
    expect(page).toContain('No data yet')
    expect(page).toContain('No exposures yet')
  })
})
