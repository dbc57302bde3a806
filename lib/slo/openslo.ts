/**
 * OpenSLO v1 YAML → Wardroom SLO definitions, pure (the writer is openslo-export.ts). A file holds one or
 * more documents (`---`), each an object or a list of objects: SLOs with their SLI inline (`indicator`) or
 * by reference (`indicatorRef` to a `kind: SLI` object), alert policies inline or by reference
 * (`alertPolicyRef`), conditions inline or by `conditionRef`.
 *
 * The mapping (openslo-schema.ts says where Wardroom's own fields ride):
 * - metadata.name → key (or the `wardroom.local/key` annotation, as SLO keys may hold `_`); displayName → name
 * - the SLI's Wardroom metric source → sli and workflow; ratioMetric → ratio, thresholdMetric → threshold
 *   with the objective's op (lte | gte) and value
 * - objectives[0].target (or targetPercent) → target; timeWindow 7d/28d/30d rolling, or 1M calendar
 * - budgetingMethod Occurrences | Timeslices (with timeSliceTarget and timeSliceWindow)
 * - burn-rate conditions of severity page (1h, 6h lookback) and ticket (1d, 3d) turn those alerts on; an SLO
 *   with none has neither. Their thresholds are Wardroom's, scaled to the window: a different number in the
 *   file is reported as a warning. A notification target names the escalation policy that is paged.
 *
 * Every refusal carries its line and field. Whether the service and escalation policy exist, and whether
 * an existing SLO may change, is the commands' business (manage.ts), which cites lines via `fieldLines`.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml'
import type { ZodError } from 'zod'
import { SloSpec, type SloSpecInput } from './definition'
import { BURN_RULES, ruleThreshold } from './math'
import {
  ANNOTATIONS,
  AlertPolicySpec,
  ConditionSpec,
  Envelope,
  IGNORED_KINDS,
  SliSpec,
  SloDocSpec,
  WARDROOM_SOURCE,
  type MetricSource,
} from './openslo-schema'
import { issueAt, lineAt, type Located, type OpenSloIssue, type Segment } from './openslo-lines'

export { formatIssue, type OpenSloIssue } from './openslo-lines'

export interface ParsedSlo {
  /** Validated by SloSpec; escalationPolicyId is always null here (the name is in `escalationPolicy`). */
  spec: SloSpec
  escalationPolicy: string | null
  /** False when the file leaves timeslices out (Occurrences): an existing SLO keeps its slice settings. */
  timeslicesGiven: boolean
  /** The line of each mapped field (and of `key`, `escalationPolicy`), for errors found against the database. */
  fieldLines: Record<string, number | null>
}

export type OpenSloParse = { ok: true; slos: ParsedSlo[]; warnings: OpenSloIssue[] } | { ok: false; errors: OpenSloIssue[]; warnings: OpenSloIssue[] }

interface Item<T> {
  at: Located
  /** Path of the object inside `at`, e.g. ['spec', 'indicator'] for an inline SLI. */
  path: Segment[]
  name: string
  spec: T
}

const ROLLING_DAYS: Record<string, number> = { '7d': 7, '1w': 7, '28d': 28, '4w': 28, '30d': 30 }
const LOOKBACK: Record<string, { severity: 'page' | 'ticket'; rule: (typeof BURN_RULES)[number] }> = Object.fromEntries(
  BURN_RULES.map((r) => [`${r.longHours >= 24 ? `${r.longHours / 24}d` : `${r.longHours}h`}`, { severity: r.severity, rule: r }]),
)
const round12 = (x: number) => Math.round(x * 1e12) / 1e12

function zodIssues(at: Located, prefix: Segment[], error: ZodError): OpenSloIssue[] {
  return error.issues.flatMap((i) => {
    const path = [...prefix, ...(i.path as Segment[])]
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => issueAt(at, [...path, k], `Unknown field ${k}`))
    return [issueAt(at, path, i.message)]
  })
}

