import type { ComplianceRecordView } from '@/lib/flags/queries'
import type { GateStatus } from '@/lib/flags/gates'
import { GATE_LABELS } from '@/lib/flags/gates'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'
import { GateBadge } from './flag-badges'

const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`
const kindLabel = (k: string) => capital(GATE_LABELS[k as keyof typeof GATE_LABELS] ?? k)

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
        <Table caption="Compliance records">
          <THead>
            <Tr>
              <Th>Evidence</Th>
              <Th>Reference</Th>
              <Th>Date</Th>
              <Th>Scope</Th>
              <Th>Recorded</Th>
            </Tr>
          </THead>
          <TBody>
            {records.map((r) => (
              <Tr key={r.id}>
                <Td>{kindLabel(r.kind)}</Td>
                <Td className="font-mono text-[13px]">{r.reference}</Td>
                <Td>{r.date}</Td>
                <Td className="max-w-64">{r.scope || <span className="text-ink-faint">none given</span>}</Td>
                <Td>
                  <RelativeTime date={r.createdAt} />
                  {r.recordedBy && <div className="text-xs text-ink-muted">{r.recordedBy}</div>}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  )
}
