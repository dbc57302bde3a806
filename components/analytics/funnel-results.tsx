import type { ReactNode } from 'react'
import type { FunnelReport } from '@/lib/analytics/funnel-query'
import { buttonClasses } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Icon } from '@/components/ui/icons'
import { SectionCard } from '@/components/ui/section-card'
import { FunnelChart } from './funnel-chart'
import { FunnelDropOffs } from './funnel-dropoffs'
import { hasPeople, hiddenGroupsSentence, kAnonymityNote } from './funnel-display'
import { funnelExportUrl } from './funnel-query-keys'
import { FunnelStepsTable } from './funnel-steps-table'
import { TimeToConvertChart } from './time-to-convert-chart'

export interface FunnelResultsProps {
  report: FunnelReport
  /** The funnel's exact query string (funnelParamsToSearch): the CSV and drop-off lists are of the same funnel. */
  search: string
  /** "AI-assisted diagnosis" or "Custom funnel". */
  title: string
  /** "Last 7 days · 1 h window · in order · by department". */
  description: string
  /** Why nobody started, in words (shown instead of the results when the funnel is empty). */
  emptyReason: ReactNode
}

/** Whether any figure of the report is suppressed (then the page says why, once per section that shows one). */
export function anySuppressed(report: FunnelReport): boolean {
  return [report.overall, ...report.groups].some((s) => s.started === null || s.steps.some((x) => x.users === null || x.dropOff === null))
}

function CsvLink({ search, table, what }: { search: string; table: 'steps' | 'time'; what: string }) {
  return (
    <a href={funnelExportUrl(search, table)} download className={buttonClasses('secondary', 'sm')} aria-label={`Download ${what} as CSV`}>
      <Icon name="arrow-down" size={14} />
      CSV
    </a>
  )
}

function Note({ children }: { children: ReactNode }) {
  return (
    <p className="flex items-start gap-1.5 text-xs text-ink-muted">
      <Icon name="info" size={14} className="mt-px shrink-0" />
      <span>{children}</span>
    </p>
  )
}

/** The funnel's chart, its numbers, how long converting took and who dropped off where. */
export function FunnelResults({ report, search, title, description, emptyReason }: FunnelResultsProps) {
  const k = report.minGroupSize
  if (!hasPeople(report)) {
    return (
      <Card as="div">
        <EmptyState title="Nobody started this funnel in the range" icon="chart">
          {emptyReason}
        </EmptyState>
      </Card>
    )
  }
  const hidden = hiddenGroupsSentence(report.hiddenGroups, k)
  const suppressed = anySuppressed(report)
  const notes = (
    <>
      {hidden && <Note>{`${hidden} Each group shown has at least ${k} people at step 1; the whole population (“Everyone”) includes the hidden ones.`}</Note>}
      {suppressed && <Note>{kAnonymityNote(k)}</Note>}
    </>
  )

  return (
    <>
      <SectionCard headingId="funnel-chart" title={title} description={description} bodyClassName="space-y-3">
        <FunnelChart report={report} label={`${title}: users per step${report.groups.length > 0 ? ' by group' : ''}`} />
        {notes}
      </SectionCard>

      <div className="grid gap-6 xl:grid-cols-2">
        <SectionCard
          headingId="funnel-time"
          title="Time to convert"
          description="From the first step to the last, for everyone who completed."
          actions={<CsvLink search={search} table="time" what="the time-to-convert table" />}
        >
          <TimeToConvertChart report={report} label={`${title}: time to convert`} />
        </SectionCard>
        <SectionCard headingId="funnel-dropoffs" title="Who dropped off" description="People who reached a step but not the next, with their sessions (pseudonymous)." bare>
          <FunnelDropOffs overall={report.overall} search={search} k={k} />
        </SectionCard>
      </div>

      <SectionCard
        headingId="funnel-steps"
        title="Steps"
        description="Conversion and drop-off at each step, for everyone and each group."
        actions={<CsvLink search={search} table="steps" what="the steps table" />}
        bare
      >
        <FunnelStepsTable report={report} caption={`${title}: steps`} />
        {(hidden || suppressed) && <div className="space-y-1 border-t border-line px-4 py-3">{notes}</div>}
      </SectionCard>
    </>
  )
}
