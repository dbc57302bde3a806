import Link from 'next/link'
import type { WorkflowSlos } from '@/lib/overview/clinical-workflows'
import { formatBudgetLeft, formatCompliance, formatTarget } from '@/lib/slo/display'
import { SectionCard } from '@/components/ui/section-card'
import { StatusBadge } from '@/components/ui/status-badge'

/**
 * A clinician's home: for each clinical workflow, its service levels (status, compliance against target,
 * error budget left), read-only, each linking to its SLO page.
 */
export function ClinicalWorkflows({ workflows }: { workflows: WorkflowSlos[] }) {
  return (
    <SectionCard
      headingId="workflows-heading"
      title="Your clinical workflows"
      description="How the AI services you rely on are doing against their service-level objectives, over each objective's window. Read-only: operations act on them."
      bodyClassName="grid gap-6 py-4 lg:grid-cols-3"
    >
      {workflows.map((w) => (
        <section key={w.workflow} aria-labelledby={`workflow-${w.workflow}`} className="min-w-0 space-y-2">
          <h3 id={`workflow-${w.workflow}`} className="text-sm font-semibold text-ink">
            {w.label}
          </h3>
          {w.slos.length === 0 ? (
            <p className="text-sm text-ink-muted">No objective covers this workflow yet.</p>
          ) : (
            <ul className="space-y-2">
              {w.slos.map((s) => (
                <li key={s.key} className="rounded-md border border-line px-3 py-2">
                  <div className="flex items-start justify-between gap-2">
                    <Link href={`/slo/${encodeURIComponent(s.key)}`} className="min-w-0 text-sm font-medium text-ink hover:underline">
                      {s.name}
                    </Link>
                    <StatusBadge status={s.status} className="shrink-0" />
                  </div>
                  <p className="mt-1 text-xs text-ink-muted tabular-nums">
                    {s.compliance === null ? 'No events in the window yet' : `${formatCompliance(s.compliance)} against a target of ${formatTarget(s.target)}`} · error
                    budget left: {formatBudgetLeft(s.target, s.budgetRemaining)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </SectionCard>
  )
}
