/**
 * Server-renders the flag components and checks what people depend on: the current rollout stage and
 * when the next step is due, gates in words, 4-eyes buttons only for someone else's request, the reason of
 * an automatic rollback, results figures, and every editor control named.
 */
import { describe, expect, it, vi } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import type { ChangeRequestView, FlagEventView, FlagListItem, RolloutView } from '@/lib/flags/queries'
import type { GateStatus } from '@/lib/flags/gates'
import { computeExperimentResults } from '@/lib/flags/experiment-results'
import { ChangeRequestsPanel } from './change-requests-panel'
import { ExperimentResultsTable } from './experiment-results-table'
import { ExperimentVerdict, GuardrailsTable, SrmCheck } from './experiment-checks'
import { FlagHistory } from './flag-history'
import { FlagTable } from './flag-table'
import { GatesPanel } from './gates-panel'
import { RolloutProgress, stageStates } from './rollout-progress'
import { TargetingEditor } from './targeting-editor'

// The components only pass the actions on; the database is not needed to render them.
vi.mock('@/lib/flags/actions', () => ({
  updateEnvironmentAction: vi.fn(),
  editChangeRequestAction: vi.fn(),
  approveChangeRequestAction: vi.fn(),
  rejectChangeRequestAction: vi.fn(),
  withdrawChangeRequestAction: vi.fn(),
  applyChangeRequestAction: vi.fn(),
}))

const now = new Date('2026-03-01T12:00:00Z')
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')

/** Inputs, selects and textareas that have neither a <label for> nor an aria-label (radios inside a label pass). */
function unlabelled(html: string): string[] {
  const controls = [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)].map((m) => m[0])
  return controls.filter((tag) => {
    if (/\saria-label="/.test(tag) || /type="(radio|hidden)"/.test(tag)) return false
    const id = /\sid="([^"]+)"/.exec(tag)?.[1]
    return !id || !html.includes(`for="${id}"`)
  })
}

const rollout = (over: Partial<RolloutView> = {}): RolloutView => ({
  id: 'p1',
  environment: 'production',
  variant: 'on',
  stages: [5, 25, 50, 100],
  stageIntervalHours: 24,
  currentStage: 1,
  percentage: 25,
  status: 'running',
  violationThreshold: 3,
  startedAt: new Date('2026-02-28T06:00:00Z'),
  nextStageAt: new Date('2026-03-02T06:00:00Z'),
  pausedReason: null,
  progress: 0.25,
  ...over,
})

describe('RolloutProgress', () => {
  it('stage states follow the served percentage', () => {
    expect(stageStates([5, 25, 50, 100], 25)).toEqual(['done', 'current', 'upcoming', 'upcoming'])
    expect(stageStates([5, 25, 50, 100], 12.5)).toEqual(['current', 'upcoming', 'upcoming', 'upcoming'])
    expect(stageStates([5, 25, 50, 100], 0)).toEqual(['upcoming', 'upcoming', 'upcoming', 'upcoming'])
    expect(stageStates([5, 25, 50, 100], 100)).toEqual(['done', 'done', 'done', 'current'])
  })

  it('marks the current stage and says when the next step is due', () => {
    const html = renderToStaticMarkup(<RolloutProgress rollout={rollout()} now={now} />)
    expect(html).toMatch(/<li aria-current="step"[^>]*>25%<span class="sr-only"> \(current stage\)/)
    expect(html).toContain('aria-valuenow="25"')
    expect(text(html)).toContain('Next step to 50% in 18 h (at 2026-03-02 06:00 UTC)')
  })

  it('says why a rollout is paused or was rolled back', () => {
    expect(text(renderToStaticMarkup(<RolloutProgress rollout={rollout({ status: 'paused', pausedReason: 'ED pilot review' })} now={now} />))).toContain(
      'Paused: ED pilot review',
    )
    const back = text(renderToStaticMarkup(<RolloutProgress rollout={rollout({ status: 'rolled_back', percentage: 12.5, pausedReason: 'triage-latency: 4 violations' })} now={now} />))
    expect(back).toContain('Rolled back to 12.5%: triage-latency: 4 violations')
  })
})

describe('GatesPanel', () => {
  const gates: GateStatus[] = [
    { gate: 'hipaa_review', label: 'HIPAA review', required: true, satisfied: true, reason: 'Tagged hipaa' },
    { gate: 'fda_approval', label: 'FDA approval', required: true, satisfied: false, reason: 'Clinical decision support' },
    { gate: 'four_eyes', label: 'approval by a second person', required: true, satisfied: false, reason: 'Production changes to a gated flag' },
  ]

  it('lists each gate as satisfied or missing, in words, and the records', () => {
    const html = text(
      renderToStaticMarkup(
        <GatesPanel
          gates={gates}
          records={[{ id: 'r1', kind: 'hipaa_review', reference: 'PRIV-42', date: '2026-02-01', scope: 'ED', recordedBy: 'pm@x', createdAt: now }]}
        />,
      ),
    )
    expect(html).toMatch(/HIPAA review.*Satisfied/)
    expect(html).toMatch(/FDA approval.*Missing/)
    expect(html).toMatch(/Approval by a second person.*Per change/)
    expect(html).toContain('PRIV-42')
  })

  it('says when a flag has no gates', () => {
    expect(text(renderToStaticMarkup(<GatesPanel gates={[]} records={[]} />))).toContain('No compliance gates')
  })
})

