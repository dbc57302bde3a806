/** The product's words for flag values shown on screen. */
import { ENVIRONMENT_LABELS, type Environment, type FlagCategory } from '@/lib/flags/schema'

export const CATEGORY_LABELS: Record<FlagCategory, string> = {
  operational: 'Operational',
  clinical_decision_support: 'Clinical decision support',
  diagnostic: 'Diagnostic',
  experiment: 'Experiment',
  release: 'Release',
}

export const categoryLabel = (c: string): string => CATEGORY_LABELS[c as FlagCategory] ?? c

export const environmentLabel = (e: string): string => ENVIRONMENT_LABELS[e as Environment] ?? e

export const LIFECYCLE_LABELS = { active: 'Active', stale: 'Stale', archived: 'Archived' } as const
