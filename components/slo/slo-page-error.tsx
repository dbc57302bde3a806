'use client'

import { PageError, type PageErrorProps } from '@/components/ui/page-error'

/** The error.tsx body of the SLO pages: what failed, a reference for the logs, a way back. */
export function SloPageError(props: PageErrorProps) {
  return (
    <PageError
      {...props}
      back={{ href: '/slo', label: 'All objectives' }}
      advice="Trying again usually works if the database was briefly unavailable; if it keeps failing, give the reference to whoever runs Wardroom."
    />
  )
}