describe('ChangeRequestsPanel', () => {
  const cr = (over: Partial<ChangeRequestView>): ChangeRequestView => ({
    id: 'c1',
    flagKey: 'sepsis',
    flagName: 'Sepsis',
    environment: 'production',
    payload: { kind: 'environment', config: { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'on' } } },
    summary: 'Turn on: default serve on',
    status: 'pending',
    reason: '',
    requestedBy: { id: 'u-a', name: 'Jonah', email: 'pm@x' },
    editorIds: [],
    approvedBy: null,
    approvedAt: null,
    appliedAt: null,
    createdAt: now,
    updatedAt: now,
    ...over,
  })

  it('offers Approve and Reject only on someone else’s request', () => {
    const other = renderToStaticMarkup(<ChangeRequestsPanel flagKey="sepsis" requests={[cr({})]} viewerId="u-b" canApprove canEdit />)
    expect(other).toContain('aria-label="Approve: Turn on: default serve on"')
    expect(text(other)).toContain('Waiting for approval')
    expect(text(other)).not.toContain('Withdraw')

    const mine = renderToStaticMarkup(<ChangeRequestsPanel flagKey="sepsis" requests={[cr({})]} viewerId="u-a" canApprove canEdit />)
    expect(mine).not.toContain('Approve:')
    expect(text(mine)).toContain('you cannot approve your own change')
    expect(text(mine)).toContain('Withdraw')
    expect(mine).toContain('href="/flags/sepsis?env=production&amp;cr=c1#targeting"')
  })

  it('offers Apply once approved, and keeps the history apart', () => {
    const html = renderToStaticMarkup(
      <ChangeRequestsPanel
        flagKey="sepsis"
        requests={[cr({ status: 'approved', approvedBy: { id: 'u-b', name: 'Amara', email: 'pm2@x' }, approvedAt: now }), cr({ id: 'c2', status: 'voided' })]}
        viewerId="u-a"
        canApprove
        canEdit
      />,
    )
    expect(html).toContain('aria-label="Apply: Turn on: default serve on"')
    expect(text(html)).toContain('approved by Amara')
    expect(text(html)).toContain('Past requests (1)')
    expect(text(html)).toContain('Voided')
  })

  it('never offers Approve to someone who edited the request, and says why', () => {
    const html = renderToStaticMarkup(<ChangeRequestsPanel flagKey="sepsis" requests={[cr({ editorIds: ['u-e'] })]} viewerId="u-e" canApprove canEdit />)
    expect(html).not.toContain('Approve:')
    expect(text(html)).toContain('you edited this request, so you cannot approve it')
    // Rejecting stays possible: it changes nothing served.
    expect(text(html)).toContain('Reject')
  })

  it('never offers Apply to the approver, and says who applies instead', () => {
    const approved = cr({ status: 'approved', approvedBy: { id: 'u-b', name: 'Amara', email: 'pm2@x' }, approvedAt: now })
    const approverView = renderToStaticMarkup(<ChangeRequestsPanel flagKey="sepsis" requests={[approved]} viewerId="u-b" canApprove canEdit />)
    expect(approverView).not.toContain('Apply:')
    expect(text(approverView)).toContain('You approved this change, so someone else applies it')
    const thirdView = renderToStaticMarkup(<ChangeRequestsPanel flagKey="sepsis" requests={[approved]} viewerId="u-c" canApprove canEdit />)
    expect(thirdView).toContain('aria-label="Apply: Turn on: default serve on"')
  })

  it('says when nothing waits', () => {
    expect(text(renderToStaticMarkup(<ChangeRequestsPanel flagKey="x" requests={[]} viewerId="u" canApprove canEdit />))).toContain('No change waits for approval')
  })
})

describe('FlagHistory', () => {
  it('shows an automatic rollback with its reason and figures', () => {
    const events: FlagEventView[] = [
      {
        id: '2',
        environment: 'production',
        at: now,
        type: 'rollback_automatic',
        actorLabel: 'system',
        data: { sloKey: 'triage-latency', violations: 4, threshold: 3, from: 50, to: 25, reason: 'triage-latency had 4 violations (more than 3)' },
      },
      { id: '1', environment: null, at: now, type: 'created', actorLabel: 'pm@x', data: null },
    ]
    const html = text(renderToStaticMarkup(<FlagHistory events={events} />))
    expect(html).toContain('Rolled back automatically')
    expect(html).toContain('Automatic rollback')
    expect(html).toContain('Reason: triage-latency had 4 violations (more than 3)')
    expect(html).toContain('50% → 25%')
    expect(html).toContain('SLO triage-latency: 4 violations')
    expect(html).toContain('Flag created')
  })

  it('has an empty state', () => {
    expect(text(renderToStaticMarkup(<FlagHistory events={[]} />))).toBe('No history yet.')
  })
})

