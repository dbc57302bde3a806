import type { ComplianceRecordView } from '@/lib/flags/queries'
import type { GateStatus } from '@/lib/flags/gates'
import { GATE_LABELS } from '@/lib/flags/gates'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { DataTable, type Columns } from '@/components/ui/data-table'
import { GateBadge } from './flag-badges'

const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`
const kindLabel = (k: string) => capital(GATE_LABELS[k as keyof typeof GATE_LABELS] ?? k)

const RECORD_COLUMNS: Columns<ComplianceRecordView> = [
  { header: 'Evidence', cell: (r) => kindLabel(r.kind) },
  { header: 'Reference', className: 'font-mono text-[13px]', cell: (r) => r.reference },
  { header: 'Date', cell: (r) => r.date },
  { header: 'Scope', className: 'max-w-64', cell: (r) => r.scope || <span className="text-ink-faint">none given</span> },
  {
    header: 'Recorded',
    cell: (r) => (
      <>
        <RelativeTime date={r.createdAt} />
        {r.recordedBy && <div className="text-xs text-ink-muted">{r.recordedBy}</div>}
      </>
    ),
  },
]

/** Each gate of the flag with satisfied / missing, then the compliance records on file. */
export function GatesPanel({ gates, records }: { gates: readonly GateStatus[]; records: readonly ComplianceRecordView[] }) {
  return (
    <div className="space-y-4">
      {gates.length === 0 ? (
        <p className="text-sm text-ink-muted">
          No compliance gates: the flag is not tagged hipaa and is neither clinical decision support nor diagnostic. Production changes apply at once.
        </p>
      ) : (
        <ul className="divide-y divide-line rounded-md border border-line" aria-label="Compliance gates">
          {gates.map((g) => (
            <li key={g.gate} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <div>
                <p className="text-sm font-medium text-ink">{capital(g.label)}</p>
                <p className="text-xs text-ink-muted">
                  {g.gate === 'four_eyes'
                    ? `${g.reason}: each production change waits for a second person's approval (turning the kill switch on, pausing and rolling back never wait).`
                    : `${g.reason}: needed before production serves anything but the off variant.`}
                </p>
              </div>
              {g.gate === 'four_eyes' ? (
                <Badge tone="info" icon="users">
                  Per change
                </Badge>
              ) : (
                <GateBadge satisfied={g.satisfied} />
              )}
            </li>
          ))}
        </ul>
      )}
      {records.length === 0 ? (
        <p className="text-sm text-ink-muted">No compliance records on file.</p>
      ) : (
        <DataTable caption="Compliance records" columns={RECORD_COLUMNS} rows={records} rowKey={(r) => r.id} />
      )}
    </div>
  )
}
