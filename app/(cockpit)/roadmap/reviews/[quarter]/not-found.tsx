import { ButtonLink } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { RECORD_NOT_FOUND } from '@/components/shell/not-found-words'

const words = RECORD_NOT_FOUND['roadmap-review']

export default function RoadmapReviewNotFound() {
  return (
    <Card as="div">
      <EmptyState title={words.title} icon="search" action={<ButtonLink href={words.back.href}>{words.back.label}</ButtonLink>}>
        {words.body}
      </EmptyState>
    </Card>
  )
}