describe('FlagTable', () => {
  it('shows state and rollout per environment', () => {
    const flag: FlagListItem = {
      id: 'f1',
      key: 'sepsis_alert',
      name: 'Sepsis alert',
      description: '',
      type: 'boolean',
      owner: '',
      tags: ['hipaa'],
      category: 'clinical_decision_support',
      lifecycle: 'active',
      lastChangedAt: now,
      updatedAt: now,
      gated: true,
      pendingChangeRequests: 1,
      environments: [
        { environment: 'staging', enabled: true, killed: false, serving: 'on', rolloutPercentage: null, rolloutStatus: null },
        { environment: 'production', enabled: true, killed: false, serving: 'on 25%', rolloutPercentage: 25, rolloutStatus: 'running' },
      ],
    }
    const html = renderToStaticMarkup(<FlagTable flags={[flag]} environments={['staging', 'production']} />)
    const t = text(html)
    expect(html).toContain('href="/flags/sepsis_alert"')
    expect(t).toContain('Clinical decision support')
    expect(t).toContain('rollout 25%')
    expect(t).toContain('1 waiting for approval')
    expect(t).toContain('nobody')
  })
})

describe('experiment results', () => {
  const results = computeExperimentResults(
    [
      { variant: 'control', exposures: 1000, conversions: 200, weight: 50 },
      { variant: 'treatment', exposures: 1000, conversions: 250, weight: 50 },
    ],
    'control',
  )

  it('the table carries every figure', () => {
    const t = text(renderToStaticMarkup(<ExperimentResultsTable results={results} />))
    expect(t).toContain('1,000')
    expect(t).toContain('20.0%')
    expect(t).toContain('+25.0%')
    expect(t).toContain('0.0074significant')
  })

  it('the verdict, the SRM check and guardrails read in words', () => {
    expect(text(renderToStaticMarkup(<ExperimentVerdict verdict={results.verdict} alpha={results.alpha} />))).toContain(
      'Significant: treatment converts better than control (p = 0.0074, +25.0%).',
    )
    expect(text(renderToStaticMarkup(<SrmCheck results={results} weightsSource="the default rule of production" />))).toContain('Split as configured')
    const g = text(
      renderToStaticMarkup(
        <GuardrailsTable
          guardrails={[
            { key: 'triage-latency', name: 'Triage latency', status: null, violationsSinceStart: 2, openViolations: 0 },
            { key: 'gone', name: null, status: null, violationsSinceStart: null, openViolations: null },
          ]}
        />,
      ),
    )
    expect(g).toContain('not available')
    expect(g).toContain('not available: no SLO has this key')
  })
})

describe('TargetingEditor', () => {
  it('names every control and shows the rules in order', () => {
    const html = renderToStaticMarkup(
      <TargetingEditor
        flagKey="sepsis"
        environment="staging"
        variants={[
          { key: 'off', value: false },
          { key: 'on', value: true },
        ]}
        config={{
          enabled: true,
          offVariant: 'off',
          rules: [
            { id: 'r1', conditions: [{ attribute: 'department', operator: 'in', values: ['emergency'] }], serve: { variant: 'on' } },
            { id: 'r2', conditions: [{ attribute: 'region', operator: 'equals', values: ['north'] }], serve: { split: [{ variant: 'on', weight: 50 }, { variant: 'off', weight: 50 }] } },
          ],
          defaultServe: { variant: 'off' },
        }}
        canEdit
      />,
    )
    expect(unlabelled(html)).toEqual([])
    expect(html).toContain('aria-label="Rule 1, condition 1: attribute"')
    expect(html).toContain('aria-label="Move rule 1 up"')
    expect(text(html)).toContain('Variant served by the default rule')
    expect(text(html)).toContain('Total 100% of 100%')
    expect(text(html)).toContain('Save staging configuration')
    expect(html.indexOf('value="emergency"')).toBeLessThan(html.indexOf('value="north"'))
  })

  it('is read-only without flag:edit', () => {
    const html = renderToStaticMarkup(
      <TargetingEditor flagKey="x" environment="production" variants={[{ key: 'off', value: false }]} config={{ enabled: false, offVariant: 'off', rules: [], defaultServe: { variant: 'off' } }} canEdit={false} />,
    )
    expect(html).toMatch(/<fieldset disabled=""/)
    expect(text(html)).not.toContain('Save')
  })
})
