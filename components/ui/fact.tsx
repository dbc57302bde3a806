import type { ReactNode } from 'react'

/** One term and its value in a record's facts (`<dl>`): an incident's, a service's, a job's. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-ink-muted">{label}</dt>
      <dd className="mt-0.5 text-sm text-ink">{children}</dd>
    </div>
  )
}