function sliceMinutes(duration: string): number | null {
  const n = Number(duration.slice(0, -1))
  const unit = duration.slice(-1)
  return unit === 'm' ? n : unit === 'h' ? n * 60 : null
}

class Mapper {
  readonly errors: OpenSloIssue[] = []
  readonly warnings: OpenSloIssue[] = []
  readonly slis = new Map<string, Item<SliSpec>>()
  readonly policies = new Map<string, Item<AlertPolicySpec>>()
  readonly conditions = new Map<string, Item<ConditionSpec>>()
  readonly slos: Item<SloDocSpec>[] = []
  readonly metadata = new Map<Item<SloDocSpec>, { displayName?: string; annotations?: Record<string, string> }>()

  fail(at: Located, path: Segment[], message: string): null {
    this.errors.push(issueAt(at, path, message))
    return null
  }

  /** One object of the file: envelope, then its kind's spec. */
  read(at: Located, value: unknown): void {
    const env = Envelope.safeParse(value)
    if (!env.success) return void this.errors.push(...zodIssues(at, [], env.error))
    const { kind, metadata } = env.data
    if ((IGNORED_KINDS as readonly string[]).includes(kind)) {
      this.warnings.push(issueAt(at, ['kind'], `${kind} ${metadata.name} is not applied: Wardroom's services, sources and channels are managed in the cockpit`))
      return
    }
    const schema = { SLO: SloDocSpec, SLI: SliSpec, AlertPolicy: AlertPolicySpec, AlertCondition: ConditionSpec }[kind as 'SLO' | 'SLI' | 'AlertPolicy' | 'AlertCondition']
    const parsed = schema.safeParse((value as { spec?: unknown }).spec)
    if (!parsed.success) return void this.errors.push(...zodIssues(at, ['spec'], parsed.error))
    const item = { at, path: [], name: metadata.name, spec: parsed.data }
    const into = { SLO: null, SLI: this.slis, AlertPolicy: this.policies, AlertCondition: this.conditions }[kind as 'SLO']
    if (kind === 'SLO') {
      this.slos.push(item as Item<SloDocSpec>)
      this.metadata.set(item as Item<SloDocSpec>, metadata)
    } else {
      const map = into as unknown as Map<string, Item<unknown>>
      if (map.has(metadata.name)) this.fail(at, ['metadata', 'name'], `Another ${kind} in this file is named ${metadata.name}`)
      map.set(metadata.name, item)
    }
  }

  source(item: Item<SliSpec>, path: Segment[], ms: MetricSource): { sli: string; workflow: string } | null {
    if (ms.type.toLowerCase() !== WARDROOM_SOURCE.toLowerCase()) {
      return this.fail(item.at, [...item.path, ...path, 'type'], `Wardroom reads its own SLI events: use type: ${WARDROOM_SOURCE} with spec.sli`)
    }
    return { sli: ms.spec.sli, workflow: ms.spec.workflow ?? '' }
  }

  /** The SLI as sli, sliType and workflow, with the paths they came from. */
  indicator(item: Item<SliSpec>, origin: Map<string, [Located, Segment[]]>): Pick<SloSpecInput, 'sli' | 'sliType' | 'workflow'> | null {
    const s = item.spec
    if (s.thresholdMetric) {
      const path = ['spec', 'thresholdMetric', 'metricSource']
      const src = this.source(item, path, s.thresholdMetric.metricSource)
      if (!src) return null
      for (const f of ['sli', 'workflow']) origin.set(f, [item.at, [...item.path, ...path, 'spec', f]])
      origin.set('sliType', [item.at, [...item.path, 'spec', 'thresholdMetric']])
      return { ...src, sliType: 'threshold' }
    }
    const ratio = s.ratioMetric!
    const good = this.source(item, ['spec', 'ratioMetric', 'good', 'metricSource'], ratio.good!.metricSource)
    const total = this.source(item, ['spec', 'ratioMetric', 'total', 'metricSource'], ratio.total.metricSource)
    if (!good || !total) return null
    if (good.sli !== total.sli || good.workflow !== total.workflow) {
      return this.fail(item.at, [...item.path, 'spec', 'ratioMetric', 'total', 'metricSource', 'spec'], 'A Wardroom ratio SLI reads good and total from the same events: use the same sli and workflow')
    }
    const path = [...item.path, 'spec', 'ratioMetric', 'good', 'metricSource', 'spec']
    origin.set('sli', [item.at, [...path, 'sli']])
    origin.set('workflow', [item.at, [...path, 'workflow']])
    origin.set('sliType', [item.at, [...item.path, 'spec', 'ratioMetric']])
    return { ...good, sliType: 'ratio' }
  }

