/** An OpenSLO v1 file for a new SLO (on the demo's Imaging AI service unless told); the target sits on line 29. */
export function openSloFile(key: string, name: string, target = '0.99', service = 'imaging-ai'): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${key.replace(/_/g, '-')}
  displayName: ${name}
  annotations:
    wardroom.local/key: ${key}
    wardroom.local/min-events: "20"
spec:
  description: Chest X-ray reads come back within 5 seconds
  service: ${service}
  indicator:
    metadata:
      name: imaging-read-time
    spec:
      thresholdMetric:
        metricSource:
          type: Wardroom
          spec:
            sli: imaging_read_time
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: ${name}
      op: lte
      value: 5000
      target: ${target}
  alertPolicies:
    - kind: AlertPolicy
      metadata:
        name: imaging-read-burn
      spec:
        conditions:
          - kind: AlertCondition
            metadata:
              name: fast-burn
            spec:
              severity: page
              condition: { kind: burnrate, op: gt, threshold: 13.44, lookbackWindow: 1h }
`
}
