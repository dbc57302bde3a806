import type { WorkflowDefinition, WorkflowStep } from '@/lib/analytics/workflow-schema'
import { ORDER_MODE_TEXT } from '@/lib/analytics/workflow-draft'
import { formatDuration } from '@/lib/format'
import { Fact } from '@/components/ui/fact'

function Filters({ filters }: { filters: WorkflowStep['filters'] }) {
  const entries = Object.entries(filters)
  if (entries.length === 0) return null
  return (
    <span className="block text-xs text-ink-muted">
      where{' '}
      {entries.map(([k, v], i) => (
        <span key={k}>
          {i > 0 && ' and '}
          <span className="font-mono">{k}</span> = <span className="font-mono">{typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)}</span>
        </span>
      ))}
    </span>
  )
}

/** A workflow's definition to read (people who may not edit it). */
export function WorkflowSummary({ workflow }: { workflow: WorkflowDefinition }) {
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3">
        <Fact label="Key">
          <span className="font-mono">{workflow.key}</span>
        </Fact>
        <Fact label="Conversion window">{formatDuration(workflow.conversionWindowMs)}</Fact>
        <Fact label="Step order">
          {ORDER_MODE_TEXT[workflow.orderMode].label}
          <span className="block text-xs text-ink-muted">{ORDER_MODE_TEXT[workflow.orderMode].explanation}</span>
        </Fact>
      </dl>
      <div>
        <h3 className="text-sm font-semibold text-ink">Steps</h3>
        <ol className="mt-2 divide-y divide-line rounded-md border border-line">
          {workflow.steps.map((s, i) => (
            <li key={i} className="flex gap-3 px-3 py-2 text-sm">
              <span className="w-6 text-ink-muted tabular-nums">{i + 1}.</span>
              <span className="min-w-0">
                <span className="font-medium text-ink">{s.label ?? s.event}</span> <span className="font-mono text-xs text-ink-muted">{s.event}</span>
                <Filters filters={s.filters} />
              </span>
            </li>
          ))}
        </ol>
      </div>
      {workflow.exclusions.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-ink">Exclusion steps</h3>
          <ul className="mt-2 space-y-1 text-sm">
            {workflow.exclusions.map((x, i) => (
              <li key={i}>
                <span className="font-mono">{x.event}</span> between step {x.afterStep} and step {x.beforeStep} voids the chain beyond step {x.afterStep}
                <Filters filters={x.filters} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
