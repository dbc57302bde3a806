/**
 * Wardroom SLO definitions → OpenSLO v1 YAML, pure: one `kind: SLO` document per SLO, its SLI inline and,
 * when it alerts, one inline AlertPolicy whose conditions are Wardroom's burn-rate rules for its window and
 * whose notification target is the escalation policy it pages. Applying the output changes nothing
 * (openslo.ts reads every field back as written).
 */
import { stringify } from 'yaml'
import type { SloSpec } from './definition'
import { BURN_RULES, ruleThreshold } from './math'
import { ANNOTATIONS, OPENSLO_API_VERSION, WARDROOM_SOURCE } from './openslo-schema'

export interface ExportableSlo extends SloSpec {
  /** The name of the escalation policy at escalationPolicyId, or null. */
  escalationPolicyName: string | null
}

/** An OpenSLO name (RFC 1123 label) for a Wardroom key or SLI name. */
export const dnsName = (s: string) =>
  s
    .replace(/[_.]/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63) || 'slo'

const lookback = (hours: number) => (hours >= 24 ? `${hours / 24}d` : `${hours}h`)

function indicator(slo: SloSpec) {
  const source = (field?: 'good' | 'total') => ({
    metricSource: { type: WARDROOM_SOURCE, spec: { sli: slo.sli, ...(slo.workflow ? { workflow: slo.workflow } : {}), ...(field ? { field } : {}) } },
  })
  return {
    metadata: { name: dnsName(slo.sli) },
    spec: slo.sliType === 'threshold' ? { thresholdMetric: source() } : { ratioMetric: { counter: true, good: source('good'), total: source('total') } },
  }
}

function alertPolicy(slo: ExportableSlo) {
  const windowHours = (slo.windowKind === 'rolling' ? slo.windowDays : 30) * 24
  const rules = BURN_RULES.filter((r) => (r.severity === 'page' ? slo.pageEnabled : slo.ticketEnabled))
  return {
    kind: 'AlertPolicy',
    metadata: { name: `${dnsName(slo.key)}-burn-rate`.slice(0, 63) },
    spec: {
      description: 'Multi-window burn-rate alerts (page: fast burn, ticket: slow burn)',
      alertWhenBreaching: true,
      conditions: rules.map((r) => ({
        kind: 'AlertCondition',
        metadata: { name: r.name.replace('_', '-') },
        spec: {
          severity: r.severity,
          condition: { kind: 'burnrate', op: 'gt', threshold: ruleThreshold(r, windowHours), lookbackWindow: lookback(r.longHours), alertAfter: '1m' },
        },
      })),
      ...(slo.escalationPolicyName ? { notificationTargets: [{ targetRef: slo.escalationPolicyName }] } : {}),
    },
  }
}

/** One SLO as an OpenSLO v1 object (plain data, ready for YAML). */
export function toOpenSlo(slo: ExportableSlo): Record<string, unknown> {
  const name = dnsName(slo.key)
  const objective: Record<string, unknown> = { displayName: slo.name }
  if (slo.sliType === 'threshold') Object.assign(objective, { op: slo.comparator, value: slo.threshold })
  objective.target = slo.target
  if (slo.budgeting === 'timeslices') Object.assign(objective, { timeSliceTarget: slo.timesliceTarget, timeSliceWindow: `${slo.timesliceMinutes}m` })
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: 'SLO',
    metadata: {
      name,
      displayName: slo.name,
      annotations: {
        ...(name === slo.key ? {} : { [ANNOTATIONS.key]: slo.key }),
        [ANNOTATIONS.minEvents]: String(slo.minEvents),
        [ANNOTATIONS.guardsRollouts]: String(slo.guardsRollouts),
      },
    },
    spec: {
      ...(slo.description ? { description: slo.description } : {}),
      service: slo.service,
      indicator: indicator(slo),
      timeWindow: [slo.windowKind === 'calendar_month' ? { duration: '1M', isRolling: false } : { duration: `${slo.windowDays}d`, isRolling: true }],
      budgetingMethod: slo.budgeting === 'timeslices' ? 'Timeslices' : 'Occurrences',
      objectives: [objective],
      ...(slo.pageEnabled || slo.ticketEnabled ? { alertPolicies: [alertPolicy(slo)] } : {}),
    },
  }
}

/** A file of SLO documents separated by `---`, in the order given. */
export function exportOpenSlo(slos: readonly ExportableSlo[]): string {
  const header = `# OpenSLO v1, exported from Wardroom. Apply with: npm run cli -- slo:apply --file <this file>\n`
  return header + slos.map((s) => stringify(toOpenSlo(s), { lineWidth: 0 })).join('---\n')
}
