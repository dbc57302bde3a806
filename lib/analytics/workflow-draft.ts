/**
 * The workflow editor's state: a definition as the form holds it (filters as rows of text, the window as
 * a number and a unit) and back, with errors keyed like the server's (`steps.1.filters.0`), plus the list
 * moves (add, remove, reorder) that keep exclusion steps pointing at steps that exist. Pure, client-safe.
 */
import type { PropertyType } from './normalize'
import { ORDER_MODES, type FunnelExclusion, type OrderMode, type WorkflowDefinition, type WorkflowDefinitionInput, type WorkflowStep } from './workflow-schema'

export const MIN_STEPS = 2
export const MAX_STEPS = 10
export const MAX_EXCLUSIONS = 5
export const MAX_FILTERS = 5

export const WINDOW_UNITS = ['minutes', 'hours', 'days'] as const
export type WindowUnit = (typeof WINDOW_UNITS)[number]
const UNIT_MS: Record<WindowUnit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 }
const MAX_WINDOW_MS = 30 * UNIT_MS.days

export const ORDER_MODE_TEXT: Record<OrderMode, { label: string; explanation: string }> = {
  ordered: { label: 'In order', explanation: 'The steps happen in this order; other events may come between them.' },
  strict: { label: 'Strictly in order', explanation: 'The steps happen in this order with no other step or exclusion event between two consecutive steps.' },
  any: { label: 'Any order', explanation: 'All the steps happen within the conversion window, in whatever order.' },
}
export { ORDER_MODES }

export interface FilterDraft {
  property: string
  value: string
}
export interface StepDraft {
  /** Stable across moves, for React keys and focus (not saved). */
  id: string
  event: string
  label: string
  filters: FilterDraft[]
}
export interface ExclusionDraft {
  id: string
  event: string
  filters: FilterDraft[]
  afterStep: number
  beforeStep: number
}
export interface WorkflowDraft {
  /** The next free number for a step's or an exclusion's id (ids are deterministic, so server and browser agree). */
  nextId: number
  key: string
  name: string
  description: string
  steps: StepDraft[]
  windowValue: string
  windowUnit: WindowUnit
  orderMode: OrderMode
  exclusions: ExclusionDraft[]
}

/** The allowed properties of each registered event: what a filter may match on. */
export type EventProperties = ReadonlyMap<string, Readonly<Record<string, PropertyType>>>

const filtersToDraft = (filters: WorkflowStep['filters']): FilterDraft[] => Object.entries(filters).map(([property, value]) => ({ property, value: String(value) }))

/** The largest unit that states the window exactly (90 minutes stays minutes, 2 hours is hours). */
export function windowToDraft(ms: number): { windowValue: string; windowUnit: WindowUnit } {
  const unit = [...WINDOW_UNITS].reverse().find((u) => ms % UNIT_MS[u] === 0) ?? 'minutes'
  return { windowValue: String(ms / UNIT_MS[unit]), windowUnit: unit }
}

export function definitionToDraft(w: WorkflowDefinition | null): WorkflowDraft {
  if (!w) {
    return {
      nextId: 2,
      key: '',
      name: '',
      description: '',
      steps: [emptyStep('step-0'), emptyStep('step-1')],
      windowValue: '1',
      windowUnit: 'hours',
      orderMode: 'ordered',
      exclusions: [],
    }
  }
  return {
    nextId: w.steps.length + w.exclusions.length,
    key: w.key,
    name: w.name,
    description: w.description ?? '',
    steps: w.steps.map((s, i) => ({ id: `step-${i}`, event: s.event, label: s.label ?? '', filters: filtersToDraft(s.filters) })),
    ...windowToDraft(w.conversionWindowMs),
    orderMode: w.orderMode,
    exclusions: w.exclusions.map((x, i) => ({ id: `exclusion-${w.steps.length + i}`, event: x.event, filters: filtersToDraft(x.filters), afterStep: x.afterStep, beforeStep: x.beforeStep })),
  }
}

const emptyStep = (id: string): StepDraft => ({ id, event: '', label: '', filters: [] })

export function addStep(d: WorkflowDraft): WorkflowDraft {
  if (d.steps.length >= MAX_STEPS) return d
  return { ...d, nextId: d.nextId + 1, steps: [...d.steps, emptyStep(`step-${d.nextId}`)] }
}

export function addExclusion(d: WorkflowDraft): WorkflowDraft {
  if (d.exclusions.length >= MAX_EXCLUSIONS || d.steps.length < 2) return d
  return { ...d, nextId: d.nextId + 1, exclusions: [...d.exclusions, { id: `exclusion-${d.nextId}`, event: '', filters: [], afterStep: 1, beforeStep: 2 }] }
}

