import Link from 'next/link'
import type { ReactNode } from 'react'
import type { EvidenceView } from '@/lib/roadmap/evidence-queries'
import { formatNumber } from '@/lib/format'
import { dropOffOf, lostPerQuarter } from '@/lib/roadmap/evidence'
import { Badge, type BadgeTone } from '@/components/ui/badge'
import { EvidenceLinkForm, UnlinkButton } from './evidence-link-form'

const FEEDBACK_WORDS: Record<string, string> = { new: 'New', triaged: 'Triaged', in_progress: 'In progress', planned: 'Planned', done: 'Done', wont_do: 'Won’t do' }
const LEVEL_TONE: Record<string, BadgeTone> = { high: 'high', medium: 'medium', low: 'low', critical: 'critical', info: 'info' }
const SLO_TONE: Record<string, BadgeTone> = { ok: 'ok', at_risk: 'at-risk', breached: 'breached' }
const SLO_WORDS: Record<string, string> = { ok: 'ok', at_risk: 'at risk', breached: 'breached' }

function Group({ title, count, children, empty }: { title: string; count: number; children: ReactNode; empty: string }) {
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-medium text-ink">
        {title} <span className="text-ink-muted tabular-nums">({count})</span>
      </h3>
      {count === 0 ? <p className="text-sm text-ink-muted">{empty}</p> : children}
    </section>
  )
}

const th = 'px-2 py-1.5 text-left text-xs font-medium text-ink-muted'
const td = 'px-2 py-1.5 align-top text-sm text-ink'

/** What is linked to the item as evidence, and the SLO debt of its service, with a form to link more. */
export function EvidencePanel({ itemId, evidence, canEdit, insightChoices }: { itemId: string; evidence: EvidenceView; canEdit: boolean; insightChoices: readonly { id: string; name: string }[] }) {
  const unlink = (kind: 'feedback' | 'insight' | 'competitor_threat' | 'incident', targetId: string, label: string) =>
    canEdit ? <UnlinkButton itemId={itemId} kind={kind} targetId={targetId} label={label} /> : null
  return (
    <div className="space-y-6">
      <Group title="Clinician feedback" count={evidence.feedback.length} empty="No feedback linked. Link a report by its FB number.">
        <table className="w-full">
          <caption className="sr-only">Linked feedback</caption>
          <thead>
            <tr className="border-b border-line">
              <th className={th}>Item</th>
              <th className={th}>Status</th>
              <th className={`${th} text-right`}>Reports</th>
              <th className={th}>Departments</th>
              <th className={th}>Safety</th>
              {canEdit && <th className={th}><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {evidence.feedback.map((f) => (
              <tr key={f.id} className="border-b border-line last:border-0">
                <td className={td}>
                  <Link href={`/feedback/${f.id}`} className="font-medium hover:underline">
                    FB-{f.number}
                  </Link>
                  {f.title && <span className="ml-2 text-ink-muted">{f.title}</span>}
                </td>
                <td className={td}>{FEEDBACK_WORDS[f.status] ?? f.status}</td>
                <td className={`${td} text-right tabular-nums`} title={f.duplicateCount > 0 ? `itself and ${f.duplicateCount} merged duplicates` : undefined}>
                  {formatNumber(1 + f.duplicateCount)}
                </td>
                <td className={td}>{f.departments.length === 0 ? 'not given' : f.departments.join(', ')}</td>
                <td className={td}>
                  {f.safetyConcern ? (
                    <Badge tone="critical" icon="alert-octagon">
                      Safety concern
                    </Badge>
                  ) : (
                    'none'
                  )}
                </td>
                {canEdit && <td className={`${td} text-right`}>{unlink('feedback', f.id, `FB-${f.number}`)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </Group>

      <Group title="Analytics drop-offs" count={evidence.insights.length} empty="No analytics insight linked.">
        <ul className="space-y-2">
          {evidence.insights.map((i) => (
            <li key={i.id} className="flex flex-wrap items-start justify-between gap-2 text-sm text-ink">
              <span>
                <Link href="/analytics/insights" className="font-medium hover:underline">
                  “{i.stepLabel}” in {i.workflowKey}
                </Link>
                {i.department && <span className="text-ink-muted"> · {i.department}</span>}:{' '}
                {i.suppressed ? (
                  'too few people to show the counts (k-anonymity); not counted in reach'
                ) : (
                  <>
                    {formatNumber(i.currentLost)} of {formatNumber(i.currentBase)} users lost ({Math.round(dropOffOf(i) * 100)} %) in {i.periodDays} days, about{' '}
                    <span className="tabular-nums">{formatNumber(lostPerQuarter(i))}</span> a quarter
                  </>
                )}
              </span>
              {unlink('insight', i.id, `the insight on ${i.stepLabel}`)}
            </li>
          ))}
        </ul>
      </Group>

      <Group title="Competitor threats" count={evidence.threats.length} empty="No competitor threat linked.">
        <ul className="space-y-2">
          {evidence.threats.map((t) => (
            <li key={t.id} className="flex flex-wrap items-start justify-between gap-2 text-sm text-ink">
              <span className="flex flex-wrap items-center gap-2">
                <Link href="/competitors" className="font-medium hover:underline">
                  {t.capability}
                </Link>
                <Badge tone={LEVEL_TONE[t.level] ?? 'neutral'} icon="alert">
                  {t.level} threat
                </Badge>
                <span className="text-ink-muted tabular-nums">score {formatNumber(t.score, { digits: 2 })}</span>
              </span>
              {unlink('competitor_threat', t.id, `the threat on ${t.capability}`)}
            </li>
          ))}
        </ul>
      </Group>

      <Group title="Incidents" count={evidence.incidents.length} empty="No incident linked.">
        <ul className="space-y-2">
          {evidence.incidents.map((i) => (
            <li key={i.id} className="flex flex-wrap items-start justify-between gap-2 text-sm text-ink">
              <span className="flex flex-wrap items-center gap-2">
                <Link href={`/incidents/${i.id}`} className="font-medium hover:underline">
                  INC-{i.number}
                </Link>
                <span>{i.title}</span>
                <Badge tone={LEVEL_TONE[i.severity] ?? 'neutral'}>{i.severity}</Badge>
                <span className="text-ink-muted">{i.status}</span>
              </span>
              {unlink('incident', i.id, `INC-${i.number}`)}
            </li>
          ))}
        </ul>
      </Group>

      <section className="space-y-2">
        <h3 className="text-sm font-medium text-ink">SLO debt{evidence.service ? ` of ${evidence.service.name}` : ''}</h3>
        {!evidence.service ? (
          <p className="text-sm text-ink-muted">No affected service is set (Details), so no SLO debt is read.</p>
        ) : evidence.slo.length === 0 ? (
          <p className="text-sm text-ink-muted">{evidence.service.name} has no SLO with data in its window.</p>
        ) : (
          <ul className="space-y-1">
            {evidence.slo.map((s) => (
              <li key={s.key} className="flex flex-wrap items-center gap-2 text-sm text-ink">
                <Link href={`/slo/${encodeURIComponent(s.key)}`} className="font-medium hover:underline">
                  {s.name}
                </Link>
                <Badge tone={SLO_TONE[s.status] ?? 'neutral'}>{SLO_WORDS[s.status] ?? s.status}</Badge>
                <span className="tabular-nums">{formatNumber(s.budgetConsumedPercent, { digits: 1 })} % of its error budget spent</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {canEdit && (
        <div className="border-t border-line pt-4">
          <EvidenceLinkForm itemId={itemId} insightChoices={insightChoices} />
        </div>
      )}
    </div>
  )
}
