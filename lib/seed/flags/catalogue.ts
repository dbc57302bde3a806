/**
 * The ten demo flags as data: what each is, its variants and how each environment serves it (an
 * environment not named is off). Their histories are in history.ts; lib/seed/flags.ts writes both.
 */
import type { Prisma } from '../../db'
import { DAY_MS, MINUTE_MS } from '@/lib/time'
import { rolloutServe } from '../../flags/rollout'
import type { Condition, Environment, EnvironmentConfig, FlagCategory, FlagType, JsonValue, Rule, Serve, Variant } from '../../flags/schema'

export type Client = Prisma.TransactionClient

export const HOUR = 60 * MINUTE_MS
export const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS)

export interface SeedEnv extends Partial<EnvironmentConfig> {
  killed?: boolean
}

export interface SeedFlag {
  key: string
  name: string
  description: string
  type: FlagType
  variants: Variant[]
  owner: string
  tags: string[]
  category: FlagCategory
  guardedSloKeys?: string[]
  lifecycle?: 'active' | 'stale'
  createdDaysAgo: number
  lastChangedDaysAgo: number
  envs: Partial<Record<Environment, SeedEnv>>
}

const BOOL: Variant[] = [
  { key: 'off', value: false, name: 'Off' },
  { key: 'on', value: true, name: 'On' },
]
const cond = (attribute: string, operator: Condition['operator'], values: (string | number)[]): Condition => ({ attribute, operator, values })
const rule = (id: string, name: string, conditions: Condition[], serve: Serve): Rule => ({ id, name, conditions, serve })
const on = (variant = 'on'): Serve => ({ variant })
const half = (a: string, b: string): Serve => ({ split: [{ variant: a, weight: 50 }, { variant: b, weight: 50 }] })

/** Variants from `[key, value, name]` rows. */
const variants = (...rows: [string, JsonValue, string][]): Variant[] => rows.map(([key, value, name]) => ({ key, value, name }))

/** An environment switched on: serving `defaultServe`, after `rules` when given. */
const live = (offVariant: string, defaultServe: Serve = on(), rules?: Rule[]): SeedEnv => ({ enabled: true, offVariant, ...(rules ? { rules } : {}), defaultServe })

/** Who owns a flag and how it is filed, in one line: owner, category, tags, and days since created / last changed. */
const about = (owner: string, category: FlagCategory, tags: string[], [createdDaysAgo, lastChangedDaysAgo]: [number, number]) => ({
  owner,
  category,
  tags,
  createdDaysAgo,
  lastChangedDaysAgo,
})

