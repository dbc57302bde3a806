/**
 * Compliance gates and 4-eyes, pure part. Which evidence a flag needs follows from its tags and category:
 *   tag `hipaa`                         → hipaa_review
 *   category clinical_decision_support → fda_approval (reference, date, scope)
 *   category diagnostic                 → clinical_validation
 * Compliance gates block any change that makes the flag serve anything but its off variant in production
 * (staging and development hold no patient data and no clinical use). Every production change to a gated
 * flag also needs a second person's approval (four_eyes), except changes that only reduce exposure (kill
 * switch on, pause, roll back): in a clinical incident those must never wait for anyone.
 */
import type { ComplianceKind, EnvironmentConfig } from './schema'

export type GateName = ComplianceKind | 'four_eyes'

export const GATE_LABELS: Record<GateName, string> = {
  hipaa_review: 'HIPAA review',
  fda_approval: 'FDA approval',
  clinical_validation: 'clinical validation sign-off',
  four_eyes: 'approval by a second person',
}

export interface GatedFlag {
  tags: readonly string[]
  category: string
}

export interface ComplianceEvidence {
  kind: string
  reference: string
  date: string
  scope: string
}

/** The compliance records a flag needs before it may serve in production. */
export function requiredCompliance(flag: GatedFlag): ComplianceKind[] {
  const out: ComplianceKind[] = []
  if (flag.tags.some((t) => t.toLowerCase() === 'hipaa')) out.push('hipaa_review')
  if (flag.category === 'clinical_decision_support') out.push('fda_approval')
  if (flag.category === 'diagnostic') out.push('clinical_validation')
  return out
}

/** A flag is gated when it needs any compliance evidence: production changes then need 4-eyes. */
export function isGated(flag: GatedFlag): boolean {
  return requiredCompliance(flag).length > 0
}

/** Evidence that counts: an FDA approval must name its reference, date and scope. */
export function isValidEvidence(r: ComplianceEvidence): boolean {
  if (!r.reference.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(r.date)) return false
  if (r.kind === 'fda_approval' && !r.scope.trim()) return false
  return true
}

export function missingCompliance(flag: GatedFlag, records: readonly ComplianceEvidence[]): ComplianceKind[] {
  const have = new Set(records.filter(isValidEvidence).map((r) => r.kind))
  return requiredCompliance(flag).filter((k) => !have.has(k))
}

/** Whether a configuration serves anything but the off variant to anyone. */
export function exposes(config: Pick<EnvironmentConfig, 'enabled' | 'offVariant' | 'rules' | 'defaultServe'>, killed = false): boolean {
  if (!config.enabled || killed) return false
  const serves = [config.defaultServe, ...config.rules.map((r) => r.serve)]
  return serves.some((s) =>
    'variant' in s ? s.variant !== config.offVariant : s.split.some((p) => p.weight > 0 && p.variant !== config.offVariant),
  )
}

export interface GateStatus {
  gate: GateName
  label: string
  required: boolean
  satisfied: boolean
  /** Why it applies, in the product's words. */
  reason: string
}

/** The gates of a flag and whether each is met (4-eyes is "satisfied" per change, so it reports required only). */
export function gateStatuses(flag: GatedFlag, records: readonly ComplianceEvidence[]): GateStatus[] {
  const missing = new Set(missingCompliance(flag, records))
  const reasons: Record<ComplianceKind, string> = {
    hipaa_review: 'Tagged hipaa',
    fda_approval: 'Clinical decision support',
    clinical_validation: 'Diagnostic',
  }
  const out: GateStatus[] = requiredCompliance(flag).map((kind) => ({
    gate: kind,
    label: GATE_LABELS[kind],
    required: true,
    satisfied: !missing.has(kind),
    reason: reasons[kind],
  }))
  if (out.length) {
    out.push({ gate: 'four_eyes', label: GATE_LABELS.four_eyes, required: true, satisfied: false, reason: 'Production changes to a gated flag' })
  }
  return out
}
