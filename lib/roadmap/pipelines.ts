/**
 * Release gates (issue 16), pure: each pipeline type has a template of checks that must all be complete
 * before an item may move to "released". Most are ticked by a person with their evidence
 * (RoadmapGateCheck); `flag_rollout` is read from the linked flag: it passes only when the flag has a
 * completed rollout in production. `fda_documentation` / `ce_technical_file` apply only to items whose
 * regulatory pathway needs them.
 */
import { isCePathway, isFdaPathway, type Pathway, type Pipeline } from './model'

export const GATES = [
  'clinical_validation',
  'security_review',
  'privacy_review',
  'fda_documentation',
  'ce_technical_file',
  'flag_rollout',
  'regression_tests',
  'post_release_review',
  'pilot_site_agreement',
  'ethics_approval',
  'pilot_completed',
] as const
export type Gate = (typeof GATES)[number]

export const GATE_LABELS: Record<Gate, { label: string; help: string }> = {
  clinical_validation: { label: 'Clinical validation', help: 'Validated with clinicians against the intended use; results filed.' },
  security_review: { label: 'Security review', help: 'Threat model and code review signed off by security.' },
  privacy_review: { label: 'HIPAA privacy review', help: 'PHI flows reviewed; minimum necessary confirmed.' },
  fda_documentation: { label: 'FDA documentation', help: 'The submission for the FDA pathway is filed (510(k), De Novo or PMA).' },
  ce_technical_file: { label: 'CE technical file', help: 'The MDR technical documentation is complete for the device class.' },
  flag_rollout: { label: 'Feature flag rollout completed', help: 'A linked feature flag finished its production rollout (read from Feature flags).' },
  regression_tests: { label: 'Regression tests', help: 'The fix is covered by a test that failed before it.' },
  post_release_review: { label: 'Post-release review booked', help: 'A review of the hotfix’s effect is booked with the service owner.' },
  pilot_site_agreement: { label: 'Pilot site agreement', help: 'A pilot site agreed scope, duration and success criteria.' },
  ethics_approval: { label: 'Ethics / IRB approval', help: 'The pilot has ethics (IRB) approval where it involves patient care.' },
  pilot_completed: { label: 'Pilot completed', help: 'The pilot ran and its results were reviewed against the success criteria.' },
}

/** Gates whose state is read from another area, not ticked by a person. */
export const AUTOMATIC_GATES: ReadonlySet<Gate> = new Set<Gate>(['flag_rollout'])

/** The gates an item needs before release: its pipeline's template, with the pathway's documents. */
export function requiredGates(pipeline: Pipeline, pathway: Pathway): Gate[] {
  const regulatory: Gate[] = [...(isFdaPathway(pathway) ? (['fda_documentation'] as const) : []), ...(isCePathway(pathway) ? (['ce_technical_file'] as const) : [])]
  switch (pipeline) {
    case 'feature':
      return ['clinical_validation', 'security_review', 'privacy_review', ...regulatory, 'flag_rollout']
    case 'hotfix':
      // Shorter: a fix ships fast, but tested, reviewed for security and followed up.
      return ['regression_tests', 'security_review', 'post_release_review']
    case 'innovation':
      // Ends in a pilot, not a general release.
      return ['pilot_site_agreement', 'ethics_approval', 'clinical_validation', ...regulatory, 'pilot_completed']
  }
}

export interface GateState {
  gate: Gate
  done: boolean
  automatic: boolean
  /** Why it is open or how it was met, in words. */
  detail: string
}

export interface GateFacts {
  /** Gates ticked by a person. */
  ticked: ReadonlySet<string>
  /** The linked flag, when there is one: its key and whether a production rollout completed. */
  flag: { key: string; rolloutCompleted: boolean } | null
}

export function gateStates(pipeline: Pipeline, pathway: Pathway, facts: GateFacts): GateState[] {
  return requiredGates(pipeline, pathway).map((gate) => {
    if (gate === 'flag_rollout') {
      if (!facts.flag) return { gate, done: false, automatic: true, detail: 'No feature flag is linked to this item' }
      return facts.flag.rolloutCompleted
        ? { gate, done: true, automatic: true, detail: `Flag ${facts.flag.key} completed its production rollout` }
        : { gate, done: false, automatic: true, detail: `Flag ${facts.flag.key} has no completed production rollout yet` }
    }
    const done = facts.ticked.has(gate)
    return { gate, done, automatic: false, detail: done ? 'Done' : 'Not done yet' }
  })
}

/** The open gates' names, for the refusal: "Clinical validation, Feature flag rollout completed". */
export function openGateLabels(states: readonly GateState[]): string[] {
  return states.filter((s) => !s.done).map((s) => GATE_LABELS[s.gate].label)
}