  /** Page and ticket switches and the escalation policy from the SLO's alert policies. */
  alerting(slo: Item<SloDocSpec>, windowHours: number, origin: Map<string, [Located, Segment[]]>) {
    const out = { pageEnabled: false, ticketEnabled: false, escalationPolicy: null as string | null }
    slo.spec.alertPolicies.forEach((ref, i) => {
      const refName = typeof ref === 'string' ? ref : 'alertPolicyRef' in ref ? ref.alertPolicyRef : null
      const policy: Item<AlertPolicySpec> | undefined =
        refName === null ? { at: slo.at, path: ['spec', 'alertPolicies', i], name: (ref as { metadata: { name: string } }).metadata.name, spec: (ref as { spec: AlertPolicySpec }).spec } : this.policies.get(refName)
      if (!policy) return void this.fail(slo.at, ['spec', 'alertPolicies', i], `No AlertPolicy named ${refName} in this file`)
      policy.spec.conditions.forEach((c, j) => {
        const cond: Item<ConditionSpec> | undefined =
          'conditionRef' in c ? this.conditions.get(c.conditionRef) : { at: policy.at, path: [...policy.path, 'spec', 'conditions', j], name: c.metadata.name, spec: c.spec }
        if (!cond) return void this.fail(policy.at, [...policy.path, 'spec', 'conditions', j], `No AlertCondition named ${(c as { conditionRef: string }).conditionRef} in this file`)
        const severity = cond.spec.severity.toLowerCase()
        if (severity !== 'page' && severity !== 'ticket') return void this.fail(cond.at, [...cond.path, 'spec', 'severity'], 'Use severity page (fast burn) or ticket (slow burn)')
        const look = LOOKBACK[cond.spec.condition.lookbackWindow]
        if (!look || look.severity !== severity) {
          return void this.fail(cond.at, [...cond.path, 'spec', 'condition', 'lookbackWindow'], severity === 'page' ? 'Page on a 1h or 6h lookback window' : 'Open tickets on a 1d or 3d lookback window')
        }
        out[severity === 'page' ? 'pageEnabled' : 'ticketEnabled'] = true
        origin.set(`${severity}Enabled`, [cond.at, [...cond.path, 'spec', 'severity']])
        const expected = ruleThreshold(look.rule, windowHours)
        if (Math.abs(cond.spec.condition.threshold - expected) > expected * 0.01) {
          this.warnings.push(issueAt(cond.at, [...cond.path, 'spec', 'condition', 'threshold'], `Wardroom fires this rule at ${expected} for this window, not ${cond.spec.condition.threshold}`))
        }
      })
      policy.spec.notificationTargets.forEach((t, j) => {
        const name = 'targetRef' in t ? t.targetRef : t.spec.target
        if (out.escalationPolicy !== null && out.escalationPolicy !== name) {
          return void this.fail(policy.at, [...policy.path, 'spec', 'notificationTargets', j], 'Wardroom pages one escalation policy per SLO: name the same one in every target')
        }
        out.escalationPolicy = name
        origin.set('escalationPolicy', [policy.at, [...policy.path, 'spec', 'notificationTargets', j]])
      })
    })
    return out
  }

