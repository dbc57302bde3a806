import { describe, expect, it } from 'vitest'
import { formatIssue, parseOpenSlo, type OpenSloParse } from './openslo'
import { exportOpenSlo, type ExportableSlo } from './openslo-export'
import { SloSpec } from './definition'

function ok(result: OpenSloParse) {
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'))
  return result
}
function errors(result: OpenSloParse): string[] {
  if (result.ok) throw new Error('expected errors')
  return result.errors.map(formatIssue)
}

const RATIO = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: triage-availability
  displayName: Triage availability
  annotations:
    wardroom.local/key: triage_availability
    wardroom.local/min-events: "50"
spec:
  description: Triage answers without error
  service: imaging-triage
  indicator:
    metadata:
      name: triage-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Wardroom
            spec:
              sli: triage_requests
              workflow: stroke
        total:
          metricSource:
            type: Wardroom
            spec:
              sli: triage_requests
              workflow: stroke
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.995
`

describe('parseOpenSlo: worked examples', () => {
  it('reads a ratio SLI with its workflow, annotations and a 28-day rolling window; no alert policy means no alerts', () => {
    const [slo] = ok(parseOpenSlo(RATIO)).slos
    expect(slo!.spec).toMatchObject({
      key: 'triage_availability',
      name: 'Triage availability',
      description: 'Triage answers without error',
      sli: 'triage_requests',
      sliType: 'ratio',
      service: 'imaging-triage',
      workflow: 'stroke',
      target: 0.995,
      threshold: null,
      comparator: null,
      windowKind: 'rolling',
      windowDays: 28,
      budgeting: 'occurrences',
      minEvents: 50,
      pageEnabled: false,
      ticketEnabled: false,
      guardsRollouts: true,
    })
    expect(slo!.timeslicesGiven).toBe(false)
    expect(slo!.escalationPolicy).toBeNull()
    expect(slo!.fieldLines.target).toBe(35)
  })

  it('reads a threshold SLI by reference, timeslices, a calendar month, and alert policies by reference with burn-rate conditions', () => {
    const text = `apiVersion: openslo/v1
kind: SLI
metadata:
  name: response-time
spec:
  thresholdMetric:
    metricSource:
      type: Wardroom
      spec:
        sli: patient_response_time
---
- apiVersion: openslo/v1
  kind: AlertCondition
  metadata:
    name: fast-burn
  spec:
    severity: page
    condition: { kind: burnrate, op: gt, threshold: 14.4, lookbackWindow: 1h, alertAfter: 5m }
- apiVersion: openslo/v1
  kind: AlertPolicy
  metadata:
    name: clinical-paging
  spec:
    alertWhenBreaching: true
    conditions:
      - conditionRef: fast-burn
    notificationTargets:
      - targetRef: Clinical AI on-call
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: response-time-p95
spec:
  service: imaging-triage
  indicatorRef: response-time
  timeWindow:
    - duration: 1M
      isRolling: false
  budgetingMethod: Timeslices
  objectives:
    - op: lte
      value: 2000
      targetPercent: 99
      timeSliceTarget: 0.9
      timeSliceWindow: 10m
  alertPolicies:
    - alertPolicyRef: clinical-paging
`
    const [slo] = ok(parseOpenSlo(text)).slos
    expect(slo!.spec).toMatchObject({
      key: 'response-time-p95',
      name: 'response-time-p95',
      sli: 'patient_response_time',
      sliType: 'threshold',
      workflow: '',
      threshold: 2000,
      comparator: 'lte',
      target: 0.99,
      windowKind: 'calendar_month',
      budgeting: 'timeslices',
      timesliceMinutes: 10,
      timesliceTarget: 0.9,
      pageEnabled: true,
      ticketEnabled: false,
    })
    expect(slo!.escalationPolicy).toBe('Clinical AI on-call')
    expect(slo!.fieldLines.escalationPolicy).toBe(28)
  })

  it('warns when a burn-rate threshold is not the one Wardroom uses for the window (7 days: 14.4 × 7/30 = 3.36)', () => {
    const text = RATIO.replace('duration: 28d', 'duration: 7d') +
      `  alertPolicies:
    - kind: AlertPolicy
      metadata: { name: burn }
      spec:
        conditions:
          - kind: AlertCondition
            metadata: { name: slow }
            spec:
              severity: ticket
              condition: { kind: burnrate, op: gt, threshold: 1, lookbackWindow: 3d }
          - kind: AlertCondition
            metadata: { name: fast }
            spec:
              severity: page
              condition: { kind: burnrate, op: gt, threshold: 2, lookbackWindow: 1h }
