import { ButtonLink } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'

export default function SloNotFound() {
  return (
    <Card as="div">
      <EmptyState title="No such objective" icon="search" action={<ButtonLink href="/slo">All objectives</ButtonLink>}>
        There is no service level objective with this key. It may have been renamed or removed.
      </EmptyState>
    </Card>
  )
}