  slo(item: Item<SloDocSpec>): ParsedSlo | null {
    const s = item.spec
    const meta = this.metadata.get(item)!
    const ann = meta.annotations ?? {}
    const origin = new Map<string, [Located, Segment[]]>()
    const at = (f: string, path: Segment[]) => origin.set(f, [item.at, path])
    const errorsBefore = this.errors.length

    const sliItem: Item<SliSpec> | undefined = s.indicator
      ? { at: item.at, path: ['spec', 'indicator'], name: s.indicator.metadata.name, spec: s.indicator.spec }
      : this.slis.get(s.indicatorRef!)
    if (!sliItem) return this.fail(item.at, ['spec', 'indicatorRef'], `No SLI named ${s.indicatorRef} in this file`)
    const sli = this.indicator(sliItem, origin)

    const objective = s.objectives[0]!
    const op = ['spec', 'objectives', 0]
    const target = objective.target ?? (objective.targetPercent === undefined ? undefined : round12(objective.targetPercent / 100))
    if (target === undefined) this.fail(item.at, op, 'Give the objective a target (e.g. 0.995) or targetPercent (e.g. 99.5)')
    at('target', [...op, objective.target === undefined ? 'targetPercent' : 'target'])
    let threshold: number | null = null
    let comparator: 'lte' | 'gte' | null = null
    if (sli?.sliType === 'threshold') {
      if (objective.op !== 'lte' && objective.op !== 'gte') this.fail(item.at, [...op, 'op'], 'A threshold SLI compares each value with op lte (at most) or gte (at least)')
      else comparator = objective.op
      if (objective.value === undefined) this.fail(item.at, [...op, 'value'], 'A threshold SLI needs the objective value (the threshold)')
      else threshold = objective.value
      at('threshold', [...op, 'value'])
      at('comparator', [...op, 'op'])
    } else if (objective.value !== undefined) {
      this.fail(item.at, [...op, 'value'], 'A ratio SLI counts good and total events: leave value out')
    }

    const tw = s.timeWindow[0]!
    const twPath = ['spec', 'timeWindow', 0, 'duration']
    let windowKind: 'rolling' | 'calendar_month' = 'rolling'
    let windowDays = 30
    if (tw.isRolling) {
      const days = ROLLING_DAYS[tw.duration]
      if (days === undefined) this.fail(item.at, twPath, 'Use a rolling window of 7d, 28d or 30d')
      else windowDays = days
    } else if (tw.duration !== '1M') {
      this.fail(item.at, twPath, 'A calendar window is the calendar month: use duration 1M')
    } else {
      windowKind = 'calendar_month'
      if (tw.calendar) this.warnings.push(issueAt(item.at, ['spec', 'timeWindow', 0, 'calendar'], "Calendar months follow the deployment's time zone (WARDROOM_TIMEZONE); calendar is not used"))
    }
    at('windowDays', twPath)
    at('windowKind', ['spec', 'timeWindow', 0, 'isRolling'])

    at('budgeting', ['spec', 'budgetingMethod'])
    let budgeting: 'occurrences' | 'timeslices' = 'occurrences'
    let slices: { timesliceMinutes?: number; timesliceTarget?: number } = {}
    if (s.budgetingMethod === 'RatioTimeslices') {
      this.fail(item.at, ['spec', 'budgetingMethod'], 'Wardroom budgets by Occurrences or Timeslices')
    } else if (s.budgetingMethod === 'Timeslices') {
      budgeting = 'timeslices'
      if (objective.timeSliceTarget === undefined) this.fail(item.at, op, 'Timeslices need timeSliceTarget (e.g. 0.95)')
      const minutes = objective.timeSliceWindow === undefined ? null : sliceMinutes(objective.timeSliceWindow)
      if (minutes === null) this.fail(item.at, [...op, 'timeSliceWindow'], 'Timeslices need timeSliceWindow in minutes or hours, e.g. 5m')
      slices = { timesliceMinutes: minutes ?? undefined, timesliceTarget: objective.timeSliceTarget }
      at('timesliceMinutes', [...op, 'timeSliceWindow'])
      at('timesliceTarget', [...op, 'timeSliceTarget'])
    }

    const annotation = (k: keyof typeof ANNOTATIONS) => ['metadata', 'annotations', ANNOTATIONS[k]]
    const key = ann[ANNOTATIONS.key] ?? item.name
    at('key', ann[ANNOTATIONS.key] ? annotation('key') : ['metadata', 'name'])
    at('name', ['metadata', meta.displayName === undefined ? 'name' : 'displayName'])
    at('description', ['spec', 'description'])
    at('service', ['spec', 'service'])
    const minEventsText = ann[ANNOTATIONS.minEvents]
    const minEvents = minEventsText === undefined ? undefined : /^\d+$/.test(minEventsText) ? Number(minEventsText) : NaN
    if (Number.isNaN(minEvents)) this.fail(item.at, annotation('minEvents'), 'Use a whole number of events, quoted, e.g. "100"')
    at('minEvents', annotation('minEvents'))
    const guardsText = ann[ANNOTATIONS.guardsRollouts]
    if (guardsText !== undefined && guardsText !== 'true' && guardsText !== 'false') this.fail(item.at, annotation('guardsRollouts'), 'Use "true" or "false"')
    at('guardsRollouts', annotation('guardsRollouts'))

    const windowHours = (windowKind === 'rolling' ? windowDays : 30) * 24
    const alerting = this.alerting(item, windowHours, origin)
    if (this.errors.length > errorsBefore || !sli) return null

    const input: SloSpecInput = {
      key,
      name: meta.displayName ?? item.name,
      description: s.description ?? '',
      ...sli,
      service: s.service,
      target: target!,
      threshold,
      comparator,
      windowKind,
      windowDays,
      budgeting,
      ...slices,
      minEvents,
      pageEnabled: alerting.pageEnabled,
      ticketEnabled: alerting.ticketEnabled,
      escalationPolicyId: null,
      guardsRollouts: guardsText === undefined ? true : guardsText === 'true',
    }
    const lineOf = (f: string) => {
      const o = origin.get(f)
      return o ? lineAt(o[0], o[1]) : lineAt(item.at, [])
    }
    const parsed = SloSpec.safeParse(input)
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const field = String(i.path[0] ?? 'key')
        const o = origin.get(field) ?? [item.at, []]
        this.errors.push({ ...issueAt(o[0], o[1], i.message), line: lineOf(field) })
      }
      return null
    }
    const fieldLines = Object.fromEntries([...origin.keys()].map((f) => [f, lineOf(f)]))
    return { spec: parsed.data, escalationPolicy: alerting.escalationPolicy, timeslicesGiven: budgeting === 'timeslices', fieldLines }
  }
}