/**
 * Moves a step up or down. Exclusions name positions ("between step 1 and step 2"), so they stay where
 * they are: the exclusion still sits between the same two positions, now holding the moved steps.
 */
export function moveStep(d: WorkflowDraft, index: number, by: -1 | 1): WorkflowDraft {
  const to = index + by
  if (to < 0 || to >= d.steps.length) return d
  const steps = [...d.steps]
  const [step] = steps.splice(index, 1)
  steps.splice(to, 0, step!)
  return { ...d, steps }
}

/**
 * Removes a step (never below MIN_STEPS). Exclusions after it move down with the steps; one that started
 * or ended at the removed step now spans its neighbours, and one left with nothing between is dropped.
 */
export function removeStep(d: WorkflowDraft, index: number): WorkflowDraft {
  if (d.steps.length <= MIN_STEPS || index < 0 || index >= d.steps.length) return d
  const removed = index + 1
  const last = d.steps.length
  const after = (a: number) => (a < removed ? a : a > removed ? a - 1 : Math.max(1, removed - 1))
  const before = (b: number) => (b < removed ? b : b > removed ? b - 1 : Math.min(removed, last - 1))
  const exclusions = d.exclusions.map((x) => ({ ...x, afterStep: after(x.afterStep), beforeStep: before(x.beforeStep) })).filter((x) => x.afterStep < x.beforeStep)
  return { ...d, steps: d.steps.filter((_, i) => i !== index), exclusions }
}

export type DraftErrors = Record<string, string[]>

function filtersOf(rows: readonly FilterDraft[], allowed: Readonly<Record<string, PropertyType>> | undefined, event: string, path: string, errors: DraftErrors) {
  const out: Record<string, string | number | boolean> = {}
  rows.forEach((f, j) => {
    const at = `${path}.filters.${j}`
    const property = f.property.trim()
    const type = allowed?.[property]
    if (!property) return void (errors[at] = ['Choose a property, or remove this filter'])
    if (!type) return void (errors[at] = [`${property} is not an allowed property of ${event || 'this event'}`])
    if (property in out) return void (errors[at] = [`${property} is filtered twice`])
    const v = f.value.trim()
    if (type === 'number') {
      const n = v === '' ? Number.NaN : Number(v)
      if (!Number.isFinite(n)) return void (errors[at] = [`${property} is a number: enter one`])
      out[property] = n
    } else if (type === 'boolean') {
      if (v !== 'true' && v !== 'false') return void (errors[at] = [`${property} is yes or no: choose one`])
      out[property] = v === 'true'
    } else {
      if (!v) return void (errors[at] = [`Enter the text ${property} must equal`])
      out[property] = v.slice(0, 256)
    }
  })
  return out
}

/**
 * The definition to save, or the errors to show beside the fields. The server validates again
 * (WorkflowDefinition, registered events); this catches what only the form knows: typed filter values,
 * the window's unit.
 */
export function draftToDefinition(d: WorkflowDraft, events: EventProperties): { ok: true; value: WorkflowDefinitionInput } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {}
  if (!/^[a-z][a-z0-9_]{1,63}$/.test(d.key.trim())) errors.key = ['A key is 2 to 64 lower-case letters, digits and _, starting with a letter']
  if (!d.name.trim()) errors.name = ['Give the workflow a name']
  const steps = d.steps.map((s, i) => {
    if (!s.event) errors[`steps.${i}.event`] = ['Choose the event of this step']
    const filters = filtersOf(s.filters, events.get(s.event), s.event, `steps.${i}`, errors)
    return { event: s.event, label: s.label.trim() || undefined, filters }
  })
  const exclusions: FunnelExclusion[] = d.exclusions.map((x, i) => {
    if (!x.event) errors[`exclusions.${i}.event`] = ['Choose the event that voids the chain']
    if (!(x.afterStep < x.beforeStep)) errors[`exclusions.${i}.beforeStep`] = ['The exclusion must start before it ends']
    return { event: x.event, filters: filtersOf(x.filters, events.get(x.event), x.event, `exclusions.${i}`, errors), afterStep: x.afterStep, beforeStep: x.beforeStep }
  })
  const amount = Number(d.windowValue)
  const windowMs = Math.round(amount * UNIT_MS[d.windowUnit])
  if (!Number.isFinite(amount) || d.windowValue.trim() === '' || windowMs < UNIT_MS.minutes || windowMs > MAX_WINDOW_MS) {
    errors.conversionWindowMs = ['The conversion window is between 1 minute and 30 days']
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      key: d.key.trim(),
      name: d.name.trim(),
      description: d.description.trim() || undefined,
      steps,
      conversionWindowMs: windowMs,
      orderMode: d.orderMode,
      exclusions,
    },
  }
}