export const FLAGS: SeedFlag[] = [
  {
    key: 'ai_engine_v2',
    name: 'AI engine v2',
    description: 'Routes inference to the v2 model-serving stack (batched GPU inference, new tokenizer). Canary in production.',
    type: 'boolean',
    variants: BOOL,
    ...about('AI platform team', 'operational', ['ai-engine', 'canary'], [12, 0.25]),
    envs: { development: live('off'), staging: live('off'), production: live('off', rolloutServe('on', 'off', 25)) },
  },
  {
    key: 'sepsis_alert_model',
    name: 'Sepsis alert model',
    description: 'Which model scores early-warning sepsis risk for inpatients. v2 (transformer) was rolled back automatically during its canary.',
    type: 'string',
    variants: variants(['v1', 'sepsis-lstm-3.2', 'LSTM 3.2 (current)'], ['v2', 'sepsis-transformer-1.0', 'Transformer 1.0']),
    ...about('Clinical AI — critical care', 'clinical_decision_support', ['sepsis', 'icu'], [40, 2.5]),
    guardedSloKeys: ['patient_response_time', 'diagnosis_accuracy'],
    envs: { development: live('v1', on('v2')), staging: live('v1', on('v2')), production: live('v1', rolloutServe('v2', 'v1', 25)) },
  },
  {
    key: 'triage_model_version',
    name: 'ED triage model version',
    description: 'Triage suggestion model by client app version: apps from 3.2.0 understand the v2 acuity scale.',
    type: 'string',
    variants: variants(['stable', '1.4.2', 'Triage 1.4.2'], ['next', '2.0.0', 'Triage 2.0.0']),
    ...about('Emergency department AI', 'operational', ['triage', 'emergency'], [25, 6]),
    envs: {
      staging: live('stable', on('next')),
      production: live('stable', on('stable'), [
        rule('new-clients-north', 'App ≥ 3.2.0 in the north region', [cond('appVersion', 'semver_gte', ['3.2.0']), cond('region', 'in', ['north'])], on('next')),
        rule('old-clients', 'Apps before 3.0', [cond('appVersion', 'semver_lt', ['3.0.0'])], on('stable')),
      ]),
    },
  },
  {
    key: 'legacy_dose_checker_fallback',
    name: 'Legacy dose checker fallback',
    description: 'Falls back to the rules-based dose checker when the ML dose-range model times out. Kill switch on since the duplicate-alert incident.',
    type: 'boolean',
    variants: BOOL,
    ...about('Pharmacy informatics', 'operational', ['medication', 'fallback'], [90, 1]),
    envs: { staging: live('off'), production: { ...live('off'), killed: true } },
  },
  {
    key: 'patient_summary_llm',
    name: 'Patient summary (LLM)',
    description: 'LLM-drafted patient summaries for cardiology physicians; reads PHI, so it carries the hipaa tag.',
    type: 'boolean',
    variants: BOOL,
    ...about('Clinical documentation AI', 'operational', ['hipaa', 'llm', 'cardiology'], [30, 9]),
    envs: {
      staging: live('off'),
      production: live('off', on('off'), [rule('cardiology-physicians', 'Cardiology physicians', [cond('department', 'in', ['cardiology']), cond('role', 'in', ['physician'])], on())]),
    },
  },
  {
    key: 'radiology_ai_overlay',
    name: 'Radiology AI overlay',
    description: 'Highlights suspected intracranial haemorrhage on CT head studies. Awaiting clinical validation before production.',
    type: 'boolean',
    variants: BOOL,
    ...about('Imaging AI', 'diagnostic', ['radiology', 'imaging'], [14, 3]),
    guardedSloKeys: ['diagnosis_accuracy'],
    envs: { development: live('off'), staging: live('off', on('off'), [rule('radiology', 'Radiology department', [cond('department', 'in', ['radiology'])], on())]) },
  },
  {
    key: 'ed_triage_copy',
    name: 'ED triage suggestion wording',
    description: 'A/B test: concise triage suggestion wording against the current copy; primary metric triage_completed.',
    type: 'string',
    variants: variants(['control', 'current', 'Current wording'], ['concise', 'concise', 'Concise wording']),
    ...about('Emergency department AI', 'experiment', ['experiment', 'emergency'], [8, 7]),
    guardedSloKeys: ['emergency_triage_response_time'],
    envs: {
      staging: live('control', half('control', 'concise')),
      production: live('control', on('control'), [rule('emergency-only', 'Emergency department', [cond('department', 'in', ['emergency'])], half('control', 'concise'))]),
    },
  },
  {
    key: 'nurse_handoff_summary',
    name: 'Nurse handoff summary',
    description: 'Shift-change summaries for nurses in the south region hospitals (pilot).',
    type: 'boolean',
    variants: BOOL,
    ...about('Nursing informatics', 'operational', ['nursing', 'pilot'], [20, 4]),
    envs: {
      staging: live('off'),
      production: live('off', on('off'), [rule('south-nurses', 'Nurses, south region', [cond('role', 'in', ['nurse']), cond('region', 'in', ['south'])], on())]),
    },
  },
  {
    key: 'cardiology_risk_threshold',
    name: 'Cardiology risk alert threshold',
    description: 'Probability above which the deterioration model raises an alert on cardiology wards.',
    type: 'number',
    variants: variants(['standard', 0.5, '0.50'], ['sensitive', 0.35, '0.35 (more alerts)']),
    ...about('Clinical AI — cardiology', 'operational', ['cardiology', 'alerting'], [60, 15]),
    envs: {
      staging: live('standard', on('sensitive')),
      production: live('standard', on('standard'), [rule('cardiology', 'Cardiology department', [cond('department', 'equals', ['cardiology'])], on('sensitive'))]),
    },
  },
  {
    key: 'alert_routing_config',
    name: 'Alert routing configuration',
    description: 'JSON routing for AI alerts to pagers; unchanged for weeks at 100 %, so the stale job has flagged it for clean-up.',
    type: 'json',
    variants: variants(['default', { channel: 'pager', escalateAfterMinutes: 5 }, 'Pager, escalate after 5 min'], ['quiet', { channel: 'inbox', escalateAfterMinutes: 30 }, 'Inbox, 30 min']),
    ...about('Operations', 'operational', ['alerting'], [120, 45]),
    lifecycle: 'stale',
    envs: { development: live('quiet', on('default')), staging: live('quiet', on('default')), production: live('quiet', on('default')) },
  },
]