/** Parses an OpenSLO v1 file into SLO definitions, or says what is wrong with it, line by line. */
export function parseOpenSlo(text: string): OpenSloParse {
  const lines = new LineCounter()
  const docs = Array.from(parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true }) as Iterable<Document>)
  const m = new Mapper()
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) m.errors.push({ line: e.linePos?.[0].line ?? null, path: '(file)', message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') })
      continue
    }
    const value: unknown = doc.toJS()
    if (value === null || value === undefined) continue
    if (Array.isArray(value)) value.forEach((v, i) => m.read({ doc, base: [i], lines }, v))
    else m.read({ doc, base: [], lines }, value)
  }
  if (m.errors.length === 0 && m.slos.length === 0) m.errors.push({ line: null, path: '(file)', message: 'The file defines no SLO (kind: SLO)' })
  if (m.errors.length > 0) return { ok: false, errors: m.errors, warnings: m.warnings }
  const slos = m.slos.map((s) => m.slo(s))
  const seen = new Map<string, ParsedSlo>()
  for (const [i, s] of slos.entries()) {
    if (!s) continue
    if (seen.has(s.spec.key)) m.errors.push(issueAt(m.slos[i]!.at, ['metadata', 'name'], `Another SLO in this file has the key ${s.spec.key}`))
    seen.set(s.spec.key, s)
  }
  if (m.errors.length > 0) return { ok: false, errors: m.errors, warnings: m.warnings }
  return { ok: true, slos: slos as ParsedSlo[], warnings: m.warnings }
}
