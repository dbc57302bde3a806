'use client'

import { PageError, type PageErrorProps } from '@/components/ui/page-error'

/** The error.tsx body of the analytics pages: what failed, a reference for the logs, a way back. */
export function AnalyticsPageError(props: PageErrorProps) {
  return (
    <PageError
      {...props}
      back={{ href: '/analytics', label: 'Analytics overview' }}
      advice="Trying again usually works if the database was briefly unavailable; if it keeps failing, give the reference to whoever runs Wardroom."
    />
  )
}
