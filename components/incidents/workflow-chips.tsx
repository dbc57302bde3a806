import { Badge } from '@/components/ui/badge'
import { cn } from '@/lib/cn'
import { isWorkflow, WORKFLOW_LABELS } from '@/lib/incidents/schema'

/**
 * The clinical workflows an incident affects. Emergency triage stands out (critical tone and an icon,
 * with the word): it raises severity and is what clinicians feel first.
 */
export function WorkflowChips({ workflows, className }: { workflows: readonly string[]; className?: string }) {
  if (workflows.length === 0) return null
  return (
    <ul aria-label="Affected clinical workflows" className={cn('flex flex-wrap gap-1', className)}>
      {workflows.map((w) => {
        const label = isWorkflow(w) ? WORKFLOW_LABELS[w] : w.replace(/_/g, ' ')
        return (
          <li key={w}>
            {w === 'emergency_triage' ? (
              <Badge tone="critical" icon="alert-octagon">
                {label}
              </Badge>
            ) : (
              <Badge tone="accent">{label}</Badge>
            )}
          </li>
        )
      })}
    </ul>
  )
}
