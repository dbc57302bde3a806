import type { Metadata } from 'next'
import { Suspense } from 'react'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { boardFilterQuery, parseBoardFilters, type SearchParams } from '@/lib/incidents/board'
import { listBoardServices, listResponders } from '@/lib/incidents/board-queries'
import { getBoard } from '@/lib/incidents/board-reads'
import { getPagingStatus } from '@/lib/incidents/paging-queries'
import { Card, CardBody } from '@/components/ui/card'
import { StackedPage } from '@/components/ui/page-header'
import { BoardFilterForm } from '@/components/incidents/board-filter-form'
import { IncidentBoard } from '@/components/incidents/incident-board'
import { PagingWarning } from '@/components/incidents/paging-warning'
import { UpcomingMaintenanceCard } from '@/components/incidents/upcoming-maintenance'

export const metadata: Metadata = { title: 'Incidents' }

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePagePermission('incident:read')
  const { filters, invalid } = parseBoardFilters(await searchParams)
  const [board, services, people, paging] = await Promise.all([getBoard(filters), listBoardServices(), listResponders(), getPagingStatus()])
  const canAck = hasPermission(user.role, 'incident:ack')

  return (
    <StackedPage
      title="Incidents"
      description={
        canAck
          ? 'Every open incident, live. Move a card with its buttons or drag it by its handle (the keyboard works too); open one for its timeline.'
          : 'Every open incident, live. Open one for its timeline and postmortem.'
      }
    >
      <PagingWarning status={paging} canConfigure={hasPermission(user.role, 'notification:manage')} />
      <Card as="div">
        <CardBody className="py-4">
          <BoardFilterForm filters={filters} invalid={invalid} services={services} people={people} />
        </CardBody>
      </Card>
      <IncidentBoard key={boardFilterQuery(filters)} initial={board} canAck={canAck} />
      {/* Streamed after the board: its first render does not wait for the maintenance read. */}
      <Suspense fallback={<p className="text-sm text-ink-muted">Loading upcoming maintenance…</p>}>
        <UpcomingMaintenanceCard />
      </Suspense>
    </StackedPage>
  )
}
