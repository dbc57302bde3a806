/**
 * Inputs of the flag server actions as the cockpit's forms send them (comma-separated tags, variants one per
 * line, stages as "5, 25, 50, 100"), turned into the commands' inputs (lib/flags/schema.ts). Kept out of
 * actions.ts because a 'use server' module may export only async functions.
 */
import { z } from 'zod'
import {
  ChangePayload,
  ComplianceKind,
  Environment,
  EnvironmentConfig,
  FlagCategory,
  FlagKey,
  FlagType,
  Lifecycle,
  Stages,
  VariantKey,
  type FlagType as FlagTypeT,
  type JsonValue,
  type Variant,
} from './schema'

/** "a, b ,, c" → ["a", "b", "c"]; an array (from a JSON body) is kept as it is. */
const commaList = (max: number, itemMax: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
    z.array(z.string().trim().min(1).max(itemMax)).max(max),
  )

const text = (max: number) => z.string().trim().max(max)

export const BOOLEAN_VARIANTS: Variant[] = [
  { key: 'off', value: false, name: 'Off' },
  { key: 'on', value: true, name: 'On' },
]

/**
 * Variants typed one per line as `key = value` (string flags may give only a key: the value is the key).
 * Boolean flags always get off/on. Returns the variants or the first problem, in words.
 */
export function parseVariantsText(type: FlagTypeT, source: string): { ok: true; variants: Variant[] } | { ok: false; message: string } {
  if (type === 'boolean') return { ok: true, variants: BOOLEAN_VARIANTS }
  const lines = source
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  if (lines.length === 0) return { ok: false, message: 'Enter at least one variant, one per line: key = value' }
  if (lines.length > 20) return { ok: false, message: 'A flag has at most 20 variants' }
  const variants: Variant[] = []
  for (const [i, line] of lines.entries()) {
    const eq = line.indexOf('=')
    const key = (eq < 0 ? line : line.slice(0, eq)).trim()
    const raw = eq < 0 ? undefined : line.slice(eq + 1).trim()
    const where = `Line ${i + 1}`
    if (!VariantKey.safeParse(key).success) return { ok: false, message: `${where}: the key “${key}” may use letters, digits, _ - or . only` }
    if (variants.some((v) => v.key === key)) return { ok: false, message: `${where}: the key “${key}” is used twice` }
    let value: JsonValue
    if (type === 'string') value = raw ?? key
    else if (raw === undefined || raw === '') return { ok: false, message: `${where}: give a value, e.g. ${key} = ${type === 'number' ? '0.5' : '{"model": "v2"}'}` }
    else if (type === 'number') {
      value = Number(raw)
      if (!Number.isFinite(value)) return { ok: false, message: `${where}: “${raw}” is not a number` }
    } else {
      try {
        value = JSON.parse(raw) as JsonValue
      } catch {
        return { ok: false, message: `${where}: the value is not valid JSON` }
      }
    }
    variants.push({ key, value })
  }
  return { ok: true, variants }
}

export const CreateFlagForm = z
  .object({
    key: FlagKey,
    name: z.string().trim().min(1, 'Give the flag a name').max(120),
    description: text(2000).default(''),
    type: FlagType,
    variantsText: z.string().max(20_000).default(''),
    owner: text(120).default(''),
    tags: commaList(20, 40).default([]),
    category: FlagCategory.default('operational'),
  })
  .transform((f, ctx) => {
    const parsed = parseVariantsText(f.type, f.variantsText)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', path: ['variantsText'], message: parsed.message })
      return z.NEVER
    }
    return { key: f.key, name: f.name, description: f.description, type: f.type, variants: parsed.variants, owner: f.owner, tags: f.tags, category: f.category, guardedSloKeys: [] }
  })

export const UpdateFlagForm = z.object({
  flagKey: FlagKey,
  name: z.string().trim().min(1, 'Give the flag a name').max(120),
  description: text(2000).default(''),
  owner: text(120).default(''),
  tags: commaList(20, 40).default([]),
  category: FlagCategory,
  lifecycle: Lifecycle,
  guardedSloKeys: commaList(20, 100).default([]),
})

export const FlagEnvironmentRef = z.object({ flagKey: FlagKey, environment: Environment })

export const UpdateEnvironmentForm = FlagEnvironmentRef.extend({ config: EnvironmentConfig })

export const KillSwitchForm = FlagEnvironmentRef.extend({ killed: z.boolean() })

export const StartRolloutForm = FlagEnvironmentRef.extend({
  variant: VariantKey,
  stages: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim().replace(/%$/, '')).filter(Boolean).map(Number) : v),
    Stages,
  ),
  stageIntervalHours: z.coerce.number().int('Whole hours').min(1).max(24 * 30),
  violationThreshold: z.coerce.number().int('A whole number').min(0).max(1000),
})

export const PauseRolloutForm = FlagEnvironmentRef.extend({
  reason: z.string().trim().min(3, 'Say why it is paused: it is shown on the flag').max(300),
})

export const RollbackForm = FlagEnvironmentRef.extend({
  reason: z.string().trim().max(300).default(''),
})

export const ComplianceForm = z
  .object({
    flagKey: FlagKey,
    kind: ComplianceKind,
    reference: z.string().trim().min(1, 'Give the reference of the review, approval or sign-off').max(200),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date such as 2026-03-01'),
    scope: text(500).default(''),
  })
  .refine((c) => c.kind !== 'fda_approval' || c.scope !== '', { path: ['scope'], message: 'An FDA approval needs its scope (the cleared indication and use)' })

export const ChangeRequestRef = z.object({ id: z.uuid('Choose a change request') })

export const RejectChangeRequestForm = ChangeRequestRef.extend({ reason: text(500).default('') })

export const EditChangeRequestForm = ChangeRequestRef.extend({ payload: ChangePayload, reason: text(500).default('') })
