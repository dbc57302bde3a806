import type { ReactNode } from 'react'
import { Card, CardBody, CardHeader, CardTitle } from './card'

export interface SectionCardProps {
  /** Id of the card's heading; the card is labelled by it (`aria-labelledby`). */
  headingId: string
  title: ReactNode
  /** One line under the title. */
  description?: ReactNode
  /** Controls on the right of the header. */
  actions?: ReactNode
  /** The card's own id, e.g. an anchor a link scrolls to. */
  id?: string
  className?: string
  /** Classes of the body. */
  bodyClassName?: string
  /** Children fill the card without a body wrapper (a table, an empty state, several bodies). */
  bare?: boolean
  children: ReactNode
}

/** A titled section of a page: a card labelled by its heading, with an optional description and actions. */
export function SectionCard({ headingId, title, description, actions, id, className, bodyClassName, bare = false, children }: SectionCardProps) {
  return (
    <Card id={id} aria-labelledby={headingId} className={className}>
      <CardHeader actions={actions}>
        <CardTitle id={headingId} description={description}>
          {title}
        </CardTitle>
      </CardHeader>
      {bare ? children : <CardBody className={bodyClassName}>{children}</CardBody>}
    </Card>
  )
}