`
    const result = ok(parseOpenSlo(text))
    expect(result.slos[0]!.spec).toMatchObject({ windowDays: 7, pageEnabled: true, ticketEnabled: true })
    expect(result.warnings.map(formatIssue)).toEqual([
      'line 45, spec.alertPolicies[0].spec.conditions[0].spec.condition.threshold: Wardroom fires this rule at 0.233333333 for this window, not 1',
      'line 50, spec.alertPolicies[0].spec.conditions[1].spec.condition.threshold: Wardroom fires this rule at 3.36 for this window, not 2',
    ])
  })
})

describe('parseOpenSlo: errors name the line and the field', () => {
  it('a target above 100 %', () => {
    expect(errors(parseOpenSlo(RATIO.replace('target: 0.995', 'target: 1.5')))).toEqual(['line 35, spec.objectives[0].target: Use a target of at most 100 %'])
  })

  it('a misspelt field, a wrong apiVersion, and YAML that does not parse', () => {
    expect(errors(parseOpenSlo(RATIO.replace('budgetingMethod', 'budgetingMetod')))).toEqual([
      'line 9, spec.budgetingMethod: Use budgetingMethod Occurrences or Timeslices',
      'line 33, spec.budgetingMetod: Unknown field budgetingMetod',
    ])
    expect(errors(parseOpenSlo(RATIO.replace('openslo/v1', 'openslo/v1alpha')))).toEqual(['line 1, apiVersion: Use apiVersion: openslo/v1'])
    const broken = errors(parseOpenSlo('apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: [x\nspec: {}\n'))
    expect(broken[0]).toMatch(/^line 5, \(file\): /)
  })

  it('a window Wardroom does not keep, a comparator it does not use, and a reference to nothing', () => {
    expect(errors(parseOpenSlo(RATIO.replace('duration: 28d', 'duration: 14d')))).toEqual(['line 31, spec.timeWindow[0].duration: Use a rolling window of 7d, 28d or 30d'])
    const text = RATIO.replace(/ {2}indicator:[\s\S]*?(?= {2}timeWindow)/, '  indicatorRef: nothing\n')
    expect(errors(parseOpenSlo(text))).toEqual(['line 12, spec.indicatorRef: No SLI named nothing in this file'])
    const threshold = RATIO.replace('ratioMetric:\n        counter: true\n        good:', 'thresholdMetric:\n        x:')
    expect(errors(parseOpenSlo(threshold))[0]).toMatch(/^line \d+, spec\.indicator\.spec\./)
  })

  it('missing parts are named in words', () => {
    const text = 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: x\nspec:\n  service: imaging-ai\n  budgetingMethod: Occurrences\n'
    expect(errors(parseOpenSlo(text))).toEqual([
      'line 5, spec.timeWindow: Give a timeWindow, e.g. [{ duration: 28d, isRolling: true }]',
      'line 5, spec.objectives: Give objectives, e.g. [{ target: 0.995 }]',
    ])
    expect(errors(parseOpenSlo('apiVersion: openslo/v1\nkind: SLO\n'))).toEqual(['line 1, metadata: Give metadata with a name'])
  })

  it('an empty file, and two SLOs with one key', () => {
    expect(errors(parseOpenSlo(''))).toEqual(['(file): The file defines no SLO (kind: SLO)'])
    expect(errors(parseOpenSlo(`${RATIO}---\n${RATIO}`))).toEqual(['line 40, metadata.name: Another SLO in this file has the key triage_availability'])
  })
})

describe('exportOpenSlo', () => {
  const specs: ExportableSlo[] = [
    {
      ...SloSpec.parse({
        key: 'patient_response_time',
        name: 'Patient response time',
        description: 'Answers within 2 s',
        sli: 'patient_response_time',
        sliType: 'threshold',
        threshold: 2000,
        comparator: 'lte',
        service: 'imaging-triage',
        workflow: 'stroke',
        target: 0.99,
        budgeting: 'timeslices',
        timesliceMinutes: 5,
        timesliceTarget: 0.9,
        minEvents: 20,
        ticketEnabled: false,
        guardsRollouts: false,
        escalationPolicyId: '00000000-0000-4000-8000-000000000001',
      }),
      escalationPolicyName: 'Clinical AI on-call',
    },
    { ...SloSpec.parse({ key: 'uptime', name: 'Uptime', sli: 'system_availability', sliType: 'ratio', service: 'pacs', target: 0.999, windowKind: 'calendar_month' }), escalationPolicyName: null },
  ]

  it('round-trips: what it writes parses back to the same definitions', () => {
    const text = exportOpenSlo(specs)
    expect(text).toContain('apiVersion: openslo/v1')
    const back = ok(parseOpenSlo(text))
    expect(back.warnings).toEqual([])
    expect(back.slos.map((s) => ({ ...s.spec, escalationPolicyId: specs.find((x) => x.key === s.spec.key)!.escalationPolicyId }))).toEqual(
      specs.map(({ escalationPolicyName: _, ...spec }) => spec),
    )
    expect(back.slos.map((s) => s.escalationPolicy)).toEqual(['Clinical AI on-call', null])
  })

  it('writes the key as an annotation only when the OpenSLO name cannot hold it', () => {
    const text = exportOpenSlo(specs)
    expect(text).toContain('name: patient-response-time\n')
    expect(text).toContain('wardroom.local/key: patient_response_time')
    expect(text).not.toContain('wardroom.local/key: uptime')
  })
})
