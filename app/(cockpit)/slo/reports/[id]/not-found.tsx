import { ButtonLink } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'

export default function SlaReportNotFound() {
  return (
    <Card as="div">
      <EmptyState title="No such report" icon="search" action={<ButtonLink href="/slo/reports">All reports</ButtonLink>}>
        There is no SLA report at this address. Reports are kept per period; the list shows every one that exists.
      </EmptyState>
    </Card>
  )
}
