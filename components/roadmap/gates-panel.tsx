import type { ReactNode } from 'react'
import { gateSummary, type GateChecklist } from '@/lib/roadmap/gate-summary'
import { PIPELINE_LABELS, type Pipeline, type Stage } from '@/lib/roadmap/model'
import { Icon } from '@/components/ui/icons'
import { RelativeTime } from '@/components/ui/relative-time'
import { SectionCard } from '@/components/ui/section-card'
import { cn } from '@/lib/cn'
import { FlagGateRow } from './flag-gate-row'
import { GateRow } from './gate-row'

export interface GatesPanelProps {
  item: { id: string; version: number; stage: Stage; pipeline: Pipeline; releasedAt?: Date | null }
  checklist: GateChecklist
  /** roadmap:edit: tick gates, link flags, release. Readers see the checklist only. */
  canEdit: boolean
  /** The release control, shown under the summary while the item is not released. */
  release?: ReactNode
}

/** The item's release checklist: each gate with its state and proof, a summary naming what blocks the release. */
export function GatesPanel({ item, checklist, canEdit, release }: GatesPanelProps) {
  const summary = gateSummary(checklist.gates)
  return (
    <SectionCard headingId="release-gates" title="Release gates" description={`The ${PIPELINE_LABELS[item.pipeline].toLowerCase()} pipeline’s checklist: every gate must be complete before the item is released.`}>
      <p className={cn('flex items-start gap-2 text-sm font-medium', summary.complete ? 'text-ok-fg' : 'text-ink')}>
        <Icon name={summary.complete ? 'check-circle' : 'alert-circle'} size={16} className="mt-0.5 shrink-0" />
        <span>{summary.text}</span>
      </p>
      <ul className="mt-2 divide-y divide-line">
        {checklist.gates.map((gate) =>
          gate.automatic ? (
            <FlagGateRow key={gate.gate} itemId={item.id} version={item.version} gate={gate} flag={checklist.flag} flagOptions={checklist.flagOptions} canEdit={canEdit} />
          ) : (
            <GateRow key={gate.gate} itemId={item.id} gate={gate} canEdit={canEdit} />
          ),
        )}
      </ul>
      {item.stage === 'released' ? (
        <p className="mt-3 flex items-center gap-2 text-sm text-ok-fg">
          <Icon name="check-circle" size={16} />
          <span>
            Released{item.releasedAt && (
              <>
                {' '}
                <RelativeTime date={item.releasedAt} />
              </>
            )}
            .
          </span>
        </p>
      ) : (
        canEdit && release && <div className="mt-3 border-t border-line pt-3">{release}</div>
      )}
    </SectionCard>
  )
}
