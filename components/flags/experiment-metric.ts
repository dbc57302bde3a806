import type { PrimaryMetric } from '@/lib/flags/experiments'

/** "Conversion to triage_accepted", "SLI of SLO triage-latency". */
export function describeMetric(m: PrimaryMetric): string {
  if (m.type === 'event') return `Conversion to ${m.event}`
  if (m.type === 'sli') return `SLI of SLO ${m.slo}`
  return 'Not set'
}

/** "control variant: standard"; a variant named "control" reads "the control variant", not "control control". */
export function describeControl(variant: string): string {
  return variant.trim().toLowerCase() === 'control' ? 'the control variant' : `control variant: ${variant}`
}
