import Link from 'next/link'
import type { ManagedSlo } from '@/lib/slo/manage-reads'
import { formatTarget } from '@/lib/slo/display'
import { Badge } from '@/components/ui/badge'
import { ButtonLink } from '@/components/ui/button'
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { ArchiveSloButton } from './archive-slo-button'
import { budgetingWords, scopeWords } from './slo-words'

const windowOf = (s: ManagedSlo) => (s.windowKind === 'calendar_month' ? 'calendar month' : `${s.windowDays} days`)

function alertingOf(s: ManagedSlo): string {
  const kinds = [s.pageEnabled && 'page', s.ticketEnabled && 'ticket'].filter(Boolean).join(' + ') || 'none'
  return s.escalationPolicy && kinds !== 'none' ? `${kinds} → ${s.escalationPolicy}` : kinds
}

/** Every objective with its definition at a glance, archived ones last and marked; edit and archive per row. */
export function ManagedSloTable({ slos }: { slos: readonly ManagedSlo[] }) {
  return (
    <Table caption="Objectives and their definitions" captionHidden>
      <THead>
        <Tr>
          <Th>Objective</Th>
          <Th>Scope</Th>
          <Th numeric>Target</Th>
          <Th>Window</Th>
          <Th>Alerts</Th>
          <Th>Guards rollouts</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {slos.map((s) => (
          <Tr key={s.key}>
            <Td>
              <Link href={`/slo/${encodeURIComponent(s.key)}`} className="font-medium text-ink hover:underline">
                {s.name}
              </Link>
              <span className="block text-xs text-ink-muted">
                {s.key} · {s.sliType}
              </span>
              {s.archivedAt && (
                <Badge tone="neutral" className="mt-1">
                  Archived
                </Badge>
              )}
            </Td>
            <Td>{scopeWords(s.service, s.workflow)}</Td>
            <Td numeric>{formatTarget(s.target)}</Td>
            <Td>
              {windowOf(s)}
              <span className="block text-xs text-ink-muted">{budgetingWords(s.budgeting)}</span>
            </Td>
            <Td>{alertingOf(s)}</Td>
            <Td>{s.guardsRollouts ? 'yes' : 'no'}</Td>
            <Td>
              <div className="flex justify-end gap-2">
                <ButtonLink size="sm" href={`/slo/manage/${encodeURIComponent(s.key)}`}>
                  Edit<span className="sr-only"> {s.name}</span>
                </ButtonLink>
                <ArchiveSloButton sloKey={s.key} name={s.name} archived={s.archivedAt !== null} />
              </div>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  )
}
