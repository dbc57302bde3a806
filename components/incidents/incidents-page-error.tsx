'use client'

import { PageError, type PageErrorProps } from '@/components/ui/page-error'

/** The error.tsx body of the incident pages: what failed, a reference for the logs, and a way forward. */
export function IncidentsPageError(props: PageErrorProps) {
  return <PageError {...props} back={{ href: '/incidents', label: 'Incident board' }} />
}
